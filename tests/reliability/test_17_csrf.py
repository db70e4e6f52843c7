"""Issue 9, test 17: an HTMX POST without the CSRF header is refused; so is a form posted from another site."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.reliability.helpers import database_snapshot, live_workshop

pytestmark = pytest.mark.reliability


def csrf_token_from(page) -> str:
    match = re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', page.text)
    assert match, "the page carries its CSRF token for htmx"
    return match.group(1)


def next_segment(workshop) -> dict:
    return {"from_segment": workshop.current_segment_id, "direction": "next"}


def test_an_htmx_post_without_the_token_header_is_refused_and_with_it_accepted(db):
    workshop = live_workshop()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(workshop.facilitator)
    token = csrf_token_from(browser.get(workshop.get_absolute_url()))
    url = reverse("workshops:go", args=[workshop.code])
    before = database_snapshot()

    refused = browser.post(url, next_segment(workshop), headers={"HX-Request": "true"})

    assert refused.status_code == 403
    assert "That form has expired" in refused.text
    assert database_snapshot() == before

    accepted = browser.post(url, next_segment(workshop), headers={"HX-Request": "true", "X-CSRFToken": token})

    assert accepted.status_code == 200
    workshop.refresh_from_db()
    assert workshop.current_segment.title == "Identify the game"


def test_a_form_posted_from_another_site_is_refused_even_with_a_token(db):
    workshop = live_workshop()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(workshop.facilitator)
    token = csrf_token_from(browser.get(workshop.get_absolute_url()))
    before = database_snapshot()

    response = browser.post(
        reverse("workshops:end", args=[workshop.code]),
        {"csrfmiddlewaretoken": token},
        headers={"Origin": "https://evil.example"},
    )

    assert response.status_code == 403
    assert database_snapshot() == before


def test_a_participant_join_without_a_token_is_refused(db):
    workshop = live_workshop()
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(workshop.get_join_url(), {"display_name": "Mallory"})

    assert response.status_code == 403
    assert not workshop.participants.exists()
