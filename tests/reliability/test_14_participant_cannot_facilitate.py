"""Issue 9, test 14: a participant calls every facilitator endpoint: 403, and nothing changes."""

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from tests.factories import ParticipantFactory, UserFactory
from tests.reliability.helpers import database_snapshot, live_workshop
from workshops import facilitation
from workshops.models import Participant

pytestmark = pytest.mark.reliability


def facilitator_endpoints() -> list[str]:
    """Every named route served by workshops/facilitation.py: a new one is covered without editing this test."""
    resolver = get_resolver().namespace_dict["workshops"][1]
    names = [
        p.name
        for p in resolver.url_patterns
        if isinstance(p, URLPattern) and p.callback.__module__ == facilitation.__name__
    ]
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
    pattern = next(
        p for p in get_resolver().namespace_dict["workshops"][1].url_patterns if getattr(p, "name", None) == name
    )
    if "segment_id" in pattern.pattern.converters:
        kwargs["segment_id"] = workshop.segments.last().pk
    if "participant_id" in pattern.pattern.converters:
        kwargs["participant_id"] = me.pk
    return reverse(f"workshops:{name}", kwargs=kwargs)


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
        if name in ("facilitate", "present"):
            answers[f"{name} (GET)"] = grace.get(url).status_code

    assert answers == dict.fromkeys(answers, 403)
    assert database_snapshot() == before
    me.refresh_from_db()
    assert me.role == Participant.Role.PARTICIPANT
