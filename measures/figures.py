"""What a measure's numbers say: latest value, change, % of target and status.

Pure functions over values already read, so the scorecard, exports and digests compute
the same figures from one query's rows.

- The series runs from the measure's first value to its latest, one entry per period.
  A period without a value follows the measure's rule: a gap, zero, or the last value
  carried forward (a carried or zero entry is marked `filled`).
- Change compares the latest period with the one before it.
- The target in force is the first target due on or after the latest period; after the
  last target, the last one.
- The plan is a straight line from the baseline (or the previous target) to the target in
  force. Status compares the latest value with where that line is at the latest period:
  at or above `on_track_from` % of the plan is on track, at or above `at_risk_from` % at
  risk, below that off track. For a measure where lower is better, the ratio is taken the
  other way round. Without a target there is no status.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from . import periods

ON_TRACK = "on-track"
AT_RISK = "at-risk"
OFF_TRACK = "off-track"
NO_TARGET = "no-target"
NO_DATA = "no-data"

STATUS_WORDS = {
    ON_TRACK: "On track",
    AT_RISK: "At risk",
    OFF_TRACK: "Off track",
    NO_TARGET: "No target set",
    NO_DATA: "No numbers yet",
}
# A shape as well as a colour, so status never rests on colour alone.
STATUS_ICONS = {ON_TRACK: "●", AT_RISK: "▲", OFF_TRACK: "■", NO_TARGET: "○", NO_DATA: "–"}

HUNDRED = Decimal(100)


class MeasureRules(Protocol):
    grain: str
    missing: str
    direction: str
    baseline_value: Decimal | None
    baseline_date: dt.date | None
    on_track_from: int
    at_risk_from: int


@dataclass(frozen=True)
class Point:
    period_start: dt.date
    value: Decimal | None
    filled: bool = False


@dataclass(frozen=True)
class Step:
    value: Decimal
    due: dt.date


@dataclass
class Figures:
    series: list[Point] = field(default_factory=list)
    latest: Point | None = None
    previous: Point | None = None
    change: Decimal | None = None
    change_pct: Decimal | None = None
    target: Step | None = None
    pct_of_target: Decimal | None = None
    planned: Decimal | None = None
    status: str = NO_DATA

    @property
    def status_words(self) -> str:
        return STATUS_WORDS[self.status]

    @property
    def status_icon(self) -> str:
        return STATUS_ICONS[self.status]

    def recent(self, count: int = 12) -> list[Point]:
        return self.series[-count:]


def fill(values: dict[dt.date, Decimal], grain: str, missing: str) -> list[Point]:
    if not values:
        return []
    points = []
    carried: Decimal | None = None
    for start in periods.periods_between(min(values), max(values), grain):
        if start in values:
            carried = values[start]
            points.append(Point(start, carried))
        elif missing == "zero":
            points.append(Point(start, Decimal(0), filled=True))
        elif missing == "carry":
            points.append(Point(start, carried, filled=True))
        else:
            points.append(Point(start, None))
    return points


def target_in_force(targets: list[Step], day: dt.date) -> tuple[Step | None, Step | None]:
    """The target due on or after `day` (else the last), and the step before it."""
    ordered = sorted(targets, key=lambda step: step.due)
    for index, step in enumerate(ordered):
        if step.due >= day:
            return step, ordered[index - 1] if index else None
    if ordered:
        return ordered[-1], ordered[-2] if len(ordered) > 1 else None
    return None, None


def planned_value(rules: MeasureRules, target: Step, before: Step | None, day: dt.date) -> Decimal:
    """Where the straight line from the last fixed point to the target stands on `day`."""
    if before is not None:
        start_value, start_day = before.value, before.due
    elif rules.baseline_value is not None and rules.baseline_date is not None:
        start_value, start_day = rules.baseline_value, rules.baseline_date
    else:
        return target.value
    if day >= target.due or target.due <= start_day:
        return target.value
    if day <= start_day:
        return start_value
    share = Decimal((day - start_day).days) / Decimal((target.due - start_day).days)
    return start_value + (target.value - start_value) * share


def ratio(rules: MeasureRules, actual: Decimal, wanted: Decimal) -> Decimal | None:
    """How far along `actual` is to `wanted`, in %, the good way round."""
    if rules.direction == "down":
        actual, wanted = wanted, actual
    if wanted == 0:
        return None
    return actual / wanted * HUNDRED


def figures(rules: MeasureRules, values: dict[dt.date, Decimal], targets: Iterable[Step]) -> Figures:
    result = Figures(series=fill(values, rules.grain, rules.missing))
    known = [point for point in result.series if point.value is not None and not point.filled]
    if not known:
        return result
    result.latest = known[-1]
    if len(result.series) > 1:
        result.previous = result.series[-2]
    latest_value = result.latest.value
    assert latest_value is not None
    if result.previous is not None and result.previous.value is not None:
        result.change = latest_value - result.previous.value
        if result.previous.value != 0:
            result.change_pct = result.change / abs(result.previous.value) * HUNDRED
    target, before = target_in_force(list(targets), result.latest.period_start)
    if target is None:
        result.status = NO_TARGET
        return result
    result.target = target
    result.pct_of_target = ratio(rules, latest_value, target.value)
    result.planned = planned_value(rules, target, before, result.latest.period_start)
    attained = ratio(rules, latest_value, result.planned)
    if attained is None:
        # A plan of zero (or, lower being better, a value of zero): at or beyond it is on track.
        beyond = latest_value <= result.planned if rules.direction == "down" else latest_value >= result.planned
        result.status = ON_TRACK if beyond else OFF_TRACK
    elif attained >= rules.on_track_from:
        result.status = ON_TRACK
    elif attained >= rules.at_risk_from:
        result.status = AT_RISK
    else:
        result.status = OFF_TRACK
    return result


def good_change(direction: str, change: Decimal | None) -> bool | None:
    """True when the change went the good way, False the bad way, None when flat or unknown."""
    if change is None or change == 0:
        return None
    return (change > 0) == (direction == "up")
