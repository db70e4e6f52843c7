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

    waiting = participant.get(workshop.get_participant_url()).text
    assert "Happy tables" not in waiting
    assert "1 candidate shared so far" in waiting
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


def test_the_board_read_gives_what_prefetching_gives_and_its_trees_need_no_more_queries(db, django_assert_num_queries):
    from django.db.models import Prefetch

    from metrics.live import CandidatesView
    from metrics.models import Candidate, PairMember
    from workshops.access import resolve_viewer
    from workshops.models import Participant

    workshop, facilitator, _, shared = setup_board()
    grace = Participant.objects.get(workshop=workshop, display_name="Grace")
    alone = candidate_with_inputs(2, workshop=workshop, author=grace, metric_name="Solo idea")
    merged = candidate_with_inputs(1, workshop=workshop, pair=shared.pair, metric_name="Folded in")
    Candidate.objects.filter(pk__in=[alone.pk, merged.pk]).update(shared_at=shared.shared_at)
    CandidateBoard.objects.filter(workshop=workshop).update(include_individual=True)
    facilitator.post(reverse("metrics:board_reveal", args=[workshop.code]))
    facilitator.post(
        reverse("metrics:candidate_tidy", args=[workshop.code, merged.pk]), {"action": "merge", "other": shared.pk}
    )
    board = CandidateBoard.objects.get(workshop=workshop)
    expected = list(
        Candidate.objects.on_board(board)
        .prefetch_related(
            "inputs",
            "merged_from",
            Prefetch("pair__members", queryset=PairMember.objects.select_related("participant")),
        )
        .select_related("author")
    )

    view = CandidatesView(resolve_viewer(workshop, workshop.facilitator, {}), "evaluate")
    with django_assert_num_queries(5):  # the board, its candidates, their inputs, merges, pairs' members
        found = view.shared
    with django_assert_num_queries(0):
        assert [c.pk for c in found] == [c.pk for c in expected] == [shared.pk, alone.pk]
        for mine, theirs in zip(found, expected, strict=True):
            assert [(i.pk, i.name) for i in mine.inputs.all()] == [(i.pk, i.name) for i in theirs.inputs.all()]
            assert [m.metric_name for m in mine.merged_from.all()] == [m.metric_name for m in theirs.merged_from.all()]
            assert all(i.candidate is mine for i in mine.inputs.all())
        assert found[0].merged_from.all()[0].metric_name == "Folded in"
        assert found[0].board_authors in {"Grace & Linus", "Linus & Grace"}
        assert found[1].board_authors == "Grace"
        assert found[1].pair is None
        assert "Merged in: Folded in" in view.tree(found[0])
