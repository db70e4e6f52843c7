"""A team member reads the team's North Star after the workshop, on screen and on paper."""

import re

from playwright.sync_api import expect

from library.models import Bet
from tests.library.helpers import adopted_north_star, member_of
from tests.library.test_versions import revise

FIVE_INPUTS = [
    ("Diners booking", "People who book a table in a week.", "breadth"),
    ("Repeat visits", "Diners who come back within 30 days.", "frequency"),
    ("Tables filled", "Share of offered tables that get a booking.", "depth"),
    ("Fast confirmations", "Bookings confirmed by the restaurant within five minutes.", "efficiency"),
    ("Group bookings", "Bookings for six or more diners.", "other"),
]


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_a_team_member_opens_the_tree_and_it_prints_on_one_page(signed_in):
    north_star = adopted_north_star(inputs=FIVE_INPUTS, open_questions="Do no-shows count?")
    for row in north_star.versions.last().data.inputs[:3]:
        Bet.objects.create(
            north_star=north_star,
            input_key=row.key,
            title=f"Try something on {row.name}",
            hypothesis=f"If we make it easier, {row.name.lower()} will increase.",
        )
    page = signed_in(member_of(north_star.team))

    page.goto(north_star.get_absolute_url())

    expect(page.get_by_role("heading", level=1, name="Honoured tables per week")).to_be_visible()
    inputs = page.get_by_role("list", name="Inputs")
    for name, definition, _ in FIVE_INPUTS:
        expect(inputs.get_by_role("heading", name=name)).to_be_visible()
        expect(inputs.get_by_text(definition)).to_be_visible()
    expect(page.get_by_role("list", name="Bets on Diners booking")).to_contain_text("Try something on Diners booking")
    expect(page.get_by_role("link", name="Download Markdown")).to_be_visible()

    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Make a share link")).to_be_hidden()
    pdf = page.pdf(format="A4", print_background=True)

    assert pdf_pages(pdf) == 1


def test_the_history_compares_two_versions_from_one_row_of_controls(signed_in):
    north_star = adopted_north_star()
    revise(north_star, metric_name="Weekly honoured tables")
    page = signed_in(north_star.workshop.facilitator)

    page.goto(f"{north_star.get_absolute_url()}versions/")

    first = page.get_by_label("Compare version").bounding_box()
    second = page.get_by_label("with version").bounding_box()
    button = page.get_by_role("button", name="Compare side by side").bounding_box()
    # One row on a laptop, as a form of three controls reads: not three full-width stacked boxes.
    assert abs(first["y"] - second["y"]) < 8
    assert abs(first["y"] - button["y"]) < 16
    assert first["width"] < 300
    page.get_by_role("button", name="Compare side by side").click()
    expect(page.get_by_text("Metric renamed")).to_be_visible()
