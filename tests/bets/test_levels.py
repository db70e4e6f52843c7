"""Bets form a tree: each level hangs where the Playbook says, and its review date follows its horizon."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from library.models import Bet, BetLevelProblem
from tests.bets.helpers import board_with_a_member, input_keys, opportunity
from tests.library.helpers import adopted_north_star

pytestmark = pytest.mark.django_db


def test_an_intervention_must_hang_off_an_opportunity():
    north_star = adopted_north_star()
    bet = Bet(north_star=north_star, level=Bet.Level.INTERVENTION, input_key=input_keys(north_star)[0], title="x")
    with pytest.raises(BetLevelProblem, match="hangs off an opportunity"):
        bet.check_level()


def test_a_bet_hangs_only_one_level_below_its_parent():
    north_star = adopted_north_star()
    parent = opportunity(north_star, "Forgotten bookings")
    bet = Bet(north_star=north_star, level=Bet.Level.OPPORTUNITY, parent=parent, title="x")
    with pytest.raises(BetLevelProblem, match="level-2 bet hangs off a level-1 bet"):
        bet.check_level()


def test_an_intervention_takes_its_opportunitys_input():
    north_star = adopted_north_star()
    parent = opportunity(north_star, "Forgotten bookings", input_key=input_keys(north_star)[1])
    bet = Bet(north_star=north_star, level=Bet.Level.INTERVENTION, parent=parent, title="SMS reminder")
    bet.check_level()
    assert bet.input_key == input_keys(north_star)[1]


def test_level_zero_hangs_off_nothing_and_has_no_input():
    north_star = adopted_north_star()
    results = Bet(north_star=north_star, level=Bet.Level.RESULTS, input_key="k1", title="Renewals")
    results.check_level()
    assert results.input_key == ""
    level_one = Bet.objects.create(north_star=north_star, level=1, input_key=input_keys(north_star)[0], title="a")
    with pytest.raises(BetLevelProblem, match="hangs off nothing"):
        Bet(north_star=north_star, level=Bet.Level.RESULTS, parent=level_one, title="x").check_level()


def test_an_input_bet_needs_its_input():
    north_star = adopted_north_star()
    with pytest.raises(BetLevelProblem, match="needs the input"):
        Bet(north_star=north_star, level=Bet.Level.INPUT, title="x").check_level()


@pytest.mark.parametrize(("level", "days"), [(0, 365), (1, 91), (2, 30), (3, 14)])
def test_the_default_review_date_follows_the_levels_horizon(level, days):
    north_star = adopted_north_star()
    bet = Bet.objects.create(north_star=north_star, level=level, input_key="k", title="x", hypothesis="y")
    assert bet.review_on == timezone.localdate() + dt.timedelta(days=days)


def test_the_one_pager_form_refuses_an_intervention_without_an_opportunity():
    north_star, _, client, _, _ = board_with_a_member(interventions=0)
    response = client.post(
        reverse("bets:new", args=[north_star.key]),
        {"level": 3, "title": "SMS reminder", "hypothesis": "If we remind …", "expected_direction": "up"},
    )
    assert response.status_code == 400
    assert "An intervention (level 3) hangs off an opportunity (level 2)" in response.content.decode()
    assert not north_star.bets.filter(title="SMS reminder").exists()


def test_the_one_pager_form_writes_a_whole_bet():
    north_star, _, client, parent, _ = board_with_a_member(interventions=0)
    response = client.post(
        reverse("bets:new", args=[north_star.key]),
        {
            "level": 3,
            "parent": parent.pk,
            "title": "SMS reminder",
            "problem": "Diners forget their booking",
            "for_whom": "Diners who booked a week ahead",
            "evidence": "A third of no-shows say they forgot",
            "hypothesis": "If we remind them the day before, more will come",
            "expected_direction": "up",
            "expected_size": "12,5",
            "expected_by": "2026-06-01",
            "owner": "Team Tables",
            "link": "tracker.example.com/T-12",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    bet = north_star.bets.get(title="SMS reminder")
    assert bet.parent == parent
    assert bet.input_key == parent.input_key
    assert str(bet.expected_size) == "12.5000"
    assert bet.link == "https://tracker.example.com/T-12"
    assert bet.review_on == timezone.localdate() + dt.timedelta(days=14)
    page = client.get(response["Location"]).content.decode()
    assert "Diners who booked a week ahead" in page
    assert "Team Tables" in page
    assert "<dd>Diners booking</dd>" in page
