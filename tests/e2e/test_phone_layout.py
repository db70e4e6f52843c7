"""A participant on a phone sees the whole page within the screen's width, even at its widest moment."""

from django.utils import timezone
from playwright.sync_api import expect

from metrics.models import CandidateBoard
from metrics.pairing import make_pairs
from tests.factories import candidate_with_inputs, workshop_at

PHONE = {"width": 390, "height": 844}


def test_the_evaluation_with_ratings_revealed_fits_a_phone(joined):
    workshop = workshop_at("evaluate")
    grace = joined(workshop, "Grace")
    joined(workshop, "Linus")
    pairs = make_pairs(workshop)
    now = timezone.now()
    CandidateBoard.objects.create(workshop=workshop, revealed_at=now, scores_revealed_at=now)
    for number in range(3):
        candidate_with_inputs(
            5, workshop=workshop, pair=pairs[0], metric_name=f"Weekly honoured bookings {number + 1}", shared_at=now
        )

    grace.set_viewport_size(PHONE)
    grace.reload()
    # The heatmap is the widest thing a participant sees: it scrolls inside its own box.
    expect(grace.get_by_role("table", name="How the group rated each candidate")).to_be_visible()

    # Measured once the live update that follows a connect has been drawn: a region is being
    # replaced for a moment then, and has no box of its own.
    expect(grace.get_by_role("status").filter(has_text="Live")).to_be_visible()
    title = grace.get_by_role("heading", name="Share and evaluate", exact=True).first
    expect(title).to_be_in_viewport(ratio=1)
    overflow = grace.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow == 0, f"the page is {overflow}px wider than the phone"
