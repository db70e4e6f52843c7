"""Every push carries the workshop's change counter, so a browser can tell when it missed one."""

import re

import pytest
from asgiref.sync import sync_to_async
from django.urls import reverse

from tests.factories import WorkshopFactory
from tests.sockets import connected, facilitator_client, join_as, receive_until
from workshops.agenda import AGENDA_TEMPLATES
from workshops.models import Workshop

pytestmark = [pytest.mark.asyncio, pytest.mark.usefixtures("async_db")]


def version_in(frame: str) -> tuple[int, bool]:
    match = re.search(r'<div id="live-version" hidden data-version="(\d+)"( data-full)?', frame)
    assert match, "the frame carries no version"
    return int(match.group(1)), bool(match.group(2))


def make_live_workshop() -> Workshop:
    workshop = WorkshopFactory.create()
    workshop.add_segments(AGENDA_TEMPLATES["60"][1])
    return workshop


async def test_the_first_frame_is_the_full_state_with_the_current_version():
    workshop = await sync_to_async(make_live_workshop)()
    grace = await join_as(workshop, "Grace")
    stored = await sync_to_async(lambda: Workshop.objects.get(pk=workshop.pk).version)()

    async with connected(f"/ws/workshops/{workshop.code}/participant/", grace) as socket:
        frame = await receive_until(socket, 'id="live-version"')

    assert version_in(frame) == (stored, True)
    assert stored >= 1, "joining counts as a change"


async def test_each_change_announces_the_next_version():
    workshop = await sync_to_async(make_live_workshop)()
    grace = await join_as(workshop, "Grace")
    facilitator = await facilitator_client(workshop)

    async with connected(f"/ws/workshops/{workshop.code}/participant/", grace) as socket:
        first, _ = version_in(await receive_until(socket, 'id="live-version"'))
        await sync_to_async(facilitator.post)(reverse("workshops:start", args=[workshop.code]))
        frame = await receive_until(socket, "Opening discussion")

    assert version_in(frame) == (first + 1, False)


async def test_a_socket_that_missed_a_notice_catches_up_within_two_heartbeats(settings):
    settings.PRESENCE_HEARTBEAT_SECONDS = 1
    workshop = await sync_to_async(make_live_workshop)()
    grace = await join_as(workshop, "Grace")

    async with connected(f"/ws/workshops/{workshop.code}/participant/", grace) as socket:
        await receive_until(socket, 'id="live-version"')

        def move_on_without_telling_anyone() -> None:
            # What a dropped notice looks like from here: the change is in the database, no message came.
            from django.utils import timezone

            fresh = Workshop.objects.get(pk=workshop.pk)
            fresh.start(timezone.now())
            fresh.bump_version()

        await sync_to_async(move_on_without_telling_anyone)()
        frame = await receive_until(socket, "Opening discussion", timeout=4)

    assert version_in(frame)[1], "the catch-up is the full state"


async def test_a_quiet_heartbeat_sends_nothing(settings):
    settings.PRESENCE_HEARTBEAT_SECONDS = 0.3
    workshop = await sync_to_async(make_live_workshop)()
    grace = await join_as(workshop, "Grace")

    async with connected(f"/ws/workshops/{workshop.code}/participant/", grace) as socket:
        await receive_until(socket, 'id="live-version"')
        while not await socket.receive_nothing(timeout=0.5):  # the roster notice of our own arrival
            await socket.receive_from()

        assert await socket.receive_nothing(timeout=1.2)


async def test_a_notice_still_on_its_way_at_a_heartbeat_does_not_cost_a_full_page(settings):
    """On a busy server a notice may arrive after the next heartbeat reads the newer version."""
    from channels.layers import get_channel_layer

    from workshops.broadcast import changed_message

    settings.PRESENCE_HEARTBEAT_SECONDS = 0.4
    workshop = await sync_to_async(make_live_workshop)()
    grace = await join_as(workshop, "Grace")

    async with connected(f"/ws/workshops/{workshop.code}/participant/", grace) as socket:
        await receive_until(socket, 'id="live-version"')
        newer = await sync_to_async(lambda: Workshop.objects.get(pk=workshop.pk).bump_version())()
        await socket.receive_nothing(timeout=0.6)  # a heartbeat sees `newer` before its notice
        await get_channel_layer().group_send(workshop.group_name, changed_message("roster", version=newer))
        frames = [await receive_until(socket, f'data-version="{newer}"')]
        while not await socket.receive_nothing(timeout=1.2):
            frames.append(await socket.receive_from())

    assert [version_in(frame) for frame in frames if "live-version" in frame] == [(newer, False)]
