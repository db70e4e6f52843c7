"""When a review series meets: pure functions over local wall-clock time.

A series meets at the same local time in its own time zone whatever the offset to UTC does:
a 09:00 review in Berlin is 08:00 UTC in winter and 07:00 UTC in summer. So the dates are
counted in local calendar days and each is turned into an aware moment on its own.
"""

import datetime as dt
from zoneinfo import ZoneInfo

WEEKLY = "weekly"
FORTNIGHTLY = "fortnightly"
MONTHLY = "monthly"


def first_weekday_of_month(year: int, month: int, weekday: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7)


def meeting_days(cadence: str, weekday: int, first: dt.date):
    """Every meeting day from the first `weekday` on or after `first`, for ever (a generator)."""
    if cadence == MONTHLY:
        year, month = first.year, first.month
        while True:
            day = first_weekday_of_month(year, month, weekday)
            if day >= first:
                yield day
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    step = dt.timedelta(weeks=2 if cadence == FORTNIGHTLY else 1)
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
    while True:
        yield day
        day += step


def local_moment(day: dt.date, at: dt.time, time_zone: str) -> dt.datetime:
    """`day` at `at` on the wall clock of `time_zone`, as an aware datetime.

    A time that does not exist that day (skipped when clocks go forward) moves on by the gap,
    as zoneinfo does with `fold=0`; a time that happens twice is its first occurrence.
    """
    zone = ZoneInfo(time_zone)
    moment = dt.datetime.combine(day, at, tzinfo=zone)
    # Round-trip through UTC so a skipped wall time lands on a real one.
    return moment.astimezone(dt.UTC).astimezone(zone)


def next_meeting(cadence: str, weekday: int, at: dt.time, time_zone: str, first: dt.date, after: dt.datetime):
    """The first meeting of the series that starts strictly after `after`."""
    for day in meeting_days(cadence, weekday, first):
        moment = local_moment(day, at, time_zone)
        if moment > after:
            return moment
    raise AssertionError("unreachable: the series never ends")
