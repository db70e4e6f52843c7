import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from tests.factories import ParticipantFactory, workshop_with_agenda
from tests.workshops.helpers import facilitator_browser, page_text, participant_browser
from workshops.agenda import SAFETY_FRAMING
from workshops.models import Participant, Preparation

pytestmark = pytest.mark.django_db


def test_the_preparation_page_counts_who_joined_by_what_they_do():
    workshop = workshop_with_agenda()
    ParticipantFactory(workshop=workshop, discipline="engineering")
    ParticipantFactory(workshop=workshop, discipline="engineering")
    ParticipantFactory(workshop=workshop)

    html = page_text(facilitator_browser(workshop), reverse("workshops:prepare", args=[workshop.code]))

    assert "3 people have joined." in html
    assert "That is a small group" in html
    assert '<th scope="row">Engineering</th><td>2</td>' in html
    assert '<th scope="row">Did not say</th><td>1</td>' in html
    assert escape(SAFETY_FRAMING) in html


def test_a_participant_may_say_what_they_do_when_joining():
    workshop = workshop_with_agenda()

    workshop_url = workshop.get_join_url()
    Client().post(workshop_url, {"display_name": "Grace", "discipline": "design"})
    Client().post(workshop_url, {"display_name": "Linus"})

    assert dict(Participant.objects.values_list("display_name", "discipline")) == {"Grace": "design", "Linus": ""}


def test_the_pre_read_shows_in_the_lobby():
    workshop = workshop_with_agenda()
    grace = ParticipantFactory(workshop=workshop)
    url = reverse("workshops:pre_read_save", args=[workshop.code])

    response = facilitator_browser(workshop).post(url, {"pre_read": "Bring one customer story."})

    assert response.status_code == 302
    assert Preparation.objects.get(workshop=workshop).pre_read == "Bring one customer story."
    assert "Bring one customer story." in page_text(participant_browser(grace), workshop.get_participant_url())


def test_a_participant_cannot_open_the_preparation_page():
    workshop = workshop_with_agenda()
    grace = ParticipantFactory(workshop=workshop)

    response = participant_browser(grace).get(reverse("workshops:prepare", args=[workshop.code]))

    assert response.status_code == 403


def test_the_opening_notes_carry_the_safety_framing():
    workshop = workshop_with_agenda()

    assert SAFETY_FRAMING in workshop.segments.get(kind="opening").facilitator_notes
