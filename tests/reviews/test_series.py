"""A review series meets at the same local time, whatever daylight saving does to UTC."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from reviews import schedule
from reviews.models import Occurrence, ReviewSeries
from tests.reviews.helpers import reviewed_north_star

BERLIN = ZoneInfo("Europe/Berlin")
UTC = dt.UTC


def test_weekly_meetings_keep_nine_oclock_in_berlin_across_the_spring_change():
    # Clocks go forward in Berlin on Sunday 29 March 2026.
    after = dt.datetime(2026, 3, 20, tzinfo=UTC)
    first = schedule.next_meeting(schedule.WEEKLY, 0, dt.time(9, 0), "Europe/Berlin", dt.date(2026, 3, 1), after)
    second = schedule.next_meeting(schedule.WEEKLY, 0, dt.time(9, 0), "Europe/Berlin", dt.date(2026, 3, 1), first)
    assert first.astimezone(UTC) == dt.datetime(2026, 3, 23, 8, 0, tzinfo=UTC)
    assert second.astimezone(UTC) == dt.datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    assert [first.astimezone(BERLIN).hour, second.astimezone(BERLIN).hour] == [9, 9]
    assert second.astimezone(UTC) - first.astimezone(UTC) == dt.timedelta(days=7) - dt.timedelta(hours=1)


def test_every_two_weeks_and_monthly_across_the_autumn_change():
    start = dt.date(2026, 10, 5)  # a Monday; clocks go back in Berlin on 25 October 2026
    days = schedule.meeting_days(schedule.FORTNIGHTLY, 0, start)
    assert [next(days) for _ in range(3)] == [dt.date(2026, 10, 5), dt.date(2026, 10, 19), dt.date(2026, 11, 2)]
    monthly = schedule.meeting_days(schedule.MONTHLY, 1, dt.date(2026, 10, 1))  # first Tuesday of the month
    assert [next(monthly) for _ in range(3)] == [dt.date(2026, 10, 6), dt.date(2026, 11, 3), dt.date(2026, 12, 1)]
    before = schedule.local_moment(dt.date(2026, 10, 19), dt.time(9, 0), "Europe/Berlin")
    after = schedule.local_moment(dt.date(2026, 11, 2), dt.time(9, 0), "Europe/Berlin")
    assert before.astimezone(UTC).hour == 7
    assert after.astimezone(UTC).hour == 8


def test_a_time_the_clocks_skip_moves_on_to_a_real_time():
    moment = schedule.local_moment(dt.date(2026, 3, 29), dt.time(2, 30), "Europe/Berlin")
    assert moment.astimezone(UTC) == dt.datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert moment.astimezone(BERLIN).hour == 3


@pytest.mark.django_db
def test_occurrences_follow_each_other_across_the_change_in_local_time():
    _, series, *_ = reviewed_north_star(first_day=dt.date(2026, 3, 16))
    now = dt.datetime(2026, 3, 17, tzinfo=UTC)
    planned = []
    for _ in range(3):
        occurrence = series.schedule_next(now=now)
        planned.append(occurrence)
        Occurrence.objects.filter(pk=occurrence.pk).update(state=Occurrence.State.ENDED)
    assert [o.number for o in planned] == [1, 2, 3]
    assert [o.as_of for o in planned] == [dt.date(2026, 3, 23), dt.date(2026, 3, 30), dt.date(2026, 4, 6)]
    assert [o.starts_at.astimezone(UTC).hour for o in planned] == [8, 7, 7]
    assert {o.starts_at.astimezone(BERLIN).hour for o in planned} == {9}


@pytest.mark.django_db
def test_a_series_has_one_upcoming_meeting_at_a_time():
    _, series, *_ = reviewed_north_star()
    first = series.schedule_next()
    assert series.schedule_next() == first
    assert series.occurrences.count() == 1
    assert str(series) == "Every week on Monday at 09:00"
    assert ReviewSeries.objects.get().occurrences.get().state == Occurrence.State.UPCOMING
