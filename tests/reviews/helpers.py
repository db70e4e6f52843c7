"""A North Star with measured inputs and a review series, for the reviews' tests."""

import datetime as dt

from reviews.models import Occurrence, ReviewSeries
from tests.library.helpers import adopted_north_star, member_of
from tests.measures.scorecards import MONDAY, measured, weekly


def reviewed_north_star(**series_fields):
    """Inputs: one on track (owned by Ada), one off track (owned by Grace), one without numbers."""
    north_star = adopted_north_star()
    ada = member_of(north_star.team, display_name="Ada", email="ada@example.com")
    grace = member_of(north_star.team, display_name="Grace", email="grace@example.com")
    keys = [row.key for row in north_star.versions.last().data.inputs]
    due = MONDAY + dt.timedelta(weeks=3)
    on_track = measured(north_star, keys[0], unit="diners", owner=ada, targets=[("100", due)])
    weekly(north_star, on_track, ["100", "110", "120", "130"])
    off_track = measured(north_star, keys[1], unit="visits", owner=grace, targets=[("100", due)])
    weekly(north_star, off_track, ["50", "40", "30", "20"])
    fields = {
        "cadence": ReviewSeries.Cadence.WEEKLY,
        "weekday": ReviewSeries.Weekday.MONDAY,
        "time_of_day": dt.time(9, 0),
        "time_zone": "Europe/Berlin",
        "first_day": MONDAY,
        **series_fields,
    }
    series = ReviewSeries.objects.create(north_star=north_star, **fields)
    return north_star, series, ada, grace, keys


def occurrence_on(series: ReviewSeries, day: dt.date, number: int = 1) -> Occurrence:
    starts_at = series.next_start(series_moment(series, day - dt.timedelta(days=1)))
    return Occurrence.objects.create(series=series, number=number, starts_at=starts_at, as_of=day)


def series_moment(series: ReviewSeries, day: dt.date) -> dt.datetime:
    from zoneinfo import ZoneInfo

    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=ZoneInfo(series.time_zone))
