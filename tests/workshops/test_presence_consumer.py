import pytest
from asgiref.sync import sync_to_async

from tests.factories import WorkshopFactory
from tests.sockets import communicator, connected, facilitator_client, join_as, receive_until

pytestmark = [pytest.mark.asyncio, pytest.mark.usefixtures("async_db")]


def participant_path(workshop) -> str:
    return f"/ws/workshops/{workshop.code}/participant/"


def facilitate_path(workshop) -> str:
    return f"/ws/workshops/{workshop.code}/facilitate/"


async def test_a_participant_receives_the_roster_on_connect():
    workshop = await sync_to_async(WorkshopFactory)()
    grace = await join_as(workshop, "Grace")

    async with connected(participant_path(workshop), grace) as socket:
        frame = await receive_until(socket, 'id="roster"')

    assert "Grace" in frame
    assert "(you)" in frame


async def test_another_join_pushes_an_updated_roster_to_the_facilitator():
    workshop = await sync_to_async(WorkshopFactory)()
    facilitator = await facilitator_client(workshop)

    async with connected(facilitate_path(workshop), facilitator) as socket:
        first = await receive_until(socket, 'id="roster"')
        assert "No one has joined yet" in first

        await join_as(workshop, "Linus")
        frame = await receive_until(socket, "Linus")

    assert "0 of 1 connected" in frame


async def test_a_participant_connecting_and_leaving_shows_as_online_then_away():
    workshop = await sync_to_async(WorkshopFactory)()
    facilitator = await facilitator_client(workshop)
    grace = await join_as(workshop, "Grace")

    async with connected(facilitate_path(workshop), facilitator) as socket:
        await receive_until(socket, "0 of 1 connected")
        async with connected(participant_path(workshop), grace):
            await receive_until(socket, "1 of 1 connected")
        await receive_until(socket, "0 of 1 connected")


async def test_a_socket_from_a_foreign_origin_is_refused():
    workshop = await sync_to_async(WorkshopFactory)()
    grace = await join_as(workshop, "Grace")

    socket = communicator(participant_path(workshop), grace, origin=b"http://evil.example")
    ok, _ = await socket.connect()

    assert not ok


async def test_a_participant_of_another_workshop_is_refused():
    workshop, other = await sync_to_async(lambda: (WorkshopFactory(), WorkshopFactory()))()
    grace = await join_as(other, "Grace")

    socket = communicator(participant_path(workshop), grace)
    ok, code = await socket.connect()

    assert not ok
    assert code == 4403


async def test_a_participant_cannot_open_the_facilitator_socket():
    workshop = await sync_to_async(WorkshopFactory)()
    grace = await join_as(workshop, "Grace")

    socket = communicator(facilitate_path(workshop), grace)
    ok, _ = await socket.connect()

    assert not ok


async def test_a_stranger_without_a_session_is_refused():
    workshop = await sync_to_async(WorkshopFactory)()

    socket = communicator(participant_path(workshop))
    ok, _ = await socket.connect()

    assert not ok
