# The README's two commands are `make run` and `make test`; the rest are helpers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
ARGS ?=

.PHONY: run test lint format install clean bench bench-curve bench-move bench-metrics soak

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

install: $(VENV)/.installed

# The server and the task engine's worker (SQL sources' refreshes), one command: the worker
# starts first and is stopped with the server, by Ctrl-C or however the server ends.
run: install
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py schedule_refreshes
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM HUP; \
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# ruff and mypy first: a lint or type failure is cheaper to learn about than a slow suite.
test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	# django-stubs' plugin imports the settings; DEBUG=1 lets them load without a SECRET_KEY.
	DEBUG=1 $(BIN)/mypy .
	$(BIN)/pytest $(ARGS)

# Live-workshop latency at scale; see docs/performance.md. Not part of `make test`.
# Runs on DATABASE_URL's server in a database of its own (northstar_benchrun, created and
# migrated by the bench) and on REDIS_URL; without them on a SQLite file and the in-memory layer.
W ?= 50
P ?= 15
WORKERS ?= 1
CURVE ?= 1,10,50,100
PHASES ?=
# Each server process runs on a core of its own (SERVER_CPU), as the README says to deploy it;
# PIN=0 leaves them to the scheduler.
PIN ?= 1
PIN_FLAG = $(if $(filter 0,$(PIN)),--no-pin,)

bench: install
	$(BIN)/python -m bench.run --workshops $(W) --participants $(P) --workers $(WORKERS) --phases "$(PHASES)" $(PIN_FLAG)

bench-curve: install
	$(BIN)/python -m bench.run --curve $(CURVE) --participants $(P) --workers $(WORKERS) $(PIN_FLAG)

# One move's CPU in one process without load, split into the request and the consumers' round.
MOVES ?= 200
bench-move: install
	$(BIN)/python -m bench.move --participants $(P) --moves $(MOVES)

# A 15-person workshop at a real room's pace against one server; memory, sockets and presence rows at the end.
MINUTES ?= 30
soak: install
	$(BIN)/python -m bench.soak --minutes $(MINUTES) --participants $(P) $(PIN_FLAG)

# The numbers' figures: a 1,000,000-row CSV import beside PostgreSQL's COPY of the same file,
# then the scorecard under 40 readers. Runs in a database of its own on DATABASE_URL's server
# (northstar_benchmetrics); see docs/performance.md. SECTIONS=import runs one section.
ROWS ?= 1000000
SECTIONS ?= import,scorecard,push
bench-metrics: install
	$(BIN)/python -m bench.metrics --rows $(ROWS) --sections $(SECTIONS)

lint: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .mypy_cache
