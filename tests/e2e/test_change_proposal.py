"""Proposing a change to the North Star in a real browser: the form, its warning, and axe finds nothing serious."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from changes.models import Proposal
from library.models import NorthStarVersion
from tests.e2e.helpers import assert_accessible
from tests.e2e.test_accessibility import live, room_at
from tests.library.helpers import adopted_north_star, member_of

pytestmark = pytest.mark.browser


def test_a_member_proposes_a_change_and_the_owner_approves_it(signed_in, live_url, browser):
    north_star = adopted_north_star()
    NorthStarVersion.objects.filter(north_star=north_star).update(created_at=timezone.now() - timedelta(days=20))
    page = signed_in(member_of(north_star.team))

    page.goto(f"{live_url}{north_star.get_absolute_url()}")
    page.get_by_role("link", name="Proposed changes").click()
    page.get_by_role("link", name="Propose a change").click()
    expect(page.get_by_role("heading", name="Propose a change to the North Star")).to_be_visible()
    expect(page.get_by_text("The North Star last changed 20 days ago")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Why change it?").fill("Diners who never show up cost more than empty tables.")
    page.get_by_label("The correlation report of this North Star’s numbers").check()
    page.get_by_label("Link 1", exact=True).fill("https://wiki.example.com/checkup")
    page.get_by_label("North Star Metric").fill("Honoured bookings per week")
    page.get_by_label("What would tell us it is time to revisit this North Star?").fill("Renewals fall.")
    page.get_by_role("button", name="Propose this change").click()

    expect(page.get_by_role("heading", name="Proposed change: Honoured bookings per week")).to_be_visible()
    expect(page.get_by_text("A team owner decides on this proposal.")).to_be_visible()
    assert_accessible(page)

    owner_page = signed_in(north_star.workshop.facilitator)
    owner_page.goto(f"{live_url}{Proposal.objects.get().get_absolute_url()}")
    owner_page.get_by_role("button", name="Approve and save as the next version").click()
    expect(owner_page.get_by_text("Approved: the North Star is now version 2.")).to_be_visible()
    expect(owner_page.get_by_text("Signal to revisit: Renewals fall.")).to_be_visible()


def test_the_facilitator_answers_the_definition_questions_before_adopting(joined, signed_in):
    workshop, _ = room_at("converge", joined)
    page = signed_in(workshop.facilitator)
    live(page, workshop.get_absolute_url())
    page.get_by_role("button", name="Start from “Honoured bookings 1”").click()

    page.get_by_label("Where is the company?").select_option("early")
    page.get_by_label("Which decisions will this metric help us make?").fill("Which bets we fund next.")
    page.get_by_role("button", name="Save the answers").click()
    expect(page.get_by_label("Which decisions will this metric help us make?")).to_have_value(
        "Which bets we fund next."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Adopt this as our North Star").click()
    expect(page.get_by_text("Adopted", exact=False).first).to_be_visible()

    data = NorthStarVersion.objects.get(north_star__workshop=workshop).data
    assert data.definition_answers == {"decisions": "Which bets we fund next."}
    assert data.company_stage == "early"
