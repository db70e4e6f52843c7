"""Telling a checkup's open results pages that something changed: a new answer, or the close.

The workshop's pattern: the write calls `checkup_changed` in its transaction; after commit
a notice with no content goes to the checkup's group, and each socket re-reads and re-renders
what its viewer may see. A lost notice is made good by the next one or a reload.
"""

from workshops.broadcast import announce_after_commit, notice

from .models import Checkup


def checkup_changed(checkup: Checkup) -> None:
    announce_after_commit(checkup.group_name, notice("checkup.changed"))
