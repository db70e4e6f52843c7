"""Issue 9, test 11: garbage, huge, binary or unknown WebSocket frames are ignored or close only that socket."""

import json
import logging

import pytest
from asgiref.sync import sync_to_async
from django.urls import reverse

from tests.reliability.helpers import live_workshop
from tests.sockets import communicator, connected, facilitator_client, join_as, receive_until
from workshops import consumers

pytestmark = [pytest.mark.reliability, pytest.mark.asyncio, pytest.mark.usefixtures("async_db")]

ODD_FRAMES = [
    "garbage \x00\x01\x02 not json",
    json.dumps({"type": "workshop.changed", "regions": ["<script>"]}),
    json.dumps({"type": "websocket.disconnect"}),
    json.dumps({"HEADERS": {"HX-Request": "true"}, "unknown": ["x"] * 10}),
    "[" * 2000,
    " ",
]


async def open_socket(path, client):
    socket = communicator(path, client)
    ok, _ = await socket.connect()
    assert ok
    await receive_until(socket, 'id="roster"')
    return socket


async def test_odd_frames_are_answered_at_most_with_the_page_and_the_socket_keeps_working():
    workshop = await sync_to_async(live_workshop)()
    grace = await join_as(workshop, "Grace")
    lead = await facilitator_client(workshop)
    socket = await open_socket(f"/ws/workshops/{workshop.code}/participant/", grace)

    for frame in ODD_FRAMES:
        await socket.send_to(text_data=frame)
    await socket.send_to(bytes_data=b"\x00\xff" * 100)
    await sync_to_async(lead.post)(
        reverse("workshops:go", args=[workshop.code]),
        {"from_segment": workshop.current_segment_id, "direction": "next"},
    )

    frame = await receive_until(socket, "Identify the game", timeout=5)
    assert "<script>" not in frame
    await socket.disconnect()


async def test_a_burst_of_frames_costs_at_most_one_full_render_per_second():
    workshop = await sync_to_async(live_workshop)()
    grace = await join_as(workshop, "Grace")
    socket = await open_socket(f"/ws/workshops/{workshop.code}/participant/", grace)

    # A longer flood closes the socket: tests/workshops/test_socket_limits.py.
    for _ in range(consumers.FRAME_BURST):
        await socket.send_to(text_data="{}")
    full_pages = 0
    while not await socket.receive_nothing(timeout=1.5):
        full_pages += 'id="now"' in await socket.receive_from()

    assert 1 <= full_pages <= 3
    await socket.disconnect()


async def test_a_huge_frame_closes_only_that_socket():
    workshop = await sync_to_async(live_workshop)()
    grace, linus = await join_as(workshop, "Grace"), await join_as(workshop, "Linus")
    lead = await facilitator_client(workshop)
    path = f"/ws/workshops/{workshop.code}/participant/"

    async with connected(path, linus) as bystander:
        await receive_until(bystander, 'id="roster"')
        socket = await open_socket(path, grace)
        await socket.send_to(text_data="x" * (consumers.MAX_FRAME_CHARS + 1))
        output = await socket.receive_output(timeout=3)
        while output["type"] != "websocket.close":
            output = await socket.receive_output(timeout=3)
        assert output["code"] == consumers.CLOSE_TOO_BIG
        await socket.disconnect()

        await sync_to_async(lead.post)(
            reverse("workshops:go", args=[workshop.code]),
            {"from_segment": workshop.current_segment_id, "direction": "next"},
        )
        assert "Identify the game" in await receive_until(bystander, "Identify the game")


async def test_a_render_that_fails_for_one_socket_is_logged_and_spares_the_others(monkeypatch, caplog):
    workshop = await sync_to_async(live_workshop)()
    grace, linus = await join_as(workshop, "Grace"), await join_as(workshop, "Linus")
    lead = await facilitator_client(workshop)
    path = f"/ws/workshops/{workshop.code}/participant/"
    real_render = consumers.render_regions

    def render_failing_for_grace(viewer, page, regions=None, version=None, shared=None):
        if viewer.participant and viewer.participant.display_name == "Grace" and regions is not None:
            raise RuntimeError("template blew up for Grace")
        return real_render(viewer, page, regions, version, shared)

    async with connected(path, linus) as bystander:
        socket = await open_socket(path, grace)
        await receive_until(bystander, "2 of 2 connected")
        monkeypatch.setattr(consumers, "render_regions", render_failing_for_grace)

        with caplog.at_level(logging.ERROR, logger="workshops.consumers"):
            await sync_to_async(lead.post)(
                reverse("workshops:go", args=[workshop.code]),
                {"from_segment": workshop.current_segment_id, "direction": "next"},
            )
            assert "Identify the game" in await receive_until(bystander, "Identify the game")
            output = await socket.receive_output(timeout=3)
            while output["type"] != "websocket.close":
                output = await socket.receive_output(timeout=3)

        assert output["code"] == consumers.CLOSE_INTERNAL_ERROR
        assert any("template blew up for Grace" in (r.exc_text or "") for r in caplog.records)
        await socket.disconnect()
