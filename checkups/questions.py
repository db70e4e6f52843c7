"""What a checkup asks: the signals that a North Star works, in our own words.

Each signal is rated 1 (not at all) to 5 (fully). The keys are stored in answers, so a
signal's words may be reworded later without breaking old checkups; a key is never reused.
"""

from dataclasses import dataclass

TRACE = "trace"


@dataclass(frozen=True)
class Signal:
    key: str
    words: str


SIGNALS = (
    Signal(TRACE, "We can trace our own work to the North Star."),
    Signal("decisions", "Decisions about what to build come more easily."),
    Signal("saying_no", "Saying no to work that does not move it has become easier."),
    Signal("impact", "Our debates are about impact, not opinions or output."),
    Signal("language", "It gives us a shared language across the team."),
    Signal("beyond_product", "People outside product (sales, support, leadership) use it too."),
    Signal("learning", "It tells us when our bets worked, soon enough to act."),
)
SIGNAL_KEYS = tuple(signal.key for signal in SIGNALS)
SIGNAL_WORDS = {signal.key: signal.words for signal in SIGNALS}

SCALE = (1, 2, 3, 4, 5)
SCALE_WORDS = {1: "1 · not at all", 2: "2", 3: "3 · somewhat", 4: "4", 5: "5 · fully"}
CONFIDENCE_WORDS = {1: "1 · no confidence", 2: "2", 3: "3 · some", 4: "4", 5: "5 · full confidence"}

YES, PARTLY, NO = "yes", "partly", "no"
STRATEGY_CHOICES = (
    (YES, "Yes, it still reflects our strategy"),
    (PARTLY, "Partly"),
    (NO, "No, the strategy has moved"),
)
