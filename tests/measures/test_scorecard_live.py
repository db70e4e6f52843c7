"""The live scorecard: numbers written by any route reach every open scorecard, and only those who may look."""

import datetime as dt
from decimal import Decimal

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django.utils import timezone

from measures.models import ScorecardLink
from measures.values import write
from tests.library.helpers import adopted_north_star, client_for, member_of
from tests.measures.scorecards import MONDAY, measured, weekly
from tests.sockets import communicator, connected, receive_until

pytestmark = [pytest.mark.asyncio, pytest.mark.usefixtures("async_db")]


def scorecard_with_a_member():
    north_star = adopted_north_star()
    member = member_of(north_star.team, display_name="Ada")
    metric = measured(north_star, "metric", unit="tables", owner=member, targets=[("100", dt.date(2026, 3, 30))])
    weekly(north_star, metric, ["80", "90"])
    return north_star, metric, client_for(member)


async def test_a_value_written_reaches_an_open_scorecard():
    north_star, metric, member = await sync_to_async(scorecard_with_a_member)()
    async with connected(f"/ws/north-stars/{north_star.key}/scorecard/", member) as socket:
        first = await receive_until(socket, 'id="scorecard"')
        assert "90 tables" in first
        assert "Explain this period" in first  # Ada owns the metric

        await sync_to_async(write)(north_star, [(metric, MONDAY + dt.timedelta(weeks=2), Decimal("130"))], source="api")
        frame = await receive_until(socket, "130 tables")
    assert 'hx-swap-oob="true"' in frame
    assert "Up 40 tables" in frame
    assert "On track" in frame


async def test_a_read_only_link_is_live_and_stops_when_revoked():
    north_star, metric, _ = await sync_to_async(scorecard_with_a_member)()
    link = await sync_to_async(ScorecardLink.objects.create)(north_star=north_star)
    async with connected(f"/ws/scorecards/{link.token}/") as socket:
        first = await receive_until(socket, 'id="scorecard"')
        assert "Explain this period" not in first
        await sync_to_async(write)(north_star, [(metric, MONDAY + dt.timedelta(weeks=2), Decimal("70"))], source="csv")
        frame = await receive_until(socket, "70 tables")
        assert "Explain this period" not in frame

        link.revoked_at = timezone.now()
        await sync_to_async(link.save)()
        await sync_to_async(write)(north_star, [(metric, MONDAY + dt.timedelta(weeks=3), Decimal("75"))], source="csv")
        closed = await socket.receive_output(timeout=3)
    assert closed == {"type": "websocket.close", "code": 4403}


async def test_strangers_and_the_signed_out_are_refused():
    north_star, _, _ = await sync_to_async(scorecard_with_a_member)()
    stranger = await sync_to_async(lambda: client_for(member_of(adopted_north_star().team)))()
    for client in (stranger, Client()):
        socket = communicator(f"/ws/north-stars/{north_star.key}/scorecard/", client if client.cookies else None)
        connected_ok, _ = await socket.connect()
        assert connected_ok  # accepted, then closed with a reason the page can show
        assert await socket.receive_output(timeout=3) == {"type": "websocket.close", "code": 4403}
        await socket.disconnect()


async def test_members_who_may_explain_and_those_who_may_not_never_see_each_others_render():
    north_star, metric, owner = await sync_to_async(scorecard_with_a_member)()
    other = await sync_to_async(lambda: client_for(member_of(north_star.team)))()
    async with (
        connected(f"/ws/north-stars/{north_star.key}/scorecard/", owner) as mine,
        connected(f"/ws/north-stars/{north_star.key}/scorecard/", other) as theirs,
    ):
        await receive_until(mine, 'id="scorecard"')
        await receive_until(theirs, 'id="scorecard"')
        await sync_to_async(write)(north_star, [(metric, MONDAY + dt.timedelta(weeks=2), Decimal("99"))], source="api")
        for_owner = await receive_until(mine, "99 tables")
        for_other = await receive_until(theirs, "99 tables")
    # Only the owner is offered to explain the metric's period: two audiences, never mixed.
    assert 'Explain this period<span class="visually-hidden"> of Honoured' in for_owner
    assert 'Explain this period<span class="visually-hidden"> of Honoured' not in for_other


async def test_a_members_wall_screen_is_live_without_controls():
    north_star, metric, owner = await sync_to_async(scorecard_with_a_member)()
    async with connected(f"/ws/north-stars/{north_star.key}/scorecard/tv/", owner) as socket:
        first = await receive_until(socket, 'id="scorecard"')
        await sync_to_async(write)(north_star, [(metric, MONDAY + dt.timedelta(weeks=2), Decimal("88"))], source="sql")
        frame = await receive_until(socket, "88 tables")
    assert "Explain this period" not in first
    assert "Explain this period" not in frame


async def test_a_new_target_reaches_an_open_scorecard():
    north_star, _, member = await sync_to_async(scorecard_with_a_member)()
    setup = {
        "unit": "tables",
        "direction": "up",
        "grain": "week",
        "combine": "sum",
        "missing": "carry",
        "on_track_from": "100",
        "at_risk_from": "90",
        "targets-TOTAL_FORMS": "1",
        "targets-INITIAL_FORMS": "0",
        "targets-0-value": "85",
        "targets-0-due": "2026-02-02",
    }
    async with connected(f"/ws/north-stars/{north_star.key}/scorecard/", member) as socket:
        await receive_until(socket, 'id="scorecard"')
        # The metric's measure has a target already: replace it through the setup form.
        await sync_to_async(lambda: north_star.measures.get(node_key="metric").targets.all().delete())()
        answer = await sync_to_async(member.post)(f"/north-stars/{north_star.key}/numbers/nodes/metric/", setup)
        assert answer.status_code == 302
        frame = await receive_until(socket, "85 tables by 2 Feb 2026")
    assert "Carry the last value forward" in frame
