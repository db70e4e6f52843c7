"""Changes only the facilitators' and the projector's pages show reach their tabs alone.

Who has started a draft and how many dots are placed change with every first keystroke
and every dot. A participant's page shows neither, so its tab is not even woken for them.
"""

import pytest
from asgiref.sync import sync_to_async
from django.db import transaction

from tests.factories import live_workshop
from tests.sockets import connected, drain, facilitator_client, join_as, receive_until
from workshops.broadcast import workshop_changed
from workshops.consumers import WorkshopConsumer
from workshops.models import Workshop

pytestmark = [pytest.mark.asyncio, pytest.mark.usefixtures("async_db")]


def announce(workshop: Workshop, *regions: str, **audience) -> None:
    """What a view does after a write: announce the change from inside its transaction."""
    with transaction.atomic():
        workshop_changed(Workshop.objects.get(pk=workshop.pk), *regions, **audience)


async def test_a_staff_only_change_wakes_the_facilitator_and_projector_tabs_and_no_participant_tab(monkeypatch):
    workshop = await sync_to_async(live_workshop)("60")
    grace = await join_as(workshop, "Grace")
    facilitator = await facilitator_client(workshop)
    woken = []
    handler = WorkshopConsumer.workshop_changed

    async def spy(self, event):
        woken.append(str(self.page))
        await handler(self, event)

    monkeypatch.setattr(WorkshopConsumer, "workshop_changed", spy)
    code = workshop.code
    async with (
        connected(f"/ws/workshops/{code}/facilitate/", facilitator) as lead,
        connected(f"/ws/workshops/{code}/present/", facilitator) as projector,
        connected(f"/ws/workshops/{code}/participant/", grace) as person,
    ):
        for socket in (lead, projector, person):
            await drain(socket)
        woken.clear()

        await sync_to_async(announce)(workshop, "progress", participants=[])

        assert 'id="progress"' in await receive_until(lead, 'id="progress"')
        assert 'id="progress"' in await receive_until(projector, 'id="progress"')
        assert await person.receive_nothing(timeout=0.3)
        assert sorted(woken) == ["facilitate", "present"]


async def test_a_counted_change_still_reaches_every_tab():
    workshop = await sync_to_async(live_workshop)("60")
    grace = await join_as(workshop, "Grace")
    facilitator = await facilitator_client(workshop)
    code = workshop.code
    async with (
        connected(f"/ws/workshops/{code}/facilitate/", facilitator) as lead,
        connected(f"/ws/workshops/{code}/participant/", grace) as person,
    ):
        await drain(lead)
        await drain(person)

        await sync_to_async(announce)(workshop, "roster")

        assert "Grace" in await receive_until(person, 'id="roster"')
        assert "Grace" in await receive_until(lead, 'id="roster"')
