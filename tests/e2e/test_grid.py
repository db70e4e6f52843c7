"""The values grid in a real browser: a typed value saves itself and survives a dropped connection."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from measures import periods
from measures.grid import today_in
from measures.models import Value
from tests.library.helpers import adopted_north_star, member_of

pytestmark = pytest.mark.browser


def week_label(north_star) -> str:
    return periods.period_label(periods.period_start(today_in(north_star), "week"), "week")


def test_a_value_typed_in_the_grid_is_saved_without_a_button(signed_in, live_url):
    north_star = adopted_north_star()
    page = signed_in(member_of(north_star.team))
    page.goto(f"{live_url}/north-stars/{north_star.key}/numbers/grid/")
    cell = page.get_by_label(f"Honoured tables per week, {week_label(north_star)}")
    cell.fill("1 200")
    expect(page.get_by_text("Saved", exact=False).first).to_be_visible()
    assert Value.objects.get().value == Decimal("1200")
    page.reload()
    expect(page.get_by_label(f"Honoured tables per week, {week_label(north_star)}")).to_have_value("1200")


def test_a_value_typed_while_offline_is_kept_and_saved_when_back(signed_in, live_url):
    north_star = adopted_north_star()
    page = signed_in(member_of(north_star.team))
    page.goto(f"{live_url}/north-stars/{north_star.key}/numbers/grid/")
    label = f"Diners booking, {week_label(north_star)}"
    page.context.set_offline(True)
    page.get_by_label(label).fill("42")
    expect(page.get_by_text("Not saved yet", exact=False)).to_be_visible()
    assert not Value.objects.exists()
    page.context.set_offline(False)
    # Closing the tab before the retry: the words wait in this browser and go on the next visit.
    page.goto(f"{live_url}/north-stars/{north_star.key}/numbers/")
    page.goto(f"{live_url}/north-stars/{north_star.key}/numbers/grid/")
    expect(page.get_by_label(label)).to_have_value("42")
    expect(page.get_by_text("Saved", exact=False).first).to_be_visible()
    assert Value.objects.get().value == Decimal("42")


def test_a_refused_value_says_why_in_its_cell(signed_in, live_url):
    north_star = adopted_north_star()
    page = signed_in(member_of(north_star.team))
    page.goto(f"{live_url}/north-stars/{north_star.key}/numbers/grid/")
    cell = page.get_by_label(f"Repeat visits, {week_label(north_star)}")
    cell.fill("lots")
    cell.press("Tab")
    expect(page.get_by_text("“lots” is not a number.")).to_be_visible()
    expect(cell).to_have_attribute("aria-invalid", "true")
    assert not Value.objects.exists()
