import pytest
from django.urls import reverse

from tests.factories import GamePickFactory, ParticipantFactory, workshop_at
from tests.workshops.helpers import HTMX, facilitator_browser, page_text, participant_browser
from workshops.models import Game, GamePick, Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop():
    return workshop_at("game")


def pick(client, workshop, game):
    return client.post(reverse("workshops:game_pick", args=[workshop.code]), {"game": game}, **HTMX)


def reveal(workshop, hide=False):
    data = {"hide": "1"} if hide else {}
    return facilitator_browser(workshop).post(reverse("workshops:game_reveal", args=[workshop.code]), data, **HTMX)


def every_page(workshop, *participants):
    yield page_text(facilitator_browser(workshop), workshop.get_absolute_url())
    yield page_text(facilitator_browser(workshop), f"{workshop.get_absolute_url()}present/")
    for participant in participants:
        yield page_text(participant_browser(participant), workshop.get_participant_url())


def test_a_participant_picks_a_game_and_may_change_it(workshop):
    grace = ParticipantFactory(workshop=workshop)
    browser = participant_browser(grace)

    pick(browser, workshop, "transaction")
    response = pick(browser, workshop, "productivity")

    assert GamePick.objects.get(participant=grace).game == Game.PRODUCTIVITY
    assert "You picked Productivity" in response.content.decode()


def test_an_unknown_game_is_refused_with_a_message(workshop):
    grace = ParticipantFactory(workshop=workshop)

    response = pick(participant_browser(grace), workshop, "vibes")

    assert "Choose one of the three games." in response.content.decode()
    assert not GamePick.objects.exists()


def test_an_observer_cannot_pick(workshop):
    olivia = ParticipantFactory(workshop=workshop, role=Participant.Role.OBSERVER)

    response = pick(participant_browser(olivia), workshop, "attention")

    assert response.status_code == 403
    assert not GamePick.objects.exists()


def test_before_the_reveal_no_page_shows_anyone_elses_pick(workshop):
    grace = ParticipantFactory(workshop=workshop, display_name="Grace")
    linus = ParticipantFactory(workshop=workshop, display_name="Linus")
    olivia = ParticipantFactory(workshop=workshop, role=Participant.Role.OBSERVER)
    GamePickFactory(participant=grace, game=Game.PRODUCTIVITY)

    for body in every_page(workshop, linus, olivia):
        assert "1 of 2 have picked." in body
        assert "How the group picked" not in body
        assert "%)" not in body
        assert "You picked" not in body
        assert 'value="productivity" required checked' not in body


def test_the_facilitator_sees_how_many_have_picked_but_not_what(workshop):
    for game in (Game.ATTENTION, Game.ATTENTION, Game.TRANSACTION):
        GamePickFactory(participant=ParticipantFactory(workshop=workshop), game=game)

    body = page_text(facilitator_browser(workshop), workshop.get_absolute_url())

    assert "3 of 3 have picked." in body
    assert "bar-row" not in body


def test_after_the_reveal_every_page_shows_the_distribution_as_text(workshop):
    people = [ParticipantFactory(workshop=workshop) for _ in range(3)]
    for person, game in zip(people, (Game.ATTENTION, Game.ATTENTION, Game.TRANSACTION), strict=True):
        GamePickFactory(participant=person, game=game)

    response = reveal(workshop)

    assert response.status_code == 200
    for body in every_page(workshop, people[0]):
        assert "How the group picked" in body
        assert "3 picks from 3 participants" in body
        assert "2 picks (67%)" in body
        assert "1 pick (33%)" in body
        assert "0 picks (0%)" in body


def test_the_facilitator_can_hide_the_picks_again(workshop):
    GamePickFactory(participant=ParticipantFactory(workshop=workshop))
    reveal(workshop)

    reveal(workshop, hide=True)

    workshop.refresh_from_db()
    assert not workshop.picks_revealed


def test_picks_close_once_revealed(workshop):
    grace = ParticipantFactory(workshop=workshop)
    reveal(workshop)

    response = pick(participant_browser(grace), workshop, "attention")

    assert response.status_code == 403
    assert not GamePick.objects.exists()


def test_a_participant_cannot_reveal(workshop):
    grace = ParticipantFactory(workshop=workshop)

    response = participant_browser(grace).post(reverse("workshops:game_reveal", args=[workshop.code]))

    assert response.status_code == 403
    workshop.refresh_from_db()
    assert not workshop.picks_revealed
