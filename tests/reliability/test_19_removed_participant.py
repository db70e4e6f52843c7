"""Issue 9, test 19: a removed participant's open socket closes within seconds and every further request is refused."""

import pytest
from asgiref.sync import sync_to_async
from django.urls import reverse

from tests.reliability.helpers import live_workshop
from tests.sockets import communicator, connected, facilitator_client, join_as, receive_until
from workshops.models import Ready

pytestmark = [pytest.mark.reliability, pytest.mark.asyncio, pytest.mark.usefixtures("async_db")]


async def test_a_removed_participant_is_disconnected_and_refused_everywhere():
    workshop = await sync_to_async(live_workshop)()
    grace = await join_as(workshop, "Grace")
    linus = await join_as(workshop, "Linus")
    lead = await facilitator_client(workshop)
    grace_id = await sync_to_async(lambda: workshop.participants.get(display_name="Grace").pk)()
    path = f"/ws/workshops/{workshop.code}/participant/"

    async with connected(path, linus) as linus_socket:
        grace_socket = communicator(path, grace)
        ok, _ = await grace_socket.connect()
        assert ok
        await receive_until(grace_socket, 'id="roster"')

        await sync_to_async(lead.post)(reverse("workshops:participant_remove", args=[workshop.code, grace_id]))
        output = await grace_socket.receive_output(timeout=3)
        while output["type"] != "websocket.close":
            output = await grace_socket.receive_output(timeout=3)
        assert output["code"] == 4403
        roster = await receive_until(linus_socket, "1 of 1 connected")
        assert "Grace" not in roster

    page = await sync_to_async(grace.get)(workshop.get_participant_url())
    rejoin = await sync_to_async(grace.post)(workshop.get_join_url(), {"display_name": "Grace again"})
    ready = await sync_to_async(grace.post)(
        reverse("workshops:ready", args=[workshop.code]), {"segment": workshop.current_segment_id, "done": "1"}
    )
    socket = communicator(path, grace)
    reopened, code = await socket.connect()

    assert page.status_code == 403
    assert "You are no longer in this workshop" in page.text
    assert rejoin.status_code == 403
    assert ready.status_code == 302
    assert not reopened
    assert code == 4403
    assert not await sync_to_async(Ready.objects.exists)()
    assert await sync_to_async(workshop.participants.filter(display_name="Grace again").exists)() is False
