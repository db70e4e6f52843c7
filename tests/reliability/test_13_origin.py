"""Issue 9, test 13: a WebSocket handshake from a foreign Origin, or none, is refused; the site's own is accepted."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from northstar.asgi import application
from tests.reliability.helpers import live_workshop
from tests.sockets import ORIGIN, communicator, join_as, receive_until, session_cookie

pytestmark = [pytest.mark.reliability, pytest.mark.asyncio, pytest.mark.usefixtures("async_db")]


@pytest.mark.parametrize(
    "origin",
    [b"http://evil.example", b"https://localhost.evil.example", b"http://evillocalhost", b"null", b"file://"],
)
async def test_a_foreign_origin_is_refused_even_with_a_valid_session(origin):
    workshop = await sync_to_async(live_workshop)()
    grace = await join_as(workshop, "Grace")

    socket = communicator(f"/ws/workshops/{workshop.code}/participant/", grace, origin=origin)
    ok, _ = await socket.connect()

    assert not ok
    await socket.disconnect()


async def test_a_handshake_without_an_origin_is_refused():
    workshop = await sync_to_async(live_workshop)()
    grace = await join_as(workshop, "Grace")
    headers = [(b"host", b"localhost"), (b"cookie", session_cookie(grace))]

    socket = WebsocketCommunicator(application, f"/ws/workshops/{workshop.code}/participant/", headers=headers)
    ok, _ = await socket.connect()

    assert not ok
    await socket.disconnect()


async def test_the_sites_own_origin_is_accepted_and_gets_the_page():
    workshop = await sync_to_async(live_workshop)()
    grace = await join_as(workshop, "Grace")

    socket = communicator(f"/ws/workshops/{workshop.code}/participant/", grace, origin=ORIGIN)
    ok, _ = await socket.connect()

    assert ok
    assert "Opening discussion" in await receive_until(socket, 'id="now"')
    await socket.disconnect()
