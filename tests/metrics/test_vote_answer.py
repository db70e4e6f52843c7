"""A dot answers with what it changed on the voter's page, not their whole evaluation board."""

import re

import pytest
from django.urls import reverse

from tests.metrics.evaluation_helpers import evaluating_workshop


def dot(client, workshop, candidate, action="place"):
    url = reverse("metrics:vote", args=[workshop.code])
    return client.post(url, {"candidate": candidate.pk, "action": action}, HTTP_HX_REQUEST="true")


def place_buttons(html: str) -> list[bool]:
    """For each "Place a dot" button in the answer: is it enabled?"""
    buttons = re.findall(r'<button type="submit" name="action" value="place"[^>]*>', html)
    return ["disabled" not in button for button in buttons]


def test_a_dot_answers_with_the_counts_and_every_candidates_dot_controls(db):
    workshop, clients, (first, second) = evaluating_workshop()

    answer = dot(clients["Grace"], workshop, first).content.decode()

    assert '<p id="dots-left"' in answer
    assert 'hx-swap-oob="true"' in answer
    assert "2 of 3 dots left." in answer
    assert f'id="dots-{first.pk}"' in answer
    assert f'id="dots-{second.pk}"' in answer
    assert re.search(rf'id="dots-{first.pk}".*?Your dots here: <strong>1</strong>', answer, re.S)
    assert re.search(rf'id="dots-{second.pk}".*?Your dots here: <strong>0</strong>', answer, re.S)
    # The ratings grid and the candidates' trees are not sent again.
    assert "score-grid" not in answer
    assert "Your ratings for" not in answer


def test_the_last_dot_disables_every_place_button_and_taking_one_back_enables_them(db):
    workshop, clients, shared = evaluating_workshop(candidates=3)
    for candidate in shared[:2]:
        dot(clients["Grace"], workshop, candidate)

    last = dot(clients["Grace"], workshop, shared[2]).content.decode()
    assert "0 of 3 dots left." in last
    assert place_buttons(last) == [False, False, False]

    back = dot(clients["Grace"], workshop, shared[0], action="take").content.decode()
    assert "1 of 3 dots left." in back
    # One dot per candidate: only the candidate the dot came back from takes one again.
    assert place_buttons(back) == [True, False, False]


def test_the_answer_shows_only_the_voters_own_dots(db):
    workshop, clients, (first, _) = evaluating_workshop()
    dot(clients["Linus"], workshop, first)

    answer = dot(clients["Grace"], workshop, first, action="take").content.decode()

    assert "3 of 3 dots left." in answer, "Linus's dot is his own"
    assert re.search(rf'id="dots-{first.pk}".*?Your dots here: <strong>0</strong>', answer, re.S)


def test_the_page_and_the_answer_render_the_same_dot_controls(db):
    workshop, clients, (first, second) = evaluating_workshop()
    answer = dot(clients["Grace"], workshop, second).content.decode()
    page = clients["Grace"].get(workshop.get_participant_url()).content.decode()

    for element_id in ("dots-left", f"dots-{first.pk}", f"dots-{second.pk}"):
        in_page = re.search(rf'<[a-z]+ id="{element_id}".*?</(?:p|div)>', page, re.S).group(0)
        in_answer = re.search(rf'<[a-z]+ id="{element_id}".*?</(?:p|div)>', answer, re.S).group(0)
        assert unmasked(in_answer.replace(' hx-swap-oob="true"', "")) == unmasked(in_page)


def unmasked(html: str) -> str:
    """Each render masks the CSRF token afresh; the rest must match."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', html)


# Session; the participant with their workshop; the revealed board during the evaluation; its
# candidates' ids and names; the dot itself in one transaction (here a savepoint: lock the voter,
# read their dots, insert, release). The answer needs nothing more: the dots were read under the lock.
VOTE_QUERIES = 9


@pytest.mark.parametrize(("people", "candidates"), [(2, 2), (8, 6)])
def test_a_dot_takes_a_fixed_number_of_queries(db, django_assert_num_queries, people, candidates):
    names = [f"Person {n}" for n in range(people)]
    workshop, clients, shared = evaluating_workshop(names=names, candidates=candidates)
    dot(clients[names[0]], workshop, shared[0])

    with django_assert_num_queries(VOTE_QUERIES):
        answer = dot(clients[names[0]], workshop, shared[1])

    assert "1 of 3 dots left." in answer.content.decode()
