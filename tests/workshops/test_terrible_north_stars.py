import pytest
from django.urls import reverse

from tests.factories import NoteFactory, ParticipantFactory, workshop_at
from tests.workshops.helpers import HTMX, facilitator_browser, page_text, participant_browser
from workshops.models import Note, Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop():
    return workshop_at("good-bad")


def post_note(client, workshop, **data):
    return client.post(reverse("workshops:note_add", args=[workshop.code]), data, **HTMX)


def test_a_participant_posts_a_terrible_north_star_with_why_it_is_bad(workshop):
    grace = ParticipantFactory(workshop=workshop)

    post_note(participant_browser(grace), workshop, text="Number of logos on the homepage", why=" Nobody cares ")

    note = Note.objects.get()
    assert (note.board, note.text, note.why) == (Note.Board.TERRIBLE, "Number of logos on the homepage", "Nobody cares")


def test_why_it_is_bad_is_optional(workshop):
    grace = ParticipantFactory(workshop=workshop)

    post_note(participant_browser(grace), workshop, text="Meetings held")

    assert Note.objects.get().why == ""


def test_a_long_reason_is_refused_with_a_message(workshop):
    grace = ParticipantFactory(workshop=workshop)

    response = post_note(participant_browser(grace), workshop, text="Emails sent", why="y" * 201)

    assert "Keep the reason short: at most 200 characters." in response.content.decode()
    assert not Note.objects.exists()


def test_the_opening_board_keeps_no_reason():
    workshop = workshop_at("opening")
    grace = ParticipantFactory(workshop=workshop)

    post_note(participant_browser(grace), workshop, text="A note", why="ignored")

    assert Note.objects.get().why == ""


def test_every_page_shows_the_terrible_north_stars_and_the_reasons(workshop):
    NoteFactory(workshop=workshop, board=Note.Board.TERRIBLE, text="Hours in meetings", why="Busy is not value")
    NoteFactory(workshop=workshop, board=Note.Board.OPENING, text="From the opening")
    olivia = ParticipantFactory(workshop=workshop, role=Participant.Role.OBSERVER)

    for client, url in [
        (facilitator_browser(workshop), workshop.get_absolute_url()),
        (facilitator_browser(workshop), f"{workshop.get_absolute_url()}present/"),
        (participant_browser(olivia), workshop.get_participant_url()),
    ]:
        body = page_text(client, url)
        assert "Terrible North Stars" in body
        assert "Hours in meetings" in body
        assert "Busy is not value" in body
        assert "From the opening" not in body


def test_the_checklist_and_the_vanity_metrics_stay_on_screen(workshop):
    grace = ParticipantFactory(workshop=workshop)

    body = page_text(participant_browser(grace), workshop.get_participant_url())

    assert "Not a vanity metric" in body
    assert "Number of downloads" in body
    assert "A terrible North Star Metric" in body
