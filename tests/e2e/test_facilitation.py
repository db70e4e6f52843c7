import re

from playwright.sync_api import expect

from tests.factories import WorkshopFactory
from workshops.agenda import AGENDA_TEMPLATES


def make_workshop(facilitator=None):
    workshop = WorkshopFactory(**({"facilitator": facilitator} if facilitator else {}))
    workshop.add_segments(AGENDA_TEMPLATES["120"][1])
    return workshop


def test_everyone_follows_the_facilitator_and_sees_the_same_paused_time(signed_in, joined, live_url):
    workshop = make_workshop()
    facilitator = signed_in(workshop.facilitator)
    facilitator.goto(workshop.get_absolute_url())
    expect(facilitator.get_by_role("status").filter(has_text="Live")).to_be_visible()
    grace = joined(workshop, "Grace")
    linus = joined(workshop, "Linus")
    for page in (grace, linus):
        expect(page.get_by_role("heading", name="Not started yet")).to_be_visible()

    facilitator.get_by_role("button", name="Start the workshop").click()
    for page in (facilitator, grace, linus):
        expect(page.get_by_role("heading", name="Opening discussion", exact=True)).to_be_visible()

    facilitator.get_by_role("button", name=re.compile("^Next segment")).click()
    expect(facilitator.get_by_role("heading", name="Identify the game", exact=True)).to_be_visible()
    facilitator.get_by_role("button", name=re.compile("^Next segment")).click()
    now = facilitator.get_by_role("region", name="Good and bad North Stars")
    expect(now).to_be_visible()
    facilitator.get_by_role("button", name="Pause timer").click()
    expect(now.get_by_text("Paused")).to_be_visible()
    paused_at = now.get_by_role("timer").inner_text()

    for page in (grace, linus):
        region = page.get_by_role("region", name="Good and bad North Stars")
        expect(region).to_be_visible()
        expect(region.get_by_text("Paused")).to_be_visible()
        expect(region.get_by_role("timer")).to_have_text(paused_at)
        expect(page.locator(".segment-row[aria-current='step']")).to_contain_text("Good and bad North Stars")

    grace.reload()
    region = grace.get_by_role("region", name="Good and bad North Stars")
    expect(region).to_be_visible()
    expect(region.get_by_role("timer")).to_have_text(paused_at)


def test_a_participant_says_done_and_the_facilitator_sees_the_count(signed_in, joined):
    workshop = make_workshop()
    facilitator = signed_in(workshop.facilitator)
    facilitator.goto(workshop.get_absolute_url())
    grace = joined(workshop, "Grace")
    joined(workshop, "Linus")
    facilitator.get_by_role("button", name="Start the workshop").click()

    grace.get_by_role("button", name="I’m done").click()

    ready = facilitator.get_by_role("region", name="Ready check")
    expect(ready.get_by_text("1 of 2 done")).to_be_visible()
    expect(ready.get_by_text("Still working: Linus")).to_be_visible()
    expect(grace.get_by_text("You said you are done.")).to_be_visible()
