"""The vanity-metric hint follows a candidate onto the board and into the heatmap, not only the draft."""

from django.urls import reverse
from django.utils import timezone

from metrics.models import CandidateBoard
from tests.metrics.evaluation_helpers import evaluating_workshop

HINT = "Page views rise with confusing navigation too."


def test_a_shared_vanity_metric_carries_the_hint_on_the_board_and_in_the_heatmap(db):
    workshop, clients, (first, _) = evaluating_workshop()
    first.metric_name = "Page views per week"
    first.save()

    board = clients["Grace"].get(workshop.get_participant_url()).text
    assert "Could this be a vanity metric?" in board
    assert board.count(HINT) == 1  # on the one candidate that sounds like one

    CandidateBoard.objects.filter(workshop=workshop).update(scores_revealed_at=timezone.now())
    for page in (
        clients["Grace"].get(workshop.get_participant_url()).text,
        clients["facilitator"].get(reverse("workshops:present", args=[workshop.code])).text,
    ):
        heatmap = page[page.index('id="heatmap-caption"') :]
        assert "(could be a vanity metric)" in heatmap
        assert HINT in heatmap
