"""What a checkup's answers say: a distribution per question, and how checkups compare over time.

The arithmetic is pure (`distribution`); `read_results` and `trend` read the rows. Results
exist only for a checkup that has closed with at least MIN_ANSWERS answers: before that,
nothing here returns a single rating, so no page or socket can show one.
"""

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from metrics.models import NorthStar

from .models import MIN_ANSWERS, Answer, Checkup
from .questions import SCALE, SIGNALS, STRATEGY_CHOICES

SIGNAL = "signal"
CONFIDENCE = "confidence"


@dataclass(frozen=True)
class Step:
    score: int
    count: int
    width: int  # share of the answers, in steps of 5%, for the bar's CSS class (w-0 ... w-100)


@dataclass(frozen=True)
class Distribution:
    key: str
    words: str
    kind: str  # SIGNAL or CONFIDENCE
    steps: tuple[Step, ...]
    count: int
    median: float | None
    mean: float | None
    comments: tuple[str, ...] = ()

    @property
    def level(self) -> int:
        """1..5 for the heatmap's colour: the mean, halves rounded up (not to even); 0 when nobody rated it."""
        return int(self.mean + 0.5) if self.mean is not None else 0


def distribution(key: str, words: str, kind: str, scores: Iterable[int], comments: Iterable[str] = ()) -> Distribution:
    scores = [score for score in scores if score in SCALE]
    count = len(scores)
    steps = tuple(
        Step(score, scores.count(score), 5 * round(20 * scores.count(score) / count) if count else 0) for score in SCALE
    )
    return Distribution(
        key=key,
        words=words,
        kind=kind,
        steps=steps,
        count=count,
        median=float(statistics.median(scores)) if scores else None,
        mean=round(statistics.fmean(scores), 2) if scores else None,
        # Sorted, so their order says nothing about who wrote which.
        comments=tuple(sorted(comment for comment in comments if comment)),
    )


@dataclass(frozen=True)
class StrategyBar:
    key: str
    words: str
    count: int
    width: int


@dataclass
class Results:
    checkup: Checkup
    answers: int
    signals: list[Distribution] = field(default_factory=list)
    confidence: list[Distribution] = field(default_factory=list)
    strategy: list[StrategyBar] = field(default_factory=list)

    def by_key(self) -> dict[tuple[str, str], Distribution]:
        return {(item.kind, item.key): item for item in [*self.signals, *self.confidence]}


def answer_count(checkup: Checkup) -> int:
    return Answer.objects.filter(checkup=checkup).count()


def may_show(checkup: Checkup, answers: int, now=None) -> bool:
    return not checkup.is_open(now) and answers >= MIN_ANSWERS


def results_of(checkup: Checkup, rows: list[Answer]) -> Results:
    """The distributions of these answers (pure: the caller decides whether they may be shown)."""
    signals = [
        distribution(
            signal.key,
            signal.words,
            SIGNAL,
            [row.signals.get(signal.key) for row in rows],
            [row.comments.get(signal.key, "") for row in rows],
        )
        for signal in SIGNALS
    ]
    confidence = [
        distribution(key, name, CONFIDENCE, [row.confidence.get(key) for row in rows]) for key, name in checkup.inputs
    ]
    total = len(rows)
    strategy = []
    for key, words in STRATEGY_CHOICES:
        count = sum(1 for row in rows if row.strategy == key)
        strategy.append(StrategyBar(key, words, count, 5 * round(20 * count / total) if total else 0))
    return Results(checkup, total, signals, confidence, strategy)


def read_results(checkup: Checkup, now=None) -> Results | None:
    """The checkup's results, or None while they stay hidden (still open, or too few answers)."""
    rows = list(Answer.objects.filter(checkup=checkup))
    if not may_show(checkup, len(rows), now):
        return None
    return results_of(checkup, rows)


def shown_checkups(north_star: NorthStar, now=None) -> list[Results]:
    """Every checkup of the North Star whose results may be shown, oldest first."""
    now = now or timezone.now()
    checkups = [checkup for checkup in Checkup.objects.of(north_star) if not checkup.is_open(now)]
    rows: dict[int, list[Answer]] = {checkup.pk: [] for checkup in checkups}
    for row in Answer.objects.filter(checkup__in=checkups):
        rows[row.checkup_id].append(row)
    return [results_of(checkup, rows[checkup.pk]) for checkup in checkups if len(rows[checkup.pk]) >= MIN_ANSWERS]


@dataclass(frozen=True)
class TrendRow:
    kind: str
    key: str
    words: str
    cells: tuple[Distribution | None, ...]  # one per checkup, None where it was not asked


def trend(history: list[Results]) -> list[TrendRow]:
    """The heatmap: a row per question, a column per checkup (history's order)."""
    rows = [TrendRow(SIGNAL, signal.key, signal.words, ()) for signal in SIGNALS]
    inputs: dict[str, str] = {}
    for results in history:
        inputs.update({item.key: item.words for item in results.confidence})
    rows += [TrendRow(CONFIDENCE, key, f"Confidence in “{name}”", ()) for key, name in inputs.items()]
    cells = [results.by_key() for results in history]
    return [
        TrendRow(row.kind, row.key, row.words, tuple(found.get((row.kind, row.key)) for found in cells)) for row in rows
    ]
