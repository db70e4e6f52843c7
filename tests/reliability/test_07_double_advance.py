"""Issue 9, test 7: a double click on "next" and two tabs advancing at once move the group exactly one step."""

import threading

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from tests.reliability.helpers import live_workshop
from workshops.models import Segment, Workshop

pytestmark = [pytest.mark.reliability, pytest.mark.django_db(transaction=True)]


def post_all_at_once(posts: list[tuple[Client, str, dict]]) -> list[int]:
    """Each post from its own thread, with its own database connection, released together."""
    barrier = threading.Barrier(len(posts))
    statuses: list[int] = [0] * len(posts)
    errors: list[BaseException] = []

    def run(index: int, client: Client, url: str, data: dict) -> None:
        try:
            barrier.wait(timeout=10)
            statuses[index] = client.post(url, data, headers={"HX-Request": "true"}).status_code
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, *post)) for i, post in enumerate(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return statuses


def facilitator_tabs(workshop: Workshop, count: int) -> list[Client]:
    tabs = []
    for _ in range(count):
        tab = Client(raise_request_exception=True)
        tab.force_login(workshop.facilitator)
        tabs.append(tab)
    return tabs


def test_twelve_next_clicks_from_two_tabs_move_one_step():
    workshop = live_workshop()
    version = workshop.version
    first = workshop.current_segment
    url = reverse("workshops:go", args=[workshop.code])
    tabs = facilitator_tabs(workshop, 2)
    next_from_first = {"from_segment": first.pk, "direction": "next"}

    statuses = post_all_at_once([(tabs[i % 2], url, next_from_first) for i in range(12)])

    workshop.refresh_from_db()
    assert statuses == [200] * 12
    assert workshop.current_segment.position == first.position + 1
    assert workshop.version == version + 1
    visited = Segment.objects.filter(workshop=workshop, entered_at__isnull=False).count()
    assert visited == 1


def test_two_tabs_sending_the_group_to_different_segments_apply_one_move():
    workshop = live_workshop()
    first = workshop.current_segment
    segments = list(workshop.segments.all())
    url = reverse("workshops:go", args=[workshop.code])
    tabs = facilitator_tabs(workshop, 2)

    post_all_at_once(
        [(tabs[0], url, {"from_segment": first.pk, "to_segment": segments[4].pk})] * 3
        + [(tabs[1], url, {"from_segment": first.pk, "to_segment": segments[7].pk})] * 3
    )

    workshop.refresh_from_db()
    assert workshop.current_segment in (segments[4], segments[7])
    assert Segment.objects.filter(workshop=workshop, entered_at__isnull=False).count() == 1
    left = Segment.objects.get(pk=first.pk)
    assert left.timer_running_since is None


def test_a_double_pause_and_resume_storm_leaves_one_consistent_timer():
    workshop = live_workshop()
    segment = workshop.current_segment
    url = reverse("workshops:timer", args=[workshop.code])
    tabs = facilitator_tabs(workshop, 2)

    post_all_at_once([(tabs[i % 2], url, {"segment": segment.pk, "action": "pause"}) for i in range(8)])
    segment.refresh_from_db()
    banked = segment.timer_banked_seconds

    assert segment.timer_running_since is None
    assert 0 < banked < 30
    post_all_at_once([(tabs[i % 2], url, {"segment": segment.pk, "action": "pause"}) for i in range(4)])
    segment.refresh_from_db()
    assert segment.timer_banked_seconds == banked
