import pytest
from asgiref.sync import sync_to_async
from django.urls import reverse

from tests.factories import live_workshop
from tests.sockets import connected, drain, facilitator_client, join_as, receive_until

pytestmark = [pytest.mark.asyncio, pytest.mark.usefixtures("async_db")]


def participant_path(workshop) -> str:
    return f"/ws/workshops/{workshop.code}/participant/"


async def post(client, url, data):
    return await sync_to_async(client.post)(url, data)


async def test_a_segment_change_reaches_every_socket_of_the_workshop():
    workshop = await sync_to_async(live_workshop)()
    facilitator = await facilitator_client(workshop)
    grace, linus = await join_as(workshop, "Grace"), await join_as(workshop, "Linus")

    async with connected(participant_path(workshop), grace) as a, connected(participant_path(workshop), linus) as b:
        for socket in (a, b):
            await receive_until(socket, "Opening discussion")
        await post(
            facilitator,
            reverse("workshops:go", args=[workshop.code]),
            {"from_segment": workshop.current_segment_id, "direction": "next"},
        )
        for socket in (a, b):
            frame = await receive_until(socket, "Identify the game")
            assert 'id="now"' in frame


async def test_a_timer_change_reaches_the_sockets_with_the_paused_state():
    workshop = await sync_to_async(live_workshop)()
    facilitator = await facilitator_client(workshop)
    grace = await join_as(workshop, "Grace")

    async with connected(participant_path(workshop), grace) as socket:
        await receive_until(socket, 'data-state="running"')
        await post(
            facilitator,
            reverse("workshops:timer", args=[workshop.code]),
            {"segment": workshop.current_segment_id, "action": "pause"},
        )
        frame = await receive_until(socket, 'data-state="paused"')

    assert "Paused" in frame


async def test_a_change_in_one_workshop_does_not_reach_another():
    workshop, other = await sync_to_async(lambda: (live_workshop(), live_workshop()))()
    facilitator = await facilitator_client(workshop)
    bystander = await join_as(other, "Ada")

    async with connected(participant_path(other), bystander) as socket:
        await receive_until(socket, "Opening discussion")
        await drain(socket)
        await post(
            facilitator,
            reverse("workshops:go", args=[workshop.code]),
            {"from_segment": workshop.current_segment_id, "direction": "next"},
        )
        assert await socket.receive_nothing(timeout=1)


async def test_one_notice_shared_by_viewers_of_different_rights_gives_each_only_their_own_regions():
    """The tabs hearing one notice share its renders by audience: never a private region."""
    from channels.layers import get_channel_layer
    from django.utils import timezone

    from tests.factories import candidate_with_inputs
    from workshops.broadcast import changed_message
    from workshops.models import Participant

    workshop = await sync_to_async(live_workshop)()
    facilitator = await facilitator_client(workshop)
    grace, linus = await join_as(workshop, "Grace"), await join_as(workshop, "Linus")

    def into_the_brainstorm_with_a_draft_each() -> None:
        workshop.go_to(workshop.segments.get(kind="brainstorm"), timezone.now())
        for name in ("Grace", "Linus"):
            author = Participant.objects.get(workshop=workshop, display_name=name)
            candidate_with_inputs(3, workshop=workshop, author=author, metric_name=f"{name}s private idea")

    await sync_to_async(into_the_brainstorm_with_a_draft_each)()
    facilitate_path = f"/ws/workshops/{workshop.code}/facilitate/"
    async with (
        connected(participant_path(workshop), grace) as a,
        connected(participant_path(workshop), linus) as b,
        connected(facilitate_path, facilitator) as f,
    ):
        for socket in (a, b, f):
            await drain(socket)
        notice = changed_message("candidates", "progress", "pairwork", version=workshop.version + 1)
        await get_channel_layer().group_send(workshop.group_name, notice)
        seen_by_grace = await receive_until(a, 'id="candidates"')
        seen_by_linus = await receive_until(b, 'id="candidates"')
        seen_by_facilitator = await receive_until(f, 'id="progress"')

    assert "Graces private idea" in seen_by_grace
    assert "Linuss private idea" not in seen_by_grace
    assert "Linuss private idea" in seen_by_linus
    assert "Graces private idea" not in seen_by_linus
    assert "private idea" not in seen_by_facilitator
    # The facilitator's counts of who has started are theirs alone.
    assert 'id="progress"' not in seen_by_grace + seen_by_linus
