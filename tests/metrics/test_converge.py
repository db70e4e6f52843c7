import pytest
from django.urls import reverse
from django.utils import timezone

from metrics.models import Candidate, Initiative, Input, NorthStar, Opportunity
from tests.metrics.evaluation_helpers import evaluating_workshop


def converging():
    workshop, clients, shared = evaluating_workshop()
    workshop.go_to(workshop.segments.get(kind="converge"), timezone.now())
    return workshop, clients, shared


def start(clients, workshop, candidate=None):
    data = {"candidate": candidate.pk} if candidate else {}
    clients["facilitator"].post(reverse("metrics:north_star_start", args=[workshop.code]), data)
    return NorthStar.objects.select_related("statement").get(workshop=workshop)


def save(clients, workshop, field, value):
    return clients["facilitator"].post(
        reverse("metrics:north_star_save", args=[workshop.code]), {"field": field, field: value}
    )


def test_the_team_north_star_starts_as_a_copy_of_a_chosen_candidate(db):
    workshop, clients, (first, _) = converging()

    north_star = start(clients, workshop, first)

    statement = north_star.statement
    assert statement.pk != first.pk
    assert statement.is_team
    assert (statement.metric_name, statement.inputs.count()) == ("Candidate 1", 3)
    assert list(north_star.built_from.all()) == [first]


def test_the_facilitator_edits_it_and_everyone_sees_it_take_shape(db):
    workshop, clients, (first, _) = converging()
    north_star = start(clients, workshop, first)
    item = north_star.statement.inputs.first()

    save(clients, workshop, "metric_name", "Honoured tables per week")
    save(clients, workshop, f"i{item.pk}-name", "Diners booking")
    save(clients, workshop, "game", "transaction")
    save(clients, workshop, "business_results", "More restaurants renew")
    save(clients, workshop, "open_questions", "Do no-shows count?")

    page = clients["Grace"].get(workshop.get_participant_url()).text
    assert "Honoured tables per week" in page
    assert "The team’s North Star (draft)" in page
    assert "Transaction game" in page
    assert "We believe Honoured tables per week is a function of Diners booking, Input 2 and Input 3." in page
    assert "More restaurants renew" in page
    assert "Do no-shows count?" in page


def test_a_participant_cannot_edit_the_team_north_star(db):
    workshop, clients, (first, _) = converging()
    start(clients, workshop, first)

    response = clients["Grace"].post(
        reverse("metrics:north_star_save", args=[workshop.code]), {"field": "metric_name", "metric_name": "Mine"}
    )

    assert response.status_code == 403


@pytest.mark.parametrize(
    ("inputs", "message"),
    [(2, "at least 3 inputs; this one has 2"), (6, "at most 5 inputs; this one has 6")],
)
def test_adoption_needs_three_to_five_inputs(db, inputs, message):
    workshop, clients, (first, _) = converging()
    north_star = start(clients, workshop, first)
    statement = north_star.statement
    statement.inputs.all().delete()
    for position in range(inputs):
        Input.objects.create(candidate=statement, position=position, name=f"I{position}", definition="d")

    response = clients["facilitator"].post(
        reverse("metrics:north_star_adopt", args=[workshop.code]), headers={"HX-Request": "true"}
    )

    assert message in response.text
    north_star.refresh_from_db()
    assert not north_star.is_adopted


def test_adoption_needs_definitions(db):
    workshop, clients, (first, _) = converging()
    north_star = start(clients, workshop, first)
    save(clients, workshop, "metric_definition", "")
    north_star.statement.inputs.filter(position=0).update(definition="")

    response = clients["facilitator"].post(
        reverse("metrics:north_star_adopt", args=[workshop.code]), headers={"HX-Request": "true"}
    )

    assert "Say precisely how the metric is measured (its definition)." in response.text
    assert "Input 1 needs a name and a definition." in response.text


def test_adopting_shows_our_north_star_to_everyone(db):
    workshop, clients, (first, second) = converging()
    start(clients, workshop, first)
    clients["facilitator"].post(reverse("metrics:north_star_runner_up", args=[workshop.code]), {"candidate": second.pk})

    clients["facilitator"].post(reverse("metrics:north_star_adopt", args=[workshop.code]))

    north_star = NorthStar.objects.get()
    assert north_star.is_adopted
    assert list(north_star.runners_up.all()) == [second]
    page = clients["Linus"].get(workshop.get_participant_url()).text
    assert "Our North Star" in page
    assert "Kept for reference: Candidate 2" in page


def test_starting_again_replaces_the_draft_but_not_an_adopted_north_star(db):
    workshop, clients, (first, second) = converging()
    start(clients, workshop, first)
    north_star = start(clients, workshop, second)
    assert north_star.statement.metric_name == "Candidate 2"
    assert Candidate.objects.filter(is_team=True).count() == 1

    clients["facilitator"].post(reverse("metrics:north_star_adopt", args=[workshop.code]))
    response = clients["facilitator"].post(
        reverse("metrics:north_star_start", args=[workshop.code]), {"candidate": first.pk}
    )

    assert response.status_code == 403


def test_the_greenfield_round_counts_opportunities_per_input(db):
    workshop, clients, (first, _) = converging()
    north_star = start(clients, workshop, first)
    item = north_star.statement.inputs.first()
    clients["facilitator"].post(reverse("metrics:greenfield_start", args=[workshop.code]), {"input": item.pk})

    for text in ("Remind diners the day before", "Waitlist for full evenings"):
        clients["Grace"].post(reverse("metrics:opportunity_add", args=[workshop.code]), {"text": text})

    assert Opportunity.objects.filter(item=item).count() == 2
    assert "2 opportunities" in clients["Linus"].get(workshop.get_participant_url()).text


def test_no_opportunities_after_the_two_minutes(db):
    workshop, clients, (first, _) = converging()
    north_star = start(clients, workshop, first)
    north_star.greenfield_input = north_star.statement.inputs.first()
    north_star.greenfield_ends_at = timezone.now()
    north_star.save()

    response = clients["Grace"].post(reverse("metrics:opportunity_add", args=[workshop.code]), {"text": "Late idea"})

    assert response.status_code == 403
    assert not Opportunity.objects.exists()


def test_the_roadmap_check_links_initiatives_to_inputs_or_flags_them(db):
    workshop, clients, (first, _) = converging()
    north_star = start(clients, workshop, first)
    item = north_star.statement.inputs.first()
    url = reverse("metrics:initiative", args=[workshop.code])

    clients["facilitator"].post(url, {"name": "Reminder texts", "input": item.pk})
    clients["facilitator"].post(url, {"name": "New logo", "input": ""})

    assert Initiative.objects.get(name="Reminder texts").item == item
    page = clients["Grace"].get(workshop.get_participant_url()).text
    assert "not linked to any input" in page


def test_an_overlong_opportunity_or_initiative_is_refused_with_its_limit_not_cut(db):
    workshop, clients, (first, _) = converging()
    north_star = start(clients, workshop, first)
    item = north_star.statement.inputs.first()
    clients["facilitator"].post(reverse("metrics:greenfield_start", args=[workshop.code]), {"input": item.pk})

    opportunity = clients["Grace"].post(
        reverse("metrics:opportunity_add", args=[workshop.code]), {"text": "x" * 201}, headers={"HX-Request": "true"}
    )
    initiative = clients["facilitator"].post(
        reverse("metrics:initiative", args=[workshop.code]),
        {"name": "y" * 121, "input": item.pk},
        headers={"HX-Request": "true"},
    )

    assert opportunity.status_code == 400
    assert 'id="opportunity-error"' in opportunity.text
    assert "at most 200 characters (it has 201)" in opportunity.text
    assert initiative.status_code == 400
    assert "at most 120 characters (it has 121)" in initiative.text
    assert not Opportunity.objects.exists()
    assert not Initiative.objects.exists()


def test_an_initiative_for_an_input_that_is_gone_is_refused_in_words(db):
    workshop, clients, (first, _) = converging()
    start(clients, workshop, first)

    response = clients["facilitator"].post(
        reverse("metrics:initiative", args=[workshop.code]),
        {"name": "Reminder texts", "input": "999999"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 400
    assert "That input is no longer in the North Star." in response.text
    assert not Initiative.objects.exists()


def test_without_javascript_the_facilitator_saves_the_whole_north_star_form(db):
    workshop, clients, (first, _) = converging()
    north_star = start(clients, workshop, first)
    item = north_star.statement.inputs.first()

    clients["facilitator"].post(
        reverse("metrics:north_star_save", args=[workshop.code]),
        {"metric_name": "Honoured tables", f"i{item.pk}-name": "Bookers", "open_questions": "No-shows?"},
    )

    north_star.refresh_from_db()
    north_star.statement.refresh_from_db()
    item.refresh_from_db()
    assert (north_star.statement.metric_name, item.name, north_star.open_questions) == (
        "Honoured tables",
        "Bookers",
        "No-shows?",
    )


def adopted(clients, workshop, candidate):
    north_star = start(clients, workshop, candidate)
    clients["facilitator"].post(reverse("metrics:north_star_adopt", args=[workshop.code]))
    north_star.refresh_from_db()
    assert north_star.is_adopted
    return north_star


def test_an_adopted_north_star_is_read_only_in_the_workshop_and_the_page_says_where_to_change_it(db):
    workshop, clients, (first, _) = converging()
    north_star = adopted(clients, workshop, first)

    page = clients["facilitator"].get(workshop.get_absolute_url()).text

    assert "It is read-only here now" in page
    assert f'href="{reverse("library:edit", args=[north_star.key])}"' in page
    assert "Adopt this as our North Star" not in page
    assert 'name="metric_name"' not in page, "no field to type into"


def test_a_post_that_changes_an_adopted_north_star_is_refused_with_a_message_and_changes_nothing(db):
    workshop, clients, (first, second) = converging()
    north_star = adopted(clients, workshop, first)
    statement = north_star.statement
    item = statement.inputs.first()
    before = (statement.metric_name, item.name, north_star.business_results, statement.inputs.count())
    url = lambda name: reverse(f"metrics:{name}", args=[workshop.code])  # noqa: E731

    typed = save(clients, workshop, "metric_name", "Renamed after adoption")
    htmx = clients["facilitator"].post(
        url("north_star_save"),
        {"field": f"i{item.pk}-name", f"i{item.pk}-name": "Renamed input"},
        headers={"HX-Request": "true"},
    )
    save(clients, workshop, "business_results", "Something else")
    clients["facilitator"].post(url("north_star_input"), {})
    clients["facilitator"].post(url("north_star_runner_up"), {"candidate": second.pk})

    assert "no longer changes here" in htmx.text
    assert typed.status_code == 302
    page = clients["facilitator"].get(typed["Location"]).text
    assert "The team has adopted this North Star, so it no longer changes here." in page
    north_star.refresh_from_db()
    statement.refresh_from_db()
    item.refresh_from_db()
    after = (statement.metric_name, item.name, north_star.business_results, statement.inputs.count())
    assert after == before
    assert not north_star.runners_up.exists()
    assert north_star.versions.count() == 1
