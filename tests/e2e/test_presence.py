import re

from playwright.sync_api import Browser, expect

from tests.factories import PASSWORD, UserFactory, workshop_at


def test_the_facilitator_sees_a_participant_join_without_reloading(browser: Browser, live_url):
    UserFactory(email="ada@example.com")

    facilitator = browser.new_context(base_url=live_url).new_page()
    facilitator.goto("/accounts/login/")
    facilitator.get_by_label("Email").fill("ada@example.com")
    facilitator.get_by_label("Password").fill(PASSWORD)
    facilitator.get_by_role("button", name="Log in").click()
    facilitator.get_by_role("link", name="New workshop").click()
    facilitator.get_by_label("Workshop title").fill("Q3 North Star")
    facilitator.get_by_label("Product it is about").fill("TableTime")
    facilitator.get_by_role("button", name="Create workshop").click()
    expect(facilitator.get_by_role("heading", name="Q3 North Star", exact=True)).to_be_visible()
    expect(facilitator.get_by_role("status").filter(has_text="Live")).to_be_visible()
    code = facilitator.get_by_label("Join code").inner_text()

    participant = browser.new_context(base_url=live_url).new_page()
    participant.goto("/")
    participant.get_by_label("Workshop code").fill(code)
    participant.get_by_role("button", name="Join a workshop").click()
    participant.get_by_label("Your name").fill("Grace")
    participant.get_by_role("button", name="Join the workshop").click()
    expect(participant.get_by_text(re.compile("You are taking part as"))).to_be_visible()

    roster = facilitator.get_by_role("region", name="Who’s here")
    expect(roster.get_by_text("Grace", exact=True)).to_be_visible()
    expect(roster.get_by_text("1 of 1 connected")).to_be_visible()

    participant.close()
    expect(roster.get_by_text("0 of 1 connected")).to_be_visible()


def test_a_removed_participant_is_told_at_once(joined, signed_in):
    workshop = workshop_at("opening")
    grace = joined(workshop, "Grace")
    expect(grace.get_by_role("status").filter(has_text="Live")).to_be_visible()
    facilitator = signed_in(workshop.facilitator)
    facilitator.goto(workshop.get_absolute_url())

    facilitator.get_by_label("Manage Grace").click()  # the ⋯ menu beside her name
    facilitator.once("dialog", lambda dialog: dialog.accept())
    facilitator.get_by_role("button", name="Remove Grace").click()

    # No reload by hand: the refused socket brings the page that says where Grace stands.
    expect(grace.get_by_role("heading", name="You are no longer in this workshop")).to_be_visible()
    expect(grace.get_by_role("textbox")).to_have_count(0)


def test_a_menu_the_facilitator_opened_stays_open_when_someone_joins(joined, signed_in):
    workshop = workshop_at("opening")
    grace = joined(workshop, "Grace")
    expect(grace.get_by_role("status").filter(has_text="Live")).to_be_visible()
    facilitator = signed_in(workshop.facilitator)
    facilitator.goto(workshop.get_absolute_url())
    roster = facilitator.get_by_role("region", name="Who’s here")
    expect(roster.get_by_text("1 of 1 connected")).to_be_visible()
    facilitator.get_by_label("Manage Grace").click()
    expect(facilitator.get_by_role("button", name="Remove Grace")).to_be_visible()

    linus = joined(workshop, "Linus")
    expect(linus.get_by_role("status").filter(has_text="Live")).to_be_visible()

    # The roster is drawn again with Linus in it; Grace's menu is still open where it was.
    expect(roster.get_by_text("2 of 2 connected")).to_be_visible()
    expect(roster.get_by_text("Linus", exact=True)).to_be_visible()
    expect(facilitator.get_by_role("button", name="Remove Grace")).to_be_visible()
    expect(facilitator.get_by_role("button", name="Remove Linus")).to_be_hidden()
