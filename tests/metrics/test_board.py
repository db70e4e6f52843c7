from django.test import Client
from django.urls import reverse

from metrics.models import CandidateBoard
from metrics.pairing import make_pairs
from tests.factories import candidate_with_inputs, workshop_at


def setup_board(anonymous=False):
    workshop = workshop_at("evaluate")
    participant = Client()
    participant.post(workshop.get_join_url(), {"display_name": "Grace"})
    other = Client()
    other.post(workshop.get_join_url(), {"display_name": "Linus"})
    pair = make_pairs(workshop)[0]
    CandidateBoard.objects.create(workshop=workshop, anonymous=anonymous)
    shared = candidate_with_inputs(3, workshop=workshop, pair=pair, metric_name="Happy tables")
    shared.shared_at = shared.created_at
    shared.save()
    facilitator = Client()
    facilitator.force_login(workshop.facilitator)
    return workshop, facilitator, participant, shared


def test_the_board_stays_hidden_until_the_facilitator_reveals_it(db):
    workshop, facilitator, participant, _ = setup_board()

    assert "Happy tables" not in participant.get(workshop.get_participant_url()).text
    facilitator.post(reverse("metrics:board_reveal", args=[workshop.code]))

    page = participant.get(workshop.get_participant_url()).text
    assert "Happy tables" in page
    assert "By Grace &amp; Linus" in page or "By Linus &amp; Grace" in page


def test_an_anonymous_board_never_shows_authors(db):
    workshop, facilitator, participant, _ = setup_board(anonymous=True)

    facilitator.post(reverse("metrics:board_reveal", args=[workshop.code]))

    page = participant.get(workshop.get_participant_url()).text
    assert "Happy tables" in page
    assert "By Grace" not in page
    assert "By Linus" not in page


def test_the_presenter_view_shows_the_revealed_board(db):
    workshop, facilitator, _, _ = setup_board()
    facilitator.post(reverse("metrics:board_reveal", args=[workshop.code]))

    assert "Happy tables" in facilitator.get(reverse("workshops:present", args=[workshop.code])).text


def test_merging_and_marking_duplicates_keeps_the_board_readable(db):
    workshop, facilitator, participant, shared = setup_board()
    twin = candidate_with_inputs(3, workshop=workshop, pair=shared.pair, metric_name="Happy tables again")
    twin.shared_at = twin.created_at
    twin.save()
    third = candidate_with_inputs(3, workshop=workshop, pair=shared.pair, metric_name="Repeat diners")
    third.shared_at = third.created_at
    third.save()
    facilitator.post(reverse("metrics:board_reveal", args=[workshop.code]))
    tidy = reverse("metrics:candidate_tidy", args=[workshop.code, twin.pk])

    facilitator.post(tidy, {"action": "duplicate", "other": shared.pk})
    third_tidy = reverse("metrics:candidate_tidy", args=[workshop.code, third.pk])
    facilitator.post(third_tidy, {"action": "merge", "other": shared.pk})

    page = participant.get(workshop.get_participant_url()).text
    assert "Happy tables again" not in page
    assert "Merged in: Repeat diners" in page
