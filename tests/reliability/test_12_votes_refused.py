"""Issue 9, test 12: votes and scores for another workshop's candidate, a missing id, or outside the
voting segment are refused, and nothing is recorded."""

import pytest
from django.urls import reverse
from django.utils import timezone

from metrics.converge import CRITERIA
from metrics.models import CandidateBoard, Score, Vote
from tests.metrics.evaluation_helpers import evaluating_workshop
from tests.reliability.helpers import database_snapshot

pytestmark = pytest.mark.reliability

A_CRITERION = next(iter(CRITERIA))


def attempts(workshop, grace, candidate_id) -> dict[str, int]:
    vote = grace.post(reverse("metrics:vote", args=[workshop.code]), {"candidate": candidate_id, "action": "place"})
    score = grace.post(reverse("metrics:score", args=[workshop.code]), {"candidate": candidate_id, A_CRITERION: "2"})
    return {"vote": vote.status_code, "score": score.status_code}


def test_a_candidate_of_another_workshop_is_refused(db):
    workshop, clients, _ = evaluating_workshop()
    _, _, elsewhere = evaluating_workshop()
    before = database_snapshot()

    assert attempts(workshop, clients["Grace"], elsewhere[0].pk) == {"vote": 404, "score": 404}
    assert database_snapshot() == before


@pytest.mark.parametrize("candidate_id", ["999999", "", "abc", "1 OR 1=1", "-1", "1e9", "1.0"])
def test_a_missing_or_malformed_id_is_refused(db, candidate_id):
    workshop, clients, _ = evaluating_workshop()
    before = database_snapshot()

    assert attempts(workshop, clients["Grace"], candidate_id) == {"vote": 404, "score": 404}
    assert database_snapshot() == before


def test_outside_the_evaluation_segment_voting_is_refused(db):
    workshop, clients, shared = evaluating_workshop()
    workshop.go_to(workshop.segments.get(kind="converge"), timezone.now())
    before = database_snapshot()

    assert attempts(workshop, clients["Grace"], shared[0].pk) == {"vote": 403, "score": 403}
    assert database_snapshot() == before


def test_after_the_reveal_voting_and_scoring_are_closed(db):
    workshop, clients, shared = evaluating_workshop()
    CandidateBoard.objects.filter(workshop=workshop).update(
        votes_revealed_at=timezone.now(), scores_revealed_at=timezone.now()
    )

    assert attempts(workshop, clients["Grace"], shared[0].pk) == {"vote": 403, "score": 403}
    assert not Vote.objects.exists()
    assert not Score.objects.exists()


def test_the_same_vote_in_the_right_place_is_recorded(db):
    """The refusals above are not a broken endpoint: here the same requests count."""
    workshop, clients, shared = evaluating_workshop()

    assert attempts(workshop, clients["Grace"], shared[0].pk) == {"vote": 302, "score": 302}
    assert Vote.objects.filter(participant__display_name="Grace").count() == 1
    assert Score.objects.filter(participant__display_name="Grace").count() == 1
