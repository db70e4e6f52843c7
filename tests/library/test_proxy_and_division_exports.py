"""Proxies and the division travel in the JSON export (format 1, optional keys) and the Markdown one-pager."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from library.exports import FORMAT_VERSION, export_document
from library.models import Division
from metrics.models import NorthStar, Proxy
from tests.library.helpers import adopted_north_star, client_for

pytestmark = pytest.mark.django_db


def marked_north_star() -> NorthStar:
    north_star = adopted_north_star()
    Proxy.objects.create(candidate=north_star.statement, stands_for="bookings made", missing="no check-in data")
    second = north_star.statement.inputs.all()[1]
    Proxy.objects.create(item=second, stands_for="second bookings")
    Division.objects.create(north_star=north_star, name="Restaurants")
    return north_star


def import_copy(client, north_star, document) -> NorthStar:
    upload = SimpleUploadedFile("ns.json", json.dumps(document).encode(), content_type="application/json")
    client.post(f"{north_star.team.get_absolute_url()}import/", {"file": upload})
    client.post(f"{north_star.team.get_absolute_url()}import/choose/", {"choice": "copy"})
    return NorthStar.objects.exclude(pk=north_star.pk).get()


def test_the_json_export_names_each_proxy_by_its_node_and_the_division():
    north_star = marked_north_star()
    second = north_star.statement.inputs.all()[1]

    document = json.loads(
        client_for(north_star.workshop.facilitator).get(f"{north_star.get_absolute_url()}north-star.json").content
    )

    assert document["version"] == FORMAT_VERSION == 1
    body = document["north_star"]
    assert body["division"] == "Restaurants"
    keys = [row["key"] for row in body["current"]["inputs"]]
    assert body["proxies"] == [
        {
            "node": "metric",
            "name": "Honoured tables per week",
            "stands_for": "bookings made",
            "missing": "no check-in data",
        },
        {"node": keys[1], "name": second.name, "stands_for": "second bookings", "missing": ""},
    ]


def test_an_import_restores_proxies_and_division_and_exports_them_again_the_same():
    original = marked_north_star()
    exported = export_document(original)
    client = client_for(original.workshop.facilitator)

    copy = import_copy(client, original, exported)

    assert copy.division.name == "Restaurants"
    assert Proxy.objects.get(candidate=copy.statement).missing == "no check-in data"
    assert Proxy.objects.get(item__candidate=copy.statement).item == copy.statement.inputs.all()[1]
    again = export_document(copy)
    assert (again["north_star"]["proxies"], again["north_star"]["division"]) == (
        exported["north_star"]["proxies"],
        exported["north_star"]["division"],
    )
    page = client.get(copy.get_absolute_url()).text
    assert "stands in for second bookings." in page


def test_a_file_without_the_new_keys_imports_as_before():
    original = adopted_north_star()
    exported = export_document(original)
    assert (exported["north_star"]["proxies"], exported["north_star"]["division"]) == ([], None)
    del exported["north_star"]["proxies"], exported["north_star"]["division"]

    copy = import_copy(client_for(original.workshop.facilitator), original, exported)

    assert not Proxy.objects.filter(candidate=copy.statement).exists()
    assert not Division.objects.filter(north_star=copy).exists()


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda b: b.update(proxies=[{"node": "nowhere", "stands_for": "x"}]), "A proxy belongs to the metric or an"),
        (lambda b: b.update(proxies=[{"node": "metric", "stands_for": "  "}]), "stands in for is empty."),
        (lambda b: b.update(proxies={"node": "metric"}), "should be a list."),
        (lambda b: b.update(division="d" * 81), "The division is longer than 80 characters."),
    ],
)
def test_a_damaged_proxy_or_division_is_refused_in_words_and_imports_nothing(damage, reason):
    original = marked_north_star()
    document = export_document(original)
    damage(document["north_star"])
    upload = SimpleUploadedFile("ns.json", json.dumps(document).encode(), content_type="application/json")

    response = client_for(original.workshop.facilitator).post(
        f"{original.team.get_absolute_url()}import/", {"file": upload}
    )

    assert response.status_code == 400
    assert reason in response.content.decode()
    assert NorthStar.objects.count() == 1


def test_the_markdown_one_pager_lists_the_proxies_and_names_the_division():
    north_star = marked_north_star()
    Proxy.objects.filter(candidate=north_star.statement).update(missing="no *check-in* data")

    text = client_for(north_star.workshop.facilitator).get(f"{north_star.get_absolute_url()}north-star.md").text

    assert "## Proxies for now" in text
    assert "- **Honoured tables per week** stands in for bookings made. Still missing: no \\*check-in\\* data." in text
    assert f"- **{north_star.statement.inputs.all()[1].name}** stands in for second bookings." in text
    assert "Division: Restaurants" in text
