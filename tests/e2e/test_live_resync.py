"""A page that notices a skipped change number asks for the whole state at once (static/js/live.js)."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.reliability.helpers import live_workshop
from workshops.models import Workshop

pytestmark = pytest.mark.reliability


def test_a_lost_notice_is_noticed_at_the_next_one_and_the_page_catches_up(joined):
    workshop = live_workshop()
    grace = joined(workshop, "Grace")
    expect(grace.locator("[data-connection-status]")).to_have_text("Live")
    expect(grace.get_by_role("heading", name="Opening discussion", exact=True)).to_be_visible()

    # The facilitator moves on, but the notice is lost on the way (the layer may drop it).
    fresh = Workshop.objects.get(pk=workshop.pk)
    fresh.go_to(fresh.neighbour_segment(1), timezone.now())
    fresh.bump_version()
    # The next notice only concerns the roster: someone joins (through the live server).
    joined(workshop, "Ada")

    expect(grace.get_by_text("Ada")).to_be_visible()
    # Well before the server's 20 s heartbeat: the page itself saw the gap and asked.
    expect(grace.get_by_role("heading", name="Identify the game", exact=True)).to_be_visible(timeout=5_000)
