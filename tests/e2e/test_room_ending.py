"""The end of a workshop as the room sees it: every open screen shows the adopted North Star."""

import re

from playwright.sync_api import expect

from tests.factories import workshop_at
from tests.library.helpers import INPUTS, adopted_north_star

METRIC = "Honoured tables per week"


def test_every_open_screen_shows_the_adopted_north_star_when_the_facilitator_ends(browser, live_url, signed_in, joined):
    workshop = workshop_at("converge")
    adopted_north_star(workshop)
    facilitator = signed_in(workshop.facilitator)
    facilitator.goto(workshop.get_absolute_url())
    presenter = facilitator.context.new_page()
    presenter.goto(f"{workshop.get_absolute_url()}present/")
    grace = joined(workshop, "Grace")
    observer = browser.new_context(base_url=live_url).new_page()
    observer.goto(workshop.get_join_url())
    observer.get_by_label("Your name").fill("Olga")
    observer.get_by_label("Join as an observer").check()
    observer.get_by_role("button", name="Join the workshop").click()
    screens = {"facilitator": facilitator, "presenter": presenter, "participant": grace, "observer": observer}
    for page in screens.values():
        expect(page.get_by_role("status").filter(has_text="Live")).to_be_visible()

    facilitator.once("dialog", lambda dialog: dialog.accept())
    facilitator.get_by_role("button", name="End the workshop").click()

    # Nobody reloads: the end reaches every screen that was open.
    for name, page in screens.items():
        ending = page.get_by_role("region", name=f"Our North Star: {METRIC}")
        expect(ending, name).to_be_visible()
        expect(ending.get_by_role("figure"), name).to_contain_text(INPUTS[0][0])
        expect(ending, name).to_contain_text(f"We believe {METRIC} is a function of")
        expect(page.locator("[data-connection-status]"), name).to_have_text("Ended")
        expect(page.get_by_role("status").filter(has_text=re.compile("^Live$")), name).to_have_count(0)

    # The participant keeps a read-only page of the result, with a Markdown download.
    grace.get_by_role("link", name="Keep this North Star").click()
    expect(grace.get_by_role("heading", level=1)).to_contain_text("North Star")
    expect(grace.get_by_role("figure")).to_contain_text(METRIC)
    expect(grace.get_by_role("button")).to_have_count(0)  # nothing on it can change the North Star
    with grace.expect_download() as download:
        grace.get_by_role("link", name="Download as Markdown").click()
    text = download.value.path().read_text(encoding="utf-8")
    assert text.startswith(f"# {METRIC}")
    assert INPUTS[1][0] in text
