"""The bets board: moves keep the force-ranked order, and work-in-progress limits refuse with a message."""

import pytest
from django.urls import reverse

from bets.models import ColumnLimit
from library.models import Bet
from tests.bets.helpers import board_with_a_member, column
from tests.factories import UserFactory
from tests.library.helpers import client_for

pytestmark = pytest.mark.django_db

TRYING = Bet.Status.IN_PROGRESS


def move(client, north_star, bet, status, *, follow=False, **extra):
    url = reverse("bets:move", args=[north_star.key, bet.pk])
    return client.post(url, {"status": status, **extra}, follow=follow)


def test_the_board_shows_each_lanes_columns_in_its_own_words():
    north_star, _, client, _, _ = board_with_a_member()
    page = client.get(reverse("bets:board", args=[north_star.key])).content.decode()
    for words in ("To try", "Trying", "Review", "Done", "Next", "Focusing"):
        assert f">{words} <span" in page
    assert page.index("Card 1") < page.index("Card 2") < page.index("Card 3")
    assert "Move to Trying" in page


def test_a_move_lands_in_the_column_and_records_when_the_bet_started():
    north_star, _, client, _, cards = board_with_a_member()
    response = move(client, north_star, cards[1], TRYING)
    assert response.status_code == 302
    cards[1].refresh_from_db()
    assert cards[1].status == TRYING
    assert cards[1].started_on is not None
    assert column(north_star, 3, TRYING) == ["Card 2"]


def test_the_rank_order_is_kept_across_moves():
    north_star, _, client, _, cards = board_with_a_member(interventions=4)
    for card in (cards[3], cards[0], cards[2]):
        move(client, north_star, card, TRYING)
    assert column(north_star, 3, TRYING) == ["Card 1", "Card 3", "Card 4"]
    move(client, north_star, cards[0], Bet.Status.NEXT)
    assert column(north_star, 3, Bet.Status.NEXT) == ["Card 1", "Card 2"]


def test_a_card_dropped_before_another_ranks_above_it():
    north_star, _, client, _, cards = board_with_a_member()
    move(client, north_star, cards[2], Bet.Status.NEXT, before=cards[0].pk)
    assert column(north_star, 3, Bet.Status.NEXT) == ["Card 3", "Card 1", "Card 2"]
    ranks = list(north_star.bets.filter(level=3).values_list("rank", flat=True))
    assert ranks == [1, 2, 3]


def test_move_up_and_down_swap_neighbours_in_a_column():
    north_star, _, client, _, cards = board_with_a_member()
    client.post(reverse("bets:move_up", args=[north_star.key, cards[2].pk]))
    assert column(north_star, 3, Bet.Status.NEXT) == ["Card 1", "Card 3", "Card 2"]
    client.post(reverse("bets:move_down", args=[north_star.key, cards[0].pk]))
    assert column(north_star, 3, Bet.Status.NEXT) == ["Card 3", "Card 1", "Card 2"]


def test_moving_the_first_card_up_says_it_is_first():
    north_star, _, client, _, cards = board_with_a_member()
    response = client.post(reverse("bets:move_up", args=[north_star.key, cards[0].pk]), follow=True)
    assert "“Card 1” is already first in its column." in response.content.decode()


def test_a_move_past_the_limit_is_refused_with_a_message():
    north_star, _, client, _, cards = board_with_a_member()
    ColumnLimit.objects.create(north_star=north_star, level=3, status=TRYING, limit=1)
    move(client, north_star, cards[0], TRYING)
    response = move(client, north_star, cards[1], TRYING, follow=True)
    assert "“Trying” already holds 1 of at most 1" in response.content.decode()
    assert column(north_star, 3, TRYING) == ["Card 1"]


def test_an_htmx_move_answers_with_the_board_and_the_refusal():
    north_star, _, client, _, cards = board_with_a_member()
    ColumnLimit.objects.create(north_star=north_star, level=3, status=TRYING, limit=1)
    move(client, north_star, cards[0], TRYING)
    response = client.post(
        reverse("bets:move", args=[north_star.key, cards[1].pk]), {"status": TRYING}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert 'id="board"' in body
    assert 'id="board-problem"' in body
    assert "move one out of “Trying” before adding “Card 2”" in body


def test_limits_are_set_on_the_board_and_a_bad_one_is_explained():
    north_star, _, client, _, _ = board_with_a_member()
    url = reverse("bets:limits", args=[north_star.key])
    assert client.post(url, {"limit_3_in_progress": "3", "limit_2_in_progress": ""}).status_code == 302
    assert ColumnLimit.objects.get(north_star=north_star, level=3, status=TRYING).limit == 3
    response = client.post(url, {"limit_3_in_progress": "0"})
    assert response.status_code == 400
    assert "A limit is at least 1" in response.content.decode()


def test_a_stranger_cannot_see_or_move_the_board():
    north_star, _, _, _, cards = board_with_a_member()
    stranger = client_for(UserFactory.create())
    assert stranger.get(reverse("bets:board", args=[north_star.key])).status_code == 404
    assert move(stranger, north_star, cards[0], TRYING).status_code == 404
    cards[0].refresh_from_db()
    assert cards[0].status == Bet.Status.NEXT


def test_a_bet_of_another_north_star_cannot_be_moved_from_this_board():
    north_star, _member, client, _, _ = board_with_a_member()
    _, _, _, _, others = board_with_a_member()
    response = move(client, north_star, others[0], TRYING, follow=True)
    assert "That bet is no longer on this board." in response.content.decode()
    others[0].refresh_from_db()
    assert others[0].status == Bet.Status.NEXT
