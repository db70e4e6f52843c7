"""The bets in writing: the tree in JSON (back through import), in Markdown, and as OKRs."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bets.models import ColumnLimit
from library.exports import ImportProblem, export_document, validate_document
from library.models import Bet
from metrics.models import NorthStar
from tests.bets.helpers import board_with_a_member, input_keys, opportunity

pytestmark = pytest.mark.django_db


def a_whole_tree():
    north_star, _member, client, parent, cards = board_with_a_member(interventions=2)
    results = Bet.objects.create(north_star=north_star, level=0, title="Renewals grow 10% a year", hypothesis="…")
    Bet.objects.create(
        north_star=north_star, level=1, input_key=parent.input_key, title="Bookings drive tables", hypothesis="…"
    )
    cards[0].expected_size, cards[0].expected_by = Decimal("5"), dt.date(2026, 6, 1)
    cards[0].outcome, cards[0].learning, cards[0].status = "worked", "The day before is best", "done"
    cards[0].save()
    opportunity(north_star, "Tables sit empty at lunch", input_key=input_keys(north_star)[2], rank=2)
    ColumnLimit.objects.create(north_star=north_star, level=3, status="in-progress", limit=3)
    return north_star, client, results


def test_the_tree_goes_through_export_and_import_unchanged():
    north_star, client, _ = a_whole_tree()
    exported = export_document(north_star)
    body = exported["north_star"]
    assert body["board"] == {"limits": [{"level": 3, "status": "in-progress", "limit": 3}]}
    card = next(bet for bet in body["bets"] if bet["title"] == "Card 1")
    assert body["bets"][card["parent"]]["title"] == "Diners forget their booking"

    upload = SimpleUploadedFile("ns.json", json.dumps(exported).encode(), content_type="application/json")
    client.post(f"{north_star.team.get_absolute_url()}import/", {"file": upload})
    client.post(f"{north_star.team.get_absolute_url()}import/choose/", {"choice": "copy"})

    copy = NorthStar.objects.exclude(pk=north_star.pk).get()
    again = export_document(copy)["north_star"]
    assert again["bets"] == body["bets"]
    assert again["board"] == body["board"]
    imported = copy.bets.get(title="Card 1")
    assert imported.parent.title == "Diners forget their booking"
    assert imported.outcome == "worked"
    assert imported.expected_size == Decimal("5")


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda bets: bets[0].update(level=7), "unknown level"),
        (lambda bets: bets[-1].update(parent=99), "hangs off a bet that is not in the export"),
        (lambda bets: bets[-1].update(parent=len(bets) - 1), "hangs off a bet that is not in the export"),
        (lambda bets: bets[0].update(outcome="maybe"), "unknown outcome"),
        (lambda bets: bets[0].update(expected_size="lots"), "expected change is not a number"),
        (lambda bets: bets[0].update(review_on="2026-02-30"), "is not a date"),
    ],
)
def test_a_damaged_tree_is_refused_with_a_reason(damage, reason):
    north_star, _, _ = a_whole_tree()
    document = export_document(north_star)
    damage(document["north_star"]["bets"])
    with pytest.raises(ImportProblem, match=reason):
        validate_document(document)


def test_a_parent_must_be_one_level_up():
    north_star, _, _ = a_whole_tree()
    document = export_document(north_star)
    bets = document["north_star"]["bets"]
    card = next(bet for bet in bets if bet["title"] == "Card 1")
    card["parent"] = next(index for index, bet in enumerate(bets) if bet["level"] == 0)
    with pytest.raises(ImportProblem, match="not one level above it"):
        validate_document(document)


def test_the_tree_in_markdown_nests_bets_under_their_inputs():
    north_star, client, _ = a_whole_tree()
    text = client.get(reverse("bets:tree_export", args=[north_star.key])).content.decode()
    assert "## Level 0: business results" in text
    assert "- Level 0, next: **Renewals grow 10% a year**." in text
    assert "## Input: Diners booking" in text
    assert "- Level 2, next: **Diners forget their booking**." in text
    assert (
        "  - Level 3, done: **Card 1**. If we … Expected: up 5 by 1 Jun 2026. Outcome: it worked;"
        " learned: The day before is best." in text
    )
    assert "## Input: Repeat visits\n\nNo bets on this input yet." in text


def test_the_one_pager_carries_the_tree():
    north_star, client, _ = a_whole_tree()
    text = client.get(reverse("library:export_markdown", args=[north_star.key])).content.decode()
    assert "# Bets on Honoured tables per week" in text
    assert "**Card 2**" in text


def test_the_okr_view_makes_inputs_key_results_and_opportunities_initiatives():
    north_star, client, _ = a_whole_tree()
    text = client.get(reverse("bets:okr_export", args=[north_star.key])).content.decode()
    assert "## Objective\n\nMove Honoured tables per week" in text
    assert "### Key result 1: Diners booking" in text
    assert "- **Diners forget their booking** (next): If we …" in text
    assert "### Key result 3: Tables filled" in text
    assert "- **Tables sit empty at lunch**" in text
    assert "Card 1" not in text, "interventions are not initiatives"
