"""Moments show in each reader's own time zone, not the server's UTC."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from tests.e2e.helpers import start_a_candidate
from tests.factories import workshop_at

KOLKATA = "Asia/Kolkata"  # UTC+5:30: no clock in UTC reads the same


def test_a_participant_in_kolkata_reads_the_finish_and_the_saves_in_kolkata_time(browser, live_url):
    workshop = workshop_at("brainstorm")
    context = browser.new_context(base_url=live_url, timezone_id=KOLKATA)
    page = context.new_page()
    page.goto(workshop.get_join_url())
    page.get_by_label("Your name").fill("Priya")
    page.get_by_role("button", name="Join the workshop").click()
    expect(page.get_by_role("status").filter(has_text="Live")).to_be_visible()

    finish = page.get_by_role("region", name="Agenda").locator("time")
    expect(finish).not_to_contain_text("UTC")
    moment = datetime.fromisoformat(finish.get_attribute("datetime"))
    expect(finish).to_have_text(moment.astimezone(ZoneInfo(KOLKATA)).strftime("%H:%M"))

    # An autosave's answer arrives later, through htmx: it is put in local time too.
    start_a_candidate(page, workshop)
    page.get_by_label("Metric name").fill("Weekly honoured bookings")
    saved = page.get_by_text(re.compile(r"^Saved"))
    expect(saved).to_have_count(1)
    expect(saved).not_to_contain_text("UTC")
    moment = datetime.fromisoformat(saved.locator("time").get_attribute("datetime"))
    expect(saved).to_have_text("Saved " + moment.astimezone(ZoneInfo(KOLKATA)).strftime("%H:%M:%S"))
