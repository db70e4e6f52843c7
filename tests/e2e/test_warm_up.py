from playwright.sync_api import expect

from tests.factories import workshop_at
from workshops.models import WarmUpGroup


def test_two_members_of_a_group_see_each_others_worksheet_text_without_reload(signed_in, joined):
    workshop = workshop_at("warm-up")
    grace = joined(workshop, "Grace")
    linus = joined(workshop, "Linus")
    facilitator = signed_in(workshop.facilitator)
    facilitator.goto(workshop.get_absolute_url())
    expect(facilitator.get_by_role("status").filter(has_text="Live")).to_be_visible()

    facilitator.get_by_role("button", name="Split into random groups").click()
    for page in (grace, linus):
        expect(page.get_by_role("heading", name="Group 1’s worksheet")).to_be_visible()

    grace.get_by_label("North Star Metric").fill("Tables seated each week")
    expect(linus.get_by_label("North Star Metric")).to_have_value("Tables seated each week")

    # Linus types while Grace's update arrives: his text stays as he typed it.
    linus.get_by_label("Depth").click()
    linus.get_by_label("Depth").press_sequentially("Diners per booking")
    grace.get_by_label("Breadth").fill("Diners who book at least once a month")
    expect(linus.get_by_label("Breadth")).to_have_value("Diners who book at least once a month")
    expect(linus.get_by_label("Depth")).to_have_value("Diners per booking")
    expect(grace.get_by_label("Depth")).to_have_value("Diners per booking")

    group = WarmUpGroup.objects.get(workshop=workshop)
    assert (group.metric, group.breadth, group.depth) == (
        "Tables seated each week",
        "Diners who book at least once a month",
        "Diners per booking",
    )
