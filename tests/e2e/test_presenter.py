"""The projector: readable from the back of the room, showing what the room needs at each moment."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import workshop_with_agenda

PROJECTOR = {"width": 1920, "height": 1080}


def font_px(locator) -> float:
    return float(locator.evaluate("element => getComputedStyle(element).fontSize").removesuffix("px"))


def test_the_projector_shows_the_code_large_before_the_start_and_none_after_the_end(signed_in):
    workshop = workshop_with_agenda("60")
    facilitator = signed_in(workshop.facilitator)
    facilitator.goto(workshop.get_absolute_url())
    projector = facilitator.context.new_page()
    projector.set_viewport_size(PROJECTOR)
    projector.goto(reverse("workshops:present", args=[workshop.code]))
    expect(projector.get_by_role("status").filter(has_text="Live")).to_be_visible()

    code = projector.get_by_text(re.compile("^Join at"))
    expect(code).to_contain_text(workshop.display_code)
    assert font_px(code) >= 32

    facilitator.get_by_role("button", name="Start the workshop").click()
    expect(projector.get_by_role("heading", name="Opening discussion", exact=True)).to_be_visible()
    assert font_px(code) < 32
    # The smallest print on the projector (the eyebrow over the title) is no smaller than body text.
    assert font_px(projector.get_by_text(re.compile("^Segment 1 of"))) >= 16

    facilitator.once("dialog", lambda dialog: dialog.accept())
    facilitator.get_by_role("button", name="End the workshop").click()
    expect(projector.get_by_role("heading", name="The workshop has ended")).to_be_visible()
    expect(code).to_be_hidden()
