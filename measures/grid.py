"""The manual grid: periods down, nodes across, one cell per node and period.

A grid shows the nodes measured by one grain (weeks or months); a node without a measure
yet is shown with the weekly one, and gets its measure, with the defaults, when its first
value is typed. Nodes an earlier version removed are shown read-only: their history stays.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from metrics.models import NorthStar

from . import periods
from .board import Node, read_nodes
from .models import Measure, Value

DEFAULT_ROWS = 12
MAX_ROWS = 156


@dataclass
class Row:
    start: dt.date
    label: str
    cells: list[tuple[Node, Decimal | None]]


def grain_of(node: Node) -> str:
    return node.measure.grain if node.measure else Measure.Grain.WEEK


def cell_name(node_key: str, start: dt.date) -> str:
    return f"v|{node_key}|{start.isoformat()}"


def today_in(north_star: NorthStar) -> dt.date:
    team = north_star.team
    return periods.local_day(timezone.now(), team.time_zone if team else "UTC")


def grid(north_star: NorthStar, grain: str, count: int) -> tuple[list[Node], list[Row]]:
    nodes = [node for node in read_nodes(north_star, with_figures=False) if grain_of(node) == grain]
    starts = periods.last_periods(today_in(north_star), grain, count)[::-1]
    measure_ids = [node.measure.pk for node in nodes if node.measure]
    kept: dict[tuple[int, dt.date], Decimal] = {
        (measure_id, start): value
        for measure_id, start, value in Value.objects.filter(
            measure_id__in=measure_ids, period_start__gte=starts[-1]
        ).values_list("measure_id", "period_start", "value")
    }
    rows = [
        Row(
            start,
            periods.period_label(start, grain),
            [(node, kept.get((node.measure.pk, start)) if node.measure else None) for node in nodes],
        )
        for start in starts
    ]
    return nodes, rows


def editable_node(north_star: NorthStar, key: str) -> Node | None:
    """The node a cell names, if values may be typed for it: in the current tree."""
    return next(
        (node for node in read_nodes(north_star, with_figures=False) if node.key == key and not node.retired), None
    )
