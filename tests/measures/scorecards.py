"""Measures with values, for the scorecard's tests and bench."""

import datetime as dt
from decimal import Decimal

from measures.models import Measure, Target
from measures.values import write
from metrics.models import NorthStar

MONDAY = dt.date(2026, 1, 5)


def measured(north_star: NorthStar, node_key: str, *, targets=(), **fields) -> Measure:
    measure = Measure.objects.create(north_star=north_star, node_key=node_key, **fields)
    for value, due in targets:
        Target.objects.create(measure=measure, value=Decimal(value), due=due)
    return measure


def weekly(north_star: NorthStar, measure: Measure, numbers, first: dt.date = MONDAY) -> None:
    """One value a week from `first`; None leaves that week without one."""
    rows = [
        (measure, first + dt.timedelta(weeks=index), Decimal(number))
        for index, number in enumerate(numbers)
        if number is not None
    ]
    write(north_star, rows, source="manual")
