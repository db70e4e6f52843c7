import re

import pytest

from accounts.models import Team
from tests.factories import WorkshopFactory
from tests.library.helpers import adopted_north_star, client_for, ended_workshop, member_of
from workshops.models import Workshop

pytestmark = pytest.mark.django_db


def test_the_team_home_lists_north_stars_and_workshops_by_state():
    north_star = adopted_north_star()
    team = north_star.team
    facilitator = north_star.workshop.facilitator
    WorkshopFactory(facilitator=facilitator, title="Next quarter")
    WorkshopFactory(facilitator=facilitator, title="Running now", state=Workshop.State.LIVE)

    page = client_for(member_of(team)).get(team.get_absolute_url()).text

    assert "Honoured tables per week" in page
    assert "Version 1" in page
    assert north_star.workshop.title in page
    upcoming, ended = page.split("<h3>Upcoming</h3>")[1], page.split("<h3>Ended</h3>")[1]
    assert "Next quarter" in upcoming.split("<h3>")[0]
    assert "Running now" in page.split("<h3>Live now</h3>")[1].split("<h3>")[0]
    assert north_star.workshop.title in ended


def test_searching_the_library_finds_north_stars_by_input_and_workshops_by_title():
    north_star = adopted_north_star()
    team = north_star.team
    ended_workshop(facilitator=north_star.workshop.facilitator, title="Pricing offsite")
    client = client_for(north_star.workshop.facilitator)

    by_input = client.get(team.get_absolute_url(), {"q": "repeat visits"}).text
    by_title = client.get(team.get_absolute_url(), {"q": "pricing"}).text

    assert "Honoured tables per week" in by_input
    assert "Pricing offsite" not in by_input
    assert "Pricing offsite" in by_title
    assert "No North Star matches “pricing”." in by_title


def test_the_library_of_one_team_shows_nothing_of_another():
    mine, _theirs = adopted_north_star(metric_name="Mine"), adopted_north_star(metric_name="Theirs")

    page = client_for(mine.workshop.facilitator).get(mine.team.get_absolute_url()).text

    assert "Mine" in page
    assert "Theirs" not in page


def test_the_team_page_lists_the_persons_other_teams_without_a_stray_comma():
    person = member_of(Team.objects.create(name="Zebra squad"), display_name="Carol")
    Team.objects.create(name="Alpha crew").add_member(person)
    Team.objects.create(name="Mid team").add_member(person)
    last = Team.objects.get(name="Zebra squad")  # teams sort by name: the page of the last one

    page = client_for(person).get(last.get_absolute_url()).text

    others = re.search(r"Other teams: (.*?)</p>", page).group(1)
    assert re.sub(r"<[^>]+>", "", others) == "Alpha crew, Mid team"
