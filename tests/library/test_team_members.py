"""A team's owners rename it and remove members; anyone may leave, as long as the team keeps an owner."""

import pytest
from django.urls import reverse

from accounts.models import Membership, Team
from tests.factories import UserFactory
from tests.library.helpers import client_for, member_of

pytestmark = pytest.mark.django_db


def a_team():
    owner = UserFactory(display_name="Ada")
    team = Team.default_for(owner)  # Ada's own team: she is its owner
    return team, owner, member_of(team, display_name="Bob")


def members_url(team):
    return reverse("library:members", args=[team.slug])


def test_an_owner_renames_the_team_and_an_empty_name_is_refused_in_words():
    team, ada, _ = a_team()
    client = client_for(ada)

    refused = client.post(members_url(team), {"action": "rename", "name": "   "})
    client.post(members_url(team), {"action": "rename", "name": "Dinner crew"})

    assert refused.status_code == 400
    assert "Give the team a name." in refused.text
    team.refresh_from_db()
    assert team.name == "Dinner crew"


def test_an_owner_removes_a_member_who_then_cannot_see_the_team():
    team, ada, bob = a_team()
    page = client_for(ada).get(members_url(team)).text
    assert "Remove Bob from the team" in page
    bob_membership = team.memberships.get(user=bob)

    client_for(ada).post(members_url(team), {"action": "remove", "membership": bob_membership.pk})

    assert not team.has_member(bob)
    assert client_for(bob).get(team.get_absolute_url()).status_code == 404


def test_a_member_who_is_not_an_owner_may_not_remove_or_rename():
    team, ada, bob = a_team()
    client = client_for(bob)
    assert "Remove Ada from the team" not in client.get(members_url(team)).text

    ada_membership = team.memberships.get(user=ada)
    assert client.post(members_url(team), {"action": "remove", "membership": ada_membership.pk}).status_code == 403
    assert client.post(members_url(team), {"action": "rename", "name": "Mine now"}).status_code == 403
    assert team.has_member(ada)


def test_the_only_owner_hands_ownership_over_before_leaving():
    team, ada, bob = a_team()
    client = client_for(ada)

    refused = client.post(members_url(team), {"action": "leave"}, follow=True)
    assert "Make another member an owner first" in refused.text
    assert team.has_member(ada)

    client.post(members_url(team), {"action": "make_owner", "membership": team.memberships.get(user=bob).pk})
    left = client.post(members_url(team), {"action": "leave"}, follow=True)

    assert f"You left {team.name}." in left.text
    assert not team.has_member(ada)
    assert team.memberships.get(user=bob).role == Membership.Role.OWNER


def test_a_member_leaves_and_the_last_member_cannot():
    team, ada, bob = a_team()

    client_for(bob).post(members_url(team), {"action": "leave"})
    alone = client_for(ada).post(members_url(team), {"action": "leave"}, follow=True)

    assert not team.has_member(bob)
    assert "You are the only member" in alone.text
    assert team.has_member(ada)
