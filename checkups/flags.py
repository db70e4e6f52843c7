"""Flags: what the latest checkups say the team should look at again. The API later apps read.

    from checkups.flags import open_flags
    for flag in open_flags(north_star):
        flag.words       # what the flag says, in a sentence
        flag.kind        # FELL_TWICE, CANNOT_TRACE or CONFIDENCE_FELL
        flag.key         # the signal's key or the input's key it is about
        flag.checkup     # the Checkup it comes from (its number, its close)
        flag.url         # the checkup's results, at the flag

A flag proposes a re-evaluation of the North Star; a review takes the open flags into its
agenda and a change proposal may cite them as evidence. Open flags are those of the latest
checkup whose results are shown (closed, with enough answers): a later checkup that no
longer shows the problem clears them, as it should. Nothing is stored: the flags are
computed from the answers each time, in three queries.
"""

from dataclasses import dataclass

from metrics.models import NorthStar

from .models import Checkup
from .questions import SIGNAL_WORDS, TRACE
from .results import SIGNAL, Results, shown_checkups

FELL_TWICE = "fell-twice"
CANNOT_TRACE = "cannot-trace"
CONFIDENCE_FELL = "confidence-fell"

# A median at or below this on "we can trace our work to it" is a flag.
TRACE_FLAG_MEDIAN = 2
# Confidence in an input falls when its average drops by at least this much between checkups,
# so one person moving from 4 to 3 in a team of ten is not a flag.
CONFIDENCE_DROP = 0.5


@dataclass(frozen=True)
class Flag:
    kind: str
    key: str
    words: str
    checkup: Checkup

    @property
    def url(self) -> str:
        return f"{self.checkup.get_absolute_url()}#flag-{self.kind}-{self.key}"


def flags_of(history: list[Results]) -> list[Flag]:
    """The flags raised by the last of these checkups (oldest first), given the ones before it."""
    if not history:
        return []
    latest = history[-1]
    found: list[Flag] = []
    earlier = [results.by_key() for results in history[-3:-1]]
    now = latest.by_key()
    if len(earlier) == 2:
        for signal in latest.signals:
            means = [before.get((signal.kind, signal.key)) for before in earlier] + [signal]
            values = [item.mean if item is not None else None for item in means]
            if None not in values and values[0] > values[1] > values[2]:  # type: ignore[operator]
                found.append(
                    Flag(
                        FELL_TWICE,
                        signal.key,
                        f"“{SIGNAL_WORDS[signal.key]}” fell two checkups in a row "
                        f"(average {values[0]:.1f}, then {values[1]:.1f}, now {values[2]:.1f}).",
                        latest.checkup,
                    )
                )
    trace = now.get((SIGNAL, TRACE))
    if trace is not None and trace.median is not None and trace.median <= TRACE_FLAG_MEDIAN:
        found.append(
            Flag(
                CANNOT_TRACE,
                TRACE,
                f"Half the team or more cannot trace their work to the North Star (median {trace.median:g} of 5).",
                latest.checkup,
            )
        )
    if earlier:
        before = earlier[-1]
        for item in latest.confidence:
            previous = before.get((item.kind, item.key))
            if previous is None or previous.mean is None or item.mean is None:
                continue
            if previous.mean - item.mean >= CONFIDENCE_DROP:
                found.append(
                    Flag(
                        CONFIDENCE_FELL,
                        item.key,
                        f"Confidence in the input “{item.words}” fell from {previous.mean:.1f} to {item.mean:.1f}.",
                        latest.checkup,
                    )
                )
    return found


def open_flags(north_star: NorthStar) -> list[Flag]:
    """The flags the team sees now: those of the North Star's latest shown checkup."""
    return flags_of(shown_checkups(north_star))
