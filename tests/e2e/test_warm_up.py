import re

from playwright.sync_api import expect

from tests.factories import workshop_at
from workshops.models import WarmUpGroup


def in_a_group(signed_in, joined, *names):
    """A warm-up with these participants, split by the facilitator into one group, each on its worksheet."""
    workshop = workshop_at("warm-up")
    pages = [joined(workshop, name) for name in names]
    facilitator = signed_in(workshop.facilitator)
    facilitator.goto(workshop.get_absolute_url())
    expect(facilitator.get_by_role("status").filter(has_text="Live")).to_be_visible()
    facilitator.get_by_role("button", name="Split into random groups").click()
    for page in pages:
        expect(page.get_by_role("heading", name="Group 1’s worksheet")).to_be_visible()
    return workshop, pages


def test_two_members_of_a_group_see_each_others_worksheet_text_without_reload(signed_in, joined):
    workshop, (grace, linus) = in_a_group(signed_in, joined, "Grace", "Linus")

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


def test_a_group_mate_whose_words_are_saved_sees_the_newer_words_even_in_the_field_they_are_in(signed_in, joined):
    workshop, (grace, linus) = in_a_group(signed_in, joined, "Grace", "Linus")

    linus.get_by_label("Depth").click()
    linus.get_by_label("Depth").press_sequentially("Guests per table")
    expect(grace.get_by_label("Depth")).to_have_value("Guests per table")  # saved and shared

    # Linus stays in the field; Grace rewrites it. He reads what the worksheet now says.
    grace.get_by_label("Depth").fill("Covers per booking")
    expect(linus.get_by_label("Depth")).to_have_value("Covers per booking")
    expect(linus.get_by_label("Depth")).to_be_focused()
    linus.get_by_label("Breadth").click()
    linus.wait_for_timeout(1000)
    assert WarmUpGroup.objects.get(workshop=workshop).depth == "Covers per booking"


def test_worksheet_words_typed_just_before_a_reload_are_kept(signed_in, joined):
    workshop, (grace,) = in_a_group(signed_in, joined, "Grace")

    grace.get_by_label("Efficiency").click()
    grace.get_by_label("Efficiency").press_sequentially("Minutes to book", delay=10)
    grace.reload()  # within the pause before the field saves itself

    expect(grace.get_by_label("Efficiency")).to_have_value("Minutes to book")
    assert WarmUpGroup.objects.get(workshop=workshop).efficiency == "Minutes to book"


def test_worksheet_words_typed_offline_say_so_and_are_saved_when_the_connection_is_back(signed_in, joined):
    workshop, (grace,) = in_a_group(signed_in, joined, "Grace")

    grace.context.set_offline(True)
    grace.get_by_label("Frequency").click()
    grace.get_by_label("Frequency").press_sequentially("Visits per month", delay=10)
    expect(grace.get_by_text(re.compile("Not saved yet"))).to_be_visible()
    grace.get_by_label("Breadth").click()
    grace.context.set_offline(False)

    expect(grace.get_by_role("status").filter(has_text="Saved.")).to_be_visible(timeout=10_000)
    expect(grace.get_by_label("Frequency")).to_have_value("Visits per month")
    assert WarmUpGroup.objects.get(workshop=workshop).frequency == "Visits per month"


def test_a_worksheet_space_typed_before_a_pause_is_still_there_for_the_next_word(signed_in, joined):
    workshop, (grace, linus) = in_a_group(signed_in, joined, "Grace", "Linus")
    efficiency = grace.get_by_label("Efficiency")

    efficiency.click()
    efficiency.press_sequentially("Minutes to ", delay=10)
    expect(linus.get_by_label("Efficiency")).to_have_value("Minutes to")  # saved, and the update is back
    grace.wait_for_timeout(500)
    efficiency.press_sequentially("book", delay=10)

    expect(linus.get_by_label("Efficiency")).to_have_value("Minutes to book")
    expect(efficiency).to_have_value("Minutes to book")
    assert WarmUpGroup.objects.get(workshop=workshop).efficiency == "Minutes to book"


def test_worksheet_words_typed_offline_do_not_replace_a_group_mates_newer_words_unseen(signed_in, joined):
    workshop, (grace, linus) = in_a_group(signed_in, joined, "Grace", "Linus")

    linus.context.set_offline(True)
    linus.get_by_label("Breadth").click()
    linus.get_by_label("Breadth").press_sequentially("Guests per week", delay=10)
    expect(linus.get_by_text(re.compile("Not saved yet"))).to_be_visible()
    grace.get_by_label("Breadth").fill("Diners who book monthly")
    for _ in range(100):  # Grace's save reaches the server while Linus is still offline
        if WarmUpGroup.objects.get(workshop=workshop).breadth:
            break
        grace.wait_for_timeout(100)
    linus.context.set_offline(False)

    expect(linus.get_by_text(re.compile("Their text: “Diners who book monthly”"))).to_be_visible(timeout=10_000)
    expect(linus.get_by_label("Breadth")).to_have_value("Guests per week")
    assert WarmUpGroup.objects.get(workshop=workshop).breadth == "Diners who book monthly"
    expect(grace.get_by_label("Breadth")).to_have_value("Diners who book monthly")

    # Linus decides: one more keystroke replaces Grace's words, and she sees his.
    linus.get_by_label("Breadth").press("End")
    linus.keyboard.type("!")
    expect(grace.get_by_label("Breadth")).to_have_value("Guests per week!")
    assert WarmUpGroup.objects.get(workshop=workshop).breadth == "Guests per week!"
