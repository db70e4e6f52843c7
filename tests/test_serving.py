"""What the launcher (`python -m northstar.serve`) does to the process that serves the app."""

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.conftest import DaphneServer

TUNED = """
import gc, os
from northstar.serve import tune_garbage_collector
print(tune_garbage_collector(os.environ.get("GC_YOUNG_THRESHOLD")), gc.get_threshold()[0], gc.get_freeze_count() > 0)
"""


def test_the_launcher_freezes_what_start_up_loaded_and_collects_young_objects_less_often():
    assert run_python(TUNED, GC_YOUNG_THRESHOLD="").stdout == "10000 10000 True\n"
    assert run_python(TUNED, GC_YOUNG_THRESHOLD="5000").stdout == "5000 5000 True\n"
    # 0 leaves Python's defaults alone.
    assert run_python(TUNED, GC_YOUNG_THRESHOLD="0").stdout.startswith("None ")
    refused = run_python(TUNED, GC_YOUNG_THRESHOLD="lots")
    assert "GC_YOUNG_THRESHOLD must be a whole number from 0 up, not 'lots'." in refused.stderr


def test_the_app_module_leaves_the_process_as_python_made_it():
    """Tuning is the launcher's: importing the ASGI app changes nothing in the interpreter."""
    probe = "import gc; t = gc.get_threshold(); import northstar.asgi; print(gc.get_threshold() == t)"
    finished = run_python(probe, DJANGO_SETTINGS_MODULE="northstar.settings")
    assert finished.stdout.strip() == "True", finished.stderr


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


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env={**os.environ, **env}
    )


PINNED = """
import os, threading
from northstar.serve import pin_to_one_core
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
        # After serving a request, every thread still alive is on the core.
        with urllib.request.urlopen(f"{server.url}/", timeout=10) as response:  # noqa: S310
            assert response.status == 200
        tasks = Path(f"/proc/{server.process.pid}/task")
        cores = {}
        for task in tasks.iterdir():
            try:
                status = (task / "status").read_text().splitlines()
            except (FileNotFoundError, ProcessLookupError):  # a request's thread that ended meanwhile
                continue
            cores[task.name] = next(line.split()[1] for line in status if line.startswith("Cpus_allowed_list"))
        # Request threads come and go with their requests (test above: they inherit the core).
        assert cores
        assert set(cores.values()) == {str(core)}, cores
    finally:
        server.stop()
