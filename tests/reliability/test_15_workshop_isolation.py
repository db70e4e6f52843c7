"""Issue 9, test 15: a session of workshop A opens nothing of workshop B; a facilitator of A cannot control B."""

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django.urls import reverse

from tests.reliability.helpers import database_snapshot, live_workshop
from tests.reliability.test_14_participant_cannot_facilitate import facilitator_endpoints, payload_for, url_for
from tests.sockets import communicator, facilitator_client, join_as

pytestmark = pytest.mark.reliability


def test_a_participant_of_a_sees_nothing_of_b_and_changes_nothing(db):
    a, b = live_workshop(title="Workshop A"), live_workshop(title="Workshop B")
    grace = Client()
    grace.post(a.get_join_url(), {"display_name": "Grace"})
    before = database_snapshot()

    page = grace.get(b.get_participant_url())
    ready = grace.post(reverse("workshops:ready", args=[b.code]), {"segment": b.current_segment_id, "done": "1"})
    facilitate = grace.get(b.get_absolute_url())

    assert page.status_code == 302
    assert page.url == b.get_join_url()
    assert ready.status_code == 302
    assert facilitate.status_code == 404
    assert database_snapshot() == before


def test_a_facilitator_of_a_cannot_open_or_control_b(db):
    a, b = live_workshop(title="Workshop A"), live_workshop(title="Workshop B")
    b.participants.create(display_name="Linus")
    facilitator_of_a = Client()
    facilitator_of_a.force_login(a.facilitator)
    me = b.participants.get()
    before = database_snapshot()

    answers = {}
    for name in facilitator_endpoints():
        url = url_for(name, b, me)
        answers[name] = facilitator_of_a.post(url, payload_for(name, b, me, a.facilitator)).status_code
    answers["facilitate (GET)"] = facilitator_of_a.get(b.get_absolute_url()).status_code
    answers["present (GET)"] = facilitator_of_a.get(reverse("workshops:present", args=[b.code])).status_code

    assert answers == dict.fromkeys(answers, 404)
    assert database_snapshot() == before
    assert facilitator_of_a.get(a.get_absolute_url()).status_code == 200


@pytest.mark.asyncio
@pytest.mark.usefixtures("async_db")
@pytest.mark.parametrize("page", ["participant", "facilitate", "present"])
async def test_sockets_of_a_cannot_open_b(page):
    a, b = await sync_to_async(lambda: (live_workshop(), live_workshop()))()
    grace = await join_as(a, "Grace")
    lead_of_a = await facilitator_client(a)

    for client in (grace, lead_of_a):
        socket = communicator(f"/ws/workshops/{b.code}/{page}/", client)
        ok, code = await socket.connect()
        assert not ok
        assert code == 4403
        await socket.disconnect()
