"""What the ASGI module does to the process that serves it."""

import gc
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from northstar import asgi  # noqa: F401  (importing it tunes the process)
from northstar.serving import YOUNG_COLLECTION_THRESHOLD
from tests.e2e.conftest import DaphneServer


def test_serving_freezes_what_start_up_loaded_and_collects_young_objects_less_often():
    assert gc.get_threshold()[0] == YOUNG_COLLECTION_THRESHOLD
    # Start-up objects (modules, templates, URL patterns) are out of every collection's walk.
    assert gc.get_freeze_count() > 10_000


def test_the_server_entry_point_runs_daphne_on_uvloop():
    """`python -m northstar.serve` is how production and the browser tests start daphne."""
    probe = "import asyncio, northstar.serve; print(type(asyncio.new_event_loop()).__module__)"
    finished = subprocess.run(  # noqa: S603
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert finished.stdout.strip().startswith("uvloop")
    helped = subprocess.run(
        [sys.executable, "-m", "northstar.serve", "--help"], capture_output=True, text=True, timeout=60
    )
    assert helped.returncode == 0
    assert "--websocket_timeout" in helped.stdout  # daphne's own options


def test_only_daphne_writes_the_access_log_line():
    from daphne.http_protocol import HTTPFactory

    written = []
    factory = HTTPFactory.__new__(HTTPFactory)
    factory._logFile = type("LogFile", (), {"write": lambda self, line: written.append(line)})()
    factory.log(object())
    assert written == []


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env={**os.environ, **env}
    )


PINNED = """
import os, threading
from northstar.serving import pin_to_one_core
core = pin_to_one_core(os.environ.get("SERVER_CPU"))
seen = []
thread = threading.Thread(target=lambda: seen.append(sorted(os.sched_getaffinity(0))))
thread.start()
thread.join()
print(core, sorted(os.sched_getaffinity(0)), seen[0])
"""


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="cores are pinned on Linux only")
def test_server_cpu_pins_the_process_and_the_threads_it_starts_later_to_one_core():
    allowed = sorted(os.sched_getaffinity(0))
    for setting, core in (("0", allowed[0]), (str(len(allowed) + 1), allowed[1 % len(allowed)])):
        finished = run_python(PINNED, SERVER_CPU=setting)
        assert finished.returncode == 0, finished.stderr
        # The number counts among the allowed cores and wraps around.
        assert finished.stdout.split(maxsplit=1) == [str(core), f"[{core}] [{core}]\n"]
    unset = run_python(PINNED, SERVER_CPU="")
    assert unset.stdout == f"None {allowed} {allowed}\n"


def test_a_server_cpu_that_is_not_a_core_number_stops_the_server_with_a_clear_message():
    for setting in ("first", "-1", "1.5"):
        finished = run_python(PINNED, SERVER_CPU=setting)
        assert finished.returncode == 1
        assert f"SERVER_CPU must be a whole number from 0 up, not {setting!r}." in finished.stderr


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="cores are pinned on Linux only")
def test_the_server_started_with_server_cpu_runs_every_thread_on_that_core():
    allowed = sorted(os.sched_getaffinity(0))
    core = allowed[-1]
    server = DaphneServer(DEBUG="1", STATIC_FROM_FINDERS="1", SERVER_CPU=str(len(allowed) - 1))
    server.start()
    try:
        # A request starts the request threads; they too must be on the core.
        with urllib.request.urlopen(f"{server.url}/static/css/app.css", timeout=10) as response:  # noqa: S310
            assert response.status == 200
        tasks = Path(f"/proc/{server.process.pid}/task")
        cores = {}
        for task in tasks.iterdir():
            status = (task / "status").read_text().splitlines()
            cores[task.name] = next(line.split()[1] for line in status if line.startswith("Cpus_allowed_list"))
        assert len(cores) > 2  # the event loop's thread, a request thread, and more
        assert set(cores.values()) == {str(core)}, cores
    finally:
        server.stop()
