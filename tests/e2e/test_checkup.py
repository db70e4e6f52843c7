"""A checkup in a real browser: an answer counted live, the results at the close, the trend; axe on each page."""

from playwright.sync_api import Page, expect

from checkups.questions import SIGNALS
from tests.checkups.helpers import answer, opened, team_with_members
from tests.e2e.helpers import assert_accessible
from tests.e2e.test_scorecard import off_the_event_loop
from tests.library.helpers import client_for


def answer_in_the_browser(page: Page) -> None:
    for signal in SIGNALS:
        page.get_by_role("group", name=signal.words).get_by_label("4", exact=True).check()
    for group in page.get_by_role("group", name="moves the North Star").all():
        group.get_by_label("5 · full confidence").check()
    page.get_by_role("group", name="Does the North Star still reflect our strategy?").get_by_label("Partly").check()
    page.get_by_role("group", name=SIGNALS[1].words).get_by_label("Comment (optional)").fill("Fewer long debates.")
    page.get_by_role("button", name="Send my answer").click()


def test_a_live_checkup_counts_answers_as_they_come_and_shows_the_results_at_the_close(signed_in):
    north_star, members = off_the_event_loop(team_with_members, 4)
    checkup = off_the_event_loop(opened, north_star, members[0])
    results_url = f"/north-stars/{north_star.key}/checkups/{checkup.number}/results/"

    facilitator = signed_in(members[0])
    facilitator.goto(results_url)
    expect(facilitator.get_by_role("status").filter(has_text="answered")).to_have_text("0 people have answered.")
    expect(facilitator.locator("[data-connection-status]")).to_have_text("Live")

    bea = signed_in(members[1])
    bea.goto(checkup.get_absolute_url())
    assert_accessible(bea)
    answer_in_the_browser(bea)
    expect(bea.get_by_text("your answer is saved, without your name")).to_be_visible()
    expect(facilitator.get_by_role("status").filter(has_text="answered")).to_have_text("1 person has answered.")

    for member in members[2:]:
        off_the_event_loop(lambda user: answer(client_for(user), checkup, score=2), member)
    expect(facilitator.get_by_role("status").filter(has_text="answered")).to_have_text("3 people have answered.")
    expect(facilitator.get_by_text("Median")).to_have_count(0)

    facilitator.get_by_role("button", name="Close the checkup and show the results").click()
    trace = facilitator.get_by_role("list", name=SIGNALS[0].words)
    expect(trace).to_contain_text("2 of 5")
    expect(facilitator.get_by_text("Median 2 · average 2.7 · 3 answers").first).to_be_visible()
    expect(facilitator.get_by_text("cannot trace their work to the North Star")).to_be_visible()
    assert_accessible(facilitator)

    # Bea's open results page, still live, shows the results too, without reloading.
    expect(bea.get_by_role("list", name=SIGNALS[1].words)).to_contain_text("4 of 5")
    bea.get_by_text("1 comment").first.click()
    expect(bea.get_by_text("Fewer long debates.")).to_be_visible()

    facilitator.get_by_role("link", name=f"Checkups of {north_star}").click()
    trend = facilitator.get_by_role("table", name="How the answers moved from checkup to checkup")
    expect(trend.get_by_role("row", name=SIGNALS[0].words)).to_contain_text("2.7")
    expect(facilitator.get_by_role("region", name="Flags")).to_contain_text("cannot trace their work")
    assert_accessible(facilitator)
