"""The bets board in a real browser: two people on one board, WIP limits, the keyboard alone, drag and drop."""

import datetime as dt
import re
from decimal import Decimal

from playwright.sync_api import Page, expect

from bets.models import ColumnLimit
from tests.bets.helpers import board_with_a_member
from tests.e2e.helpers import assert_accessible
from tests.e2e.test_scorecard import off_the_event_loop
from tests.library.helpers import member_of
from tests.measures.scorecards import MONDAY, measured, weekly


def open_board(page: Page, north_star) -> None:
    page.goto(f"/north-stars/{north_star.key}/board/")
    expect(page.locator("[data-connection-status]")).to_have_text("Live")


def column(page: Page, name: str, lane: str = "Interventions (level 3)"):
    return page.get_by_role("region", name=lane).get_by_role("region", name=name)


def card(page: Page, title: str):
    return page.get_by_role("listitem").filter(has=page.get_by_role("heading", name=title))


def test_a_move_by_one_person_shows_on_the_other_persons_board(signed_in):
    north_star, ada, _, _, _ = board_with_a_member()
    grace = member_of(north_star.team, display_name="Grace")
    ada_page, grace_page = signed_in(ada), signed_in(grace)
    open_board(ada_page, north_star)
    open_board(grace_page, north_star)
    expect(column(grace_page, "To try")).to_contain_text("Card 1")
    assert_accessible(grace_page)

    card(ada_page, "Card 1").get_by_role("button", name="Move to Trying").click()

    expect(column(grace_page, "Trying")).to_contain_text("Card 1", timeout=1000)
    expect(column(grace_page, "To try")).not_to_contain_text("Card 1")
    expect(column(ada_page, "Trying")).to_contain_text("Card 1")


def test_a_move_past_the_wip_limit_is_refused_with_a_message(signed_in):
    north_star, ada, _, _, _ = board_with_a_member()
    ColumnLimit.objects.create(north_star=north_star, level=3, status="in-progress", limit=1)
    page = signed_in(ada)
    open_board(page, north_star)
    expect(column(page, "Trying")).to_contain_text("0 of at most 1")
    card(page, "Card 1").get_by_role("button", name="Move to Trying").click()
    expect(column(page, "Trying")).to_contain_text("Card 1")

    card(page, "Card 2").get_by_role("button", name="Move to Trying").click()

    expect(page.get_by_role("alert")).to_contain_text("“Trying” already holds 1 of at most 1")
    expect(column(page, "To try")).to_contain_text("Card 2")
    expect(column(page, "Trying")).not_to_contain_text("Card 2")


def tab_to(page: Page, text: str, presses: int = 80) -> None:
    """Press Tab until the focused control's text is `text`, as a person without a mouse would."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.textContent.trim()") == text:
            return
    raise AssertionError(f"Tab never reached {text!r}")


def test_the_keyboard_alone_can_move_a_card(signed_in):
    north_star, ada, _, _, _ = board_with_a_member()
    page = signed_in(ada)
    open_board(page, north_star)

    tab_to(page, "Move up: Card 3")
    page.keyboard.press("Enter")
    expect(column(page, "To try").get_by_role("heading", level=4)).to_have_text(["Card 1", "Card 3", "Card 2"])
    # The focus stays with the card that moved, so the next key press carries on from there.
    expect(card(page, "Card 3").get_by_role("button", name="Move up")).to_be_focused()

    tab_to(page, "Move to Review: Card 3")
    page.keyboard.press("Enter")
    expect(column(page, "Review")).to_contain_text("Card 3")
    assert north_star.bets.get(title="Card 3").status == "in-review"


def test_a_card_can_be_dragged_to_another_column(signed_in):
    north_star, ada, _, _, _ = board_with_a_member()
    page = signed_in(ada)
    open_board(page, north_star)

    card(page, "Card 2").drag_to(column(page, "Done"))

    expect(column(page, "Done")).to_contain_text("Card 2")
    expect(column(page, "To try")).not_to_contain_text("Card 2")


def test_a_bet_in_review_shows_its_numbers_and_takes_an_outcome(signed_in):
    north_star, ada, _, _, cards = board_with_a_member(interventions=1)
    bet = cards[0]
    bet.status, bet.started_on, bet.expected_size = "in-review", MONDAY + dt.timedelta(weeks=3), Decimal("4")
    bet.save()
    off_the_event_loop(lambda: weekly(north_star, measured(north_star, bet.input_key), ["10", "11", "10", "16", "17"]))
    page = signed_in(ada)
    page.goto(f"/north-stars/{north_star.key}/board/bets/{bet.pk}/")
    expect(page.get_by_role("img", name=re.compile("before and after"))).to_be_visible()
    expect(page.get_by_text("as much as expected or more").first).to_be_visible()
    assert_accessible(page)

    page.get_by_label("It worked").check()
    page.get_by_label("What we learned").fill("A reminder the day before brings diners back")
    page.get_by_role("button", name="Record the outcome").click()

    expect(page.get_by_role("status")).to_contain_text("Outcome recorded.")
    page.goto(f"/north-stars/{north_star.key}/scorecard/")
    expect(page.locator(f"#node-{bet.input_key}")).to_contain_text("Card 1: it worked")
