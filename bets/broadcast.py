"""Telling open boards that bets moved: the one real-time pattern, for a North Star's board.

A move calls `board_changed` inside its transaction; once it commits, a notice naming no
state goes to the board's group, and every open board re-reads and re-renders itself.
"""

import logging
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from metrics.models import NorthStar

logger = logging.getLogger(__name__)


def group_name(north_star_key: str) -> str:
    return f"bets-{north_star_key}"


def board_changed(north_star: NorthStar) -> None:
    key = north_star.key

    def send() -> None:
        layer = get_channel_layer()
        if layer is None:
            return
        try:
            async_to_sync(layer.group_send)(group_name(key), {"type": "board.changed", "id": uuid.uuid4().hex})
        except Exception:
            # The move stands; open boards catch up when they reconnect.
            logger.exception("Could not announce a move on the board of %s", key)

    transaction.on_commit(send)
