"""Tell every open tab of a workshop that something changed, after the change is committed.

The message names regions only: no HTML, no state. Each consumer renders those
regions for its own viewer from the database.
"""

import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from .models import Workshop


def changed_message(*regions: str, participants: list[int] | None = None) -> dict:
    # The id lets the tabs of one process that receive the same notice share one read of the workshop.
    message = {"type": "workshop.changed", "regions": list(regions), "id": uuid.uuid4().hex}
    if participants is not None:
        # Only these participants' pages need to re-render (facilitator and presenter pages always do).
        message["participants"] = participants
    return message


def workshop_changed(workshop: Workshop, *regions: str, participants: list[int] | None = None) -> None:
    """Call inside the writing transaction; the notice leaves only if it commits."""
    group = workshop.group_name
    message = changed_message(*regions, participants=participants)
    transaction.on_commit(lambda: send_to_group(group, message))


def send_to_group(group: str, message: dict) -> None:
    async_to_sync(get_channel_layer().group_send)(group, message)
