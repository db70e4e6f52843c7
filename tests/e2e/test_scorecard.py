"""The scorecard in a real browser: live numbers without reloading, a wall screen without scrolling, A4 paper."""

import datetime as dt
import json
import re
import threading

from playwright.sync_api import expect

from measures.models import ApiToken
from tests.e2e.helpers import assert_accessible
from tests.e2e.test_review import FIVE_INPUTS, pdf_pages
from tests.library.helpers import adopted_north_star, member_of
from tests.measures.scorecards import MONDAY, measured, weekly


def off_the_event_loop(work, *args):
    """Run `work` in a thread of its own: Playwright's loop holds this one, and a write's notice needs a loop free."""
    from django.db import connection

    done = []

    def run() -> None:
        try:
            done.append(work(*args))
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return done[0]


def a_measured_north_star():
    return off_the_event_loop(measured_north_star)


def measured_north_star():
    north_star = adopted_north_star(inputs=FIVE_INPUTS)
    owner = member_of(north_star.team, display_name="Ada")
    metric = measured(
        north_star, "metric", unit="tables", owner=owner, targets=[("100", MONDAY + dt.timedelta(weeks=2))]
    )
    weekly(north_star, metric, ["60", "70"])
    for row in north_star.versions.last().data.inputs:
        measure = measured(north_star, row.key, targets=[("50", MONDAY + dt.timedelta(weeks=20))])
        weekly(north_star, measure, ["10", "12", "15", "14"])
    return north_star, owner, metric


def push(browser, live_url: str, north_star, secret: str, values: list[dict]) -> dict:
    """A team's own system pushing numbers, as the README's curl example does: no cookies, a bearer token."""
    system = browser.new_context(base_url=live_url)
    try:
        answer = system.request.post(
            f"/api/north-stars/{north_star.key}/values/",
            data=json.dumps({"values": values}),
            headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"},
        )
        assert answer.status == 200, answer.text()
        return answer.json()
    finally:
        system.close()


def test_a_value_pushed_through_the_api_shows_on_an_open_scorecard_without_reloading(browser, signed_in, live_url):
    north_star, owner, _ = a_measured_north_star()
    _, secret = off_the_event_loop(
        lambda: ApiToken.issue(team=north_star.team, name="Warehouse job", north_star=north_star, created_by=owner)
    )
    page = signed_in(owner)
    page.goto(f"/north-stars/{north_star.key}/scorecard/")
    card = page.locator("#node-metric")
    expect(card).to_contain_text("70 tables")
    expect(card).to_contain_text("Off track")
    expect(page.locator("#node-metric .spark-line")).to_have_count(1)
    expect(page.locator("[data-connection-status]")).to_have_text("Live")

    week = (MONDAY + dt.timedelta(weeks=2)).isoformat()
    assert push(browser, live_url, north_star, secret, [{"node": "metric", "date": week, "value": 101}])["new"] == 1

    expect(card).to_contain_text("101 tables", timeout=2000)
    expect(card).to_contain_text("On track")
    expect(card).to_contain_text("Up 31 tables")
    expect(card.get_by_role("img")).to_have_accessible_name(re.compile("highest 101 tables"))
    expect(page.get_by_role("region", name="Biggest movers")).to_contain_text("Honoured tables per week")
    assert_accessible(page)


def test_tv_mode_fits_a_wall_screen_without_scrolling_or_controls(browser, live_url):
    north_star, owner, _ = a_measured_north_star()
    from measures.models import ScorecardLink

    link = ScorecardLink.objects.create(north_star=north_star, created_by=owner)
    context = browser.new_context(base_url=live_url, viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.goto(f"/scorecards/{link.token}/tv/")
    expect(page.locator("#node-metric")).to_contain_text("70 tables")
    size = page.evaluate(
        "() => [document.documentElement.scrollHeight, document.documentElement.scrollWidth,"
        " window.innerHeight, window.innerWidth]"
    )
    assert size[0] <= size[2], f"the page scrolls: {size}"
    assert size[1] <= size[3], f"the page scrolls sideways: {size}"
    expect(page.get_by_role("button")).to_have_count(0)
    expect(page.get_by_role("textbox")).to_have_count(0)
    for name in [name for name, _, _ in FIVE_INPUTS]:
        expect(page.get_by_role("heading", name=name)).to_be_in_viewport()
    context.close()


def test_the_scorecard_prints_on_a4(signed_in):
    north_star, owner, _ = a_measured_north_star()
    page = signed_in(owner)
    page.goto(f"/north-stars/{north_star.key}/scorecard/print/")
    expect(page.locator("#node-metric")).to_contain_text("70 tables")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    assert 1 <= pdf_pages(pdf) <= 2
