"""What the ASGI module does to the process that serves it."""

import gc
import subprocess
import sys

from northstar import asgi  # noqa: F401  (importing it tunes the process)
from northstar.serving import YOUNG_COLLECTION_THRESHOLD


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
