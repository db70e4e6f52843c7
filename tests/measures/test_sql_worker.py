"""The real worker (`manage.py db_worker`) runs queued refreshes, in a process of its own."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from measures.models import SqlConnection, SqlSource, Value
from measures.secrets import encrypt
from measures.sql import describe
from measures.tasks import queue, refresh_now
from measures.values import measure_for
from tests.e2e.conftest import database_url_for_test_db
from tests.library.helpers import adopted_north_star


def a_source(url: str) -> SqlSource:
    north_star = adopted_north_star()
    assert north_star.team is not None
    engine, where = describe(url)
    connection = SqlConnection.objects.create(
        team=north_star.team, name="Sales", engine=engine, where=where, url_encrypted=encrypt(url)
    )
    return SqlSource.objects.create(
        measure=measure_for(north_star, "metric"), connection=connection, query="SELECT day, amount FROM sales"
    )


WORKER = [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"]


def worker_environment() -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env["DATABASE_URL"] = database_url_for_test_db()
    return env


def run_worker() -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own fixed command)
        WORKER, cwd=Path(settings.BASE_DIR), env=worker_environment(), capture_output=True, text=True, timeout=120
    )


@pytest.mark.django_db(transaction=True)
def test_a_queued_refresh_runs_once_in_the_worker_even_when_queued_twice(postgres_url):
    source = a_source(postgres_url)
    refresh_now(source)
    source.refresh_from_db()
    assert source.next_run_at is not None
    queue(source.pk, source.next_run_at)  # a second copy of the same refresh, as the scheduler may add

    result = run_worker()

    assert result.returncode == 0, result.stdout + result.stderr
    source.refresh_from_db()
    assert source.last_result == "2 new, 0 changed, 0 unchanged"
    assert Value.objects.filter(measure=source.measure, source=Value.Source.SQL).count() == 2
    outcomes = sorted(DBTaskResult.objects.filter(status="SUCCESSFUL").values_list("return_value", flat=True))
    assert outcomes == ["2 new, 0 changed, 0 unchanged", "Already taken by another worker, or rescheduled."]


@pytest.mark.django_db(transaction=True)
def test_the_scheduler_queues_an_overdue_refresh_that_was_lost(postgres_url):
    source = a_source(postgres_url)
    SqlSource.objects.filter(pk=source.pk).update(next_run_at=timezone.now())  # due, but nothing queued

    call_command("schedule_refreshes")
    result = run_worker()

    assert result.returncode == 0, result.stdout + result.stderr
    source.refresh_from_db()
    assert source.last_ok_at is not None
    assert source.next_run_at is not None
    assert source.next_run_at > timezone.now()


@pytest.mark.django_db(transaction=True)
def test_two_workers_started_together_run_a_refresh_queued_twice_once(postgres_url):
    source = a_source(postgres_url)
    refresh_now(source)
    source.refresh_from_db()
    assert source.next_run_at is not None
    queue(source.pk, source.next_run_at)

    workers = [
        subprocess.Popen(  # noqa: S603 (our own fixed command)
            WORKER, cwd=Path(settings.BASE_DIR), env=worker_environment(), stdout=subprocess.DEVNULL
        )
        for _ in range(2)
    ]
    assert [worker.wait(timeout=120) for worker in workers] == [0, 0]

    outcomes = sorted(DBTaskResult.objects.filter(status="SUCCESSFUL").values_list("return_value", flat=True))
    assert outcomes == ["2 new, 0 changed, 0 unchanged", "Already taken by another worker, or rescheduled."]
    assert DBTaskResult.objects.filter(status="READY").count() == 1  # the next turn, queued once
