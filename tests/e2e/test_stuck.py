"""When converge stalls: the facilitator presses "stuck", adds the key value exchanges, the room rates them,
the ranking goes up on the wall, and the top exchange opens the next brainstorm."""

from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible
from tests.factories import workshop_at

LIVE = "Live"


def test_a_stuck_room_rates_its_value_exchanges_and_brainstorms_from_the_top_one(signed_in, joined):
    workshop = workshop_at("converge")
    grace = joined(workshop, "Grace")
    linus = joined(workshop, "Linus")
    facilitator = signed_in(workshop.facilitator)
    facilitator.goto(workshop.get_absolute_url())
    expect(facilitator.get_by_role("status").filter(has_text=LIVE)).to_be_visible()
    projector = facilitator.context.new_page()
    projector.goto(f"{workshop.get_absolute_url()}present/")

    # Stuck: the suggestions say why, and one click puts the activity next.
    facilitator.get_by_text("We’re stuck").click()
    expect(facilitator.get_by_text("No game is agreed yet").first).to_be_visible()
    assert_accessible(facilitator)
    facilitator.get_by_role("button", name="Add “Key value exchanges” next").click()
    facilitator.get_by_role("button", name="Next segment: Key value exchanges →").click()
    expect(facilitator.get_by_role("heading", name="Key value exchanges")).to_be_visible()

    # The room calls out the exchanges; the facilitator writes them down.
    for text in ("A diner books a table for tonight", "A restaurant fills a quiet Tuesday"):
        facilitator.get_by_label("A value exchange").fill(text)
        facilitator.get_by_role("button", name="Add exchange").click()
        expect(grace.get_by_label(text)).to_be_visible()

    # Two participants rate, each on their own phone.
    for person, (booking, tuesday) in ((grace, ("3", "1")), (linus, ("2", "0"))):
        person.get_by_label("A diner books a table for tonight").select_option(booking)
        person.get_by_label("A restaurant fills a quiet Tuesday").select_option(tuesday)
    assert_accessible(linus)

    chart = projector.get_by_role("list", name="Where the most value changes hands")
    expect(chart.get_by_role("listitem")).to_have_text(
        ["1. A diner books a table for tonight 5 points", "2. A restaurant fills a quiet Tuesday 1 point"]
    )
    expect(projector.get_by_text("2 participants rated")).to_be_visible()
    assert_accessible(projector)

    # A new brainstorm, added from the agenda editor, starts from the top exchange.
    facilitator.get_by_text("Edit agenda").click()
    facilitator.get_by_text("Add a segment").click()
    adding = facilitator.get_by_role("group").filter(has_text="Add a segment")
    adding.get_by_role("combobox", name="Activity").select_option(label="Silent brainstorm")
    adding.get_by_role("textbox", name="Segment name").fill("Brainstorm from the exchanges")
    adding.get_by_role("button", name="Add segment").click()
    facilitator.get_by_role("button", name="Next segment: Brainstorm from the exchanges →").click()

    prompts = grace.get_by_role("region", name="Start from where customers get the most value")
    expect(prompts.get_by_role("listitem").first).to_have_text("A diner books a table for tonight")
    assert_accessible(grace)
