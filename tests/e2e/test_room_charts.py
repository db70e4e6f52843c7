"""The revealed results as charts on a 1366 px laptop: the heatmap fits, the dots read as ranked bars."""

from django.utils import timezone
from playwright.sync_api import expect

from metrics.models import CandidateBoard, Score, Vote
from metrics.pairing import make_pairs
from tests.factories import ParticipantFactory, candidate_with_inputs, workshop_at
from workshops.checklist import CHECKLIST


def test_on_a_laptop_the_heatmap_fits_and_the_dots_rank_as_bars(signed_in):
    workshop = workshop_at("evaluate")
    people = [ParticipantFactory(workshop=workshop, display_name=name) for name in ("Grace", "Linus", "Ada")]
    pairs = make_pairs(workshop)
    now = timezone.now()
    CandidateBoard.objects.create(workshop=workshop, revealed_at=now, scores_revealed_at=now, votes_revealed_at=now)
    shared = [
        candidate_with_inputs(
            3, workshop=workshop, pair=pairs[0], metric_name=f"Weekly honoured bookings {n}", shared_at=now
        )
        for n in (1, 2, 3)
    ]
    for person, value in zip(people[:2], (0, 2), strict=True):  # the group disagrees on the first
        Score.objects.create(candidate=shared[0], participant=person, criterion="value", value=value)
    Vote.objects.create(candidate=shared[2], participant=people[0], slot=1)
    Vote.objects.create(candidate=shared[2], participant=people[1], slot=1)
    Vote.objects.create(candidate=shared[0], participant=people[2], slot=1)

    facilitator = signed_in(workshop.facilitator)
    facilitator.set_viewport_size({"width": 1366, "height": 768})
    facilitator.goto(workshop.get_absolute_url())
    expect(facilitator.get_by_role("status").filter(has_text="Live")).to_be_visible()

    table = facilitator.get_by_role("table", name="How the group rated each candidate")
    expect(table).to_be_visible()
    assert table.evaluate("table => table.parentElement.scrollWidth <= table.parentElement.clientWidth")
    for criterion in CHECKLIST:  # every criterion's name is there in full
        expect(table.get_by_role("columnheader", name=criterion.name, exact=True)).to_be_visible()
    split = table.get_by_role("cell", name="1.0 ± 1.0 · split")
    expect(split).to_have_attribute(
        "title", "Expresses value: average 1.0 of 2, spread 1.0, from 2 ratings; people disagree"
    )

    dots = facilitator.get_by_role("list", name="Dots")
    expect(dots.get_by_role("listitem")).to_have_text(
        [
            "1. Weekly honoured bookings 3 2 dots",
            "2. Weekly honoured bookings 1 1 dot",
            "3. Weekly honoured bookings 2 0 dots",
        ]
    )
