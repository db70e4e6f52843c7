"""Numbers in a North Star's exports: Markdown and JSON carry the latest values, targets and statuses;
a JSON import restores measures, targets, values and notes."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from library.exports import export_document
from measures.models import Measure, Value, VarianceNote
from metrics.models import NorthStar
from tests.library.helpers import adopted_north_star, client_for, member_of
from tests.measures.scorecards import measured, weekly

pytestmark = pytest.mark.django_db


@pytest.fixture
def numbers():
    north_star = adopted_north_star()
    owner = member_of(north_star.team, display_name="Ada")
    metric = measured(
        north_star,
        "metric",
        unit="tables",
        owner=owner,
        missing="carry",
        baseline_value="50",
        baseline_date=dt.date(2026, 1, 1),
        targets=[("100", dt.date(2026, 1, 12)), ("150", dt.date(2026, 6, 29))],
    )
    weekly(north_star, metric, ["80", None, "95.5"])
    VarianceNote.objects.create(measure=metric, period_start=dt.date(2026, 1, 19), text="A festival.", author=owner)
    return north_star, owner


def comparable_numbers(document: dict) -> dict:
    part = document["north_star"]["numbers"]
    for item in part["measures"]:
        item.pop("owner")  # people of one database are not restored in another
        for note in item["notes"]:
            note.pop("author")
    return part


def test_the_json_export_has_each_measure_with_its_latest_figures(numbers):
    north_star, _ = numbers
    part = export_document(north_star)["north_star"]["numbers"]
    (metric,) = part["measures"]
    assert metric["node"] == "metric"
    assert metric["owner"] == "Ada"
    assert metric["values"][-1] == {"period": "2026-01-19", "value": "95.5", "source": "manual"}
    assert metric["latest"] == {
        "period": "2026-01-19",
        "value": "95.5",
        "target": "150",
        "target_by": "2026-06-29",
        "status": "at-risk",  # 95.5 against a plan of about 101 a week after the first target
    }


def test_the_markdown_export_has_the_latest_values_targets_and_statuses(numbers):
    north_star, owner = numbers
    text = client_for(owner).get(f"/north-stars/{north_star.key}/north-star.md").text
    assert "## Numbers" in text
    row = next(line for line in text.splitlines() if line.startswith("| Honoured tables per week"))
    assert "95\\.5 tables" in row  # "95." escaped, as it would start a numbered list on its own
    assert "150 tables by 29 Jun 2026" in row
    assert "▲ At risk" in row


def test_export_then_import_restores_measures_values_and_notes(numbers):
    north_star, owner = numbers
    exported = export_document(north_star)
    upload = SimpleUploadedFile("ns.json", json.dumps(exported).encode(), content_type="application/json")

    client = client_for(owner)
    client.post(f"{north_star.team.get_absolute_url()}import/", {"file": upload})
    # The team has this North Star already: the import asks, and a copy is what is compared here.
    answer = client.post(f"{north_star.team.get_absolute_url()}import/choose/", {"choice": "copy"})

    copy = NorthStar.objects.exclude(pk=north_star.pk).get()
    assert answer.url == copy.get_absolute_url()
    assert comparable_numbers(export_document(copy)) == comparable_numbers(exported)
    assert Value.objects.filter(measure__north_star=copy).count() == 2
    assert VarianceNote.objects.get(measure__north_star=copy).text == "A festival."
    assert "95.5 tables" in client_for(owner).get(f"/north-stars/{copy.key}/scorecard/").text


DAMAGE = [
    ("a node not in the tree", lambda m: m.update(node="nowhere"), "a node that is not in the export"),
    ("a word for a value", lambda m: m["values"][0].update(value="many"), "is not a number"),
    ("a Tuesday for a week", lambda m: m["values"][0].update(period="2026-01-06"), "is not the first day of a week"),
    ("an unknown rule", lambda m: m.update(missing="guess"), "The missing of the measure"),
    ("bands the wrong way", lambda m: m.update(at_risk_from=120), "must start at or below"),
]


@pytest.mark.parametrize(("case", "damage", "reason"), DAMAGE, ids=[case[0] for case in DAMAGE])
def test_damaged_numbers_are_refused_with_a_reason_and_import_nothing(numbers, case, damage, reason):
    north_star, owner = numbers
    document = export_document(north_star)
    damage(document["north_star"]["numbers"]["measures"][0])
    upload = SimpleUploadedFile("ns.json", json.dumps(document).encode(), content_type="application/json")

    answer = client_for(owner).post(f"{north_star.team.get_absolute_url()}import/", {"file": upload})

    assert answer.status_code == 400
    assert reason in answer.content.decode()
    assert NorthStar.objects.count() == 1
    assert Measure.objects.count() == 1
