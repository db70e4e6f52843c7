import pytest
from asgiref.sync import sync_to_async
from django.urls import reverse

from tests.factories import live_workshop
from tests.sockets import connected, drain, facilitator_client, join_as, receive_until

pytestmark = [pytest.mark.asyncio, pytest.mark.usefixtures("async_db")]


def participant_path(workshop) -> str:
    return f"/ws/workshops/{workshop.code}/participant/"


async def post(client, url, data):
    return await sync_to_async(client.post)(url, data)


async def test_a_segment_change_reaches_every_socket_of_the_workshop():
    workshop = await sync_to_async(live_workshop)()
    facilitator = await facilitator_client(workshop)
    grace, linus = await join_as(workshop, "Grace"), await join_as(workshop, "Linus")

    async with connected(participant_path(workshop), grace) as a, connected(participant_path(workshop), linus) as b:
        for socket in (a, b):
            await receive_until(socket, "Opening discussion")
        await post(
            facilitator,
            reverse("workshops:go", args=[workshop.code]),
            {"from_segment": workshop.current_segment_id, "direction": "next"},
        )
        for socket in (a, b):
            frame = await receive_until(socket, "Identify the game")
            assert 'id="now"' in frame


async def test_a_timer_change_reaches_the_sockets_with_the_paused_state():
    workshop = await sync_to_async(live_workshop)()
    facilitator = await facilitator_client(workshop)
    grace = await join_as(workshop, "Grace")

    async with connected(participant_path(workshop), grace) as socket:
        await receive_until(socket, 'data-state="running"')
        await post(
            facilitator,
            reverse("workshops:timer", args=[workshop.code]),
            {"segment": workshop.current_segment_id, "action": "pause"},
        )
        frame = await receive_until(socket, 'data-state="paused"')

    assert "Paused" in frame


async def test_a_change_in_one_workshop_does_not_reach_another():
    workshop, other = await sync_to_async(lambda: (live_workshop(), live_workshop()))()
    facilitator = await facilitator_client(workshop)
    bystander = await join_as(other, "Ada")

    async with connected(participant_path(other), bystander) as socket:
        await receive_until(socket, "Opening discussion")
        await drain(socket)
        await post(
            facilitator,
            reverse("workshops:go", args=[workshop.code]),
            {"from_segment": workshop.current_segment_id, "direction": "next"},
        )
        assert await socket.receive_nothing(timeout=1)


async def test_the_tabs_that_get_one_change_render_in_a_few_trips_to_the_database_thread(monkeypatch):
    from contextlib import AsyncExitStack

    from workshops import consumers

    workshop = await sync_to_async(live_workshop)()
    facilitator = await facilitator_client(workshop)
    people = [await join_as(workshop, f"Person {n}") for n in range(8)]
    trips = []
    real_round = consumers.render_round

    async def counted_round(waiting, shared):
        trips.append(len(waiting))
        return await real_round(waiting, shared)

    async with AsyncExitStack() as stack:
        sockets = [await stack.enter_async_context(connected(participant_path(workshop), p)) for p in people]
        for socket in sockets:
            await drain(socket)
        monkeypatch.setattr(consumers, "render_round", counted_round)
        await post(
            facilitator,
            reverse("workshops:go", args=[workshop.code]),
            {"from_segment": workshop.current_segment_id, "direction": "next"},
        )
        for socket in sockets:
            await receive_until(socket, "Identify the game")
        moved = list(trips)

    # Every tab rendered its own page, in far fewer trips than tabs.
    assert sum(moved) == len(sockets)
    assert len(moved) < len(sockets) / 2, moved
