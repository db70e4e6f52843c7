import re

import pytest
from django.urls import reverse

from library.models import NorthStarVersion
from tests.library.helpers import INPUTS, adopted_north_star, client_for
from tests.metrics.test_converge import converging, start

pytestmark = pytest.mark.django_db


def edit_data(north_star, **changes):
    """The edit form as the page fills it, with `changes` applied."""
    current = north_star.versions.last().data
    data = {
        "metric_name": current.metric_name,
        "metric_definition": current.metric_definition,
        "game": current.game,
        "business_results": current.business_results,
        "open_questions": "",
        "information_needed": "",
        "note": "Interviews showed no-shows matter most.",
        "inputs-TOTAL_FORMS": str(len(current.inputs) + 1),
        "inputs-INITIAL_FORMS": str(len(current.inputs)),
    }
    for index, row in enumerate(current.inputs):
        data |= {
            f"inputs-{index}-key": row.key,
            f"inputs-{index}-name": row.name,
            f"inputs-{index}-definition": row.definition,
            f"inputs-{index}-heuristic": row.heuristic,
        }
    data |= changes
    return data


def revise(north_star, **changes):
    return client_for(north_star.workshop.facilitator).post(
        f"{north_star.get_absolute_url()}edit/", edit_data(north_star, **changes)
    )


def test_adopting_in_the_workshop_saves_version_one():
    workshop, clients, (first, _) = converging()
    north_star = start(clients, workshop, first)

    clients["facilitator"].post(f"/workshops/{workshop.code}/north-star/adopt/")

    version = north_star.versions.get()
    assert version.number == 1
    assert version.author == workshop.facilitator
    assert version.metric_name == "Candidate 1"


def test_a_north_star_adopted_before_versions_existed_gets_its_first_version_from_the_migration():
    from importlib import import_module

    from django.apps import apps

    north_star = adopted_north_star()
    north_star.versions.all().delete()

    # Opening it writes nothing: pages only read.
    client_for(north_star.workshop.facilitator).get(north_star.get_absolute_url())
    assert not north_star.versions.exists()

    migration = import_module("library.migrations.0002_first_versions_for_earlier_adoptions")
    migration.record_missing_versions(apps, None)

    assert north_star.versions.get().created_at == north_star.adopted_at


def test_edits_in_the_workshop_after_adoption_become_a_version_when_it_ends():
    north_star = adopted_north_star()
    workshop = north_star.workshop
    workshop.state = workshop.State.LIVE
    workshop.ended_at = None
    workshop.save()
    north_star.statement.metric_name = "Tidied in the room"
    north_star.statement.save()
    client_for(workshop.facilitator).get(north_star.get_absolute_url())
    assert north_star.versions.count() == 1

    client_for(workshop.facilitator).post(reverse("workshops:end", args=[workshop.code]))

    assert [v.metric_name for v in north_star.versions.all()] == ["Honoured tables per week", "Tidied in the room"]


def test_an_edit_saves_a_new_version_with_who_and_why_and_keeps_the_old_one():
    north_star = adopted_north_star()

    response = revise(north_star, metric_name="Weekly honoured tables")

    assert response.status_code == 302
    first, second = north_star.versions.all()
    assert (first.metric_name, second.metric_name) == ("Honoured tables per week", "Weekly honoured tables")
    assert second.author == north_star.workshop.facilitator
    assert second.note == "Interviews showed no-shows matter most."


def test_an_edit_without_a_reason_is_refused():
    north_star = adopted_north_star()

    response = revise(north_star, metric_name="Weekly honoured tables", note="   ")

    assert "Please fill this in." in response.text or "This field is required." in response.text
    assert north_star.versions.count() == 1


def test_an_edit_that_would_leave_two_inputs_is_refused_in_words():
    north_star = adopted_north_star()

    response = revise(north_star, **{"inputs-0-DELETE": "on"})

    assert "A North Star needs at least 3 inputs; this would leave 2." in response.text
    assert north_star.versions.count() == 1


def test_control_characters_are_stripped_from_an_edit():
    north_star = adopted_north_star()

    revise(north_star, metric_name="Weekly\x07 honoured\ttables")

    assert north_star.versions.last().metric_name == "Weekly honoured tables"


def test_an_old_version_cannot_be_overwritten():
    version = adopted_north_star().versions.get()
    version.note = "rewritten"

    with pytest.raises(ValueError, match="cannot be changed"):
        version.save()


def test_the_diff_names_each_known_edit():
    north_star = adopted_north_star()
    revise(
        north_star,
        metric_name="Weekly honoured tables",
        metric_definition="Bookings honoured, counted Monday to Sunday.",
        **{
            "inputs-1-name": "Returning diners",
            "inputs-2-DELETE": "on",
            "inputs-3-name": "Reviews written",
            "inputs-3-definition": "Diners who review the visit.",
        },
    )

    page = client_for(north_star.workshop.facilitator).get(f"{north_star.get_absolute_url()}compare/?a=1&b=2")

    text = page.text
    assert "Metric renamed" in text
    assert "Weekly honoured tables" in text
    assert "Metric definition changed" in text
    assert "Input renamed" in text
    assert "Returning diners" in text
    assert "Input removed" in text
    assert INPUTS[2][0] in text
    assert "Input added" in text
    assert "Reviews written" in text
    # Renaming keeps the input: its bets stay under it.
    first, second = north_star.versions.all()
    assert first.data.inputs[1].key == second.data.inputs[1].key


def test_the_history_lists_every_version_and_old_ones_stay_readable():
    north_star = adopted_north_star()
    revise(north_star, metric_name="Weekly honoured tables")
    client = client_for(north_star.workshop.facilitator)

    history = client.get(f"{north_star.get_absolute_url()}versions/").text
    old = client.get(f"{north_star.get_absolute_url()}versions/1/").text

    assert "Version 2: Weekly honoured tables" in history
    assert "Version 1: Honoured tables per week" in history
    assert "Interviews showed no-shows matter most." in history
    assert "Honoured tables per week" in old
    assert "Diners booking" in old


def test_editing_in_the_workshop_after_adoption_becomes_a_new_version():
    north_star = adopted_north_star()
    north_star.statement.metric_name = "Tidied in the room"
    north_star.statement.save()

    NorthStarVersion.objects.catch_up(north_star)

    assert [v.metric_name for v in north_star.versions.all()] == ["Honoured tables per week", "Tidied in the room"]


def test_a_draft_that_was_never_adopted_has_no_versions_and_cannot_be_revised():
    north_star = adopted_north_star()
    north_star.versions.all().delete()
    north_star.adopted_at = None
    north_star.save()
    client = client_for(north_star.workshop.facilitator)

    page = client.get(north_star.get_absolute_url())
    response = client.get(f"{north_star.get_absolute_url()}edit/")

    assert "Draft: not adopted" in page.text
    assert response.status_code == 302
    assert not north_star.versions.exists()


def test_every_page_of_a_renamed_north_star_is_titled_with_its_new_name():
    north_star = adopted_north_star()
    revise(north_star, metric_name="Weekly seated covers")
    client = client_for(north_star.workshop.facilitator)
    url = north_star.get_absolute_url()

    for page in (url, f"{url}edit/", f"{url}versions/", f"{url}versions/1/", f"{url}compare/?a=1&b=2"):
        title = re.search(r"<title>(.*?)</title>", client.get(page).content.decode(), re.S).group(1)
        expected = "Honoured tables per week" if page.endswith("versions/1/") else "Weekly seated covers"
        assert expected in title, page


def test_an_input_with_a_name_but_no_definition_is_marked_on_the_missing_field():
    north_star = adopted_north_star()

    response = revise(north_star, **{"inputs-3-name": "Reviews written"})

    page = response.content.decode()
    assert "Give this input a definition too: it has a name." in page
    field = re.search(r'<input[^>]*name="inputs-3-definition"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in field
    assert 'value="Reviews written"' in page, "what was typed is kept"
    assert north_star.versions.count() == 1
