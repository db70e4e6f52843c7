import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from library.exports import FORMAT_VERSION, export_document
from library.models import Bet
from metrics.models import NorthStar
from tests.library.helpers import INPUTS, adopted_north_star, client_for
from tests.library.test_versions import revise

pytestmark = pytest.mark.django_db


def comparable(document: dict) -> dict:
    """The export without what naturally differs between two copies: when it was exported, which workshop."""
    body = dict(document["north_star"])
    body.pop("workshop")
    return body


def test_the_markdown_one_pager_has_the_metric_and_every_input_with_its_definition():
    north_star = adopted_north_star()

    response = client_for(north_star.workshop.facilitator).get(f"{north_star.get_absolute_url()}north-star.md")

    text = response.content.decode()
    assert response["Content-Type"].startswith("text/markdown")
    assert text.startswith("# Honoured tables per week")
    for name, definition, _ in INPUTS:
        assert f"### {name}" in text
        assert definition in text


def markdown_of(north_star) -> str:
    return client_for(north_star.workshop.facilitator).get(f"{north_star.get_absolute_url()}north-star.md").text


def test_the_markdown_export_shows_typed_html_as_text():
    north_star = adopted_north_star(
        metric_name="<script>alert(1)</script>", metric_definition="<img src=x onerror=alert(1)> & more"
    )
    key = north_star.versions.last().data.inputs[0].key
    Bet.objects.create(
        north_star=north_star, input_key=key, title="<b>Bold</b>", hypothesis="h", link="https://x.example/<a>"
    )

    text = markdown_of(north_star)

    assert text.startswith("# &lt;script&gt;alert(1)&lt;/script&gt;")
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; more" in text
    assert "&lt;b&gt;Bold&lt;/b&gt;" in text
    assert "<https://x.example/%3Ca%3E>" in text
    for tag in ("<script", "<img", "<b>", "<a>"):
        assert tag not in text


def test_typed_markdown_cannot_change_the_export_s_structure():
    north_star = adopted_north_star(
        metric_name="Tables\n# Not a heading",
        metric_definition="# Not a heading\n- not a list\n1. not numbered\n---\n[click](javascript:alert(1)) | a | b",
    )

    text = markdown_of(north_star)

    assert text.startswith("# Tables \\# Not a heading\n")
    assert "\\# Not a heading\n\\- not a list\n1\\. not numbered\n\\---\n" in text
    assert "\\[click\\](javascript:alert(1)) \\| a \\| b" in text


def test_the_json_export_is_versioned_and_complete():
    north_star = adopted_north_star()
    Bet.objects.create(north_star=north_star, input_key="i0", title="t", hypothesis="h")

    document = json.loads(
        client_for(north_star.workshop.facilitator).get(f"{north_star.get_absolute_url()}north-star.json").content
    )

    assert document["format"] == "north-star-workshop/north-star"
    assert document["version"] == FORMAT_VERSION
    assert document["north_star"]["current"]["metric"]["name"] == "Honoured tables per week"
    assert [row["name"] for row in document["north_star"]["current"]["inputs"]] == [row[0] for row in INPUTS]
    assert document["north_star"]["versions"][0]["number"] == 1
    assert document["north_star"]["bets"][0]["title"] == "t"


def test_export_then_import_gives_an_equal_north_star():
    original = adopted_north_star()
    revise(original, metric_name="Weekly honoured tables")
    key = original.versions.last().data.inputs[0].key
    Bet.objects.create(
        north_star=original, input_key=key, level=3, title="One-step form", hypothesis="If …", link="https://x.example"
    )
    exported = export_document(original)
    client = client_for(original.workshop.facilitator)

    upload = SimpleUploadedFile("ns.json", json.dumps(exported).encode(), content_type="application/json")
    asked = client.post(f"{original.team.get_absolute_url()}import/", {"file": upload})
    # The team has this North Star already: the import asks, and a copy is what is compared here.
    assert "The team already has this North Star" in asked.text
    response = client.post(f"{original.team.get_absolute_url()}import/choose/", {"choice": "copy"})

    copy = NorthStar.objects.exclude(pk=original.pk).get()
    assert response.url == copy.get_absolute_url()
    assert copy.team == original.team
    assert copy.workshop is None
    assert comparable(export_document(copy)) == comparable(exported)
    assert copy.statement.metric_name == "Weekly honoured tables"
    assert "One-step form" in client.get(copy.get_absolute_url()).text


def test_an_import_of_something_else_says_what_is_wrong():
    north_star = adopted_north_star()
    client = client_for(north_star.workshop.facilitator)
    upload = SimpleUploadedFile("ns.json", b'{"format": "other"}', content_type="application/json")

    response = client.post(f"{north_star.team.get_absolute_url()}import/", {"file": upload}, follow=True)

    assert "This is not a North Star export from this tool." in response.text
    assert NorthStar.objects.count() == 1


def test_the_tree_page_has_a_print_stylesheet_and_no_inline_styles():
    north_star = adopted_north_star()

    page = client_for(north_star.workshop.facilitator).get(north_star.get_absolute_url()).text

    assert "css/review.css" in page
    assert "style=" not in page
    assert "<script>" not in page


def first_version(document: dict) -> dict:
    return document["north_star"]["versions"][0]


BROKEN_EXPORTS = [
    # (what a hand-edited or damaged file did, how to break the export, what the person reads)
    ("no such month", lambda d: first_version(d).update(created_at="2024-13-45T00:00:00"), "The date of version 1"),
    ("no 30 February", lambda d: d["north_star"].update(adopted_at="2024-02-30T10:00"), "The adoption date"),
    ("a number for a date", lambda d: first_version(d).update(created_at=1700000000), "The date of version 1"),
    ("bets not a list", lambda d: d["north_star"].update(bets=5), "The bets should be a list."),
    ("a list for a game", lambda d: first_version(d)["snapshot"].update(game=["x"]), "The game in version 1"),
    ("true for the version", lambda d: d.update(version=True), "format version True"),
    (
        "two inputs with one key",
        lambda d: first_version(d)["snapshot"]["inputs"][1].update(
            key=first_version(d)["snapshot"]["inputs"][0]["key"]
        ),
        "Two inputs in version 1 have the same key",
    ),
    ("an input without a name", lambda d: first_version(d)["snapshot"]["inputs"][0].update(name="  "), "is empty"),
    ("a key too long", lambda d: first_version(d)["snapshot"]["inputs"][0].update(key="k" * 100), "needs a key"),
    (
        "a bet without a title",
        lambda d: d["north_star"].update(
            bets=[{"input_key": first_version(d)["snapshot"]["inputs"][0]["key"], "level": 1, "status": "next"}]
        ),
        "A bet&#x27;s title is empty.",
    ),
]


@pytest.mark.parametrize(("case", "damage", "reason"), BROKEN_EXPORTS, ids=[case[0] for case in BROKEN_EXPORTS])
def test_a_damaged_export_is_refused_beside_the_file_field_and_imports_nothing(case, damage, reason):
    original = adopted_north_star()
    document = export_document(original)
    damage(document)
    client = client_for(original.workshop.facilitator)
    upload = SimpleUploadedFile("ns.json", json.dumps(document).encode(), content_type="application/json")

    response = client.post(f"{original.team.get_absolute_url()}import/", {"file": upload})

    assert response.status_code == 400
    page = response.content.decode()
    assert reason in page
    assert page.count(reason) == 2, "said at the top of the page and beside the file field"
    assert 'class="errorlist"' in page
    assert NorthStar.objects.count() == 1
