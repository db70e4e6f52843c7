"""A short `make soak` (20 s, 4 people) on the test database: the harness works end to end."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.e2e.conftest import database_url_for_test_db


@pytest.mark.bench
def test_a_short_soak_reports_memory_sockets_and_presence_rows(transactional_db, tmp_path):
    output = tmp_path / "soak.json"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env["BENCH_DATABASE_URL"] = database_url_for_test_db()
    command = [sys.executable, "-m", "bench.soak", "--minutes", "0.34", "--participants", "4"]
    command += ["--move-every", "4", "--sample-every", "5", "--static-from-finders", "--output", str(output)]
    finished = subprocess.run(  # noqa: S603
        command, cwd=Path(settings.BASE_DIR), env=env, capture_output=True, text=True, timeout=120
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert "open sockets 4, presence rows 4" in finished.stdout

    results = json.loads(output.read_text())
    assert results["answered"]["autosave"] >= 4 * 3  # everyone, every 5 s
    assert len(results["memory_kb"]) >= 4
    assert results["presence_rows"] == results["open_sockets"] == 4
    assert results["errors"] == []
    assert results["targets"]["presence_rows_equal_open_sockets"] is True
