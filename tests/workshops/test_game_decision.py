import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ParticipantFactory, workshop_at
from tests.workshops.helpers import HTMX, facilitator_browser, page_text, participant_browser

pytestmark = pytest.mark.django_db


def decide(client, workshop, **data):
    return client.post(reverse("workshops:game_decide", args=[workshop.code]), data, **HTMX)


def test_the_facilitator_records_the_teams_game_and_reason():
    workshop = workshop_at("game")

    decide(facilitator_browser(workshop), workshop, game="transaction", game_reason="  People come to   book tables ")

    workshop.refresh_from_db()
    assert (workshop.game, workshop.game_reason) == ("transaction", "People come to book tables")


def test_the_decision_is_shown_in_later_segments_on_every_page():
    workshop = workshop_at("game")
    grace = ParticipantFactory(workshop=workshop)
    decide(facilitator_browser(workshop), workshop, game="transaction", game_reason="Bookings are the value")
    workshop.go_to(workshop.segments.get(kind="warm-up"), timezone.now())

    for client, url in [
        (facilitator_browser(workshop), workshop.get_absolute_url()),
        (facilitator_browser(workshop), f"{workshop.get_absolute_url()}present/"),
        (participant_browser(grace), workshop.get_participant_url()),
    ]:
        body = page_text(client, url)
        assert "Our game: <strong>Transaction</strong> · Bookings are the value" in body


def test_a_decision_without_a_game_is_refused_with_a_message():
    workshop = workshop_at("game")

    response = decide(facilitator_browser(workshop), workshop, game="", game_reason="Because")

    assert "Choose the game the team agreed on." in response.content.decode()
    workshop.refresh_from_db()
    assert workshop.game == ""


def test_a_reason_longer_than_one_line_is_refused_with_a_message():
    workshop = workshop_at("game")

    response = decide(facilitator_browser(workshop), workshop, game="attention", game_reason="z" * 201)

    assert "Keep the reason to one line: at most 200 characters." in response.content.decode()


def test_a_participant_cannot_record_the_decision():
    workshop = workshop_at("game")
    grace = ParticipantFactory(workshop=workshop)

    response = decide(participant_browser(grace), workshop, game="attention")

    assert response.status_code == 403
    workshop.refresh_from_db()
    assert workshop.game == ""
