import pytest

from accounts.models import Team
from tests.factories import UserFactory, WorkshopFactory
from tests.library.helpers import adopted_north_star, client_for, ended_workshop, member_of

pytestmark = pytest.mark.django_db


def test_a_facilitators_workshop_belongs_to_their_personal_team():
    workshop = WorkshopFactory()

    assert workshop.team.has_member(workshop.facilitator)
    assert workshop.team.name == f"{workshop.facilitator.name}’s team"


def test_the_north_star_belongs_to_the_team_of_its_workshop():
    north_star = adopted_north_star()

    assert north_star.team == north_star.workshop.team


def test_a_team_member_sees_the_north_star_tree():
    north_star = adopted_north_star()
    colleague = member_of(north_star.team)

    page = client_for(colleague).get(north_star.get_absolute_url())

    assert page.status_code == 200
    assert "Honoured tables per week" in page.text
    for name in ("Diners booking", "Repeat visits", "Tables filled"):
        assert name in page.text


def test_someone_outside_the_team_gets_not_found_everywhere():
    north_star = adopted_north_star()
    stranger = client_for(UserFactory())
    workshop = north_star.workshop

    for url in (
        north_star.get_absolute_url(),
        f"{north_star.get_absolute_url()}versions/",
        f"{north_star.get_absolute_url()}edit/",
        f"{north_star.get_absolute_url()}north-star.json",
        f"{north_star.get_absolute_url()}north-star.md",
        workshop.get_record_url(),
        north_star.team.get_absolute_url(),
        f"{north_star.team.get_absolute_url()}members/",
    ):
        assert stranger.get(url).status_code == 404, url


def test_a_stranger_cannot_post_to_a_north_star_either():
    north_star = adopted_north_star()
    stranger = client_for(UserFactory())

    response = stranger.post(f"{north_star.get_absolute_url()}share/", {"action": "create"})

    assert response.status_code == 404
    assert not north_star.share_links.exists()


def test_a_team_member_may_run_the_teams_workshop():
    workshop = WorkshopFactory()
    colleague = member_of(workshop.team)

    assert client_for(colleague).get(workshop.get_absolute_url()).status_code == 200


def test_a_member_of_another_team_may_not_run_it():
    workshop = WorkshopFactory()
    other = member_of(Team.objects.create(name="Elsewhere"))

    assert client_for(other).get(workshop.get_absolute_url()).status_code == 404


def test_a_new_workshop_goes_to_the_team_chosen_in_the_form():
    user = UserFactory()
    team = Team.objects.create(name="Growth")
    team.add_member(user)
    client = client_for(user)

    client.post("/workshops/new/", {"title": "Q3 workshop", "product": "TableTime", "agenda": "60", "team": team.slug})

    assert team.workshops.get().title == "Q3 workshop"


def test_the_ended_workshop_thank_you_page_points_a_team_member_to_the_record():
    workshop = ended_workshop()
    colleague = member_of(workshop.team)

    page = client_for(colleague).get(workshop.get_join_url())

    assert workshop.get_record_url() in page.text
