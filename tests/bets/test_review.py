"""A bet's review: the input's numbers before and after it started, against the expected effect; the outcome."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from bets.review import before_after
from library.models import Bet
from tests.bets.helpers import board_with_a_member
from tests.measures.scorecards import MONDAY, measured, weekly

pytestmark = pytest.mark.django_db


def started_bet(**fields):
    north_star, _member, client, _parent, cards = board_with_a_member(interventions=1)
    bet = cards[0]
    for name, value in {"started_on": MONDAY + dt.timedelta(weeks=4, days=2), **fields}.items():
        setattr(bet, name, value)
    bet.save()
    return north_star, client, bet


def test_the_figures_compare_the_periods_before_and_after_the_start():
    north_star, _, bet = started_bet(expected_size=Decimal("5"), expected_by=dt.date(2026, 3, 1))
    measure = measured(north_star, bet.input_key, unit="diners")
    weekly(north_star, measure, ["10", "12", "11", "13", "18", "20", "19"])

    review = before_after(bet)

    assert [value for _, value in review.before] == [10, 12, 11, 13]
    assert [value for _, value in review.after] == [18, 20, 19]
    assert review.before_mean == Decimal("11.50")
    assert review.after_mean == Decimal("19.00")
    assert review.change == Decimal("7.50")
    assert review.expected_level == Decimal("16.50")
    assert "went up by 7.5 diners" in review.words
    assert "expected up 5 diners by 1 Mar 2026" in review.words
    assert "as much as expected or more" in review.words


def test_a_smaller_move_than_expected_says_so():
    north_star, _, bet = started_bet(expected_size=Decimal("10"))
    measure = measured(north_star, bet.input_key)
    weekly(north_star, measure, ["10", "10", "10", "10", "12", "13"])
    assert "less than expected" in before_after(bet).words


def test_an_expected_fall_is_met_by_a_fall():
    north_star, _, bet = started_bet(expected_size=Decimal("2"), expected_direction=Bet.Direction.DOWN)
    measure = measured(north_star, bet.input_key)
    weekly(north_star, measure, ["10", "10", "10", "10", "7", "7"])
    review = before_after(bet)
    assert review.expected_change == Decimal("-2")
    assert "went down by 3" in review.words
    assert "as much as expected or more" in review.words


def test_a_bet_whose_input_has_no_numbers_says_so():
    _, client, bet = started_bet()
    assert before_after(bet).words.startswith("This input has no numbers")
    bet.status = Bet.Status.IN_REVIEW
    bet.save()
    page = client.get(reverse("bets:bet", args=[bet.north_star.key, bet.pk])).content.decode()
    assert "This input has no numbers" in page
    assert "<svg" not in page


def test_a_measure_without_values_since_the_start_says_so():
    north_star, _, bet = started_bet()
    weekly(north_star, measured(north_star, bet.input_key), ["10", "12"])
    assert before_after(bet).words == "There are no numbers since the bet started yet."


def test_the_review_page_draws_the_start_and_the_expected_line():
    north_star, client, bet = started_bet(expected_size=Decimal("5"), status=Bet.Status.IN_REVIEW)
    weekly(north_star, measured(north_star, bet.input_key), ["10", "12", "11", "13", "18", "20"])
    page = client.get(reverse("bets:bet", args=[north_star.key, bet.pk])).content.decode()
    assert 'class="chart-start"' in page
    assert 'class="chart-expected"' in page
    assert "Record the outcome" in page


def test_an_outcome_is_recorded_and_shows_on_the_scorecard():
    north_star, client, bet = started_bet(status=Bet.Status.IN_REVIEW)
    url = reverse("bets:bet", args=[north_star.key, bet.pk])
    refused = client.post(url, {"learning": "Hard to say"})
    assert "Say whether it worked" in refused.content.decode()

    client.post(url, {"outcome": "worked", "learning": "Reminders the day before work best"})

    bet.refresh_from_db()
    assert bet.outcome == Bet.Outcome.WORKED
    scorecard = client.get(reverse("measures:scorecard", args=[north_star.key])).content.decode()
    assert "Card 1: it worked. Learned: Reminders the day before work best" in scorecard


def test_an_outcome_shows_on_the_north_stars_page():
    north_star, client, _ = started_bet(status=Bet.Status.DONE, outcome="did-not", learning="Nobody reads SMS")
    page = client.get(north_star.get_absolute_url()).content.decode()
    assert "Outcome: it did not." in page
    assert "Learned: Nobody reads SMS" in page
