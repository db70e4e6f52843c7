"""Telling a running review's open pages that something changed: the workshop's pattern again.

A write calls `review_changed` inside its transaction; after commit a notice naming no
state goes to the occurrence's group, and every open page re-renders for its own viewer.
"""

from workshops.broadcast import announce_after_commit, notice

from .models import Occurrence


def review_changed(occurrence: Occurrence) -> None:
    announce_after_commit(occurrence.group_name, notice("review.changed"))
