"""A socket that ends, however it ends, is closed with a code the server can send and forgotten at once."""

import logging

import pytest
from asgiref.sync import sync_to_async
from django.urls import reverse

from tests.reliability.helpers import live_workshop
from tests.sockets import close_code, communicator, drain, facilitator_client, join_as, open_socket, receive_until
from workshops import consumers
from workshops.models import Connection
from workshops.presence import forget_every_tab

pytestmark = [pytest.mark.asyncio, pytest.mark.usefixtures("async_db")]


def participant_path(workshop) -> str:
    return f"/ws/workshops/{workshop.code}/participant/"


def facilitate_path(workshop) -> str:
    return f"/ws/workshops/{workshop.code}/facilitate/"


async def open_socket_roster(path, client):
    return await open_socket(path, client, first='id="roster"')


def a_code_daphne_sends(code: int) -> bool:
    return code == 1000 or 4000 <= code <= 4999


async def connections_of(workshop, name: str) -> int:
    return await sync_to_async(Connection.objects.filter(workshop=workshop, participant__display_name=name).count)()


async def test_an_oversized_frame_drops_the_participant_from_the_roster_within_one_beat(settings, caplog):
    settings.PRESENCE_HEARTBEAT_SECONDS = 2
    workshop = await sync_to_async(live_workshop)()
    grace = await join_as(workshop, "Grace")
    lead = await facilitator_client(workshop)
    staff = await open_socket_roster(facilitate_path(workshop), lead)
    socket = await open_socket_roster(participant_path(workshop), grace)
    await receive_until(staff, "1 of 1 connected")

    with caplog.at_level(logging.WARNING):
        await socket.send_to(text_data="x" * (consumers.MAX_FRAME_CHARS + 1))
        code = await close_code(socket)
        # The browser has not answered the close yet: the tab is forgotten all the same.
        await receive_until(staff, "0 of 1 connected", timeout=settings.PRESENCE_HEARTBEAT_SECONDS)

    assert code == consumers.CLOSE_TOO_BIG
    assert a_code_daphne_sends(code)
    assert await connections_of(workshop, "Grace") == 0
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    await socket.disconnect()
    await staff.disconnect()


async def test_a_removed_participant_is_closed_with_a_code_daphne_sends_and_forgotten():
    workshop = await sync_to_async(live_workshop)()
    grace = await join_as(workshop, "Grace")
    lead = await facilitator_client(workshop)
    grace_id = await sync_to_async(lambda: workshop.participants.get(display_name="Grace").pk)()
    socket = await open_socket_roster(participant_path(workshop), grace)

    await sync_to_async(lead.post)(reverse("workshops:participant_remove", args=[workshop.code, grace_id]))
    code = await close_code(socket)

    assert code == consumers.CLOSE_FORBIDDEN
    assert a_code_daphne_sends(code)
    assert await sync_to_async(Connection.objects.filter(workshop=workshop).count)() == 0
    await socket.disconnect()


async def test_a_server_shutting_down_forgets_the_tabs_it_held():
    workshop = await sync_to_async(live_workshop)()
    grace = await join_as(workshop, "Grace")
    socket = await open_socket_roster(participant_path(workshop), grace)
    assert await connections_of(workshop, "Grace") == 1

    # A server that shuts down cancels its consumers, as the test communicator does when
    # the wait runs out: no disconnect message ever arrives.
    await socket.wait(timeout=0.1)

    assert await connections_of(workshop, "Grace") == 0


async def test_a_server_shutting_down_as_a_tab_opens_forgets_it_too():
    workshop = await sync_to_async(live_workshop)()
    grace = await join_as(workshop, "Grace")
    socket = communicator(participant_path(workshop), grace)
    ok, _ = await socket.connect()
    assert ok
    # Accepted (the page says "Live"), its row written, its first regions still being drawn, so
    # it does not beat yet: the shutdown comes now.
    await forget_every_tab()

    assert await connections_of(workshop, "Grace") == 0
    await drain(socket)
    await socket.disconnect()


async def test_every_close_code_the_consumer_uses_is_one_daphne_sends():
    codes = [name for name in dir(consumers) if name.startswith("CLOSE_")]

    assert "CLOSE_TOO_BIG" in codes
    assert [name for name in codes if not a_code_daphne_sends(getattr(consumers, name))] == []


async def test_the_end_of_the_workshop_shows_the_end_then_closes_every_socket_as_ended():
    workshop = await sync_to_async(live_workshop)()
    grace = await join_as(workshop, "Grace")
    lead = await facilitator_client(workshop)
    staff = await open_socket_roster(facilitate_path(workshop), lead)
    socket = await open_socket_roster(participant_path(workshop), grace)

    await sync_to_async(lead.post)(reverse("workshops:end", args=[workshop.code]))

    assert "The workshop has ended" in await receive_until(socket, 'id="now"')
    assert "The workshop has ended" in await receive_until(staff, 'id="now"')
    assert await close_code(socket) == consumers.CLOSE_ENDED
    assert await close_code(staff) == consumers.CLOSE_ENDED
    assert await sync_to_async(Connection.objects.filter(workshop=workshop).count)() == 0
    await socket.disconnect()
    await staff.disconnect()


async def test_a_page_of_an_ended_workshop_gets_its_regions_once_and_closes():
    workshop = await sync_to_async(live_workshop)()
    grace = await join_as(workshop, "Grace")
    lead = await facilitator_client(workshop)
    await sync_to_async(lead.post)(reverse("workshops:end", args=[workshop.code]))

    socket = await open_socket(participant_path(workshop), grace, first="The workshop has ended")

    assert await close_code(socket) == consumers.CLOSE_ENDED
    assert await connections_of(workshop, "Grace") == 0
    await socket.disconnect()
