"""Drafts are private on the server: nothing another person's browser receives contains them before the reveal."""

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django.urls import reverse

from metrics.models import Candidate, CandidateBoard
from tests.factories import workshop_at
from tests.sockets import connected, drain, facilitator_client, join_as

pytestmark = [pytest.mark.reliability, pytest.mark.asyncio, pytest.mark.usefixtures("async_db")]

SECRET_NAME = "Zebra-striped tables honoured"
SECRET_DEFINITION = "Bookings kept by diners who flamingo"


async def http(client: Client, method: str, url: str, data=None) -> str:
    response = await sync_to_async(getattr(client, method))(url, data or {})
    return response.content.decode()


async def test_nobody_else_receives_a_draft_before_it_is_shared_and_revealed() -> None:
    workshop = await sync_to_async(workshop_at)("brainstorm")
    await sync_to_async(CandidateBoard.objects.create)(workshop=workshop, include_individual=True)
    author, other = await join_as(workshop, "Ada"), await join_as(workshop, "Bea")
    facilitator = await facilitator_client(workshop)
    received: list[str] = []

    received.append(await http(other, "get", workshop.get_participant_url()))
    received.append(await http(facilitator, "get", reverse("workshops:present", args=[workshop.code])))
    received.append(await http(facilitator, "get", workshop.get_absolute_url()))

    async with (
        connected(f"/ws/workshops/{workshop.code}/participant/", other) as bea,
        connected(f"/ws/workshops/{workshop.code}/present/", facilitator) as projector,
        connected(f"/ws/workshops/{workshop.code}/facilitate/", facilitator) as facilitate,
    ):
        await http(author, "post", reverse("metrics:candidate_new", args=[workshop.code]))
        candidate = await Candidate.objects.aget()
        save = reverse("metrics:candidate_save", args=[workshop.code, candidate.pk])
        await http(author, "post", save, {"field": "metric_name", "metric_name": SECRET_NAME, "base": ""})
        await http(
            author, "post", save, {"field": "metric_definition", "metric_definition": SECRET_DEFINITION, "base": ""}
        )
        for number, item in enumerate([i async for i in candidate.inputs.all()]):
            await http(author, "post", save, {f"i{item.pk}-name": f"Input {number}", f"i{item.pk}-definition": "x"})
        for socket in (bea, projector, facilitate):
            received.extend(await drain(socket))
        received.append(await http(other, "get", workshop.get_participant_url()))
        received.append(await http(facilitator, "get", workshop.get_absolute_url()))

        assert len(received) > 6
        assert not [text for text in received if SECRET_NAME in text or SECRET_DEFINITION in text]
        assert any("1 of 2 have started" in text for text in received), "the facilitator sees progress"

        await http(author, "post", reverse("metrics:candidate_share", args=[workshop.code, candidate.pk]))
        for socket in (bea, projector):
            assert SECRET_NAME not in "".join(await drain(socket))

        await http(
            facilitator,
            "post",
            reverse("workshops:go", args=[workshop.code]),
            {
                "from_segment": workshop.current_segment_id,
                "to_segment": (await workshop.segments.aget(kind="evaluate")).pk,
            },
        )
        await http(facilitator, "post", reverse("metrics:board_reveal", args=[workshop.code]))
        after = "".join(await drain(bea)) + "".join(await drain(projector))

    assert SECRET_NAME in after
    assert SECRET_NAME in await http(other, "get", workshop.get_participant_url())
