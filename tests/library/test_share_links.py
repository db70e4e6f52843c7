import pytest
from django.test import Client

from tests.library.helpers import adopted_north_star, client_for

pytestmark = pytest.mark.django_db


def test_a_share_link_shows_the_tree_read_only_to_anyone():
    north_star = adopted_north_star()
    client_for(north_star.workshop.facilitator).post(f"{north_star.get_absolute_url()}share/", {"action": "create"})
    link = north_star.share_links.get()

    page = Client().get(link.get_absolute_url())

    assert page.status_code == 200
    assert "Honoured tables per week" in page.text
    assert "Diners booking" in page.text
    assert "<form" not in page.text
    assert "Revise" not in page.text


def test_a_revoked_share_link_stops_working():
    north_star = adopted_north_star()
    facilitator = client_for(north_star.workshop.facilitator)
    facilitator.post(f"{north_star.get_absolute_url()}share/", {"action": "create"})
    link = north_star.share_links.get()

    facilitator.post(f"{north_star.get_absolute_url()}share/", {"action": "revoke"})

    assert Client().get(link.get_absolute_url()).status_code == 404


def test_a_made_up_share_token_finds_nothing():
    adopted_north_star()

    assert Client().get("/shared/not-a-real-token/").status_code == 404
