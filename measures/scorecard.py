"""What a North Star's scorecard shows: every node's figures, a sparkline, movers and notes.

Read in a fixed number of queries whatever the history's length (`read_nodes` plus one
for the notes), so the page, the live pushes, TV mode, the read-only link and the print
all show the same thing from the same reads.

The sparkline is drawn on the server as SVG points over the last 12 periods: a period
without a value breaks the line (a carried or zero period is drawn, as the measure's rule
says), and a sentence says the same in words for those who do not see it.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from metrics.models import NorthStar

from . import periods
from .access import may_explain_as_member
from .board import Node, read_nodes
from .figures import Point, good_change
from .models import VarianceNote

SPARK_PERIODS = 12
SPARK_WIDTH = 120
SPARK_HEIGHT = 32
SPARK_PAD = 3
MOVERS = 3

# Lines a later app shows on a node's card (bets: the outcomes of bets on an input), by node key.
# measures cannot import those apps; they register here from their AppConfig.ready().
NodeNotes = Callable[[NorthStar], dict[str, list[str]]]
_node_notes: list[NodeNotes] = []


def add_node_notes(source: NodeNotes) -> None:
    """Show the lines `source(north_star)` gives for each node key on the scorecard's cards."""
    if source not in _node_notes:
        _node_notes.append(source)


def node_notes(north_star: NorthStar) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for source in _node_notes:
        for key, lines in source(north_star).items():
            found.setdefault(key, []).extend(lines)
    return found


@dataclass
class Sparkline:
    lines: list[str] = field(default_factory=list)  # SVG `points`, one per unbroken run
    dots: list[tuple[str, str]] = field(default_factory=list)  # a lone period between gaps
    words: str = ""
    width: int = SPARK_WIDTH
    height: int = SPARK_HEIGHT


def number_words(value: Decimal | None, unit: str = "") -> str:
    if value is None:
        return "no value"
    text = f"{value.normalize():f}" if value == value.to_integral_value() else f"{round(value, 2):f}".rstrip("0")
    text = text.rstrip(".")
    return f"{text} {unit}".strip() if unit else text


def sparkline(points: list[Point], grain: str, unit: str) -> Sparkline:
    known = [point.value for point in points if point.value is not None]
    if not known:
        return Sparkline(words="No values yet.")
    low, high = min(known), max(known)
    span = high - low or Decimal(1)
    step = (SPARK_WIDTH - 2 * SPARK_PAD) / max(len(points) - 1, 1)
    runs: list[list[tuple[str, str]]] = [[]]
    for index, point in enumerate(points):
        if point.value is None:
            if runs[-1]:
                runs.append([])
            continue
        x = SPARK_PAD + index * step
        y = SPARK_PAD + float((high - point.value) / span) * (SPARK_HEIGHT - 2 * SPARK_PAD)
        runs[-1].append((f"{x:.1f}", f"{y:.1f}"))
    line = Sparkline()
    for run in runs:
        if len(run) > 1:
            line.lines.append(" ".join(f"{x},{y}" for x, y in run))
        elif run:
            line.dots.append(run[0])
    gaps = sum(1 for point in points if point.value is None)
    first, last = points[0], points[-1]
    words = (
        f"From {periods.short_label(first.period_start, grain)} to {periods.short_label(last.period_start, grain)}:"
        f" lowest {number_words(low, unit)}, highest {number_words(high, unit)}"
    )
    if gaps:
        words += f", {gaps} {'period' if gaps == 1 else 'periods'} without a value"
    line.words = words + "."
    return line


@dataclass
class Card:
    """One node on the scorecard."""

    node: Node
    spark: Sparkline
    note: VarianceNote | None = None
    # Plain lines from later apps (add_node_notes), escaped by the template.
    extras: list[str] = field(default_factory=list)

    @property
    def figures(self):
        return self.node.figures

    @property
    def unit(self) -> str:
        return self.node.measure.unit if self.node.measure else ""

    @property
    def latest_label(self) -> str:
        figures, measure = self.node.figures, self.node.measure
        if figures is None or figures.latest is None or measure is None:
            return ""
        return periods.period_label(figures.latest.period_start, measure.grain)

    @property
    def latest_words(self) -> str:
        figures = self.node.figures
        return number_words(figures.latest.value if figures and figures.latest else None, self.unit)

    @property
    def target_words(self) -> str:
        figures = self.node.figures
        if figures is None or figures.target is None:
            return ""
        return f"{number_words(figures.target.value, self.unit)} by {figures.target.due:%-d %b %Y}"

    @property
    def direction(self) -> str:
        """ "up", "down" or "flat", for the arrow; "" when there is nothing to compare."""
        figures = self.node.figures
        if figures is None or figures.change is None:
            return ""
        return "up" if figures.change > 0 else "down" if figures.change < 0 else "flat"

    @property
    def arrow(self) -> str:
        return {"up": "↑", "down": "↓", "flat": "→"}.get(self.direction, "")

    @property
    def change_words(self) -> str:
        figures = self.node.figures
        if figures is None or figures.change is None:
            return "Nothing to compare with yet"
        if figures.change == 0:
            return "No change on the period before"
        verb = "Up" if figures.change > 0 else "Down"
        text = f"{verb} {number_words(abs(figures.change), self.unit)}"
        if figures.change_pct is not None:
            text += f" ({number_words(round(abs(figures.change_pct), 1))}%)"
        return text + " on the period before"

    @property
    def change_quality(self) -> str:
        """Whether the move was good news: "better", "worse" or ""."""
        measure = self.node.measure
        figures = self.node.figures
        if measure is None or figures is None:
            return ""
        good = good_change(measure.direction, figures.change)
        return "" if good is None else "better" if good else "worse"

    @property
    def pct_of_target_words(self) -> str:
        figures = self.node.figures
        if figures is None or figures.pct_of_target is None:
            return ""
        return f"{number_words(round(figures.pct_of_target, 1))}% of target"

    @property
    def status(self) -> str:
        return self.node.figures.status if self.node.figures else "no-measure"

    @property
    def status_words(self) -> str:
        return self.node.figures.status_words if self.node.figures else "Not measured yet"

    @property
    def status_icon(self) -> str:
        return self.node.figures.status_icon if self.node.figures else "○"


@dataclass
class Scorecard:
    north_star: NorthStar
    cards: list[Card]

    @property
    def movers(self) -> list[Card]:
        """The nodes whose latest period moved most, by share of the period before."""
        moved = [
            card
            for card in self.cards
            if card.figures is not None and card.figures.change_pct is not None and card.figures.change
        ]
        moved.sort(key=lambda card: abs(card.figures.change_pct), reverse=True)
        return moved[:MOVERS]

    def explainable_by(self, user) -> tuple[str, ...]:
        """The nodes whose latest period a team member may explain: the one part that differs between viewers."""
        return tuple(
            card.node.key
            for card in self.cards
            if card.node.measure is not None
            and card.figures is not None
            and card.figures.latest is not None
            and may_explain_as_member(user, card.node.measure)
        )


def read_scorecard(north_star: NorthStar) -> Scorecard:
    """The scorecard as every viewer sees it; which notes a viewer may write is `explainable_by`."""
    # One value more than the sparkline's periods: the change of the first needs the one before.
    nodes = read_nodes(north_star, recent=SPARK_PERIODS + 1)
    latest: dict[int, dt.date] = {}
    for node in nodes:
        if node.measure is not None and node.figures is not None and node.figures.latest is not None:
            latest[node.measure.pk] = node.figures.latest.period_start
    notes: dict[int, VarianceNote] = {}
    if latest:
        for note in VarianceNote.objects.filter(
            measure_id__in=latest, period_start__in=set(latest.values())
        ).select_related("author"):
            if latest.get(note.measure_id) == note.period_start:
                notes[note.measure_id] = note
    extras = node_notes(north_star)
    cards = []
    for node in nodes:
        measure = node.measure
        points = node.figures.recent(SPARK_PERIODS) if node.figures else []
        spark = sparkline(points, measure.grain, measure.unit) if measure else Sparkline(words="Not measured yet.")
        cards.append(
            Card(node, spark, note=notes.get(measure.pk) if measure else None, extras=extras.get(node.key, []))
        )
    return Scorecard(north_star, cards)
