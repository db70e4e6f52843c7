"""A participant on a phone sees the whole page within the screen's width, even at its widest moment."""

from django.utils import timezone
from playwright.sync_api import expect

from library.models import Bet
from metrics.models import CandidateBoard
from metrics.pairing import make_pairs
from tests.factories import candidate_with_inputs, workshop_at
from tests.library.helpers import adopted_north_star
from tests.library.test_versions import revise

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
    # The table scrolls sideways inside its box: the page says so, and the names stay in view.
    expect(grace.get_by_text("swipe it sideways to see all seven criteria")).to_be_visible()
    table = grace.get_by_role("region", name="How the group rated each candidate")
    table.scroll_into_view_if_needed()
    scrolled = table.evaluate("box => { box.scrollLeft = box.scrollWidth; return box.scrollLeft; }")
    assert scrolled > 0, "the table is wider than the phone"
    name = grace.get_by_role("rowheader", name="Weekly honoured bookings 1")
    shift = name.evaluate(
        "cell => cell.getBoundingClientRect().left - cell.closest('[role=region]').getBoundingClientRect().left"
    )
    assert abs(shift) < 2, "the candidate's name stays at the left edge of the scrolled table"


def test_long_links_and_words_stay_within_a_phone(signed_in):
    link = "https://docs.example.com/document/d/" + "1AbCdEfGhIjKlMnOpQrStUvWxYz" * 4 + "/edit"
    north_star = adopted_north_star(open_questions=f"Which diners count? See {link}")
    row = north_star.versions.last().data.inputs[0]
    Bet.objects.create(north_star=north_star, input_key=row.key, title="Reminder" * 12, link=link)
    revise(north_star, metric_name="Weekly honoured tables", note="No-shows" * 40, open_questions=link)
    page = signed_in(north_star.workshop.facilitator)
    page.set_viewport_size(PHONE)

    for path, heading in [
        (north_star.get_absolute_url(), "Weekly honoured tables"),
        (f"{north_star.get_absolute_url()}versions/", "How this North Star changed"),
    ]:
        page.goto(path)
        expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible()
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow == 0, f"{path} is {overflow}px wider than the phone"
