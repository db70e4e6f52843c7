"""The dots as a ranked bar chart on every page that shows them, and nowhere before the reveal."""

import re

from django.urls import reverse

from metrics.models import Score
from tests.metrics.evaluation_helpers import evaluating_workshop
from tests.metrics.test_voting import dot


def ranked_rows(page: str) -> list[tuple[str, str, str]]:
    """(rank, candidate, dots) for each row of the dots chart, in the order the page shows them."""
    chart = page[page.index('id="ranking-title"') :]
    chart = chart[: chart.index("</ol>")]
    return re.findall(
        r'class="bar-rank">(?:<span class="visually-hidden">joint </span>)?(\d+)\.</span>\s*'
        r'<span class="bar-label">([^<]+)</span>.*?ranking-count">([^<]+)</span>',
        chart,
        re.S,
    )


def test_every_page_ranks_the_candidates_by_their_dots_once_revealed(db):
    workshop, clients, (_, second, third) = evaluating_workshop(candidates=3)
    dot(clients["Grace"], workshop, second)
    dot(clients["Linus"], workshop, second)
    dot(clients["Linus"], workshop, third)
    clients["facilitator"].post(reverse("metrics:reveal", args=[workshop.code, "votes"]))

    pages = {
        "participant": clients["Grace"].get(workshop.get_participant_url()).text,
        "facilitator": clients["facilitator"].get(workshop.get_absolute_url()).text,
        "projector": clients["facilitator"].get(reverse("workshops:present", args=[workshop.code])).text,
    }
    for name, page in pages.items():
        assert ranked_rows(page) == [
            ("1", "Candidate 2", "2 dots"),
            ("2", "Candidate 3", "1 dot"),
            ("3", "Candidate 1", "0 dots"),
        ], name
        assert 'class="bar-fill w-100"' in page, name  # the most dots fill their track


def test_candidates_with_as_many_dots_share_their_rank(db):
    workshop, clients, (first, second) = evaluating_workshop()
    dot(clients["Grace"], workshop, second)
    dot(clients["Linus"], workshop, first)
    clients["facilitator"].post(reverse("metrics:reveal", args=[workshop.code, "votes"]))

    page = clients["Grace"].get(workshop.get_participant_url()).text

    assert ranked_rows(page) == [("1", "Candidate 1", "1 dot"), ("1", "Candidate 2", "1 dot")]
    assert "joint " in page


def test_before_the_reveal_a_participant_page_carries_no_dots_and_no_scores(db):
    workshop, clients, (first, second) = evaluating_workshop()
    dot(clients["Grace"], workshop, second)
    dot(clients["Linus"], workshop, second)
    Score.objects.create(
        participant=workshop.participants.get(display_name="Linus"), candidate=first, criterion="value", value=2
    )

    page = clients["Grace"].get(workshop.get_participant_url()).text

    assert 'id="ranking-title"' not in page
    assert "bar-fill" not in page
    assert "2 dots" not in page
    assert "How the group rated each candidate" not in page
    assert "heat-" not in page
