"""The live board: a move reaches every open board of the North Star, and only team members watch."""

import pytest
from asgiref.sync import sync_to_async
from django.urls import reverse

from tests.bets.helpers import board_with_a_member
from tests.factories import UserFactory
from tests.library.helpers import client_for, member_of
from tests.sockets import communicator, connected, receive_until

pytestmark = [pytest.mark.asyncio, pytest.mark.usefixtures("async_db")]


async def test_a_move_reaches_another_members_open_board():
    north_star, _, ada, _, cards = await sync_to_async(board_with_a_member)()
    grace = await sync_to_async(lambda: client_for(member_of(north_star.team, display_name="Grace")))()
    async with connected(f"/ws/north-stars/{north_star.key}/board/", grace) as socket:
        first = await receive_until(socket, 'id="board"')
        assert "Card 1" in first

        url = reverse("bets:move", args=[north_star.key, cards[0].pk])
        await sync_to_async(ada.post)(url, {"status": "in-progress"})
        frame = await receive_until(socket, 'hx-swap-oob="true"')
    trying = frame.split('id="column-3-in-progress"')[1].split("</section>")[0]
    assert "Card 1" in trying


async def test_a_stranger_is_refused():
    north_star, *_ = await sync_to_async(board_with_a_member)()
    stranger = await sync_to_async(lambda: client_for(UserFactory.create()))()
    socket = communicator(f"/ws/north-stars/{north_star.key}/board/", stranger)
    connected_ok, _ = await socket.connect()
    assert connected_ok
    closed = await socket.receive_output(timeout=3)
    assert closed == {"type": "websocket.close", "code": 4403}
    await socket.disconnect()
