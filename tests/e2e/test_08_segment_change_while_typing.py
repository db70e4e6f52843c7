"""Issue 9, test 8: the facilitator changes the segment while a participant is typing a draft; the draft is kept.

Playwright's sync API runs one action at a time, so the facilitator's click is scheduled
inside the facilitator's own browser (a timer that clicks "Next segment") just before the
participant starts typing: the click really lands mid-typing, with the focus in the field
and the last words not yet saved (the field saves 700 ms after the last keystroke).

The live update replaces the brainstorm editor with the pair view, so keystrokes after
that land nowhere: what must be kept is every character that reached the field. The page
records the field's value and saved base at the moment the field leaves it.
"""

import time

import pytest
from playwright.sync_api import expect

from metrics.models import Candidate
from tests.e2e.helpers import start_a_candidate
from tests.factories import workshop_at

pytestmark = pytest.mark.reliability

NAME = "Tables honoured per week"
DEFINITION = "Bookings where the diners showed up and stayed for a main course, counted every Monday"


def wait_for(condition, timeout: float = 15, what=lambda: "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"the database never got there: {what()}"
        time.sleep(0.2)


def test_a_draft_typed_while_the_segment_changes_is_kept(signed_in, joined):
    workshop = workshop_at("brainstorm")
    facilitator = signed_in(workshop.facilitator)
    facilitator.goto(workshop.get_absolute_url())
    grace = joined(workshop, "Grace")
    for page in (facilitator, grace):
        expect(page.locator("[data-connection-status]")).to_have_text("Live")

    start_a_candidate(grace, workshop)
    grace.get_by_label("Metric name").fill(NAME)
    wait_for(lambda: Candidate.objects.get().metric_name == NAME)
    definition = grace.get_by_label("Definition", exact=True)
    definition.click()
    grace.evaluate(
        """() => document.addEventListener('htmx:beforeCleanupElement', (event) => {
            if (event.target.name === 'metric_definition') {
              window.leftWith = {value: event.target.value, base: event.target.dataset.base || ''};
            }
        })"""
    )

    # ~90 keystrokes at 40 ms: about 3.6 s of typing; the facilitator clicks "Next" after 1.5 s.
    facilitator.evaluate(
        """() => setTimeout(() => {
            [...document.querySelectorAll('#now button')]
              .find((b) => b.textContent.trim().startsWith('Next segment')).click();
        }, 1500)"""
    )
    started = time.monotonic()
    definition.press_sequentially(DEFINITION, delay=40)
    typing_took = time.monotonic() - started
    expect(facilitator.locator("#now-title")).to_have_text("Pair and share")
    expect(grace.locator("#now-title")).to_have_text("Pair and share")
    assert typing_took > 2, "the click must land while the participant is still typing"

    left = grace.evaluate("window.leftWith")
    typed = left["value"].strip()  # the server trims the edges of what it stores
    assert left["base"] == "", "nothing of the definition was saved when the segment changed"
    assert 10 < len(typed) < len(DEFINITION), left
    assert DEFINITION.startswith(typed), left
    wait_for(
        lambda: Candidate.objects.get().metric_definition == typed,
        what=lambda: (typed, Candidate.objects.get().metric_definition),
    )
    assert Candidate.objects.get().metric_name == NAME

    # The group comes back to the brainstorm: every word is there, live and after a reload.
    facilitator.get_by_role("button", name="Go to Silent brainstorm").click()
    expect(grace.locator("#now-title")).to_have_text("Silent brainstorm")
    expect(grace.get_by_label("Definition", exact=True)).to_have_value(typed)
    grace.reload()
    expect(grace.get_by_label("Metric name")).to_have_value(NAME)
    expect(grace.get_by_label("Definition", exact=True)).to_have_value(typed)
