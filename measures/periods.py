"""Periods: the weeks and months a measure's values belong to.

A week starts on Monday and a month on its first day, both in the team's time zone: a
value stamped 23:30 on Sunday in Berlin belongs to that week, even though it is Monday in
UTC. Periods are named by the date they start on.
"""

import datetime as dt
from zoneinfo import ZoneInfo

WEEK = "week"
MONTH = "month"


def period_start(day: dt.date, grain: str) -> dt.date:
    if grain == WEEK:
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1)


def next_period(start: dt.date, grain: str) -> dt.date:
    if grain == WEEK:
        return start + dt.timedelta(days=7)
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def previous_period(start: dt.date, grain: str) -> dt.date:
    if grain == WEEK:
        return start - dt.timedelta(days=7)
    return (start - dt.timedelta(days=1)).replace(day=1)


def periods_between(first: dt.date, last: dt.date, grain: str) -> list[dt.date]:
    """Every period from the one holding `first` to the one holding `last`, oldest first."""
    start, end = period_start(first, grain), period_start(last, grain)
    found = []
    while start <= end:
        found.append(start)
        start = next_period(start, grain)
    return found


def last_periods(last: dt.date, grain: str, count: int) -> list[dt.date]:
    """The `count` periods ending with the one holding `last`, oldest first."""
    start = period_start(last, grain)
    found = [start]
    while len(found) < count:
        start = previous_period(start, grain)
        found.append(start)
    return found[::-1]


def local_day(moment: dt.date | dt.datetime, time_zone: str) -> dt.date:
    """The calendar day a moment falls on in the team's time zone. A plain date is taken as it is."""
    if isinstance(moment, dt.datetime):
        if moment.tzinfo is None:
            # A time without a zone is the team's local time.
            return moment.date()
        return moment.astimezone(ZoneInfo(time_zone)).date()
    return moment


def period_label(start: dt.date, grain: str) -> str:
    if grain == WEEK:
        iso = start.isocalendar()
        return f"Week {iso.week}, {iso.year} (from {start:%-d %b})"
    return f"{start:%B %Y}"


def short_label(start: dt.date, grain: str) -> str:
    if grain == WEEK:
        return f"{start:%-d %b %Y}"
    return f"{start:%b %Y}"
