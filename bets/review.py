"""Did the bet move its input? The input's numbers before and after the bet started, against the expected effect.

Pure arithmetic over the input's values (measures' `Value` rows, one per period): the
average of up to `WINDOW` periods before the period the bet started in, the average of the
periods from then on, the change between them, and the change the one-pager expected. The
chart is drawn on the server as a small SVG: the values, a line at the start, and a dashed
line where the expected effect would have put the input.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from library.models import Bet
from measures import periods
from measures.models import Measure, Value
from measures.scorecard import number_words
from metrics.models import NorthStar

WINDOW = 8  # periods on each side of the start
WIDTH, HEIGHT, PAD = 480, 160, 12


@dataclass
class Chart:
    line: str = ""  # SVG points of the values
    dots: list[tuple[str, str]] = field(default_factory=list)
    start_x: str = ""
    expected_y: str = ""
    before_y: str = ""
    width: int = WIDTH
    height: int = HEIGHT


@dataclass
class BeforeAfter:
    bet: Bet
    measure: Measure | None
    start: dt.date
    before: list[tuple[dt.date, Decimal]] = field(default_factory=list)
    after: list[tuple[dt.date, Decimal]] = field(default_factory=list)
    chart: Chart = field(default_factory=Chart)

    @property
    def unit(self) -> str:
        return self.measure.unit if self.measure else ""

    @property
    def has_numbers(self) -> bool:
        return bool(self.before or self.after)

    @property
    def comparable(self) -> bool:
        return bool(self.before and self.after)

    @staticmethod
    def _mean(rows: list[tuple[dt.date, Decimal]]) -> Decimal | None:
        return round(sum((value for _, value in rows), Decimal(0)) / len(rows), 2) if rows else None

    @property
    def before_mean(self) -> Decimal | None:
        return self._mean(self.before)

    @property
    def after_mean(self) -> Decimal | None:
        return self._mean(self.after)

    @property
    def change(self) -> Decimal | None:
        if self.before_mean is None or self.after_mean is None:
            return None
        return self.after_mean - self.before_mean

    @property
    def expected_change(self) -> Decimal | None:
        size = self.bet.expected_size
        if size is None:
            return None
        return size if self.bet.expected_direction == Bet.Direction.UP else -size

    @property
    def expected_level(self) -> Decimal | None:
        if self.before_mean is None or self.expected_change is None:
            return None
        return self.before_mean + self.expected_change

    @property
    def words(self) -> str:
        """What the numbers say, in a sentence."""
        if self.measure is None:
            return "This input has no numbers: set up its measure to see whether the bet moved it."
        if not self.has_numbers:
            return "This input has no numbers yet: nothing to compare before and after the bet."
        if not self.before:
            return "There are no numbers from before the bet started, so there is nothing to compare with."
        if not self.after:
            return "There are no numbers since the bet started yet."
        assert self.change is not None
        moved = (
            "stayed where it was"
            if self.change == 0
            else f"went {'up' if self.change > 0 else 'down'} by {number_words(abs(self.change), self.unit)}"
        )
        text = (
            f"On average the input {moved}: {number_words(self.before_mean, self.unit)} a period before the bet,"
            f" {number_words(self.after_mean, self.unit)} since."
        )
        expected = self.expected_change
        if expected is None:
            return text + " The one-pager did not say how much it expected."
        direction = "up" if expected > 0 else "down"
        text += f" The bet expected {direction} {number_words(abs(expected), self.unit)}"
        text += f" by {self.bet.expected_by:%-d %b %Y}." if self.bet.expected_by else "."
        reached = self.change >= expected if expected > 0 else self.change <= expected
        return text + (" That is as much as expected or more." if reached else " That is less than expected.")


def start_of(bet: Bet) -> dt.date:
    return bet.started_on or bet.created_at.date()


def before_after(bet: Bet, *, today: dt.date | None = None) -> BeforeAfter:
    north_star: NorthStar = bet.north_star
    measure = Measure.objects.filter(north_star=north_star, node_key=bet.input_key).first() if bet.input_key else None
    result = BeforeAfter(bet, measure, start_of(bet))
    if measure is None:
        return result
    first = periods.period_start(result.start, measure.grain)
    rows = list(Value.objects.filter(measure=measure).order_by("period_start").values_list("period_start", "value"))
    result.before = [row for row in rows if row[0] < first][-WINDOW:]
    result.after = [row for row in rows if row[0] >= first][:WINDOW]
    result.chart = chart(result, first)
    return result


def chart(result: BeforeAfter, first: dt.date) -> Chart:
    rows = result.before + result.after
    if not rows:
        return Chart()
    values = [value for _, value in rows]
    if result.expected_level is not None:
        values.append(result.expected_level)
    low, high = min(values), max(values)
    span = high - low or Decimal(1)
    step = (WIDTH - 2 * PAD) / max(len(rows) - 1, 1)

    def y(value: Decimal) -> str:
        return f"{PAD + float((high - value) / span) * (HEIGHT - 2 * PAD):.1f}"

    points = [(f"{PAD + index * step:.1f}", y(value)) for index, (_, value) in enumerate(rows)]
    drawn = Chart(line=" ".join(f"{x},{yy}" for x, yy in points) if len(points) > 1 else "", dots=points)
    if result.after:
        drawn.start_x = f"{PAD + (len(result.before) - 0.5 if result.before else 0) * step:.1f}"
    if result.before_mean is not None:
        drawn.before_y = y(result.before_mean)
    if result.expected_level is not None:
        drawn.expected_y = y(result.expected_level)
    return drawn


def outcome_line(bet: Bet) -> str:
    line = f"{bet.title}: {bet.get_outcome_display().lower()}"
    return line + (f". Learned: {bet.learning}" if bet.learning else "")


def outcomes_by_input(north_star: NorthStar) -> dict[str, list[str]]:
    """Each input's reviewed bets, one line each, for the scorecard's cards."""
    found: dict[str, list[str]] = {}
    for bet in north_star.bets.exclude(outcome="").exclude(input_key=""):
        found.setdefault(bet.input_key, []).append(outcome_line(bet))
    return found
