"""A North Star's bets board: its work-in-progress limits. The bets themselves are library's `Bet`."""

from django.db import models

from library.models import Bet
from metrics.models import NorthStar

# The board's two lanes: the levels whose bets move through columns.
BOARD_LEVELS = (Bet.Level.OPPORTUNITY, Bet.Level.INTERVENTION)
# The columns, the same statuses under the words each lane uses.
COLUMN_WORDS = {
    Bet.Level.OPPORTUNITY: {
        Bet.Status.NEXT: "Next",
        Bet.Status.IN_PROGRESS: "Focusing",
        Bet.Status.IN_REVIEW: "Review",
        Bet.Status.DONE: "Done",
    },
    Bet.Level.INTERVENTION: {
        Bet.Status.NEXT: "To try",
        Bet.Status.IN_PROGRESS: "Trying",
        Bet.Status.IN_REVIEW: "Review",
        Bet.Status.DONE: "Done",
    },
}


def column_words(level: int, status: str) -> str:
    return COLUMN_WORDS.get(level, {}).get(status, Bet.Status(status).label)  # type: ignore[call-overload]


class ColumnLimit(models.Model):
    """At most `limit` bets of one level in one column of a North Star's board."""

    north_star = models.ForeignKey(NorthStar, on_delete=models.CASCADE, related_name="bet_limits")
    level = models.PositiveSmallIntegerField(choices=Bet.Level.choices)
    status = models.CharField(max_length=12, choices=Bet.Status.choices)
    limit = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["level", "status"]
        constraints = [
            models.UniqueConstraint("north_star", "level", "status", name="one_limit_per_board_column"),
        ]

    def __str__(self) -> str:
        return f"{column_words(self.level, self.status)} (level {self.level}): at most {self.limit}"
