from django.test import Client
from django.urls import reverse

from metrics.models import Candidate
from metrics.pairing import make_pairs
from tests.factories import candidate_with_inputs, workshop_at


def paired_workshop():
    workshop = workshop_at("pair-share")
    clients = {}
    for name in ("Grace", "Linus"):
        clients[name] = Client()
        clients[name].post(workshop.get_join_url(), {"display_name": name})
    make_pairs(workshop)
    return workshop, clients


def test_partners_see_each_others_drafts_side_by_side(db):
    workshop, clients = paired_workshop()
    grace = workshop.participants.get(display_name="Grace")
    candidate_with_inputs(3, workshop=workshop, author=grace, metric_name="Tables honoured weekly")

    page = clients["Linus"].get(workshop.get_participant_url()).text

    assert "Grace’s drafts" in page
    assert "Tables honoured weekly" in page


def test_copying_a_partners_candidate_makes_a_pair_candidate(db):
    workshop, clients = paired_workshop()
    grace = workshop.participants.get(display_name="Grace")
    draft = candidate_with_inputs(4, workshop=workshop, author=grace, metric_name="Tables honoured weekly")

    clients["Linus"].post(reverse("metrics:pair_copy", args=[workshop.code]), {"candidate": draft.pk})

    copy = Candidate.objects.get(pair__isnull=False)
    assert copy.metric_name == "Tables honoured weekly"
    assert copy.inputs.count() == 4
    assert draft.inputs.count() == 4


def test_copying_one_input_into_the_pair_candidate(db):
    workshop, clients = paired_workshop()
    grace = workshop.participants.get(display_name="Grace")
    draft = candidate_with_inputs(3, workshop=workshop, author=grace)
    clients["Linus"].post(reverse("metrics:candidate_new", args=[workshop.code]), {"owner": "pair"})
    pair_candidate = Candidate.objects.get(pair__isnull=False)

    clients["Linus"].post(
        reverse("metrics:pair_copy", args=[workshop.code]),
        {"input": draft.inputs.first().pk, "into": pair_candidate.pk},
    )

    # Into the new candidate's first empty row, not after its three empty ones.
    assert list(pair_candidate.inputs.values_list("name", flat=True)) == ["Input 1", "", ""]
    assert draft.inputs.count() == 3


def test_an_input_copied_into_a_full_pair_candidate_goes_after_its_rows(db):
    workshop, clients = paired_workshop()
    grace = workshop.participants.get(display_name="Grace")
    draft = candidate_with_inputs(3, workshop=workshop, author=grace)
    clients["Linus"].post(reverse("metrics:pair_copy", args=[workshop.code]), {"candidate": draft.pk})
    pair_candidate = Candidate.objects.get(pair__isnull=False)

    clients["Linus"].post(
        reverse("metrics:pair_copy", args=[workshop.code]),
        {"input": draft.inputs.last().pk, "into": pair_candidate.pk},
    )

    assert list(pair_candidate.inputs.values_list("name", flat=True)) == ["Input 1", "Input 2", "Input 3", "Input 3"]


def test_copying_a_candidate_leaves_its_empty_rows_behind(db):
    workshop, clients = paired_workshop()
    grace = workshop.participants.get(display_name="Grace")
    draft = candidate_with_inputs(0, workshop=workshop, author=grace, metric_name="Tables honoured weekly")
    for position, name in enumerate(["", "Bookings kept", "", "Repeat diners", ""]):
        draft.inputs.create(position=position, name=name)

    clients["Linus"].post(reverse("metrics:pair_copy", args=[workshop.code]), {"candidate": draft.pk})

    copy = Candidate.objects.get(pair__isnull=False)
    # The written inputs in their order, then one empty row to reach the three a candidate starts with.
    assert list(copy.inputs.values_list("name", flat=True)) == ["Bookings kept", "Repeat diners", ""]


def test_both_partners_edit_the_pair_candidate_in_different_fields(db):
    workshop, clients = paired_workshop()
    clients["Grace"].post(reverse("metrics:candidate_new", args=[workshop.code]), {"owner": "pair"})
    candidate = Candidate.objects.get()
    url = reverse("metrics:candidate_save", args=[workshop.code, candidate.pk])

    clients["Grace"].post(url, {"field": "metric_name", "metric_name": "Happy tables", "base": ""})
    clients["Linus"].post(url, {"field": "metric_definition", "metric_definition": "Honoured bookings", "base": ""})

    candidate.refresh_from_db()
    assert (candidate.metric_name, candidate.metric_definition) == ("Happy tables", "Honoured bookings")


def test_someone_outside_the_pair_cannot_see_or_edit_its_candidate(db):
    workshop, clients = paired_workshop()
    clients["Grace"].post(reverse("metrics:candidate_new", args=[workshop.code]), {"owner": "pair"})
    candidate = Candidate.objects.get()
    outsider = Client()
    outsider.post(workshop.get_join_url(), {"display_name": "Outsider"})

    response = outsider.post(
        reverse("metrics:candidate_save", args=[workshop.code, candidate.pk]),
        {"field": "metric_name", "metric_name": "Mine now", "base": ""},
    )

    assert response.status_code == 404
    assert f"c{candidate.pk}-metric_name" not in outsider.get(workshop.get_participant_url()).text
