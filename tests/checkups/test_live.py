"""The results page's socket: members only, and every answer redraws the count."""

import pytest
from asgiref.sync import sync_to_async

from tests.checkups.helpers import answer, opened, team_with_members
from tests.factories import UserFactory
from tests.library.helpers import client_for
from tests.sockets import close_code, communicator, connected, receive_until

pytestmark = [pytest.mark.asyncio, pytest.mark.usefixtures("async_db")]


def a_checkup():
    north_star, members = team_with_members(2)
    return north_star, opened(north_star, members[0]), members


async def test_a_stranger_socket_is_refused():
    north_star, checkup, _ = await sync_to_async(a_checkup)()
    stranger = await sync_to_async(client_for)(await sync_to_async(UserFactory)())
    socket = communicator(f"/ws/north-stars/{north_star.key}/checkups/{checkup.number}/", stranger)
    ok, _ = await socket.connect()
    assert ok
    assert await close_code(socket) == 4403


async def test_each_answer_redraws_the_count_on_open_pages():
    north_star, checkup, (ada, bea) = await sync_to_async(a_checkup)()
    watcher = await sync_to_async(client_for)(ada)
    async with connected(f"/ws/north-stars/{north_star.key}/checkups/{checkup.number}/", watcher) as socket:
        await receive_until(socket, "0 people have answered.")
        await sync_to_async(lambda: answer(client_for(bea), checkup))()
        frame = await receive_until(socket, "1 person has answered.")
    assert 'hx-swap-oob="true"' in frame
