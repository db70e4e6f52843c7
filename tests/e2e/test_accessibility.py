"""axe-core reads every kind of page with realistic data and finds nothing serious or critical."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from library.exports import export_document
from metrics.models import CandidateBoard, NorthStar, Score, Vote
from metrics.pairing import make_pairs
from tests.e2e.helpers import assert_accessible
from tests.factories import GamePickFactory, candidate_with_inputs, workshop_at
from tests.library.test_record import ended_workshop_with_everything
from workshops.models import Participant, Workshop


def live(page: Page, path: str) -> None:
    page.goto(path)
    expect(page.get_by_role("status").filter(has_text="Live")).to_be_visible()


def room_at(kind: str, joined) -> tuple[Workshop, Page]:
    """A workshop at this segment with two people in it and something of theirs on each page."""
    workshop = workshop_at(kind)
    grace = joined(workshop, "Grace")
    joined(workshop, "Linus")
    people = {p.display_name: p for p in Participant.objects.filter(workshop=workshop)}
    if kind == "game":
        GamePickFactory(workshop=workshop, participant=people["Grace"], game="transaction")
    if kind == "brainstorm":
        candidate_with_inputs(3, workshop=workshop, author=people["Grace"], metric_name="Page views per week")
    if kind in ("pair-share", "evaluate", "converge"):
        pairs = make_pairs(workshop)
        now = timezone.now()
        shared = [
            candidate_with_inputs(
                3, workshop=workshop, pair=pairs[0], metric_name=f"Honoured bookings {n}", shared_at=now
            )
            for n in (1, 2)
        ]
        if kind != "pair-share":
            CandidateBoard.objects.create(workshop=workshop, revealed_at=now)
            Score.objects.create(candidate=shared[0], participant=people["Linus"], criterion="value", value=2)
            Vote.objects.create(candidate=shared[0], participant=people["Linus"], slot=1)
    return workshop, grace


@pytest.mark.parametrize(
    "kind", ["opening", "game", "good-bad", "warm-up", "brainstorm", "pair-share", "evaluate", "converge"]
)
def test_the_live_pages_of_every_segment_are_accessible(kind, joined, signed_in):
    workshop, grace = room_at(kind, joined)
    live(grace, workshop.get_participant_url())
    assert_accessible(grace)

    facilitator = signed_in(workshop.facilitator)
    live(facilitator, workshop.get_absolute_url())
    assert_accessible(facilitator)
    live(facilitator, reverse("workshops:present", args=[workshop.code]))
    assert_accessible(facilitator)


def test_the_revealed_results_are_accessible_to_participants_facilitators_and_the_room(joined, signed_in):
    workshop, grace = room_at("evaluate", joined)
    CandidateBoard.objects.filter(workshop=workshop).update(
        scores_revealed_at=timezone.now(), votes_revealed_at=timezone.now()
    )
    for page, path in [
        (grace, workshop.get_participant_url()),
        (signed_in(workshop.facilitator), workshop.get_absolute_url()),
        (signed_in(workshop.facilitator), reverse("workshops:present", args=[workshop.code])),
    ]:
        live(page, path)
        expect(page.get_by_role("list", name="Dots")).to_be_visible()
        assert_accessible(page)


def test_the_library_north_star_record_and_account_pages_are_accessible(signed_in):
    workshop = ended_workshop_with_everything()
    north_star = NorthStar.objects.get(workshop=workshop)
    page = signed_in(workshop.facilitator)
    team = workshop.team
    paths = [
        reverse("library:home"),
        team.get_absolute_url(),
        reverse("library:members", args=[team.slug]),
        reverse("library:import", args=[team.slug]),
        north_star.get_absolute_url(),
        reverse("library:history", args=[north_star.key]),
        workshop.get_record_url(),
        reverse("workshops:list"),
        reverse("workshops:create"),
        reverse("accounts:account"),
        reverse("accounts:password_change"),
    ]
    for path in paths:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)

    # Importing the team's own North Star again asks first; that page is checked too.
    page.goto(team.get_absolute_url())
    exported = json.dumps(export_document(north_star)).encode()
    page.get_by_label("JSON export file").set_input_files(
        files=[{"name": "north-star.json", "mimeType": "application/json", "buffer": exported}]
    )
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("heading", level=1, name="The team already has this North Star")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Import a separate copy, and leave ours as it is").check()
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("North Star imported as a separate copy")).to_be_visible()

    # The library's search button sits beside its field, on a laptop and on a phone.
    for size in ({"width": 1366, "height": 768}, {"width": 390, "height": 844}):
        page.set_viewport_size(size)
        page.goto(team.get_absolute_url())
        field = page.get_by_label("Search the library").bounding_box()
        button = page.get_by_role("button", name="Search").bounding_box()
        assert field
        assert button
        assert abs(field["y"] - button["y"]) < 4, size
        assert button["x"] >= field["x"] + field["width"], size


def test_the_pages_before_signing_in_are_accessible(page, live_url):
    for path in ["/", reverse("accounts:login"), reverse("accounts:signup"), reverse("accounts:reset")]:
        page.goto(live_url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
