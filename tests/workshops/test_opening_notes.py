import pytest
from django.urls import reverse

from tests.factories import NoteFactory, ParticipantFactory, workshop_at
from tests.workshops.helpers import HTMX, facilitator_browser, page_text, participant_browser
from workshops.models import Note, Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop():
    return workshop_at("opening")


def post_note(client, workshop, htmx=True, **data):
    return client.post(reverse("workshops:note_add", args=[workshop.code]), data, **(HTMX if htmx else {}))


def test_a_participant_posts_a_note_that_lands_on_the_opening_board(workshop):
    grace = ParticipantFactory(workshop=workshop, display_name="Grace")

    response = post_note(participant_browser(grace), workshop, text="  We ship a lot   but learn little  ")

    assert response.status_code == 200
    note = Note.objects.get()
    assert (note.board, note.author, note.text) == (Note.Board.OPENING, grace, "We ship a lot but learn little")
    assert "We ship a lot but learn little" in response.content.decode()


def test_everyone_sees_the_notes_on_their_own_page(workshop):
    NoteFactory(workshop=workshop, text="Our roadmap is a feature list", author__display_name="Grace")
    linus = ParticipantFactory(workshop=workshop)

    for client, url in [
        (facilitator_browser(workshop), workshop.get_absolute_url()),
        (facilitator_browser(workshop), f"{workshop.get_absolute_url()}present/"),
        (participant_browser(linus), workshop.get_participant_url()),
    ]:
        body = page_text(client, url)
        assert "Our roadmap is a feature list" in body
        assert "Grace" in body


def test_notes_are_escaped(workshop):
    NoteFactory(workshop=workshop, text="<script>alert(1)</script>")

    body = page_text(facilitator_browser(workshop), workshop.get_absolute_url())

    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_an_empty_note_is_refused_with_a_message(workshop):
    grace = ParticipantFactory(workshop=workshop)

    response = post_note(participant_browser(grace), workshop, text="   ")

    assert "Write something before posting." in response.content.decode()
    assert not Note.objects.exists()


def test_a_long_note_is_refused_with_a_message(workshop):
    grace = ParticipantFactory(workshop=workshop)

    response = post_note(participant_browser(grace), workshop, text="x" * 201)

    assert "Keep the note short: at most 200 characters." in response.content.decode()
    assert not Note.objects.exists()


def test_without_javascript_the_note_posts_and_returns_to_the_page(workshop):
    grace = ParticipantFactory(workshop=workshop)

    response = post_note(participant_browser(grace), workshop, htmx=False, text="Clear goals")

    assert response.status_code == 302
    assert response.url == workshop.get_participant_url()
    assert Note.objects.filter(text="Clear goals").exists()


def test_an_observer_cannot_post_a_note(workshop):
    olivia = ParticipantFactory(workshop=workshop, role=Participant.Role.OBSERVER)

    response = post_note(participant_browser(olivia), workshop, text="Sneaky")

    assert response.status_code == 403
    assert "Observers follow along" in response.content.decode()
    assert not Note.objects.exists()


def test_an_observer_sees_no_note_form(workshop):
    olivia = ParticipantFactory(workshop=workshop, role=Participant.Role.OBSERVER)

    body = page_text(participant_browser(olivia), workshop.get_participant_url())

    assert "Post note" not in body
    assert "you see every note but do not post" in body


def test_no_note_can_be_posted_where_there_is_no_board():
    workshop = workshop_at("structure")
    grace = ParticipantFactory(workshop=workshop)

    response = post_note(participant_browser(grace), workshop, text="Off topic")

    assert response.status_code == 403
    assert not Note.objects.exists()


def test_the_facilitator_takes_a_note_off_the_board(workshop):
    note = NoteFactory(workshop=workshop, text="Too rude")

    response = facilitator_browser(workshop).post(
        reverse("workshops:note_remove", args=[workshop.code, note.pk]), **HTMX
    )

    assert response.status_code == 200
    assert not Note.objects.exists()
    assert "Too rude" not in response.content.decode()


def test_a_participant_cannot_take_notes_off_the_board(workshop):
    note = NoteFactory(workshop=workshop)
    grace = ParticipantFactory(workshop=workshop)

    response = participant_browser(grace).post(reverse("workshops:note_remove", args=[workshop.code, note.pk]))

    assert response.status_code == 403
    assert Note.objects.exists()
