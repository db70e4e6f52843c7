"""A small `make bench-metrics` run on the test database: the harness works end to end."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.e2e.conftest import database_url_for_test_db


@pytest.mark.bench
def test_a_small_import_run_writes_every_figure(transactional_db, tmp_path):
    output = tmp_path / "results-metrics.json"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env["BENCH_DATABASE_URL"] = database_url_for_test_db()
    env["NUMBERS_UPLOAD_DIR"] = str(tmp_path / "uploads")
    finished = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench.metrics", "--rows", "3000", "--sections", "import", "--output", str(output)],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert "import_to_copy" in finished.stdout  # the table was printed
    results = json.loads(output.read_text())
    assert results["import_rows"] == 3000
    assert results["import_s"] > 0
    assert results["import_peak_rss_mb"] > 0
    # Three years of days, each of six nodes: every week of each node is new, then unchanged.
    first, again = results["import_values"], results["import_again_values"]
    assert first["rows"] == again["rows"] == 3000
    assert first["new"] > 0
    assert first["changed"] == first["unchanged"] == 0
    assert again == {"rows": 3000, "new": 0, "changed": 0, "unchanged": first["new"]}
    if results["database"] == "postgresql" or results["database"] == "postgres":
        assert results["copy_s"] > 0
        assert results["import_to_copy"] > 0
