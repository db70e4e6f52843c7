"""Telling a running review's open pages that something changed: the workshop's pattern again.

A write calls `review_changed` inside its transaction; after commit a notice naming no
state goes to the occurrence's group, and every open page re-renders for its own viewer.
"""

import logging
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from .models import Occurrence

logger = logging.getLogger(__name__)


def review_changed(occurrence: Occurrence) -> None:
    group = occurrence.group_name

    def send() -> None:
        layer = get_channel_layer()
        if layer is None:
            return
        try:
            async_to_sync(layer.group_send)(group, {"type": "review.changed", "id": uuid.uuid4().hex})
        except Exception:
            logger.exception("Could not announce a change to %s", group)

    transaction.on_commit(send)
