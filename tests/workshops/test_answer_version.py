"""An answer to a person's own click says which change it shows.

A push rendered just before a click can reach the browser after the click's answer; the
browser compares this number with the push's to drop the older one (static/js/live.js).
"""

import re

import pytest
from django.urls import reverse

from tests.factories import ParticipantFactory, live_workshop
from tests.workshops.helpers import HTMX, facilitator_browser, page_text, participant_browser
from workshops.models import Workshop

pytestmark = pytest.mark.django_db


def answer_version_in(html: str) -> int:
    match = re.search(r'<div id="answer-version" hidden data-version="(\d+)" hx-swap-oob="true">', html)
    assert match, "the answer does not say which change it shows"
    return int(match.group(1))


def stored_version(workshop: Workshop) -> int:
    return Workshop.objects.values_list("version", flat=True).get(pk=workshop.pk)


def test_the_facilitators_move_answers_with_the_version_the_move_counted():
    workshop = live_workshop()
    before = stored_version(workshop)
    first = workshop.segments.first()

    response = facilitator_browser(workshop).post(
        reverse("workshops:go", args=[workshop.code]), {"from_segment": first.pk, "direction": "next"}, **HTMX
    )

    assert answer_version_in(response.content.decode()) == stored_version(workshop) == before + 1


def test_a_timer_answer_carries_the_version_too():
    workshop = live_workshop()
    before = stored_version(workshop)

    response = facilitator_browser(workshop).post(
        reverse("workshops:timer", args=[workshop.code]),
        {"segment": workshop.current_segment_id, "action": "pause"},
        **HTMX,
    )

    assert "Resume timer" in response.content.decode()
    assert answer_version_in(response.content.decode()) == stored_version(workshop) == before + 1


def test_a_participants_note_answers_with_the_version_it_counted():
    workshop = live_workshop()  # the first segment is the opening discussion, with its board
    grace = participant_browser(ParticipantFactory(workshop=workshop, display_name="Grace"))
    before = stored_version(workshop)

    response = grace.post(reverse("workshops:note_add", args=[workshop.code]), {"text": "Who is it for?"}, **HTMX)

    assert "Who is it for?" in response.content.decode()
    assert answer_version_in(response.content.decode()) == stored_version(workshop) == before + 1


def test_each_live_page_says_which_version_it_was_drawn_at():
    workshop = live_workshop()
    participant = ParticipantFactory(workshop=workshop)
    facilitator = facilitator_browser(workshop)
    version = stored_version(workshop)

    for html in (
        page_text(facilitator, workshop.get_absolute_url()),
        page_text(facilitator, reverse("workshops:present", args=[workshop.code])),
        page_text(participant_browser(participant), workshop.get_participant_url()),
    ):
        assert answer_version_in(html) == version
