import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ParticipantFactory, workshop_at
from tests.workshops.helpers import HTMX, facilitator_browser, page_text, participant_browser
from workshops.agenda import ACTIVITY_PLANS
from workshops.models import Vision

pytestmark = pytest.mark.django_db

PARTS = {
    "for_whom": "people who eat out",
    "who_need": "a table they can count on",
    "product_is": "TableNow",
    "that": "books a table in seconds",
    "unlike": "phoning around",
    "we": "confirm every booking with the restaurant",
}
STATEMENT = (
    "For people who eat out, who need a table they can count on, TableNow is a product that books a table "
    "in seconds. Unlike phoning around, we confirm every booking with the restaurant."
)


def test_the_vision_is_kept_with_the_workshop_and_shown_in_converge():
    workshop = workshop_at("converge")
    workshop.go_to(workshop.insert_next(ACTIVITY_PLANS["vision"]), timezone.now())
    grace = ParticipantFactory(workshop=workshop)

    facilitator_browser(workshop).post(reverse("workshops:vision_save", args=[workshop.code]), PARTS, **HTMX)
    workshop.go_to(workshop.segments.get(kind="converge"), timezone.now())

    assert Vision.objects.get(workshop=workshop).statement == STATEMENT
    assert STATEMENT in page_text(participant_browser(grace), workshop.get_participant_url())


def test_a_vision_with_parts_missing_is_kept_but_not_shown_as_a_statement():
    workshop = workshop_at("converge")

    facilitator_browser(workshop).post(
        reverse("workshops:vision_save", args=[workshop.code]), {"for_whom": "people who eat out"}, **HTMX
    )

    vision = Vision.objects.get(workshop=workshop)
    assert vision.for_whom == "people who eat out"
    assert vision.statement == ""


def test_a_participant_cannot_write_the_vision():
    workshop = workshop_at("converge")
    grace = ParticipantFactory(workshop=workshop)

    response = participant_browser(grace).post(reverse("workshops:vision_save", args=[workshop.code]), PARTS)

    assert response.status_code == 403
    assert not Vision.objects.exists()
