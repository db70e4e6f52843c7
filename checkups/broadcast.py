"""Telling a checkup's open results pages that something changed: a new answer, or the close.

The workshop's pattern: the write calls `checkup_changed` in its transaction; after commit
a notice with no content goes to the checkup's group, and each socket re-reads and re-renders
what its viewer may see. A lost notice is made good by the next one or a reload.
"""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from .models import Checkup

logger = logging.getLogger(__name__)


def checkup_changed(checkup: Checkup) -> None:
    group = checkup.group_name

    def send() -> None:
        layer = get_channel_layer()
        if layer is None:
            return
        try:
            async_to_sync(layer.group_send)(group, {"type": "checkup.changed"})
        except Exception:
            logger.exception("Could not announce a change to %s", group)

    transaction.on_commit(send)
