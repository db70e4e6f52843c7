"""Issue 9, test 14: a participant calls every facilitator endpoint: 403, and nothing changes."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import ParticipantFactory, UserFactory
from tests.reliability.helpers import database_snapshot, live_workshop
from workshops.models import Participant

pytestmark = pytest.mark.reliability


def all_routes() -> dict[str, URLPattern]:
    """Every named route of the workshop apps, as "namespace:name"."""
    routes = {}
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace in ("workshops", "metrics"):
            for pattern in entry.url_patterns:
                if isinstance(pattern, URLPattern) and pattern.name:
                    routes[f"{entry.namespace}:{pattern.name}"] = pattern
    return routes


def facilitator_endpoints() -> list[str]:
    """Every route under workshops/<code>/ is the facilitators' (participants act under w/<code>/).

    Found by walking the URL configuration, so a route added later is covered without editing this test.
    """
    names = [name for name, p in all_routes().items() if str(p.pattern).startswith("workshops/<code:code>/")]
    assert len(names) >= 15
    return sorted(names)


def payload_for(name: str, workshop, me: Participant, other_user) -> dict:
    """What a participant trying to take over would send: promote themselves, move on, hand over."""
    segment = workshop.segments.last()
    return {
        "role": Participant.Role.CO_FACILITATOR,
        "from_segment": workshop.current_segment_id,
        "to_segment": segment.pk,
        "direction": "next",
        "segment": workshop.current_segment_id,
        "action": "pause",
        "title": "Taken over",
        "planned_minutes": 1,
        "facilitator_notes": "mine now",
        "kind": "custom",
        "email": other_user.email,
        "user": other_user.pk,
    }


def url_for(name: str, workshop, me: Participant) -> str:
    kwargs = {"code": workshop.code}
    converters = all_routes()[name].pattern.converters
    for key in converters:
        if key == "segment_id":
            kwargs[key] = workshop.segments.last().pk
        elif key == "participant_id":
            kwargs[key] = me.pk
        elif key == "what":
            kwargs[key] = "votes"  # revealing the votes before the facilitator does
        elif key != "code":
            kwargs[key] = 1  # an id of something else: the permission check comes first
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("htmx", [False, True], ids=["form", "htmx"])
def test_a_participant_gets_403_from_every_facilitator_endpoint_and_nothing_changes(db, htmx):
    workshop = live_workshop()
    ParticipantFactory(workshop=workshop, display_name="Linus")
    other_user = UserFactory()
    grace = Client()
    grace.post(workshop.get_join_url(), {"display_name": "Grace"})
    me = workshop.participants.get(display_name="Grace")
    before = database_snapshot()
    headers = {"HX-Request": "true"} if htmx else {}

    answers = {}
    for name in facilitator_endpoints():
        url = url_for(name, workshop, me)
        response = grace.post(url, payload_for(name, workshop, me, other_user), headers=headers)
        answers[name] = response.status_code
        if name in ("workshops:facilitate", "workshops:present"):
            answers[f"{name} (GET)"] = grace.get(url).status_code

    assert answers == dict.fromkeys(answers, 403)
    assert database_snapshot() == before
    me.refresh_from_db()
    assert me.role == Participant.Role.PARTICIPANT
