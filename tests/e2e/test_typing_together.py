"""Words typed in a shared candidate are never replaced behind anyone's back (static/js/fields.js).

Partners type in the same pair candidate. When both change one field at once, the server refuses
the later save and says whose words stand. Those refused words stay in the box, but are sent again
only when their author types again; and a partner whose words are all saved sees the newer ones.
"""

import re
import time

from playwright.sync_api import expect

from metrics.models import Candidate
from tests.e2e.helpers import partners, start_a_candidate
from tests.factories import workshop_at

SAVE = re.compile(r"/w/[^/]+/candidates/\d+/$")


def stored_name() -> str:
    return Candidate.objects.get().metric_name


def wait_for(page, condition, what: str, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"waited {seconds} s in vain: {what}"
        page.wait_for_timeout(100)  # lets Playwright run the route handlers meanwhile


def refused_partners(joined):
    """Grace and Linus type "Tables A" and "Tables B" in one pair field; his save, slower, is refused."""
    workshop = workshop_at("pair-share")
    grace, linus = partners(joined, workshop, "Grace", "Linus")
    start_a_candidate(grace, workshop, button="Start a pair candidate")
    expect(linus.get_by_label("Metric name")).to_be_visible()
    held = []
    linus.route(SAVE, lambda route: route.continue_() if held else held.append(route))
    linus.get_by_label("Metric name").fill("Tables B")
    wait_for(linus, lambda: held, "Linus's save to leave")
    grace.get_by_label("Metric name").fill("Tables A")
    wait_for(linus, lambda: stored_name() == "Tables A", "Grace's save")
    held[0].continue_()
    expect(linus.get_by_text(re.compile("Someone else changed this while you typed"))).to_be_visible()
    return grace, linus


def test_refused_words_are_not_sent_again_until_their_author_types_again(joined):
    grace, linus = refused_partners(joined)
    expect(linus.get_by_label("Metric name")).to_have_value("Tables B")

    # Leaving the field, or the page redrawing around it, does not send "Tables B" behind his back.
    sent = []
    linus.on("request", lambda request: sent.append(request) if SAVE.search(request.url) else None)
    linus.get_by_label("Definition", exact=True).click()
    linus.wait_for_timeout(1500)
    assert sent == []
    assert stored_name() == "Tables A"

    # Typing again replaces Grace's words deliberately; Grace, whose words were saved, sees his.
    linus.get_by_label("Metric name").fill("Tables honoured")
    wait_for(linus, lambda: stored_name() == "Tables honoured", "Linus's second save")
    expect(grace.get_by_label("Metric name")).to_have_value("Tables honoured")
    grace.get_by_label("Definition", exact=True).click()  # Grace leaves the field: nothing to send
    grace.wait_for_timeout(1500)
    assert stored_name() == "Tables honoured"


def test_words_typed_just_before_a_reload_are_kept(joined):
    workshop = workshop_at("brainstorm")
    grace = joined(workshop, "Grace")
    start_a_candidate(grace, workshop)

    definition = grace.get_by_label("Definition", exact=True)
    definition.click()
    definition.press_sequentially("Bookings honoured per week", delay=5)
    grace.reload()  # at once: well inside the pause before a field saves itself

    expect(grace.get_by_label("Definition", exact=True)).to_have_value("Bookings honoured per week")
    assert Candidate.objects.get().metric_definition == "Bookings honoured per week"


def test_words_typed_offline_stay_in_the_box_and_reach_the_server_when_the_connection_is_back(joined):
    workshop = workshop_at("brainstorm")
    grace = joined(workshop, "Grace")
    start_a_candidate(grace, workshop)
    definition = grace.get_by_label("Definition", exact=True)
    definition.fill("Diners who come back")
    expect(grace.get_by_text(re.compile(r"^Saved"))).to_have_count(1)

    grace.context.set_offline(True)
    definition.press_sequentially(" again", delay=10)
    expect(grace.get_by_text(re.compile("Not saved yet"))).to_be_visible()
    grace.get_by_label("Metric name").click()  # the person moves on while offline
    grace.context.set_offline(False)

    wait_for(grace, lambda: Candidate.objects.get().metric_definition == "Diners who come back again", "the retry")
    expect(definition).to_have_value("Diners who come back again")
    expect(grace.get_by_text(re.compile(r"^Saved"))).to_have_count(1)
    # The page knows what the server has now: the next words save without a false conflict.
    definition.press_sequentially(" often", delay=10)
    wait_for(grace, lambda: Candidate.objects.get().metric_definition.endswith("again often"), "the next save")
    expect(grace.get_by_text(re.compile("Someone else changed this"))).to_have_count(0)


def test_switching_away_and_back_at_once_does_not_turn_ones_own_words_into_a_conflict(joined):
    workshop = workshop_at("brainstorm")
    grace = joined(workshop, "Grace")
    start_a_candidate(grace, workshop)
    name = grace.get_by_label("Metric name")
    name.fill("Repeat diners")
    expect(grace.get_by_text(re.compile(r"^Saved"))).to_have_count(1)

    name.press_sequentially(" v0", delay=10)
    switch = "state => { Object.defineProperty(document, 'visibilityState', {value: state, configurable: true});"
    switch += " document.dispatchEvent(new Event('visibilitychange')); }"
    grace.evaluate(switch, "hidden")
    grace.wait_for_timeout(200)
    grace.evaluate(switch, "visible")
    name.press_sequentially("z", delay=10)

    wait_for(grace, lambda: Candidate.objects.get().metric_name == "Repeat diners v0z", "both saves")
    expect(grace.get_by_text(re.compile("Someone else changed this"))).to_have_count(0)


def test_a_space_typed_before_a_pause_is_still_there_for_the_next_word(joined):
    workshop = workshop_at("pair-share")
    grace, linus = partners(joined, workshop, "Grace", "Linus")
    start_a_candidate(grace, workshop, button="Start a pair candidate")
    name = grace.get_by_label("Metric name")

    name.click()
    name.press_sequentially("Honoured ", delay=10)
    # The save goes, and its live update comes back with the words as the server keeps them.
    wait_for(grace, lambda: stored_name() == "Honoured", "the first save")
    expect(linus.get_by_label("Metric name")).to_have_value("Honoured")
    grace.wait_for_timeout(500)
    name.press_sequentially("tables", delay=10)

    wait_for(grace, lambda: stored_name() == "Honoured tables", "the second save")
    expect(name).to_have_value("Honoured tables")


def test_a_refused_field_that_changes_again_is_replaced_by_the_next_keystroke(joined):
    grace, linus = refused_partners(joined)
    linus.get_by_label("Definition", exact=True).click()

    grace.get_by_label("Metric name").press_sequentially(" plus", delay=10)
    wait_for(grace, lambda: stored_name() == "Tables A plus", "Grace's second save")
    expect(linus.get_by_text(re.compile("Their text now: “Tables A plus”"))).to_be_visible()
    expect(linus.get_by_label("Metric name")).to_have_value("Tables B")

    linus.get_by_label("Metric name").click()
    linus.keyboard.press("End")
    linus.keyboard.type("!")
    wait_for(linus, lambda: stored_name() == "Tables B!", f"Linus's deliberate replacement ({stored_name()!r})")


def test_words_still_being_typed_when_the_page_goes_are_saved_even_if_a_partner_saved_first(joined):
    workshop = workshop_at("pair-share")
    grace, linus = partners(joined, workshop, "Grace", "Linus")
    start_a_candidate(grace, workshop, button="Start a pair candidate")
    expect(linus.get_by_label("Metric name")).to_be_visible()
    held = []  # Linus's regular save never arrives (a slow network): only the last words will
    linus.route(SAVE, lambda route: route.continue_() if held else held.append(route))
    linus.get_by_label("Metric name").click()
    linus.get_by_label("Metric name").press_sequentially("Bravo", delay=10)
    wait_for(linus, lambda: held, "Linus's save to leave")
    grace.get_by_label("Metric name").fill("Alpha")
    wait_for(grace, lambda: stored_name() == "Alpha", "Grace's save")

    linus.get_by_label("Metric name").press_sequentially(" more", delay=10)
    linus.reload()

    wait_for(grace, lambda: stored_name() == "Bravo more", "Linus's words sent as his page went")
    expect(grace.get_by_label("Metric name")).to_have_value("Bravo more")
