"""Telling open scorecards that numbers changed: the workshop's real-time pattern, for a North Star.

A write calls `numbers_changed` inside its transaction; once it commits, a notice naming
the North Star goes to its group. Every open scorecard of that North Star re-reads and
re-renders what it shows. A notice carries no numbers: a tab that misses one catches up
on its next reconnect or refresh. Its id lets the scorecards of one process share renders.
"""

from metrics.models import NorthStar
from workshops.broadcast import announce_after_commit, notice


def group_name(north_star_key: str) -> str:
    return f"numbers-{north_star_key}"


def numbers_changed(north_star: NorthStar) -> None:
    announce_after_commit(group_name(north_star.key), notice("numbers.changed"))
