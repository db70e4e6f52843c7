"""The scorecard as a meeting saw it: figures as of the meeting's day, kept as JSON on the occurrence.

Built from the same pieces as the live scorecard (measures' nodes, figures and sparklines),
but only from values of periods that started on or before the day, and stored as words and
points, not as references: a value corrected after the meeting leaves the record as it was.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from checkups.flags import open_flags
from measures.board import INPUT, read_nodes
from measures.figures import AT_RISK, OFF_TRACK, Step, figures
from measures.models import Value, VarianceNote
from measures.scorecard import SPARK_PERIODS, Card, Sparkline, sparkline
from metrics.models import NorthStar

FORMAT = 1
NEEDS_NOTE = (AT_RISK, OFF_TRACK)


def freeze(north_star: NorthStar, as_of: dt.date) -> dict:
    nodes = read_nodes(north_star, with_figures=False)
    values: dict[int, dict[dt.date, Decimal]] = {}
    rows = Value.objects.filter(measure__north_star=north_star, period_start__lte=as_of)
    for measure_id, start, value in rows.values_list("measure_id", "period_start", "value"):
        values.setdefault(measure_id, {})[start] = value
    frozen = []
    for node in nodes:
        measure = node.measure
        if measure is not None:
            steps = [Step(target.value, target.due) for target in measure.targets.all()]
            node.figures = figures(measure, values.get(measure.pk, {}), steps)
            points = node.figures.recent(SPARK_PERIODS)
            spark = sparkline(points, measure.grain, measure.unit)
        else:
            spark = Sparkline(words="Not measured yet.")
        card = Card(node, spark)
        latest = node.figures.latest if node.figures else None
        change_pct = node.figures.change_pct if node.figures else None
        frozen.append(
            {
                "key": node.key,
                "name": node.name,
                "kind": node.kind,
                "kind_words": node.kind_words,
                "retired": node.retired,
                "measure_id": measure.pk if measure else None,
                "owner_id": measure.owner_id if measure else None,
                "owner_name": measure.owner.name if measure and measure.owner else "",
                "status": card.status,
                "status_words": card.status_words,
                "status_icon": card.status_icon,
                "latest": str(latest.value) if latest else None,
                "latest_words": card.latest_words,
                "period": latest.period_start.isoformat() if latest else None,
                "period_words": card.latest_label,
                "change_words": card.change_words,
                "change_quality": card.change_quality,
                "change_pct": str(change_pct) if change_pct is not None else None,
                "arrow": card.arrow,
                "target_words": card.target_words,
                "pct_of_target_words": card.pct_of_target_words,
                "spark": {"lines": spark.lines, "dots": spark.dots, "words": spark.words},
            }
        )
    return {"format": FORMAT, "as_of": as_of.isoformat(), "nodes": frozen, "flags": checkup_flags(north_star)}


def checkup_flags(north_star: NorthStar) -> list[dict]:
    """The checkup's open flags as words and links, so the meeting keeps the ones it discussed."""
    return [
        {"kind": flag.kind, "key": flag.key, "words": flag.words, "url": flag.url, "checkup": flag.checkup.number}
        for flag in open_flags(north_star)
    ]


def flags_for(occurrence_snapshot: dict | None, north_star: NorthStar) -> list[dict]:
    """The flags kept with a frozen meeting (none for one frozen before flags were kept); else today's."""
    if occurrence_snapshot:
        return list(occurrence_snapshot.get("flags", []))
    return checkup_flags(north_star)


@dataclass
class FrozenNode:
    data: dict
    note: VarianceNote | None = None

    def __getattr__(self, name: str):
        if name == "data":
            raise AttributeError(name)
        try:
            return self.data[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def dom_id(self) -> str:
        return f"node-{self.data['key']}"

    @property
    def is_input(self) -> bool:
        return self.data["kind"] == INPUT and not self.data["retired"]

    @property
    def needs_note(self) -> bool:
        return self.is_input and self.data["status"] in NEEDS_NOTE and self.data["period"] is not None

    @property
    def spark_width(self) -> int:
        return Sparkline().width

    @property
    def spark_height(self) -> int:
        return Sparkline().height


def frozen_nodes(snapshot: dict | None) -> list[FrozenNode]:
    """The kept nodes with the variance notes written for their frozen periods (one query)."""
    if not snapshot:
        return []
    nodes = [FrozenNode(row) for row in snapshot["nodes"]]
    wanted = {(n.measure_id, n.period) for n in nodes if n.measure_id is not None and n.period is not None}
    if wanted:
        notes = VarianceNote.objects.filter(
            measure_id__in={m for m, _ in wanted}, period_start__in={p for _, p in wanted}
        ).select_related("author")
        by_key = {(note.measure_id, note.period_start.isoformat()): note for note in notes}
        for node in nodes:
            node.note = by_key.get((node.measure_id, node.period))
    return nodes


def movers(nodes: list[FrozenNode], count: int = 3) -> list[FrozenNode]:
    moved = [node for node in nodes if node.change_pct is not None and Decimal(node.change_pct) != 0]
    moved.sort(key=lambda node: abs(Decimal(node.change_pct)), reverse=True)
    return moved[:count]


def owed_notes(nodes: list[FrozenNode]) -> list[FrozenNode]:
    """Inputs at risk or off track whose owner has not written a note for the frozen period yet."""
    return [node for node in nodes if node.needs_note and node.note is None]
