"""The projector: readable from the back of the room, showing what the room needs at each moment."""

import re

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from metrics.models import CandidateBoard, Pair
from tests.factories import ParticipantFactory, candidate_with_inputs, workshop_at, workshop_with_agenda
from workshops.models import GamePick

PROJECTOR = {"width": 1920, "height": 1080}


def font_px(locator) -> float:
    # A live update may replace the element between finding and measuring it (a detached element has
    # no computed size): measure again, the locator finds the new one.
    for _ in range(20):
        size = locator.evaluate("element => element.isConnected ? getComputedStyle(element).fontSize : ''")
        if size:
            return float(size.removesuffix("px"))
        locator.page.wait_for_timeout(50)
    raise AssertionError("the element was never on the page long enough to measure")


def test_the_projector_shows_the_code_large_before_the_start_and_none_after_the_end(signed_in):
    workshop = workshop_with_agenda("60")
    facilitator = signed_in(workshop.facilitator)
    facilitator.goto(workshop.get_absolute_url())
    projector = facilitator.context.new_page()
    projector.set_viewport_size(PROJECTOR)
    projector.goto(reverse("workshops:present", args=[workshop.code]))
    expect(projector.get_by_role("status").filter(has_text="Live")).to_be_visible()

    code = projector.get_by_text(re.compile("^Join at"))
    expect(code).to_contain_text(workshop.display_code)
    assert font_px(code) >= 32

    facilitator.get_by_role("button", name="Start the workshop").click()
    expect(projector.get_by_role("heading", name="Opening discussion", exact=True)).to_be_visible()
    assert font_px(code) < 32
    # The smallest print on the projector (the eyebrow over the title) is no smaller than body text.
    assert font_px(projector.get_by_text(re.compile("^Segment 1 of"))) >= 16

    facilitator.once("dialog", lambda dialog: dialog.accept())
    facilitator.get_by_role("button", name="End the workshop").click()
    expect(projector.get_by_role("heading", name="The workshop has ended")).to_be_visible()
    expect(code).to_be_hidden()


def test_the_projector_shows_the_ratings_and_the_dots_within_the_screen(signed_in):
    workshop = workshop_at("evaluate")
    pair = Pair.objects.create(workshop=workshop, number=1)
    now = timezone.now()
    CandidateBoard.objects.create(workshop=workshop, revealed_at=now)
    for number in range(3):
        candidate_with_inputs(
            5, workshop=workshop, pair=pair, metric_name=f"Weekly honoured bookings {number + 1}", shared_at=now
        )
    facilitator = signed_in(workshop.facilitator)
    projector = facilitator.context.new_page()
    projector.set_viewport_size(PROJECTOR)
    projector.goto(reverse("workshops:present", args=[workshop.code]))
    expect(projector.get_by_role("status").filter(has_text="Live")).to_be_visible()
    # While people rate, the clock is what the room watches: large.
    clock = projector.get_by_role("timer")
    assert font_px(clock) >= 150

    facilitator.set_viewport_size({"width": 1440, "height": 900})
    facilitator.goto(workshop.get_absolute_url())
    facilitator.get_by_role("button", name="Reveal the ratings").click()
    facilitator.get_by_role("button", name="Reveal the dots").click()
    # On a facilitator's laptop the whole table shows too, without scrolling sideways inside its box.
    table = facilitator.get_by_role("table", name=re.compile("How the group rated each candidate"))
    expect(table).to_be_visible()
    assert table.evaluate("table => table.parentElement.scrollWidth <= table.parentElement.clientWidth")

    heatmap = projector.get_by_role("table", name=re.compile("How the group rated each candidate"))
    expect(heatmap).to_be_visible()
    # The results are what the room discusses now: the table and the dots fit under a smaller clock.
    expect(heatmap).to_be_in_viewport(ratio=1)
    # Its words are as large as the rest of the projector's text, not footnote size.
    body = font_px(projector.locator("body"))
    assert font_px(heatmap.get_by_role("columnheader", name="Leading indicator")) >= body
    assert font_px(heatmap.get_by_role("rowheader", name="Weekly honoured bookings 1")) >= body
    expect(projector.get_by_text("Weekly honoured bookings 3").first).to_be_visible()
    ranking = projector.get_by_role("list", name="Dots")
    expect(ranking).to_be_in_viewport(ratio=1)
    assert font_px(clock) < 100


def test_the_projector_shows_the_revealed_picks_on_the_screen_and_starts_each_segment_at_the_top(signed_in):
    workshop = workshop_at("game")
    for number, game in enumerate(["transaction", "productivity", "productivity"]):
        GamePick.objects.create(
            workshop=workshop, participant=ParticipantFactory(workshop=workshop, display_name=f"P{number}"), game=game
        )
    facilitator = signed_in(workshop.facilitator)
    projector = facilitator.context.new_page()
    projector.set_viewport_size(PROJECTOR)
    projector.goto(reverse("workshops:present", args=[workshop.code]))
    expect(projector.get_by_role("status").filter(has_text="Live")).to_be_visible()

    facilitator.goto(workshop.get_absolute_url())
    facilitator.get_by_role("button", name="Reveal the picks").click()

    chart = projector.locator(".game-chart")
    expect(chart).to_be_visible()
    expect(chart).to_be_in_viewport(ratio=1)
    # Each game's name stays whole on its line ("Productivity", not "Productivi" and "ty").
    label = chart.get_by_text("Productivity", exact=True)
    line = float(label.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)"))
    assert label.bounding_box()["height"] < 1.5 * line

    # The room moves on: the next segment shows from its top, with nothing below the screen to scroll to.
    facilitator.get_by_role("button", name=re.compile("^Next segment")).click()
    title = projector.get_by_role("heading", name="Good and bad North Stars", exact=True)
    expect(title).to_be_in_viewport(ratio=1)
    assert projector.evaluate("() => window.scrollY === 0")
    assert projector.evaluate("() => document.documentElement.scrollHeight <= window.innerHeight")
