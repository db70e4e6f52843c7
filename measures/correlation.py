"""How an input's numbers move with the North Star's, and the North Star's with the business results.

For each pair, Pearson's r (straight-line relation) and Spearman's rho (same order, any
shape) with the leading series shifted by 0 to 4 periods: an input that moves the metric
often shows it a few weeks later. Only periods where both series have a value count; with
fewer than MIN_PERIODS of them, no coefficient is given, since a handful of points can show
any relation. A relation in the numbers says nothing of what causes what.
"""

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal

from . import periods

MIN_PERIODS = 8
LAGS = range(5)


@dataclass(frozen=True)
class Lagged:
    lag: int
    periods: int
    pearson: float | None
    spearman: float | None

    @property
    def enough(self) -> bool:
        return self.pearson is not None


def pearson(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 2:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    dx = [x - mean_x for x in xs]
    dy = [y - mean_y for y in ys]
    spread = math.sqrt(sum(d * d for d in dx) * sum(d * d for d in dy))
    if spread == 0:
        # A flat series relates to nothing.
        return None
    return sum(a * b for a, b in zip(dx, dy, strict=True)) / spread


def ranks(values: list[float]) -> list[float]:
    """Ranks from 1, ties sharing the average of the ranks they span."""
    order = sorted(range(len(values)), key=lambda index: values[index])
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        shared = (start + end) / 2 + 1
        for position in range(start, end + 1):
            result[order[position]] = shared
        start = end + 1
    return result


def spearman(xs: list[float], ys: list[float]) -> float | None:
    return pearson(ranks(xs), ranks(ys))


def lagged(leading: dict[dt.date, Decimal], following: dict[dt.date, Decimal], grain: str, lag: int) -> Lagged:
    """`leading` at each period against `following` `lag` periods later."""
    xs, ys = [], []
    for start, value in sorted(leading.items()):
        later = start
        for _ in range(lag):
            later = periods.next_period(later, grain)
        if later in following:
            xs.append(float(value))
            ys.append(float(following[later]))
    if len(xs) < MIN_PERIODS:
        return Lagged(lag, len(xs), None, None)
    return Lagged(lag, len(xs), pearson(xs, ys), spearman(xs, ys))


def report(leading: dict[dt.date, Decimal], following: dict[dt.date, Decimal], grain: str) -> list[Lagged]:
    return [lagged(leading, following, grain, lag) for lag in LAGS]


def strength(coefficient: float | None) -> str:
    """A coefficient in words, for people who do not read r."""
    if coefficient is None:
        return "not enough periods"
    size = abs(coefficient)
    word = "strong" if size >= 0.7 else "moderate" if size >= 0.4 else "weak" if size >= 0.2 else "no clear"
    if word == "no clear":
        return "no clear relation"
    return f"{word} {'positive' if coefficient > 0 else 'negative'}"
