"""Importing a file of a North Star the team already has asks whether to update it or keep a copy."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from library.exports import export_document
from library.models import Bet
from metrics.models import NorthStar
from tests.library.helpers import adopted_north_star, client_for
from tests.library.test_versions import revise

pytestmark = pytest.mark.django_db


def upload(document: dict) -> SimpleUploadedFile:
    return SimpleUploadedFile("ns.json", json.dumps(document).encode(), content_type="application/json")


def exported_and_changed_elsewhere():
    """A North Star exported, then changed on another server: a new definition and a new bet."""
    original = adopted_north_star()
    document = export_document(original)
    latest = document["north_star"]["versions"][-1]
    changed = json.loads(json.dumps(latest))
    changed["number"] = latest["number"] + 1
    changed["snapshot"]["metric"]["definition"] = "Bookings honoured, counted every Monday."
    document["north_star"]["versions"].append(changed)
    key = changed["snapshot"]["inputs"][0]["key"]
    document["north_star"]["bets"] = [{"input_key": key, "level": 2, "title": "Reminder texts", "status": "next"}]
    return original, document


def test_a_file_of_a_north_star_the_team_has_asks_before_importing_anything():
    original, document = exported_and_changed_elsewhere()
    client = client_for(original.workshop.facilitator)

    page = client.post(reverse("library:import", args=[original.team.slug]), {"file": upload(document)})

    assert page.status_code == 200
    assert "The team already has this North Star" in page.text
    assert "Update our North Star" in page.text
    assert "Import a separate copy" in page.text
    assert NorthStar.objects.count() == 1


def test_choosing_update_adds_the_file_as_the_next_version_of_the_same_north_star():
    original, document = exported_and_changed_elsewhere()
    client = client_for(original.workshop.facilitator)
    client.post(reverse("library:import", args=[original.team.slug]), {"file": upload(document)})

    response = client.post(reverse("library:import_choose", args=[original.team.slug]), {"choice": "update"})

    assert response.url == original.get_absolute_url()
    assert NorthStar.objects.count() == 1
    latest = original.versions.last()
    assert latest.number == 2
    assert latest.data.metric_definition == "Bookings honoured, counted every Monday."
    assert list(Bet.objects.filter(north_star=original).values_list("title", flat=True)) == ["Reminder texts"]
    assert "saved as version 2" in client.get(response.url).text


def test_choosing_copy_imports_a_second_north_star_and_leaves_ours_alone():
    original, document = exported_and_changed_elsewhere()
    client = client_for(original.workshop.facilitator)
    client.post(reverse("library:import", args=[original.team.slug]), {"file": upload(document)})

    response = client.post(reverse("library:import_choose", args=[original.team.slug]), {"choice": "copy"})

    copy = NorthStar.objects.exclude(pk=original.pk).get()
    assert response.url == copy.get_absolute_url()
    assert copy.versions.count() == 2
    assert original.versions.count() == 1
    assert not original.bets.exists()


def test_updating_with_the_same_file_twice_adds_nothing_the_second_time():
    original, document = exported_and_changed_elsewhere()
    client = client_for(original.workshop.facilitator)
    for _ in range(2):
        client.post(reverse("library:import", args=[original.team.slug]), {"file": upload(document)})
        response = client.post(reverse("library:import_choose", args=[original.team.slug]), {"choice": "update"})

    assert original.versions.count() == 2
    assert original.bets.count() == 1
    assert "already matched the file" in client.get(response.url).text


def test_a_file_of_a_north_star_the_team_does_not_have_imports_at_once():
    original = adopted_north_star()
    revise(original, metric_name="Weekly honoured tables")
    document = export_document(original)
    original.delete()
    other = adopted_north_star()
    client = client_for(other.workshop.facilitator)

    response = client.post(reverse("library:import", args=[other.team.slug]), {"file": upload(document)})

    assert response.status_code == 302
    assert NorthStar.objects.filter(team=other.team).count() == 2


def test_no_choice_or_no_waiting_file_is_answered_in_words():
    original, document = exported_and_changed_elsewhere()
    client = client_for(original.workshop.facilitator)
    choose = reverse("library:import_choose", args=[original.team.slug])

    nothing_waiting = client.post(choose, {"choice": "update"}, follow=True)
    assert "choose the file again" in nothing_waiting.text

    client.post(reverse("library:import", args=[original.team.slug]), {"file": upload(document)})
    no_choice = client.post(choose, {"choice": "both"})
    assert no_choice.status_code == 400
    assert "Choose one of the two ways to import the file." in no_choice.text
    assert NorthStar.objects.count() == 1
