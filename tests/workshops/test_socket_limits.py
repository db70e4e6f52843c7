"""What one visitor may hold: so many open sockets per browser session, so many frames per socket."""

import pytest
from asgiref.sync import sync_to_async
from django.urls import reverse

from tests.reliability.helpers import live_workshop
from tests.sockets import close_code, communicator, connected, facilitator_client, join_as, open_socket, receive_until
from workshops import consumers
from workshops.models import Connection

pytestmark = [pytest.mark.asyncio, pytest.mark.usefixtures("async_db")]


def participant_path(workshop) -> str:
    return f"/ws/workshops/{workshop.code}/participant/"


async def sockets_of(name: str) -> int:
    return await sync_to_async(Connection.objects.filter(participant__display_name=name).count)()


async def test_the_default_limit_is_ten_sockets_per_session(settings):
    assert settings.MAX_SOCKETS_PER_SESSION == 10


async def test_a_session_over_its_socket_limit_is_told_so_and_others_are_unaffected(settings):
    settings.MAX_SOCKETS_PER_SESSION = 3
    workshop = await sync_to_async(live_workshop)()
    grace, linus = await join_as(workshop, "Grace"), await join_as(workshop, "Linus")
    path = participant_path(workshop)
    tabs = [await open_socket(path, grace) for _ in range(3)]

    one_too_many = communicator(path, grace)
    accepted, _ = await one_too_many.connect()
    code = await close_code(one_too_many)

    # Accepted, then closed: a browser learns the code only from a socket that was accepted.
    assert accepted
    assert code == consumers.CLOSE_TOO_MANY_SOCKETS
    assert await sockets_of("Grace") == 3
    async with connected(path, linus) as other:
        assert "2 of 2 connected" in await receive_until(other, "2 of 2 connected")

    await tabs[0].disconnect()
    again = await open_socket(path, grace)
    assert await sockets_of("Grace") == 3
    for socket in [*tabs[1:], again, one_too_many]:
        await socket.disconnect()


async def test_the_socket_limit_counts_sockets_of_every_workshop_page_of_the_session(settings):
    settings.MAX_SOCKETS_PER_SESSION = 2
    workshop = await sync_to_async(live_workshop)()
    lead = await facilitator_client(workshop)
    facilitate = f"/ws/workshops/{workshop.code}/facilitate/"
    present = f"/ws/workshops/{workshop.code}/present/"
    first, second = await open_socket(facilitate, lead), await open_socket(present, lead)

    third = communicator(facilitate, lead)
    await third.connect()

    assert await close_code(third) == consumers.CLOSE_TOO_MANY_SOCKETS
    for socket in (first, second, third):
        await socket.disconnect()


async def test_a_flood_of_frames_closes_that_socket_and_spares_the_other_rooms():
    workshop, elsewhere = await sync_to_async(lambda: (live_workshop(), live_workshop()))()
    grace, ada = await join_as(workshop, "Grace"), await join_as(elsewhere, "Ada")
    lead = await facilitator_client(elsewhere)
    socket = await open_socket(participant_path(workshop), grace)

    async with connected(participant_path(elsewhere), ada) as bystander:
        await receive_until(bystander, 'id="roster"')
        for _ in range(consumers.FRAME_BURST * 3):
            await socket.send_to(text_data="{}")
        full_pages = 0
        output = await socket.receive_output(timeout=3)
        while output["type"] != "websocket.close":
            full_pages += 'id="now"' in output.get("text", "")
            output = await socket.receive_output(timeout=3)

        assert output["code"] == consumers.CLOSE_TOO_MANY_FRAMES
        assert full_pages <= 2, "the frames before the limit still coalesce into one render a second"
        assert await sockets_of("Grace") == 0
        await sync_to_async(lead.post)(
            reverse("workshops:go", args=[elsewhere.code]),
            {"from_segment": elsewhere.current_segment_id, "direction": "next"},
        )
        assert "Identify the game" in await receive_until(bystander, "Identify the game")
    await socket.disconnect()


async def test_a_page_that_asks_now_and_then_stays_open():
    workshop = await sync_to_async(live_workshop)()
    grace = await join_as(workshop, "Grace")

    async with connected(participant_path(workshop), grace) as socket:
        for _ in range(consumers.FRAME_BURST):
            await socket.send_to(text_data="{}")
        await receive_until(socket, 'id="now"')

        assert await sockets_of("Grace") == 1
