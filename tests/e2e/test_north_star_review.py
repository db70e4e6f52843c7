"""A North Star's review in real browsers: a facilitator runs it live with two participants.

The participants follow every move without reloading, read the variance note the owner wrote
before the meeting, see the confidence votes only once they are revealed, and the action raised
in this review is waiting, still open, at the start of the next one.
"""

import datetime as dt
import re

from playwright.sync_api import Page, expect

from measures.models import VarianceNote
from tests.e2e.helpers import assert_accessible
from tests.e2e.test_scorecard import off_the_event_loop
from tests.library.helpers import member_of
from tests.measures.scorecards import MONDAY
from tests.reviews.helpers import occurrence_on, reviewed_north_star

PROJECTOR = {"width": 1920, "height": 1080}


def a_review_to_run():
    north_star, series, ada, grace, keys = reviewed_north_star()
    linus = member_of(north_star.team, display_name="Linus", email="linus@example.com")
    VarianceNote.objects.create(
        measure=north_star.measures.get(node_key=keys[1]),
        period_start=MONDAY + dt.timedelta(weeks=3),
        text="A competitor opened next door; we lost the regulars for a month.",
        author=grace,
    )
    occurrence = occurrence_on(series, MONDAY + dt.timedelta(weeks=3))
    return north_star, occurrence.get_absolute_url(), ada, grace, linus


def now_showing(page: Page):
    return page.locator(".review-stage")


def next_item(facilitator: Page, title: str) -> None:
    facilitator.get_by_role("button", name="Next item").click()
    expect(now_showing(facilitator).get_by_role("heading", name=title)).to_be_visible()


def test_a_review_run_live_with_two_participants_carries_its_action_to_the_next(signed_in, browser, live_url):
    north_star, url, ada, grace, linus = off_the_event_loop(a_review_to_run)
    facilitator, first, second = signed_in(ada), signed_in(grace), signed_in(linus)
    facilitator.goto(url)
    for page in (first, second):
        page.goto(url)
        expect(page.get_by_role("button", name="Start the review")).to_be_visible()

    facilitator.get_by_role("button", name="Start the review").click()
    expect(facilitator.get_by_text("The review is live")).to_be_visible()
    for page in (first, second):
        # No reload: the socket brings the agenda and the first item.
        expect(page.get_by_role("navigation", name="Agenda")).to_contain_text("Repeat visits")
        expect(now_showing(page)).to_contain_text("Open actions from last time")
        expect(page.get_by_role("button", name="Next item")).to_have_count(0)

    next_item(facilitator, "Diners booking")
    for page in (first, second):
        expect(now_showing(page).get_by_role("heading", name="Diners booking")).to_be_visible()
    next_item(facilitator, "Repeat visits")
    for page in (first, second):
        stage = now_showing(page)
        expect(stage.get_by_role("heading", name="Repeat visits")).to_be_visible()
        expect(stage).to_contain_text("Off track")
        expect(stage).to_contain_text("A competitor opened next door")
        expect(stage.get_by_role("img")).to_have_accessible_name(re.compile("Last 12 periods of Repeat visits"))

    assert_accessible(facilitator)
    assert_accessible(first)
    first.get_by_role("radio", name="2").check()
    first.get_by_role("button", name="Vote on Repeat visits").click()
    expect(first.get_by_text("Your vote: 2")).to_be_visible()
    second.get_by_role("radio", name="4").check()
    second.get_by_role("button", name="Vote on Repeat visits").click()
    expect(facilitator.get_by_text("2 votes so far, hidden")).to_be_visible()
    expect(first.get_by_text("2 votes so far, hidden")).to_be_visible()
    expect(first.locator(".vote-distribution")).to_have_count(0)

    facilitator.get_by_role("button", name="Reveal the votes on Repeat visits").click()
    for page in (first, second):
        expect(page.get_by_text("Average 3.0 from 2 votes.")).to_be_visible()

    for title in ("Tables filled", "Biggest movers", "Decisions and new actions"):
        next_item(facilitator, title)
    expect(now_showing(first).get_by_role("heading", name="Decisions and new actions")).to_be_visible()
    facilitator.get_by_label("Action", exact=True).fill("Call the regulars we lost")
    facilitator.get_by_label("Owner").select_option(label="Grace")
    facilitator.get_by_label("Due").fill("2026-02-13")
    facilitator.get_by_role("button", name="Add the action").click()
    for page in (first, second):
        expect(now_showing(page)).to_contain_text("Call the regulars we lost · Grace · due 13 Feb 2026")

    presenter = browser.new_context(base_url=live_url, viewport=PROJECTOR, storage_state=first.context.storage_state())
    wall = presenter.new_page()
    wall.goto(f"{url}present/")
    expect(wall.get_by_role("heading", name="Decisions and new actions")).to_be_visible()
    expect(wall.get_by_role("button")).to_have_count(0)
    assert wall.evaluate("() => document.documentElement.scrollHeight <= window.innerHeight")
    assert_accessible(wall)
    presenter.close()

    facilitator.get_by_role("button", name="End the review").click()
    expect(facilitator.get_by_text("The review is over and kept in the library")).to_be_visible()
    expect(first.get_by_text("this is its record")).to_be_visible()

    first.goto(f"/north-stars/{north_star.key}/")
    first.get_by_role("link", name="Reviews").click()
    assert_accessible(first)
    first.get_by_role("link", name=re.compile("Review 2 on")).click()
    first.get_by_role("button", name="Start the review").click()
    carried = now_showing(first)
    expect(carried.get_by_role("heading", name="Open actions from last time")).to_be_visible()
    expect(carried).to_contain_text("Call the regulars we lost")
    expect(carried).to_contain_text("Open")
