"""What to run next when the room cannot converge: suggestions from what the room already has.

Pure: it takes what the converge segment knows (is a game agreed, the revealed heatmap) and
names activities from `workshops.agenda.ACTIVITY_PLANS`, each with the reason it fits.
"""

from dataclasses import dataclass, field

from workshops.checklist import CHECKLIST

from .evaluation import Cell

# Below this average (on the 0-2 scale) a candidate does not express value.
LOW_VALUE = 1.0
VALUE_INDEX = next(index for index, criterion in enumerate(CHECKLIST) if criterion.key == "value")


@dataclass
class Suggestion:
    kind: str  # a key of workshops.agenda.ACTIVITY_PLANS
    title: str
    reasons: list[str] = field(default_factory=list)


def suggestions(*, game_agreed: bool, heatmap: list[list[Cell]]) -> list[Suggestion]:
    """The activities worth running next, most useful first, each with why.

    `heatmap` holds one row of cells (in checklist order) per candidate on the revealed board,
    or nothing when the ratings are not revealed.
    """
    exchanges = Suggestion("value-exchange", "Key value exchanges")
    core = Suggestion("core-value", "Core value exchange")
    beliefs = Suggestion("beliefs", "Beliefs")
    game = Suggestion("game", "Identify the game again")
    rated = [average for row in heatmap if (average := row[VALUE_INDEX].average) is not None]
    if rated and all(average < LOW_VALUE for average in rated):
        exchanges.reasons.append(
            "Every candidate rates low on “expresses value”: find where customers actually get value before "
            "naming a metric for it."
        )
        core.reasons.append(
            "Agree first on the one exchange the product exists for, and test it: would customers miss it?"
        )
    if any(cell.disagreement for row in heatmap for cell in row):
        exchanges.reasons.append(
            "The ratings are split: rating the exchanges on the customer’s journey gives the group common ground "
            "to argue from."
        )
        beliefs.reasons.append(
            "The ratings are split: people may believe different things about customers and competitors. "
            "Write the beliefs down privately, then reveal them side by side."
        )
    if not game_agreed:
        exchanges.reasons.append("No game is agreed yet: where the value changes hands tells you which game you play.")
        core.reasons.append("One sentence on what customers get, and when, often settles the game.")
        game.reasons.append("No game is agreed yet: pick again on your own, reveal, and talk the spread through.")
    if not exchanges.reasons:
        exchanges.reasons.append(
            "Nothing in the room points elsewhere: going back to the customer’s journey is a good reset."
        )
    return [suggestion for suggestion in (exchanges, beliefs, core, game) if suggestion.reasons]
