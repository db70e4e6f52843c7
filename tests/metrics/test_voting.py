from django.urls import reverse

from metrics.models import Vote
from tests.metrics.evaluation_helpers import evaluating_workshop


def dot(client, workshop, candidate, action="place", htmx=False):
    headers = {"HX-Request": "true"} if htmx else {}
    url = reverse("metrics:vote", args=[workshop.code])
    return client.post(url, {"candidate": candidate.pk, "action": action}, headers=headers)


def test_placing_dots_counts_down_what_is_left(db):
    workshop, clients, (first, second) = evaluating_workshop()

    dot(clients["Grace"], workshop, first)
    dot(clients["Grace"], workshop, second)

    assert Vote.objects.count() == 2
    assert "1 of 3 dots left." in clients["Grace"].get(workshop.get_participant_url()).text


def test_no_more_dots_than_allowed(db):
    workshop, clients, shared = evaluating_workshop(candidates=4)

    for candidate in shared:
        dot(clients["Grace"], workshop, candidate)

    assert Vote.objects.count() == 3
    assert "0 of 3 dots left." in clients["Grace"].get(workshop.get_participant_url()).text


def test_one_dot_per_candidate_unless_the_facilitator_allows_more(db):
    workshop, clients, (first, _) = evaluating_workshop()
    dot(clients["Grace"], workshop, first)
    dot(clients["Grace"], workshop, first)
    assert Vote.objects.count() == 1

    clients["facilitator"].post(
        reverse("metrics:voting_settings", args=[workshop.code]),
        {"dots_per_person": "5", "several_dots_per_candidate": "on"},
    )
    dot(clients["Grace"], workshop, first)
    dot(clients["Grace"], workshop, first)

    assert Vote.objects.filter(candidate=first).count() == 3
    assert "2 of 5 dots left." in clients["Grace"].get(workshop.get_participant_url()).text


def test_taking_a_dot_back(db):
    workshop, clients, (first, _) = evaluating_workshop()
    dot(clients["Grace"], workshop, first)

    dot(clients["Grace"], workshop, first, action="take")

    assert not Vote.objects.exists()


def test_dots_stay_hidden_until_the_reveal_then_rank_the_candidates(db):
    workshop, clients, (first, second) = evaluating_workshop()
    dot(clients["Grace"], workshop, second)
    dot(clients["Linus"], workshop, second)
    dot(clients["Linus"], workshop, first)

    before = clients["Grace"].get(workshop.get_participant_url()).text
    assert "2 dots" not in before
    assert 'id="ranking-title"' not in before

    clients["facilitator"].post(reverse("metrics:reveal", args=[workshop.code, "votes"]))

    page = clients["Grace"].get(workshop.get_participant_url()).text
    ranking = page[page.index('id="ranking-title"') :]
    assert ranking.index("Candidate 2") < ranking.index("Candidate 1")
    assert "2 dots" in ranking


def test_voting_closes_once_the_dots_are_revealed(db):
    workshop, clients, (first, _) = evaluating_workshop()
    clients["facilitator"].post(reverse("metrics:reveal", args=[workshop.code, "votes"]))

    assert dot(clients["Grace"], workshop, first).status_code == 403


def test_the_facilitator_refuses_zero_dots_with_a_message(db):
    workshop, clients, _ = evaluating_workshop()

    clients["facilitator"].post(reverse("metrics:voting_settings", args=[workshop.code]), {"dots_per_person": "0"})

    assert workshop.candidate_board.dots_per_person == 3


def test_dots_outside_the_evaluation_or_off_the_board_are_refused(db):
    workshop, clients, (first, _) = evaluating_workshop()
    _, _, (foreign, _) = evaluating_workshop()
    url = reverse("metrics:vote", args=[workshop.code])

    assert dot(clients["Grace"], workshop, foreign).status_code == 404
    assert clients["Grace"].post(url, {"candidate": "first", "action": "place"}).status_code == 404
    clients["facilitator"].post(
        reverse("workshops:go", args=[workshop.code]),
        {"from_segment": workshop.current_segment_id, "direction": "next"},
    )
    assert dot(clients["Grace"], workshop, first).status_code == 403
    assert not Vote.objects.exists()


def test_taking_back_a_dot_that_is_not_there_changes_nothing(db):
    workshop, clients, (first, second) = evaluating_workshop()
    dot(clients["Grace"], workshop, first)

    answer = dot(clients["Grace"], workshop, second, action="take", htmx=True)

    assert "2 of 3 dots left." in answer.text
    assert list(Vote.objects.values_list("candidate_id", flat=True)) == [first.pk]


def test_a_refused_dot_says_why_and_a_candidate_with_my_dot_offers_no_second(db):
    workshop, clients, (first, second) = evaluating_workshop()
    dot(clients["Grace"], workshop, first)

    answer = dot(clients["Grace"], workshop, first, htmx=True)

    assert Vote.objects.count() == 1
    assert "Not placed: One dot per candidate in this workshop." in answer.text
    assert "2 of 3 dots left." in answer.text
    # Only the candidate that already has Grace's dot refuses another.
    assert f'disabled aria-label="Place a dot on {first.metric_name}"' in answer.text
    assert f'class="small primary" aria-label="Place a dot on {second.metric_name}"' in answer.text


def test_with_more_dots_than_candidates_the_page_says_when_the_last_useful_dot_is_placed(db):
    workshop, clients, (first, second) = evaluating_workshop()  # 3 dots, 2 candidates, one dot each

    page = clients["Grace"].get(workshop.get_participant_url()).text
    assert "3 of 3 dots left." in page
    assert "you can place 2 more, one on each candidate without your dot." in page

    dot(clients["Grace"], workshop, first)
    answer = dot(clients["Grace"], workshop, second, htmx=True).text

    assert "1 of 3 dots left." in answer
    assert "every candidate has one of yours, so you are done." in answer


def test_after_the_ratings_are_revealed_the_page_no_longer_says_they_are_hidden(db):
    workshop, clients, _ = evaluating_workshop()
    hidden = "Nobody sees your ratings or dots until the facilitator reveals them."
    assert hidden in clients["Grace"].get(workshop.get_participant_url()).text

    clients["facilitator"].post(reverse("metrics:reveal", args=[workshop.code, "scores"]))

    page = clients["Grace"].get(workshop.get_participant_url()).text
    assert hidden not in page
    assert "The ratings are revealed; nobody sees your dots until the facilitator reveals them." in page
