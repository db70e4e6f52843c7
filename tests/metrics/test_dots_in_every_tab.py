"""Every open tab of one participant shows the same dots left: a dot placed in one reaches the others."""

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django.urls import reverse

from tests.metrics.evaluation_helpers import evaluating_workshop
from tests.sockets import connected, drain, facilitator_client, receive_until

pytestmark = [pytest.mark.asyncio, pytest.mark.usefixtures("async_db")]


def place(client: Client, workshop, candidate) -> None:
    client.post(reverse("metrics:vote", args=[workshop.code]), {"candidate": candidate.pk}, HTTP_HX_REQUEST="true")


async def test_a_dot_placed_in_one_tab_shows_in_the_same_persons_other_tabs_and_nobody_elses():
    workshop, clients, (first, _) = await sync_to_async(evaluating_workshop)()
    grace, linus = clients["Grace"], clients["Linus"]
    lead = await facilitator_client(workshop)
    path = f"/ws/workshops/{workshop.code}/participant/"
    async with (
        connected(path, grace) as first_tab,
        connected(path, grace) as second_tab,
        connected(path, linus) as other_person,
        connected(f"/ws/workshops/{workshop.code}/facilitate/", lead) as facilitator,
    ):
        for socket in (first_tab, second_tab, other_person, facilitator):
            await drain(socket)

        await sync_to_async(place)(grace, workshop, first)

        for tab in (first_tab, second_tab):
            frame = await receive_until(tab, 'id="dots-left"')
            assert "2 of 3 dots left." in frame
            assert f'id="dots-{first.pk}"' in frame
            assert "score-grid" not in frame, "only the dots, not the whole board"
        assert "1 of 2" in await receive_until(facilitator, "have placed dots")
        # Linus's page shows his own dots: nothing of Grace's reaches it, it is not even woken.
        assert await other_person.receive_nothing(timeout=0.3)
