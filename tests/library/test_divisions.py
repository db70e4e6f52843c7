import pytest

from library.models import Division
from tests.library.helpers import adopted_north_star, client_for, member_of

pytestmark = pytest.mark.django_db


def set_division(client, north_star, name):
    return client.post(f"{north_star.get_absolute_url()}division/", {"name": name})


def team_page(client, team) -> str:
    return client.get(team.get_absolute_url()).content.decode()


def two_north_stars():
    first = adopted_north_star(metric_name="Honoured tables per week")
    second = adopted_north_star(metric_name="Restaurants with a full Tuesday")
    second.team = first.team
    second.save()
    return first, second


def test_two_north_stars_in_one_product_line_are_warned_about():
    first, _ = two_north_stars()
    client = client_for(member_of(first.team))

    html = team_page(client, first.team)

    assert "The whole product has 2 adopted North Stars:" in html


def test_north_stars_in_separate_divisions_stand_side_by_side_without_a_warning():
    first, second = two_north_stars()
    client = client_for(member_of(first.team))

    set_division(client, first, "Diners")
    set_division(client, second, "  Restaurants ")

    html = team_page(client, first.team)
    assert "adopted North Stars:" not in html
    assert html.index(">Diners</h3>") < html.index("Honoured tables per week") < html.index(">Restaurants</h3>")
    assert html.index(">Restaurants</h3>") < html.index("Restaurants with a full Tuesday")


def test_a_division_named_twice_in_other_case_is_one_product_line():
    first, second = two_north_stars()
    client = client_for(member_of(first.team))

    set_division(client, first, "Diners")
    set_division(client, second, "diners")

    assert "iners has 2 adopted North Stars:" in team_page(client, first.team)  # as either spelled it


def test_a_blank_division_puts_the_north_star_back_on_the_whole_product():
    north_star = adopted_north_star()
    client = client_for(member_of(north_star.team))
    set_division(client, north_star, "Diners")

    set_division(client, north_star, "")

    assert not Division.objects.exists()
    assert "This North Star is for the whole product." in client.get(north_star.get_absolute_url()).content.decode()
