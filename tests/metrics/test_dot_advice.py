"""Dot voting adapts to the board: the facilitator hears before the vote when dots would go unused."""

import pytest
from django.urls import reverse

from metrics.evaluation import dot_advice
from tests.metrics.evaluation_helpers import evaluating_workshop


def test_five_dots_on_two_candidates_advise_two_dots_or_stacking():
    advice = dot_advice(5, 2, several_per_candidate=False)

    assert advice is not None
    assert advice.fewer_dots == 2
    assert "The board has 2 candidates and everyone has 5 dots" in advice.message
    assert "Give everyone 2 dots" in advice.message
    assert "several dots on one candidate" in advice.message


def test_one_candidate_and_three_dots_advise_a_single_dot():
    advice = dot_advice(3, 1, several_per_candidate=False)

    assert advice is not None
    assert advice.fewer_dots == 1
    assert "The board has 1 candidate and" in advice.message
    assert "Give everyone 1 dot," in advice.message


@pytest.mark.parametrize(
    ("dots", "candidates", "several"),
    [
        (3, 3, False),  # every dot can be placed
        (3, 8, False),  # the usual case: more candidates than dots
        (5, 2, True),  # stacking: every dot can be placed on a small board
        (3, 0, False),  # nothing on the board yet: nothing to advise about dots
    ],
)
def test_no_advice_when_every_dot_can_be_placed(dots, candidates, several):
    assert dot_advice(dots, candidates, several_per_candidate=several) is None


def test_the_facilitator_is_told_before_the_vote_and_takes_the_advice(db):
    workshop, clients, _ = evaluating_workshop(dots_per_person=5)

    page = clients["facilitator"].get(workshop.get_absolute_url()).text
    participant_page = clients["Grace"].get(workshop.get_participant_url()).text
    clients["facilitator"].post(reverse("metrics:voting_settings", args=[workshop.code]), {"dots_per_person": "2"})
    after = clients["facilitator"].get(workshop.get_absolute_url()).text

    assert "The dots do not suit this board" in page
    assert "Give everyone 2 dots" in page
    assert "Keep 5 dots, several allowed on one candidate" in page
    assert "The dots do not suit this board" not in participant_page
    workshop.candidate_board.refresh_from_db()
    assert workshop.candidate_board.dots_per_person == 2
    assert "The dots do not suit this board" not in after
