"""`make bench-move` on the test database: one workshop of 3 moves back and forth, every part measured."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.e2e.conftest import database_url_for_test_db

MOVE_KEYS = {
    "request_ms",
    "round_ms",
    "shared_ms",
    "per_tab_ms",
    "move_ms",
    "request_statements",
    "round_statements",
    "bytes_per_tab",
    "count",
}


def run_bench_move(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env["BENCH_DATABASE_URL"] = database_url_for_test_db()
    command = [sys.executable, "-m", "bench.move", *args]
    return subprocess.run(  # noqa: S603
        command, cwd=Path(settings.BASE_DIR), env=env, capture_output=True, text=True, timeout=90
    )


@pytest.mark.bench
def test_each_move_is_measured_in_its_request_and_its_round(transactional_db, tmp_path):
    output = tmp_path / "move.json"
    finished = run_bench_move(tmp_path, "-P", "3", "--moves", "4", "--span", "2", "--output", str(output))
    assert finished.returncode == 0, finished.stdout + finished.stderr
    results = json.loads(output.read_text())
    assert results["parameters"] == {"participants": 3, "moves": 4, "span": 2, "cpu": "0"}
    # After a lap to warm up, two segments forward and two back: each move once, named by
    # the kinds of segment it joins.
    assert list(results["moves"]) == [
        "opening → game",
        "game → good-bad",
        "good-bad → game",
        "game → opening",
    ]
    for move in [*results["moves"].values(), results["all"]]:
        assert move.keys() == MOVE_KEYS
        assert move["request_ms"] > 0
        assert move["round_ms"] > 0
        assert move["shared_ms"] > 0
        assert move["move_ms"] == pytest.approx(move["request_ms"] + move["round_ms"], abs=0.002)
        # The request locks, reads and writes; the round reads what the notice shows.
        assert move["request_statements"] > 0
        assert move["round_statements"] > 0
        assert move["bytes_per_tab"] > 1000
    assert results["all"]["count"] == 4
    assert "per tab" in finished.stdout
    assert "game → good-bad" in finished.stdout


@pytest.mark.bench
def test_one_participant_is_refused_with_a_reason(tmp_path):
    finished = run_bench_move(tmp_path, "-P", "1")
    assert finished.returncode == 2
    assert "--participants must be 2 or more" in finished.stderr
