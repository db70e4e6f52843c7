"""Issue 9, test 3: 40 sockets in one workshop; the facilitator advances; every socket receives the new segment.

Runs on whatever channel layer the settings give: Redis when REDIS_URL is set (as in CI).
"""

import asyncio
import time

import pytest
from asgiref.sync import sync_to_async
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.reliability.helpers import live_workshop
from tests.sockets import communicator, facilitator_client, receive_until

pytestmark = [pytest.mark.reliability, pytest.mark.asyncio, pytest.mark.usefixtures("async_db")]

SOCKETS = 40


def join_everyone(workshop) -> list[Client]:
    clients = []
    for number in range(SOCKETS):
        client = Client(REMOTE_ADDR=f"10.0.0.{number + 1}")
        client.post(workshop.get_join_url(), {"display_name": f"Person {number}"})
        clients.append(client)
    return clients


async def test_forty_participants_all_follow_the_facilitator(capsys):
    workshop = await sync_to_async(live_workshop)()
    clients = await sync_to_async(join_everyone)(workshop)
    lead = await facilitator_client(workshop)
    path = f"/ws/workshops/{workshop.code}/participant/"

    sockets = [communicator(path, client) for client in clients]
    for socket in sockets:
        ok, _ = await socket.connect(timeout=10)
        assert ok
    # Everyone is in and has the page; let the roster notices of the others settle.
    await asyncio.gather(*(receive_until(s, f"{SOCKETS} of {SOCKETS} connected", timeout=30) for s in sockets))

    started = time.monotonic()
    response = await sync_to_async(lead.post)(
        reverse("workshops:go", args=[workshop.code]),
        {"from_segment": workshop.current_segment_id, "direction": "next"},
    )
    frames = await asyncio.gather(
        *(receive_until(s, "Identify the game", timeout=20) for s in sockets), return_exceptions=True
    )
    elapsed = time.monotonic() - started

    received = [f for f in frames if isinstance(f, str)]
    layer = settings.CHANNEL_LAYERS["default"]["BACKEND"].rsplit(".", 1)[-1]
    with capsys.disabled():
        print(f"\n[test 3] {len(received)}/{SOCKETS} sockets got the new segment in {elapsed:.2f} s on {layer}")
    assert response.status_code == 302
    assert len(received) == SOCKETS
    assert all('aria-current="step"' in f or "Segment 2 of" in f for f in received)
    # Close them all and wait until every consumer has finished: a consumer cut off in the
    # middle of a layer receive would leave the Redis layer tied to this test's event loop.
    await asyncio.gather(*(socket.disconnect(timeout=30) for socket in sockets))
