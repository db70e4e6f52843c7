from django.urls import reverse

from metrics.models import Candidate
from tests.factories import ParticipantFactory, workshop_at


def new_candidate(client, workshop, **data):
    client.post(reverse("metrics:candidate_new", args=[workshop.code]), data)
    return Candidate.objects.latest("pk")


def save(client, workshop, candidate, field, value, **extra):
    return client.post(
        reverse("metrics:candidate_save", args=[workshop.code, candidate.pk]),
        {"field": field, field: value, **extra},
        headers={"HX-Request": "true"},
    )


def test_a_participant_starts_a_private_candidate_with_three_inputs(brainstorm, join):
    grace = join(brainstorm, "Grace")

    candidate = new_candidate(grace, brainstorm)

    assert candidate.author.display_name == "Grace"
    assert candidate.inputs.count() == 3
    page = grace.get(brainstorm.get_participant_url()).text
    assert f'id="c{candidate.pk}-metric_name"' in page
    # A definition holds up to 300 characters: a box of its own lines, readable on a phone.
    first = candidate.inputs.first()
    assert f'<textarea id="c{candidate.pk}-{first.definition_field}"' in page


def test_a_field_saves_as_the_person_types(brainstorm, join):
    grace = join(brainstorm, "Grace")
    candidate = new_candidate(grace, brainstorm)

    response = save(grace, brainstorm, candidate, "metric_name", "  Weekly happy diners ", base="")

    candidate.refresh_from_db()
    assert candidate.metric_name == "Weekly happy diners"
    assert "Saved" in response.text


def test_an_input_field_saves_too(brainstorm, join):
    grace = join(brainstorm, "Grace")
    candidate = new_candidate(grace, brainstorm)
    item = candidate.inputs.first()

    save(grace, brainstorm, candidate, f"i{item.pk}-definition", "Diners booking twice a month", base="")
    save(grace, brainstorm, candidate, f"i{item.pk}-heuristic", "frequency", base="")

    item.refresh_from_db()
    assert (item.definition, item.heuristic) == ("Diners booking twice a month", "frequency")


def test_over_long_text_is_refused_with_a_clear_message(brainstorm, join):
    grace = join(brainstorm, "Grace")
    candidate = new_candidate(grace, brainstorm)

    response = save(grace, brainstorm, candidate, "metric_name", "x" * 81, base="")

    assert "Keep the metric name under 80 characters (it has 81)." in response.text
    candidate.refresh_from_db()
    assert candidate.metric_name == ""


def test_control_characters_are_dropped(brainstorm, join):
    grace = join(brainstorm, "Grace")
    candidate = new_candidate(grace, brainstorm)

    save(grace, brainstorm, candidate, "metric_name", "Happy\x00 diners\x07", base="")

    candidate.refresh_from_db()
    assert candidate.metric_name == "Happy diners"


def test_a_save_from_stale_text_does_not_silently_replace_newer_words(brainstorm, join):
    grace = join(brainstorm, "Grace")
    candidate = new_candidate(grace, brainstorm)
    save(grace, brainstorm, candidate, "metric_name", "Happy diners", base="")

    response = save(grace, brainstorm, candidate, "metric_name", "Booked tables", base="")

    candidate.refresh_from_db()
    assert candidate.metric_name == "Happy diners"
    assert "Someone else changed this while you typed" in response.text
    assert "fieldRefused" in response["HX-Trigger"]


def test_a_vanity_metric_gets_a_gentle_warning_without_blocking(brainstorm, join):
    grace = join(brainstorm, "Grace")
    candidate = new_candidate(grace, brainstorm)

    response = save(grace, brainstorm, candidate, "metric_name", "Monthly active users", base="")

    candidate.refresh_from_db()
    assert candidate.metric_name == "Monthly active users"
    assert "Could this be a vanity metric?" in response.text
    assert "Could this be a vanity metric?" in grace.get(brainstorm.get_participant_url()).text


def test_a_participant_may_write_several_candidates(brainstorm, join):
    grace = join(brainstorm, "Grace")

    new_candidate(grace, brainstorm)
    new_candidate(grace, brainstorm)

    assert Candidate.objects.filter(author__display_name="Grace").count() == 2


def test_nobody_else_can_edit_my_draft(brainstorm, join):
    grace, linus = join(brainstorm, "Grace"), join(brainstorm, "Linus")
    candidate = new_candidate(grace, brainstorm)

    response = save(linus, brainstorm, candidate, "metric_name", "Hijacked", base="")

    assert response.status_code == 404
    candidate.refresh_from_db()
    assert candidate.metric_name == ""


def test_a_draft_id_that_names_no_draft_is_not_found(brainstorm, join):
    grace = join(brainstorm, "Grace")
    other_workshop = workshop_at("brainstorm")
    theirs = Candidate.objects.create(workshop=other_workshop, author=ParticipantFactory(workshop=other_workshop))

    for candidate_id in (theirs.pk, 2**70):
        response = grace.post(
            f"/w/{brainstorm.code}/candidates/{candidate_id}/",
            {"field": "metric_name", "metric_name": "Hijacked"},
            headers={"hx-request": "true"},
        )
        assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.metric_name == ""


def test_observers_cannot_write_candidates(brainstorm, join):
    olive = join(brainstorm, "Olive", observer="on")

    response = olive.post(reverse("metrics:candidate_new", args=[brainstorm.code]))

    assert response.status_code == 403
    assert not Candidate.objects.exists()


def test_inputs_can_be_added_and_removed(brainstorm, join):
    grace = join(brainstorm, "Grace")
    candidate = new_candidate(grace, brainstorm)

    grace.post(reverse("metrics:input_add", args=[brainstorm.code, candidate.pk]))
    grace.post(reverse("metrics:input_remove", args=[brainstorm.code, candidate.inputs.first().pk]))

    assert candidate.inputs.count() == 3


def test_a_draft_stops_taking_inputs_at_eight_and_its_button_says_so(brainstorm, join):
    grace = join(brainstorm, "Grace")
    candidate = new_candidate(grace, brainstorm)
    add = reverse("metrics:input_add", args=[brainstorm.code, candidate.pk])
    for _ in range(6):
        grace.post(add)

    assert candidate.inputs.count() == 8
    page = grace.get(brainstorm.get_participant_url()).text
    assert f'formaction="{add}" hx-post="{add}" hx-swap="none" disabled>Add an input</button>' in page


def test_without_javascript_the_whole_form_saves(brainstorm, join):
    grace = join(brainstorm, "Grace")
    candidate = new_candidate(grace, brainstorm)
    item = candidate.inputs.first()

    grace.post(
        reverse("metrics:candidate_save", args=[brainstorm.code, candidate.pk]),
        {"metric_name": "Happy diners", "metric_definition": "Bookings honoured", f"i{item.pk}-name": "Bookers"},
    )

    candidate.refresh_from_db()
    item.refresh_from_db()
    assert (candidate.metric_name, candidate.metric_definition, item.name) == (
        "Happy diners",
        "Bookings honoured",
        "Bookers",
    )
