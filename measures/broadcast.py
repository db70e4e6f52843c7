"""Telling open scorecards that numbers changed: the workshop's real-time pattern, for a North Star.

A write calls `numbers_changed` inside its transaction; once it commits, a notice naming
the North Star goes to its group. Every open scorecard of that North Star re-reads and
re-renders what it shows. A notice carries no numbers: a tab that misses one catches up
on its next reconnect or refresh.
"""

import logging
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from metrics.models import NorthStar

logger = logging.getLogger(__name__)


def group_name(north_star_key: str) -> str:
    return f"numbers-{north_star_key}"


def numbers_changed(north_star: NorthStar) -> None:
    key = north_star.key

    def send() -> None:
        layer = get_channel_layer()
        if layer is None:
            return
        try:
            # The id lets the scorecards of one process share the notice's renders.
            notice = {"type": "numbers.changed", "id": uuid.uuid4().hex}
            async_to_sync(layer.group_send)(group_name(key), notice)
        except Exception:
            # The write stands; open scorecards catch up when they reconnect.
            logger.exception("Could not announce new numbers for %s", key)

    transaction.on_commit(send)
