"""The facilitator runs the room from the agenda and edits it only after asking to."""

from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import workshop_with_agenda


def test_edit_controls_wait_behind_edit_agenda_which_stays_open_through_edits(signed_in):
    workshop = workshop_with_agenda("120")
    workshop.start(timezone.now())
    facilitator = signed_in(workshop.facilitator)
    facilitator.set_viewport_size({"width": 1366, "height": 768})
    facilitator.goto(workshop.get_absolute_url())
    expect(facilitator.get_by_role("status").filter(has_text="Live")).to_be_visible()

    # Run mode: where the room is and Go to, in view on a laptop; no edits to click by mistake.
    go_to = facilitator.get_by_role("button", name="Go to Identify the game")
    expect(go_to).to_be_in_viewport()
    expect(facilitator.get_by_role("button", name="Move Identify the game up")).to_be_hidden()
    expect(facilitator.get_by_role("button", name="Remove Identify the game")).to_be_hidden()

    facilitator.get_by_text("Edit agenda").click()
    facilitator.get_by_role("button", name="Move Identify the game up").click()

    expect(facilitator.locator(".segment-title").first).to_have_text("Identify the game")
    # The answer redrew the agenda; the edit mode the facilitator opened is still open.
    expect(facilitator.get_by_role("button", name="Move Opening discussion up")).to_be_visible()
    facilitator.reload()
    expect(facilitator.get_by_role("button", name="Move Opening discussion up")).to_be_visible()
    facilitator.get_by_text("Edit agenda").click()
    expect(facilitator.get_by_role("button", name="Move Opening discussion up")).to_be_hidden()
