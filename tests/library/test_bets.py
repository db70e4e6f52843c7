import pytest

from library.models import Bet
from tests.library.helpers import adopted_north_star, client_for, member_of
from tests.library.test_versions import revise

pytestmark = pytest.mark.django_db


def place(client, north_star, **fields):
    key = north_star.versions.last().data.inputs[0].key
    data = {
        "input_key": key,
        "level": "2",
        "title": "Smoother first booking",
        "hypothesis": "If we cut the booking form to one step, more diners will book.",
        "status": "next",
        "link": "",
    } | fields
    return client.post(f"{north_star.get_absolute_url()}bets/", data)


def test_a_team_member_places_a_bet_and_the_tree_shows_it_under_its_input():
    north_star = adopted_north_star()
    client = client_for(member_of(north_star.team))

    place(client, north_star, link="https://tracker.example/T-12")
    page = client.get(north_star.get_absolute_url()).text

    bet = Bet.objects.get()
    assert (bet.level, bet.status, bet.link) == (2, "next", "https://tracker.example/T-12")
    branch = page.split(f'id="input-{bet.input_key}"')[1].split("</li>\n    \n")[0]
    assert "Smoother first booking" in branch
    assert "If we cut the booking form to one step" in branch


@pytest.mark.parametrize("link", ["javascript:alert(1)", "ftp://files.example/plan"])
def test_a_bet_link_must_be_a_web_address(link):
    north_star = adopted_north_star()

    response = place(client_for(north_star.workshop.facilitator), north_star, link=link)

    assert response.status_code == 400
    assert not Bet.objects.exists()


def test_a_bet_needs_a_hypothesis():
    north_star = adopted_north_star()

    response = place(client_for(north_star.workshop.facilitator), north_star, hypothesis="")

    assert response.status_code == 400
    assert not Bet.objects.exists()
    # The page comes back at the form, saying so, with the form's problems under it.
    assert "The bet was not added yet: see what to fix below." in response.text
    assert 'bets/#add-bet"' in response.text


def test_a_bet_moves_through_its_statuses_and_can_be_removed():
    north_star = adopted_north_star()
    client = client_for(north_star.workshop.facilitator)
    place(client, north_star)
    bet = Bet.objects.get()

    client.post(f"{north_star.get_absolute_url()}bets/{bet.pk}/", {"status": "in-review"})
    bet.refresh_from_db()
    assert bet.get_status_display() == "In review"

    client.post(f"{north_star.get_absolute_url()}bets/{bet.pk}/", {"remove": "1"})
    assert not Bet.objects.exists()


def test_a_bet_of_another_north_star_cannot_be_touched_through_this_one():
    mine, theirs = adopted_north_star(), adopted_north_star()
    place(client_for(theirs.workshop.facilitator), theirs)
    bet = Bet.objects.get()

    response = client_for(mine.workshop.facilitator).post(f"{mine.get_absolute_url()}bets/{bet.pk}/", {"remove": "1"})

    assert response.status_code == 404
    assert Bet.objects.exists()


def test_reloading_the_address_a_refused_bet_left_goes_back_to_the_tree():
    north_star = adopted_north_star()

    response = client_for(north_star.workshop.facilitator).get(f"{north_star.get_absolute_url()}bets/")

    assert response.status_code == 302
    assert response.url == f"{north_star.get_absolute_url()}#add-bet"


def replace_the_last_input(north_star):
    """A revision that removes the third input and adds another in its place."""
    revise(
        north_star,
        **{
            "inputs-2-DELETE": "on",
            "inputs-3-name": "Reviews written",
            "inputs-3-definition": "Diners who review the visit.",
        },
    )


def test_a_bet_on_an_input_that_was_removed_can_still_be_updated_and_removed():
    north_star = adopted_north_star()
    client = client_for(north_star.workshop.facilitator)
    place(client, north_star, input_key=north_star.versions.last().data.inputs[2].key)
    replace_the_last_input(north_star)
    bet = Bet.objects.get()

    page = client.get(north_star.get_absolute_url()).text

    assert "Bets on inputs that were removed" in page
    assert 'aria-label="Update the status of Smoother first booking"' in page
    response = client.post(f"{north_star.get_absolute_url()}bets/{bet.pk}/", {"status": "done"})
    assert response.url.endswith("#detached-bets")
    bet.refresh_from_db()
    assert bet.status == "done"
    client.post(f"{north_star.get_absolute_url()}bets/{bet.pk}/", {"remove": "1"})
    assert not Bet.objects.exists()
    assert "Bets on inputs that were removed" not in client.get(north_star.get_absolute_url()).text


def test_only_inputs_from_the_workshop_link_to_where_they_came_from():
    north_star = adopted_north_star()
    client = client_for(north_star.workshop.facilitator)
    replace_the_last_input(north_star)

    page = client.get(north_star.get_absolute_url()).text

    assert page.count("Where it came from") == 2
    assert 'Where it came from<span class="visually-hidden">: Reviews written' not in page
