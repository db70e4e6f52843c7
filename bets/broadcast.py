"""Telling open boards that bets moved: the one real-time pattern, for a North Star's board.

A move calls `board_changed` inside its transaction; once it commits, a notice naming no
state goes to the board's group, and every open board re-reads and re-renders itself.
"""

from metrics.models import NorthStar
from workshops.broadcast import announce_after_commit, notice


def group_name(north_star_key: str) -> str:
    return f"bets-{north_star_key}"


def board_changed(north_star: NorthStar) -> None:
    announce_after_commit(group_name(north_star.key), notice("board.changed"))
