"""The precise-definition answers and the revisit-by date: asked when adopting and revising, kept in each version."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from library.exports import ImportProblem, export_document, validate_snapshot
from library.snapshot import Snapshot, changes
from metrics.definition import revisit_by_default
from tests.library.helpers import adopted_north_star, client_for
from tests.library.test_versions import edit_data
from tests.metrics.test_converge import converging, start

OLD = {
    "metric": {"name": "Honoured tables per week", "definition": "Bookings where the diners came."},
    "game": "transaction",
    "inputs": [{"key": "i1", "name": "Diners booking", "definition": "People who book.", "heuristic": "breadth"}],
}


def test_a_snapshot_saved_before_the_questions_reads_as_unanswered():
    data = Snapshot(OLD)

    assert data.definition_answers == {}
    assert data.answered_questions == []
    assert data.revisit_by is None
    assert data.revisit_signal == ""


def test_answers_and_the_revisit_date_are_read_in_the_questions_order():
    data = Snapshot(
        OLD
        | {
            "definition_answers": {"revisit_signal": "Renewals fall while tables rise.", "decisions": "Roadmap."},
            "revisit": {"stage": "early", "by": "2027-01-31"},
        }
    )

    assert data.answered_questions == [
        ("Which decisions will this metric help us make?", "Roadmap."),
        ("What would tell us it is time to revisit this North Star?", "Renewals fall while tables rise."),
    ]
    assert data.revisit_by == date(2027, 1, 31)
    assert data.revisit_signal == "Renewals fall while tables rise."


def test_the_diff_shows_answers_and_the_revisit_date_that_changed():
    before = Snapshot(OLD)
    after = Snapshot(
        OLD
        | {
            "definition_answers": {"seasonality": "December doubles it."},
            "revisit": {"stage": "growth", "by": "2027-06-01"},
        }
    )

    found = [(c.what, c.before, c.after) for c in changes(before, after)]

    assert found == [
        ("Answer changed: How do seasons, holidays or the calendar move it?", "", "December doubles it."),
        ("Company stage changed", "", "Growing: scaling what works"),
        ("Revisit-by date changed", "", "2027-06-01"),
    ]


def test_an_old_snapshot_compared_with_itself_has_no_changes():
    assert changes(Snapshot(OLD), Snapshot(dict(OLD))) == []


def test_the_revisit_date_follows_the_company_stage():
    assert revisit_by_default(date(2026, 8, 31), "early") == date(2027, 2, 28)
    assert revisit_by_default(date(2026, 3, 15), "growth") == date(2027, 3, 15)
    assert revisit_by_default(date(2026, 3, 15), "") == date(2027, 3, 15)


@pytest.mark.django_db
def test_answers_given_before_adopting_are_in_version_one(db):
    workshop, clients, (first, _) = converging()
    north_star = start(clients, workshop, first)

    response = clients["facilitator"].post(
        reverse("metrics:north_star_definition", args=[workshop.code]),
        {"company_stage": "early", "decisions": "Which bets to fund.", "revisit_signal": "Tables rise, renewals fall."},
    )
    clients["facilitator"].post(reverse("metrics:north_star_adopt", args=[workshop.code]))

    assert response.status_code in (200, 302)
    data = north_star.versions.get().data
    assert data.definition_answers == {
        "decisions": "Which bets to fund.",
        "revisit_signal": "Tables rise, renewals fall.",
    }
    assert data.company_stage == "early"
    assert data.revisit_by == revisit_by_default(timezone.localdate(), "early")


@pytest.mark.django_db
def test_an_answer_too_long_is_refused_before_adopting(db):
    workshop, clients, (first, _) = converging()
    north_star = start(clients, workshop, first)

    response = clients["facilitator"].post(
        reverse("metrics:north_star_definition", args=[workshop.code]), {"decisions": "x" * 501}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 400
    assert "at most 500 characters" in response.content.decode()
    north_star.refresh_from_db()
    assert north_star.definition_answers == {}


@pytest.mark.django_db
def test_revising_answers_the_questions_again_and_sets_the_revisit_date():
    north_star = adopted_north_star()
    client = client_for(north_star.workshop.facilitator)

    response = client.post(
        reverse("library:edit", args=[north_star.key]),
        edit_data(north_star, company_stage="growth", revisit_by="2027-04-30", cohorts="Yes, by signup month."),
    )

    assert response.status_code == 302
    data = north_star.versions.last().data
    assert data.revisit_by == date(2027, 4, 30)
    assert data.definition_answers == {"cohorts": "Yes, by signup month."}
    page = client.get(north_star.get_absolute_url()).content.decode()
    assert "Revisit by <strong>30 April 2027</strong>" in page
    assert "Yes, by signup month." in page
    compare = client.get(reverse("library:diff", args=[north_star.key]), {"a": 1, "b": 2}).content.decode()
    assert "Answer changed: Can we compare it across cohorts, segments and time?" in compare


@pytest.mark.django_db
def test_a_revision_with_only_the_stage_gets_the_stage_default_date():
    north_star = adopted_north_star()

    client_for(north_star.workshop.facilitator).post(
        reverse("library:edit", args=[north_star.key]), edit_data(north_star, company_stage="early")
    )

    assert north_star.versions.last().data.revisit_by == revisit_by_default(timezone.localdate(), "early")


@pytest.mark.django_db
def test_the_answers_travel_in_the_json_export_and_are_checked_on_import():
    north_star = adopted_north_star()
    client_for(north_star.workshop.facilitator).post(
        reverse("library:edit", args=[north_star.key]), edit_data(north_star, seasonality="Summer is quiet.")
    )

    document = export_document(north_star)

    assert document["north_star"]["current"]["definition_answers"] == {"seasonality": "Summer is quiet."}
    one_pager = client_for(north_star.workshop.facilitator).get(
        reverse("library:export_markdown", args=[north_star.key])
    )
    assert "**How do seasons, holidays or the calendar move it?** Summer is quiet." in one_pager.content.decode()
    validate_snapshot(document["north_star"]["current"], "the current version")


def test_an_import_refuses_a_revisit_date_that_is_no_date():
    inputs = [{"key": f"i{n}", "name": f"I{n}", "definition": "d", "heuristic": ""} for n in range(3)]
    with pytest.raises(ImportProblem, match="revisit-by date"):
        validate_snapshot(OLD | {"inputs": inputs, "revisit": {"stage": "", "by": "soon"}}, "the current version")
    with pytest.raises(ImportProblem, match="question we do not know"):
        validate_snapshot(OLD | {"inputs": inputs, "definition_answers": {"astrology": "?"}}, "the current version")
