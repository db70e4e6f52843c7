"""The facilitator steps the projector through a board too big for one screen."""

import pytest
from django.urls import reverse

from tests.factories import NoteFactory, ParticipantFactory, workshop_at
from tests.workshops.helpers import HTMX, facilitator_browser, page_text, participant_browser
from workshops.live import NOTES_PER_WALL_PAGE
from workshops.models import Note

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop():
    workshop = workshop_at("opening")
    for number in range(NOTES_PER_WALL_PAGE + 2):
        NoteFactory(workshop=workshop, board=Note.Board.OPENING, text=f"Opening note {number + 1}")
    return workshop


def present_url(workshop) -> str:
    return reverse("workshops:present", args=[workshop.code])


def show_page(client, workshop, page, segment=None, htmx=True):
    data = {"segment": segment or workshop.current_segment_id, "page": page}
    return client.post(reverse("workshops:projector_page", args=[workshop.code]), data, **(HTMX if htmx else {}))


def test_the_projector_shows_the_first_page_of_notes_and_says_which_page_it_is(workshop):
    body = page_text(facilitator_browser(workshop), present_url(workshop))

    assert "1 of 2" in body
    assert f"Opening note {NOTES_PER_WALL_PAGE}<" in body
    assert f"Opening note {NOTES_PER_WALL_PAGE + 1}<" not in body


def test_the_facilitator_puts_the_next_page_up_and_a_reload_keeps_it(workshop):
    client = facilitator_browser(workshop)

    response = show_page(client, workshop, 2)

    assert response.status_code == 200
    assert "Projector: page 2 of 2" in response.content.decode()
    assert workshop.segments.get(pk=workshop.current_segment_id).projector_page == 2
    body = page_text(client, present_url(workshop))
    assert "2 of 2" in body
    assert f"Opening note {NOTES_PER_WALL_PAGE + 1}<" in body
    assert "Opening note 1<" not in body


def test_the_facilitator_and_participants_still_see_every_note(workshop):
    show_page(facilitator_browser(workshop), workshop, 2)
    grace = ParticipantFactory(workshop=workshop)

    for client, url in [
        (facilitator_browser(workshop), workshop.get_absolute_url()),
        (participant_browser(grace), workshop.get_participant_url()),
    ]:
        body = page_text(client, url)
        assert "Opening note 1<" in body
        assert f"Opening note {NOTES_PER_WALL_PAGE + 2}<" in body
    assert "of 2" not in page_text(participant_browser(grace), workshop.get_participant_url())


def test_a_click_as_the_group_moves_on_leaves_the_next_segment_at_its_first_page(workshop):
    left = workshop.current_segment_id
    workshop.go_to(workshop.segments.get(kind="game"), workshop.started_at)

    show_page(facilitator_browser(workshop), workshop, 2, segment=left)

    assert set(workshop.segments.values_list("projector_page", flat=True)) == {1}


def test_a_page_that_is_not_a_number_is_refused_with_a_message(workshop):
    client = facilitator_browser(workshop)

    response = show_page(client, workshop, "lots", htmx=False)

    assert response.status_code == 302
    assert "Enter a whole number" in page_text(client, workshop.get_absolute_url())
    assert show_page(client, workshop, 0).status_code == 200
    assert workshop.segments.get(pk=workshop.current_segment_id).projector_page == 1


def test_only_the_facilitator_steps_the_projector(workshop):
    grace = ParticipantFactory(workshop=workshop)

    response = show_page(participant_browser(grace), workshop, 2)

    assert response.status_code in (403, 404)
    assert workshop.segments.get(pk=workshop.current_segment_id).projector_page == 1
