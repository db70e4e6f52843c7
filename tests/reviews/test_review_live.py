"""A running review over the socket: everyone follows the facilitator, and votes reach nobody before the reveal."""

import datetime as dt

import pytest
from asgiref.sync import sync_to_async

from accounts.models import Team
from tests.library.helpers import client_for, member_of
from tests.measures.scorecards import MONDAY
from tests.reviews.helpers import occurrence_on, reviewed_north_star
from tests.sockets import communicator, connected, drain, receive_until

pytestmark = [pytest.mark.asyncio, pytest.mark.usefixtures("async_db")]


def started():
    _north_star, series, ada, grace, keys = reviewed_north_star()
    occurrence = occurrence_on(series, MONDAY + dt.timedelta(weeks=3))
    facilitator = client_for(ada)
    facilitator.post(f"{occurrence.get_absolute_url()}start/")
    url = occurrence.get_absolute_url()
    path = f"/ws/north-stars/{series.north_star.key}/reviews/{occurrence.number}/"
    return url, path, facilitator, client_for(grace), keys


async def test_the_facilitators_next_item_reaches_every_open_page():
    url, path, facilitator, participant, _keys = await sync_to_async(started)()
    async with connected(path, participant) as socket, connected(f"{path}present/", participant) as wall:
        first = await receive_until(socket, 'id="review"')
        assert "Open actions from last time" in first
        await receive_until(wall, 'id="review"')
        await sync_to_async(facilitator.post)(f"{url}next/", {"leaving": 0})
        frame = await receive_until(socket, "Diners booking")
        assert 'hx-swap-oob="true"' in frame
        assert "Your confidence in Diners booking" in frame
        on_the_wall = await receive_until(wall, "Diners booking")
        assert "<form" not in on_the_wall


async def test_no_score_reaches_any_socket_or_page_before_the_reveal():
    url, path, facilitator, participant, keys = await sync_to_async(started)()
    await sync_to_async(facilitator.post)(f"{url}next/", {"leaving": 0})
    captured: list[str] = []
    async with connected(path, participant) as mine, connected(f"{path}present/", facilitator) as wall:
        captured += await drain(mine)
        captured += await drain(wall)
        await sync_to_async(facilitator.post)(f"{url}votes/{keys[0]}/", {"score": "4"})
        captured.append(await receive_until(mine, "1 vote so far"))
        captured += await drain(mine)
        captured += await drain(wall)
        pages = [(await sync_to_async(client.get)(url)).content.decode() for client in (participant, facilitator)]
        for text in captured + pages[:1]:
            assert "vote-distribution" not in text
            assert "Average" not in text
            assert "4: 1 vote" not in text
            assert "Your vote: 4" not in text
        assert "Your vote: 4" in pages[1]  # the voter sees their own vote, and only they do

        await sync_to_async(facilitator.post)(f"{url}votes/{keys[0]}/reveal/")
        revealed = await receive_until(mine, "vote-distribution")
    assert "Average 4.0 from 1 vote." in revealed
    assert "4: 1 vote" in revealed


async def test_strangers_and_the_signed_out_are_refused():
    _, path, *_ = await sync_to_async(started)()
    stranger = await sync_to_async(lambda: client_for(member_of(Team.objects.create(name="Elsewhere"))))()
    for client in (stranger, None):
        socket = communicator(path, client)
        ok, _ = await socket.connect()
        assert ok
        assert await socket.receive_output(timeout=3) == {"type": "websocket.close", "code": 4403}
        await socket.disconnect()
