"""A whole workshop, compressed: a facilitator and four participants from the first pick to the adopted North Star."""

import re
import time

from playwright.sync_api import expect

from metrics.models import Candidate
from tests.e2e.helpers import start_a_candidate
from tests.factories import workshop_with_agenda

PEOPLE = {
    "Ana": "Honoured bookings",
    "Ben": "Repeat diners",
    "Cai": "Full evenings",
    "Dee": "Happy tables",
}


def wait_for(condition, timeout=15):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the database never got there"
        time.sleep(0.2)


def go_to(facilitator, title):
    facilitator.get_by_role("button", name=f"Go to {title}").click()
    expect(facilitator.get_by_role("region", name=title, exact=True)).to_be_visible()


def test_a_whole_workshop_from_game_picks_to_the_adopted_north_star(signed_in, joined):
    workshop = workshop_with_agenda("60")
    facilitator = signed_in(workshop.facilitator)
    facilitator.goto(workshop.get_absolute_url())
    people = {name: joined(workshop, name) for name in PEOPLE}
    facilitator.get_by_role("button", name="Start the workshop").click()

    # Identify the game: private picks, then the reveal.
    go_to(facilitator, "Identify the game")
    for page in people.values():
        page.get_by_role("radio", name="Transaction").check()
        expect(page.get_by_text("Only you can see it until the reveal.")).to_be_visible()
    expect(facilitator.get_by_text("4 of 4 have picked.")).to_be_visible()
    facilitator.get_by_role("button", name="Reveal the picks").click()
    for page in people.values():
        expect(page.get_by_text("4 picks from 4 participants")).to_be_visible()

    # Silent brainstorm: one candidate each.
    go_to(facilitator, "Silent brainstorm")
    for name, metric in PEOPLE.items():
        page = people[name]
        start_a_candidate(page, workshop)
        page.get_by_label("Metric name").fill(metric)
        page.get_by_label("Definition", exact=True).fill(f"How we count {metric.lower()} each week")
        for number in (1, 2, 3):
            page.get_by_label(f"Input {number} name").fill(f"{metric} input {number}")
            page.get_by_label(f"Input {number} definition").fill(f"What drives {metric.lower()} ({number})")
    wait_for(lambda: Candidate.objects.filter(inputs__definition__startswith="What drives").distinct().count() == 4)
    expect(facilitator.get_by_text("4 of 4 have started")).to_be_visible()

    # Pair and share: pairs, one pair candidate each, shared with the group.
    facilitator.get_by_role("button", name=re.compile("^Next segment")).click()
    facilitator.get_by_role("button", name="Pair everyone").click()
    shared_by = []
    for name, page in people.items():
        expect(page.get_by_role("heading", name=re.compile("^Pair \\d"))).to_be_visible()
        heading = page.get_by_role("heading", name=re.compile("^Pair \\d")).inner_text()
        if any(other in heading for other in shared_by):
            continue
        page.get_by_role("button", name=f"Copy “{PEOPLE[name]}” as a pair candidate").click()
        page.get_by_role("button", name="Share with the group").click()
        expect(page.get_by_role("button", name="Shared with the group")).to_be_visible()
        shared_by.append(name)
    assert len(shared_by) == 2

    # Share and evaluate: reveal the board, rate, vote, reveal the results.
    facilitator.get_by_role("button", name=re.compile("^Next segment")).click()
    facilitator.get_by_role("button", name="Reveal the board to everyone").click()
    winner = PEOPLE[shared_by[0]]
    for page in people.values():
        expect(page.get_by_text("3 of 3 dots left.")).to_be_visible()
        page.get_by_role("radio", name="Expresses value: Yes").first.check()
        expect(page.get_by_text("Your ratings are saved").first).to_be_visible()
        page.get_by_role("button", name=f"Place a dot on {winner}").click()
        expect(page.get_by_text("2 of 3 dots left.")).to_be_visible()
    facilitator.get_by_role("button", name="Reveal the ratings").click()
    heatmap = facilitator.get_by_role("table", name=re.compile("How the group rated each candidate"))
    expect(heatmap.get_by_role("row", name=re.compile(f"^{winner}"))).to_contain_text("2.0")
    facilitator.get_by_role("button", name="Reveal the dots").click()
    for page in people.values():
        expect(page.get_by_text("4 dots")).to_be_visible()

    # Converge: start from the winner and adopt it.
    facilitator.get_by_role("button", name=re.compile("^Next segment")).click()
    facilitator.get_by_role("button", name=f"Start from “{winner}”").click()
    facilitator.get_by_role("button", name="Adopt this as our North Star").click()

    for page in people.values():
        expect(page.get_by_role("heading", name="Our North Star", exact=True)).to_be_visible()
        expect(page.get_by_text(winner, exact=True).first).to_be_visible()
