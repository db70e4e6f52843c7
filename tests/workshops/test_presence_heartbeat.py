"""One heartbeat per server process keeps every open tab present, whatever the number of tabs."""

from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from django.utils import timezone

from tests.factories import WorkshopFactory
from tests.sockets import connected, drain, join_as
from workshops.agenda import AGENDA_TEMPLATES
from workshops.models import Connection
from workshops.presence import beat_in_database, heartbeat


def make_live_workshop():
    workshop = WorkshopFactory()
    workshop.add_segments(AGENDA_TEMPLATES["60"][1])
    return workshop


@pytest.mark.parametrize("tabs", [1, 6])
@pytest.mark.django_db
def test_marking_tabs_present_costs_three_queries_however_many_tabs(tabs, django_assert_num_queries):
    workshops = [make_live_workshop() for _ in range(2)]
    names = []
    for i in range(tabs):
        workshop = workshops[i % 2]
        person = workshop.participants.create(display_name=f"Person {i}")
        Connection.objects.create(
            workshop=workshop,
            participant=person,
            channel_name=f"tab-{i}",
            page="participant",
            seen_at=timezone.now() - timedelta(minutes=5),
        )
        names.append(f"tab-{i}")

    with django_assert_num_queries(3):  # mark, read the versions, look for rows gone stale
        found = beat_in_database(names, {w.pk for w in workshops} | {999_999}, timezone.now())

    assert found.versions == {w.pk: w.version for w in workshops}, "a workshop that is gone has no version"
    assert found.unregistered == set()
    assert found.pruned == set()
    assert Connection.objects.live().count() == tabs


@pytest.mark.asyncio
@pytest.mark.usefixtures("async_db")
async def test_one_beat_marks_every_open_tab_of_the_process(settings):
    settings.PRESENCE_HEARTBEAT_SECONDS = 60  # the test beats by hand
    workshop = await sync_to_async(make_live_workshop)()
    grace, ada = await join_as(workshop, "Grace"), await join_as(workshop, "Ada")
    path = f"/ws/workshops/{workshop.code}/participant/"

    async with connected(path, grace) as first, connected(path, ada) as second:
        await drain(first)
        await drain(second)
        long_ago = timezone.now() - timedelta(minutes=10)
        await sync_to_async(Connection.objects.update)(seen_at=long_ago)
        assert await sync_to_async(Connection.objects.live().count)() == 0

        await heartbeat().beat()

        assert await sync_to_async(Connection.objects.live().count)() == 2
        assert await first.receive_nothing(timeout=0.3), "a quiet beat sends nothing"
        assert len(heartbeat().tabs) == 2

    assert len(heartbeat().tabs) == 0, "a closed tab leaves the heartbeat"
