"""The one way values are written, whichever route they came by (grid, CSV, API, SQL).

`write` takes values already placed in periods, combines several for one period by the
measure's rule, and saves only what differs from what is kept: the same values sent
twice change nothing. It announces the change to open scorecards once, after commit.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from metrics.models import NorthStar

from .board import current_snapshot, tree_nodes
from .broadcast import numbers_changed
from .models import DECIMAL_PLACES, Measure, Value


@dataclass
class Counts:
    new: int = 0
    changed: int = 0
    unchanged: int = 0

    @property
    def written(self) -> int:
        return self.new + self.changed


def combine(rule: str, numbers: list[Decimal]) -> Decimal:
    if rule == Measure.Combine.AVERAGE:
        return round(sum(numbers, Decimal(0)) / len(numbers), DECIMAL_PLACES)
    if rule == Measure.Combine.LAST:
        return numbers[-1]
    return sum(numbers, Decimal(0))


def measure_for(north_star: NorthStar, node_key: str) -> Measure:
    """The node's measure, made with the defaults the first time a value arrives for it."""
    names = {node.key: node.name for node in tree_nodes(current_snapshot(north_star))}
    measure, _ = Measure.objects.get_or_create(
        north_star=north_star, node_key=node_key, defaults={"node_name": names.get(node_key, node_key)[:200]}
    )
    return measure


def write(
    north_star: NorthStar,
    rows: Iterable[tuple[Measure, dt.date, Decimal]],
    *,
    source: str,
    user=None,
) -> Counts:
    """Save (measure, period_start, value) rows in one transaction; several for one period combine."""
    grouped: dict[tuple[int, dt.date], list[Decimal]] = {}
    measures: dict[int, Measure] = {}
    for measure, start, number in rows:
        measures[measure.pk] = measure
        grouped.setdefault((measure.pk, start), []).append(number)
    wanted = {key: combine(measures[key[0]].combine, numbers) for key, numbers in grouped.items()}
    counts = Counts()
    if not wanted:
        return counts
    with transaction.atomic():
        # Lock the measures, in one order, before reading their values: two writes for the same
        # new period (two tabs, a push racing an upload) wait for each other instead of both
        # inserting and one failing on the unique constraint.
        list(Measure.objects.select_for_update().filter(pk__in=measures).order_by("pk").values_list("pk", flat=True))
        kept = {
            (row.measure_id, row.period_start): row
            for row in Value.objects.select_for_update().filter(
                measure_id__in=measures, period_start__in={start for _, start in wanted}
            )
        }
        now = timezone.now()
        new, changed = [], []
        for (measure_id, start), number in wanted.items():
            row = kept.get((measure_id, start))
            if row is None:
                new.append(
                    Value(
                        measure_id=measure_id,
                        period_start=start,
                        value=number,
                        source=source,
                        updated_at=now,
                        updated_by=user,
                    )
                )
            elif row.value != number:
                row.value, row.source, row.updated_at, row.updated_by = number, source, now, user
                changed.append(row)
            else:
                counts.unchanged += 1
        Value.objects.bulk_create(new, batch_size=1000)
        Value.objects.bulk_update(changed, ["value", "source", "updated_at", "updated_by"], batch_size=1000)
        counts.new, counts.changed = len(new), len(changed)
        if counts.written:
            numbers_changed(north_star)
    return counts


def clear(north_star: NorthStar, measure: Measure, start: dt.date) -> bool:
    """Remove one period's value. True if there was one."""
    with transaction.atomic():
        list(Measure.objects.select_for_update().filter(pk=measure.pk).values_list("pk", flat=True))
        deleted, _ = Value.objects.filter(measure=measure, period_start=start).delete()
        if deleted:
            numbers_changed(north_star)
    return bool(deleted)
