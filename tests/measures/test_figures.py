"""What the numbers say: periods, filling gaps, change, % of target and status."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal as D

import pytest

from measures import periods
from measures.figures import AT_RISK, NO_DATA, NO_TARGET, OFF_TRACK, ON_TRACK, Step, figures, good_change


@dataclass
class Rules:
    grain: str = "week"
    missing: str = "gap"
    direction: str = "up"
    baseline_value: D | None = None
    baseline_date: dt.date | None = None
    on_track_from: int = 100
    at_risk_from: int = 90


def weeks(*numbers, start=dt.date(2026, 1, 5)):
    return {start + dt.timedelta(weeks=i): D(n) for i, n in enumerate(numbers) if n is not None}


def test_a_week_starts_on_monday_and_a_month_on_the_first():
    sunday = dt.date(2026, 3, 1)
    assert periods.period_start(sunday, "week") == dt.date(2026, 2, 23)
    assert periods.period_start(sunday, "month") == dt.date(2026, 3, 1)
    assert periods.next_period(dt.date(2026, 1, 1), "month") == dt.date(2026, 2, 1)
    assert periods.next_period(dt.date(2026, 12, 1), "month") == dt.date(2027, 1, 1)
    assert periods.previous_period(dt.date(2026, 3, 1), "month") == dt.date(2026, 2, 1)
    assert periods.last_periods(dt.date(2026, 1, 7), "week", 3) == [
        dt.date(2025, 12, 22),
        dt.date(2025, 12, 29),
        dt.date(2026, 1, 5),
    ]


def test_a_late_sunday_in_berlin_is_still_that_week():
    moment = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)  # Monday 00:30 in Berlin
    assert periods.local_day(moment, "UTC") == dt.date(2026, 3, 1)
    assert periods.local_day(moment, "Europe/Berlin") == dt.date(2026, 3, 2)
    assert periods.local_day(dt.datetime(2026, 3, 1, 23, 30), "Europe/Berlin") == dt.date(2026, 3, 1)


def test_no_values_say_so():
    assert figures(Rules(), {}, []).status == NO_DATA


def test_latest_change_and_no_target():
    result = figures(Rules(), weeks(100, 120), [])
    assert result.latest.value == D(120)
    assert result.change == D(20)
    assert result.change_pct == D(20)
    assert result.status == NO_TARGET


@pytest.mark.parametrize(
    ("missing", "middle", "change"),
    [("gap", None, None), ("zero", D(0), D(110)), ("carry", D(100), D(10))],
)
def test_the_rule_for_a_missing_period(missing, middle, change):
    result = figures(Rules(missing=missing), weeks(100, None, 110), [])
    assert [p.value for p in result.series] == [D(100), middle, D(110)]
    assert result.change == change


def test_status_follows_the_straight_line_from_baseline_to_target():
    rules = Rules(baseline_value=D(100), baseline_date=dt.date(2026, 1, 5))
    target = [Step(D(200), dt.date(2026, 3, 2))]  # 8 weeks later
    # Four weeks in, the plan says 150.
    on_plan = figures(rules, {dt.date(2026, 2, 2): D(150)}, target)
    assert on_plan.planned == D(150)
    assert on_plan.status == ON_TRACK
    assert on_plan.pct_of_target == D(75)
    assert figures(rules, {dt.date(2026, 2, 2): D(140)}, target).status == AT_RISK
    assert figures(rules, {dt.date(2026, 2, 2): D(120)}, target).status == OFF_TRACK


def test_lower_is_better_turns_the_ratio_round():
    rules = Rules(direction="down")
    target = [Step(D(10), dt.date(2026, 6, 1))]
    assert figures(rules, weeks(10), target).status == ON_TRACK
    assert figures(rules, weeks(10.5), target).status == AT_RISK
    assert figures(rules, weeks(20), target).status == OFF_TRACK
    assert figures(rules, weeks(5), target).pct_of_target == D(200)
    assert good_change("down", D(-3)) is True
    assert good_change("up", D(-3)) is False
    assert good_change("up", D(0)) is None


def test_targets_make_a_staircase():
    rules = Rules()
    steps = [Step(D(100), dt.date(2026, 1, 31)), Step(D(200), dt.date(2026, 6, 30))]
    early = figures(rules, weeks(90), steps)
    assert early.target == steps[0]
    later = figures(rules, {dt.date(2026, 7, 6): D(210)}, steps)
    assert later.target == steps[1]
    assert later.status == ON_TRACK


def test_a_zero_plan_is_met_by_zero_when_lower_is_better():
    rules = Rules(direction="down")
    assert figures(rules, weeks(0), [Step(D(0), dt.date(2026, 6, 1))]).status == ON_TRACK
    assert figures(rules, weeks(3), [Step(D(0), dt.date(2026, 6, 1))]).status == OFF_TRACK
