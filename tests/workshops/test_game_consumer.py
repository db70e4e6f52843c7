"""Hidden picks over the socket: no frame carries a pick before the reveal."""

import pytest
from asgiref.sync import sync_to_async
from django.urls import reverse

from tests.factories import workshop_at
from tests.sockets import connected, drain, facilitator_client, join_as, receive_until
from tests.workshops.helpers import HTMX

pytestmark = [pytest.mark.asyncio, pytest.mark.usefixtures("async_db")]


async def test_a_pick_reaches_no_socket_before_the_reveal_and_the_distribution_after():
    workshop = await sync_to_async(workshop_at)("game")
    grace = await join_as(workshop, "Grace")
    linus = await join_as(workshop, "Linus")
    facilitator = await facilitator_client(workshop)
    code = workshop.code

    async with (
        connected(f"/ws/workshops/{code}/facilitate/", facilitator) as facilitate,
        connected(f"/ws/workshops/{code}/present/", facilitator) as present,
        connected(f"/ws/workshops/{code}/participant/", linus) as other,
    ):
        sockets = (facilitate, present, other)
        for socket in sockets:
            await drain(socket)

        await sync_to_async(grace.post)(reverse("workshops:game_pick", args=[code]), {"game": "productivity"}, **HTMX)

        for socket in sockets:
            frames = "".join([await receive_until(socket, "1 of 2 have picked."), *await drain(socket)])
            assert "How the group picked" not in frames
            assert "(100%)" not in frames
            assert "You picked" not in frames

        await sync_to_async(facilitator.post)(reverse("workshops:game_reveal", args=[code]), **HTMX)

        for socket in sockets:
            frame = await receive_until(socket, "How the group picked")
            assert "1 pick (100%)" in frame
