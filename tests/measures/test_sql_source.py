"""A node's values from a team's own database: read-only, timed out, and never erased by a failure."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from measures.models import SqlConnection, SqlSource, Value
from measures.secrets import encrypt
from measures.sql import describe
from measures.tasks import claim, next_after_failure, refresh_now, refresh_source
from measures.values import measure_for
from tests.library.helpers import adopted_north_star

from .sql_databases import mariadb_rows, postgres_rows

pytestmark = pytest.mark.django_db

GOOD = "SELECT day, amount FROM sales ORDER BY day"


def source_for(url: str, query: str = GOOD, node: str = "metric") -> SqlSource:
    north_star = adopted_north_star()
    assert north_star.team is not None
    engine, where = describe(url)
    connection = SqlConnection.objects.create(
        team=north_star.team, name="Sales", engine=engine, where=where, url_encrypted=encrypt(url)
    )
    return SqlSource.objects.create(measure=measure_for(north_star, node), connection=connection, query=query)


def run_refresh(source: SqlSource) -> SqlSource:
    """What a worker does with a queued refresh: claim it, run it."""
    refresh_now(source)
    source.refresh_from_db()
    assert source.next_run_at is not None
    refresh_source.call(source.pk, source.next_run_at.isoformat())
    source.refresh_from_db()
    return source


def values_of(source: SqlSource) -> dict[dt.date, Decimal]:
    return {v.period_start: v.value for v in Value.objects.filter(measure=source.measure, source=Value.Source.SQL)}


WEEKLY = {dt.date(2026, 3, 2): Decimal(15), dt.date(2026, 3, 9): Decimal(7)}


@pytest.mark.parametrize("database", ["postgres_url", "mariadb_url"])
def test_a_good_query_brings_in_values_by_period(database, request):
    source = run_refresh(source_for(request.getfixturevalue(database)))

    assert values_of(source) == WEEKLY  # the 2nd and 4th of March share a week: 10 + 5
    assert source.last_error == ""
    assert source.last_ok_at is not None
    assert source.last_result == "2 new, 0 changed, 0 unchanged"
    assert source.next_run_at is not None
    assert source.next_run_at > timezone.now() + dt.timedelta(hours=23)


def test_a_query_that_writes_is_refused_and_earlier_values_stay(postgres_url):
    source = run_refresh(source_for(postgres_url))
    # A cursor refuses a DELETE in a WITH by itself; a function that writes reaches the read-only check.
    SqlSource.objects.filter(pk=source.pk).update(query="SELECT day, forget_sales() FROM sales")

    source = run_refresh(source)

    assert source.last_error == "cannot execute DELETE in a read-only transaction"
    assert postgres_rows(postgres_url) == 3
    assert values_of(source) == WEEKLY


def test_a_query_that_writes_to_mariadb_is_refused(mariadb_url):
    source = run_refresh(source_for(mariadb_url, query="DELETE FROM sales"))

    assert "READ ONLY transaction" in source.last_error
    assert mariadb_rows(mariadb_url) == 3


def test_several_statements_cannot_step_out_of_the_read_only_transaction(postgres_url):
    source = run_refresh(source_for(postgres_url, query="COMMIT; SET TRANSACTION READ WRITE; DELETE FROM sales"))

    assert "syntax error" in source.last_error
    assert postgres_rows(postgres_url) == 3


def test_a_slow_query_is_stopped_with_the_databases_message(postgres_url, settings):
    settings.SQL_SOURCE_TIMEOUT_SECONDS = 1
    source = run_refresh(source_for(postgres_url))
    SqlSource.objects.filter(pk=source.pk).update(query="SELECT day, amount FROM sales, pg_sleep(5)")
    started = timezone.now()

    source = run_refresh(source)

    assert timezone.now() - started < dt.timedelta(seconds=4)
    assert "statement timeout" in source.last_error
    assert source.attempts == 1
    assert values_of(source) == WEEKLY


def test_a_slow_mariadb_query_is_stopped(mariadb_url, settings):
    settings.SQL_SOURCE_TIMEOUT_SECONDS = 1
    source = run_refresh(source_for(mariadb_url, query="SELECT day, SLEEP(5) FROM sales"))

    assert "max_statement_time" in source.last_error


@pytest.mark.parametrize(("database", "port"), [("postgres_url", ":5432/"), ("mariadb_url", ":3306/")])
def test_a_broken_connection_keeps_the_error_and_the_earlier_values(database, port, request):
    url = request.getfixturevalue(database)
    source = run_refresh(source_for(url))
    connection = source.connection
    connection.url_encrypted = encrypt(url.replace(port, ":1/"))
    connection.save()

    source = run_refresh(source)

    assert "Connection refused" in source.last_error
    assert values_of(source) == WEEKLY
    assert source.last_ok_at is not None


def test_a_failure_is_retried_later_and_later(postgres_url):
    source = source_for(postgres_url.replace(":5432/", ":1/"))
    source = run_refresh(source)
    first_pause = source.next_run_at - source.last_run_at
    refresh_source.call(source.pk, source.next_run_at.isoformat())
    source.refresh_from_db()
    second_pause = source.next_run_at - source.last_run_at

    assert source.attempts == 2
    assert dt.timedelta(seconds=50) < first_pause < dt.timedelta(seconds=70)
    assert dt.timedelta(seconds=110) < second_pause < dt.timedelta(seconds=130)


def test_rows_that_are_not_a_date_and_a_number_are_refused_whole(postgres_url):
    source = run_refresh(source_for(postgres_url, query="SELECT day, 'lots' FROM sales"))

    assert source.last_error.startswith("Row 1: the second column should be a number")
    assert values_of(source) == {}


def test_the_same_refresh_claimed_twice_runs_once(postgres_url):
    source = source_for(postgres_url)
    refresh_now(source)
    source.refresh_from_db()
    due = source.next_run_at
    assert due is not None

    first, second = claim(source.pk, due), claim(source.pk, due)

    assert first is not None
    assert second is None
    assert refresh_source.call(source.pk, due.isoformat()) == "Already taken by another worker, or rescheduled."


def test_the_stored_url_does_not_hold_the_password(postgres_url):
    url = postgres_url.replace("postgres@", "postgres:pa55-w0rd-secret@")
    source = run_refresh(source_for(url))

    stored = SqlConnection.objects.values_list("url_encrypted", "where").get()
    assert "pa55-w0rd-secret" not in stored[0]
    assert "pa55-w0rd-secret" not in stored[1]
    assert values_of(source) == WEEKLY  # decrypted to connect (the test server trusts local users)


def test_a_source_refreshed_on_demand_waits_for_a_person_after_a_good_refresh(postgres_url):
    source = source_for(postgres_url)
    SqlSource.objects.filter(pk=source.pk).update(schedule=SqlSource.Schedule.MANUAL)

    source = run_refresh(source)

    assert source.last_ok_at is not None
    assert source.next_run_at is None


def test_retries_wait_at_most_the_schedules_own_interval():
    hourly = SqlSource(schedule=SqlSource.Schedule.HOURLY)
    manual = SqlSource(schedule=SqlSource.Schedule.MANUAL)
    now = timezone.now()

    assert next_after_failure(hourly, 1, now) == now + dt.timedelta(minutes=1)
    assert next_after_failure(hourly, 10, now) == now + dt.timedelta(hours=1)
    assert next_after_failure(manual, 5, now) == now + dt.timedelta(minutes=16)
    assert next_after_failure(manual, 6, now) is None  # then it waits for someone to ask again


def test_too_many_rows_are_refused_whole(postgres_url, settings):
    settings.SQL_SOURCE_MAX_ROWS = 2
    source = run_refresh(source_for(postgres_url))

    assert source.last_error == "The query returned more than 2 rows; group it by period."
    assert values_of(source) == {}


def test_a_moment_with_a_time_zone_counts_on_the_teams_calendar(postgres_url):
    source = source_for(
        postgres_url, query="SELECT timestamptz '2026-03-08 23:30:00+00', 4"
    )  # Sunday night in UTC, Monday morning in Berlin
    team = source.measure.north_star.team
    team.time_zone = "Europe/Berlin"
    team.save()

    source = run_refresh(source)

    assert values_of(source) == {dt.date(2026, 3, 9): Decimal(4)}


def test_a_failure_is_announced_to_open_pages_once_it_is_recorded(postgres_url, django_capture_on_commit_callbacks):
    source = source_for(postgres_url, query="SELECT day, amount FROM no_such_table")
    refresh_now(source)
    source.refresh_from_db()
    assert source.next_run_at is not None

    with django_capture_on_commit_callbacks() as announcements:
        refresh_source.call(source.pk, source.next_run_at.isoformat())

    # The failure writes no value, so the one thing sent after commit is the notice of the new state.
    assert len(announcements) == 1
