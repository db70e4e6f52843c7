"""A small `make bench` run (W=2, P=3) on the test database: the harness works end to end."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.e2e.conftest import database_url_for_test_db

KEYS = {
    "fanout",
    "baseline",
    "baseline_action",
    "ratio_p95_action",
    "autosave",
    "vote",
    "ratio_p95",
    "page",
    "memory_per_socket_kb",
    "errors",
}
LATENCY_KEYS = {"p50_ms", "p95_ms", "p99_ms", "max_ms", "count"}


@pytest.fixture
def results(transactional_db, tmp_path) -> dict:
    output = tmp_path / "results.json"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env["BENCH_DATABASE_URL"] = database_url_for_test_db()
    command = [sys.executable, "-m", "bench.run", "-W", "2", "-P", "3", "--rounds", "4", "--period", "0.5"]
    command += ["--page-samples", "5", "--static-from-finders", "--output", str(output)]
    finished = subprocess.run(  # noqa: S603
        command, cwd=Path(settings.BASE_DIR), env=env, capture_output=True, text=True, timeout=90
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert "fanout" in finished.stdout  # the table was printed
    assert "ratio_p95_action (fanout/baseline_action): " in finished.stdout
    assert "server CPU spent in the kernel: " in finished.stdout
    assert "WORKERS=1 pinned " in finished.stdout  # each server on a core of its own, as in production
    return json.loads(output.read_text())


@pytest.mark.bench
def test_a_small_run_measures_every_socket_and_writes_every_key(results):
    assert KEYS | {"missed_updates"} <= results.keys()
    for name in ("fanout", "baseline", "baseline_action", "burst", "autosave", "vote"):
        assert results[name].keys() == LATENCY_KEYS
    # 2 workshops x 3 sockets x 4 rounds, every one of them heard. Four rounds, not two: the
    # baseline's few milliseconds of server CPU must span the clock's 10 ms ticks to be measured.
    assert results["fanout"]["count"] == 24
    assert results["baseline"]["count"] == 24
    assert results["baseline_action"]["count"] == 24
    assert results["burst"]["count"] == 6
    assert results["errors"] == 0
    assert results["parameters"]["pinned"] is True
    assert results["missed_updates"] == 0
    assert results["ratio_p95"] > 0
    assert results["ratio_p95_action"] > 0
    assert results["targets"]["ratio_p95_action_at_most_2"] in {True, False}
    assert results["page"]["bytes"] > results["page"]["document_bytes"] > 0
    assert results["page"]["ttfb_p95_ms"] > 0
    assert results["memory_per_socket_kb"] is not None
    # 6 people autosave 3 times alone and 3 times while voting; each places a dot and takes it back.
    assert results["autosave"]["count"] == 36
    assert results["vote"]["count"] == 12
    # Every phase's server CPU, with the requests it sent: 2 workshops x 4 rounds of pings and
    # of bare actions and of moves, one move each in the burst, 18 autosaves, then 2 jumps, 12 dots and 18 autosaves.
    cpu = results["server_cpu"]
    phases = ("baseline", "baseline_action", "fanout", "burst", "autosave", "vote")
    assert {name: cpu[name]["requests"] for name in phases} == {
        "baseline": 8,
        "baseline_action": 8,
        "fanout": 8,
        "burst": 2,
        "autosave": 18,
        "vote": 32,
    }
    assert all(cpu[name]["seconds"] > 0 and cpu[name]["ms_per_request"] > 0 for name in ("fanout", "vote", "page"))
    assert cpu["fanout_to_baseline"] > 0
    assert cpu["fanout_to_baseline_action"] > 0
    # The kernel's part of it (system calls, page faults): a share, read wherever the phase used CPU.
    assert all(0 <= cpu[name]["kernel_share"] <= 1 for name in ("fanout", "vote", "page"))
    # On a PostgreSQL server on this machine the database's CPU is read too (it shares the cores).
    # /proc counts in 10 ms ticks: a phase of a few requests may cost the database less than one,
    # so every phase carries the figure and the run as a whole must show some.
    phases = (*phases, "page")
    if results["database"]["vendor"] == "postgresql":
        assert all(cpu[name]["database_seconds"] >= 0 for name in phases)
        assert sum(cpu[name]["database_seconds"] for name in phases) > 0
    else:
        assert "database_seconds" not in cpu["vote"]
