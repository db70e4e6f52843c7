"""Refreshing SQL sources on the task engine (django-tasks with its database backend).

A source's `next_run_at` says when its next refresh is due, and each queued refresh names
the due time it was queued for. A worker claims a refresh with one conditional UPDATE that
moves `next_run_at` from that due time to a lease: of two workers (or two queued copies)
only one moves it, and only that one runs the query. When the run ends, the source's next
refresh is queued in the same transaction that records the outcome (the queue lives in the
same database), so the schedule cannot be lost between the two. A failure keeps the
database's message, counts an attempt and is tried again after a growing pause.

`schedule_refreshes` (the management command the worker starts with) queues every refresh
that is overdue: after a worker died mid-run, its lease runs out and the refresh is queued again.
"""

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .broadcast import numbers_changed
from .models import SqlSource
from .sql import SourceError, refresh

logger = logging.getLogger(__name__)

# How long a claimed refresh may run before another worker may take it over.
LEASE = dt.timedelta(minutes=15)
INTERVALS: dict[str, dt.timedelta] = {
    SqlSource.Schedule.HOURLY: dt.timedelta(hours=1),
    SqlSource.Schedule.DAILY: dt.timedelta(days=1),
}
# A source refreshed only on demand is retried this many times after a failure, then waits for a person.
MANUAL_RETRIES = 5


def backoff(attempts: int) -> dt.timedelta:
    """1, 2, 4, 8 … minutes after the 1st, 2nd, 3rd, 4th … failure in a row, at most an hour."""
    return dt.timedelta(minutes=min(2 ** max(attempts - 1, 0), 60))


def next_after_success(source: SqlSource, now: dt.datetime) -> dt.datetime | None:
    interval = INTERVALS.get(source.schedule)
    return now + interval if interval else None


def next_after_failure(source: SqlSource, attempts: int, now: dt.datetime) -> dt.datetime | None:
    interval = INTERVALS.get(source.schedule)
    if interval is None:
        return now + backoff(attempts) if attempts <= MANUAL_RETRIES else None
    return now + min(backoff(attempts), interval)


def queue(source_id: int, due: dt.datetime) -> None:
    """Queue the refresh due at `due`; call inside the transaction that set `next_run_at` to it."""
    refresh_source.using(run_after=due).enqueue(source_id, due.isoformat())


def refresh_now(source: SqlSource) -> None:
    """A person asked: the source is due now, and a refresh is queued for it."""
    now = timezone.now()
    with transaction.atomic():
        SqlSource.objects.filter(pk=source.pk).update(next_run_at=now, attempts=0)
        queue(source.pk, now)


def claim(source_id: int, due: dt.datetime) -> dt.datetime | None:
    """Take the refresh due at `due`: the lease's end if this caller got it, None if someone else did."""
    lease_until = timezone.now() + LEASE
    taken = SqlSource.objects.filter(pk=source_id, next_run_at=due).update(next_run_at=lease_until)
    return lease_until if taken else None


@task()
def refresh_source(source_id: int, due: str) -> str:
    """Run one source's refresh that fell due at `due` (ISO 8601), unless another worker has it."""
    lease_until = claim(source_id, dt.datetime.fromisoformat(due))
    if lease_until is None:
        return "Already taken by another worker, or rescheduled."
    return run(source_id, lease_until)


def run(source_id: int, lease_until: dt.datetime) -> str:
    source = SqlSource.objects.select_related("measure__north_star__team", "connection").get(pk=source_id)
    started = timezone.now()
    try:
        counts = refresh(source)
    except SourceError as problem:
        return failed(source, str(problem), started, lease_until)
    except Exception:
        # Our own fault, not the team's database's: logged for us, and the source still retries.
        logger.exception("SQL source %s failed unexpectedly", source_id)
        return failed(source, "The refresh failed on our side; it will be tried again.", started, lease_until)
    finished = timezone.now()
    summary = f"{counts.new} new, {counts.changed} changed, {counts.unchanged} unchanged"
    with transaction.atomic():
        SqlSource.objects.filter(pk=source_id).update(
            last_run_at=started, last_ok_at=finished, last_error="", last_result=summary, attempts=0
        )
        reschedule(source, lease_until, next_after_success(source, finished))
        if source.last_error and not counts.written:
            # Working again: open pages showing the failure re-render (new values announce themselves).
            numbers_changed(source.measure.north_star)
    return summary


def failed(source: SqlSource, message: str, started: dt.datetime, lease_until: dt.datetime) -> str:
    attempts = source.attempts + 1
    with transaction.atomic():
        SqlSource.objects.filter(pk=source.pk).update(last_run_at=started, last_error=message[:2000], attempts=attempts)
        reschedule(source, lease_until, next_after_failure(source, attempts, timezone.now()))
        # Open pages that show the source's state re-render with the database's message.
        numbers_changed(source.measure.north_star)
    return message


def reschedule(source: SqlSource, lease_until: dt.datetime, due: dt.datetime | None) -> None:
    """Set the next refresh, unless someone changed it while this one ran (they asked for a refresh now)."""
    moved = SqlSource.objects.filter(pk=source.pk, next_run_at=lease_until).update(next_run_at=due)
    if moved and due is not None:
        queue(source.pk, due)


def queue_overdue() -> int:
    """Queue a refresh for every source already due; copies of one refresh run it once. Returns how many."""
    now = timezone.now()
    count = 0
    with transaction.atomic():
        for source_id, due in SqlSource.objects.filter(next_run_at__lte=now).values_list("pk", "next_run_at"):
            if due is not None:
                queue(source_id, due)
            count += 1
    return count
