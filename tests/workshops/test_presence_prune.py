"""A server that dies without closing its sockets leaves their presence rows: they stop counting and are pruned."""

from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from django.utils import timezone

from tests.factories import WorkshopFactory
from tests.sockets import connected, drain, facilitator_client, join_as, receive_until
from workshops.models import Connection, Participant
from workshops.presence import heartbeat

pytestmark = [pytest.mark.asyncio, pytest.mark.usefixtures("async_db")]


@pytest.fixture(autouse=True)
def _beats_by_hand(settings):
    settings.PRESENCE_HEARTBEAT_SECONDS = 60  # the tests beat by hand, with the time they choose
    settings.PRESENCE_STALE_SECONDS = 180


def left_behind(workshop, name: str, seen_at) -> Connection:
    """The row of a tab whose server process was killed: nothing beats for it, nothing deletes it."""
    person = Participant.objects.get(workshop=workshop, display_name=name)
    return Connection.objects.create(
        workshop=workshop,
        participant=person,
        channel_name="specific.dead-process!tab",
        page="participant",
        connected_at=seen_at,
        seen_at=seen_at,
    )


def online_names(workshop) -> list[str]:
    return [person.display_name for person in workshop.roster() if person.online]


async def test_a_tab_whose_server_died_is_online_until_three_beats_pass_then_pruned():
    workshop = await sync_to_async(WorkshopFactory)()
    facilitator = await facilitator_client(workshop)
    grace, _ = await join_as(workshop, "Grace"), await join_as(workshop, "Ada")
    now = timezone.now()
    await sync_to_async(left_behind)(workshop, "Ada", now - timedelta(seconds=170))

    async with (
        connected(f"/ws/workshops/{workshop.code}/facilitate/", facilitator) as room,
        connected(f"/ws/workshops/{workshop.code}/participant/", grace),
    ):
        await receive_until(room, "2 of 2 connected")
        await drain(room)

        await heartbeat().beat(now=now)  # Ada's row is 170 s old: not yet stale
        assert await sync_to_async(online_names)(workshop) == ["Ada", "Grace"]
        assert await room.receive_nothing(timeout=0.3), "nothing changed, nothing to redraw"

        await heartbeat().beat(now=now + timedelta(seconds=20))  # 190 s: past three beats
        frame = await receive_until(room, 'id="roster"')

        assert "1 of 2 connected" in frame
        assert await sync_to_async(online_names)(workshop) == ["Grace"]
        assert not await Connection.objects.filter(channel_name="specific.dead-process!tab").aexists()
        assert await Connection.objects.acount() == 2, "the live tabs keep their rows"


async def test_a_stale_row_does_not_count_as_online_even_before_any_beat_prunes_it():
    workshop = await sync_to_async(WorkshopFactory)()
    await join_as(workshop, "Ada")
    await sync_to_async(left_behind)(workshop, "Ada", timezone.now() - timedelta(minutes=10))

    assert await sync_to_async(online_names)(workshop) == []
    assert await Connection.objects.acount() == 1


async def test_a_live_tab_whose_row_was_pruned_by_another_process_writes_it_again():
    workshop = await sync_to_async(WorkshopFactory)()
    facilitator = await facilitator_client(workshop)
    grace = await join_as(workshop, "Grace")

    async with (
        connected(f"/ws/workshops/{workshop.code}/facilitate/", facilitator) as room,
        connected(f"/ws/workshops/{workshop.code}/participant/", grace),
    ):
        await receive_until(room, "1 of 1 connected")
        # Another process pruned it while this one's beats were held up (a stalled event loop).
        await Connection.objects.filter(participant__display_name="Grace").adelete()

        await drain(room)  # a roster drawn before the beat may show her gone
        await heartbeat().beat()

        # The beat writes her row again and redraws the roster (receive_until fails if it never comes).
        await receive_until(room, "1 of 1 connected")
        assert await sync_to_async(online_names)(workshop) == ["Grace"]
