"""Tell every open tab of a workshop that something changed, after the change is committed.

The message names regions only: no HTML, no state. Each consumer renders those
regions for its own viewer from the database. It also carries the workshop's
version after the change, so a browser that sees a number skipped knows it
missed a notice (the channel layer may drop them) and asks for everything again.
"""

import logging
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from .models import Workshop

logger = logging.getLogger(__name__)


def changed_message(*regions: str, participants: list[int] | None = None, version: int | None = None) -> dict:
    # The id lets the tabs of one process that receive the same notice share one read of the workshop.
    message: dict[str, object] = {"type": "workshop.changed", "regions": list(regions), "id": uuid.uuid4().hex}
    if participants is not None:
        # Only these participants' pages need to re-render (facilitator and presenter pages always do).
        message["participants"] = participants
    if version is not None:
        message["version"] = version
    return message


def workshop_changed(workshop: Workshop, *regions: str, participants: list[int] | None = None) -> None:
    """Count the change and announce it. Call inside the writing transaction: the notice leaves only if it commits.

    `participants=[]` is a change only the facilitators' and the projector's pages show (who
    has started a draft, how many have voted). It goes to their tabs alone, and is announced
    but not counted: a counted change sends every participant tab a frame that carries nothing
    but the new number, and during a room's dots even waking every participant's tab to ignore
    the notice was a good part of the server's work. A lost notice of this kind shows at the
    next counted change or reconnect.
    """
    if participants == []:
        group = workshop.staff_group_name
        message = changed_message(*regions, participants=[])
    else:
        group = workshop.group_name
        message = changed_message(*regions, participants=participants, version=workshop.bump_version())
    transaction.on_commit(lambda: send_to_group(group, message))


def send_to_group(group: str, message: dict) -> None:
    # The write is already committed: a layer that is down (Redis restarting) must not
    # turn it into an error page. Browsers catch up on reconnect or on the next version.
    try:
        async_to_sync(get_channel_layer().group_send)(group, message)
    except Exception:
        logger.exception("Could not announce %s to %s", message.get("regions"), group)


def own_tabs_changed(workshop: Workshop, participant_id: int, *regions: str) -> None:
    """A change only this participant's own pages show (the dots they have left): to their tabs alone.

    A person may have the workshop open in several tabs; the one they clicked in has its
    answer, the others hear this. Not counted, like a change for the staff alone: no other
    tab is woken for it. Call inside the writing transaction.
    """
    message = changed_message(*regions)
    group = workshop.own_group_name(participant_id)
    transaction.on_commit(lambda: send_to_group(group, message))


def notice(kind: str) -> dict:
    """A notice of the given type that names no state; its id lets the sockets of one process share its renders."""
    return {"type": kind, "id": uuid.uuid4().hex}


def announce_after_commit(group: str, message: dict) -> None:
    """Send `message` to `group` once the writing transaction commits (at once outside one).

    For the live pages of one object (scorecard, board, checkup, review): the write stands
    whatever happens to the notice, and an open page that misses one catches up on its
    next notice, reconnect or refresh.
    """

    def send() -> None:
        layer = get_channel_layer()
        if layer is None:
            return
        try:
            async_to_sync(layer.group_send)(group, message)
        except Exception:
            logger.exception("Could not announce %s to %s", message.get("type"), group)

    transaction.on_commit(send)
