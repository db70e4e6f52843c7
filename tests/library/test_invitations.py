from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import Invitation
from tests.factories import UserFactory, WorkshopFactory
from tests.library.helpers import client_for

pytestmark = pytest.mark.django_db


def invitation_for(workshop) -> Invitation:
    client_for(workshop.facilitator).post(f"{workshop.team.get_absolute_url()}members/")
    return workshop.team.invitations.get()


def test_a_member_makes_an_invitation_link_and_sees_it():
    workshop = WorkshopFactory()
    invite = invitation_for(workshop)

    page = client_for(workshop.facilitator).get(f"{workshop.team.get_absolute_url()}members/")

    assert invite.get_absolute_url() in page.text


def test_a_signed_in_person_joins_the_team_from_the_link():
    workshop = WorkshopFactory()
    invite = invitation_for(workshop)
    newcomer = UserFactory()

    response = client_for(newcomer).post(invite.get_absolute_url())

    assert response.url == workshop.team.get_absolute_url()
    assert workshop.team.has_member(newcomer)


def test_someone_without_an_account_signs_up_and_lands_back_on_the_invitation():
    workshop = WorkshopFactory()
    invite = invitation_for(workshop)
    client = Client()

    page = client.get(invite.get_absolute_url())
    assert "Sign up to join" in page.text
    response = client.post(
        f"/accounts/signup/?next={invite.get_absolute_url()}",
        {
            "email": "new@example.com",
            "display_name": "New",
            "password": "north-star-2026!",
            "next": invite.get_absolute_url(),
        },
    )
    assert response.url == invite.get_absolute_url()
    client.post(invite.get_absolute_url())

    assert workshop.team.members.filter(email="new@example.com").exists()


def test_signing_up_ignores_a_next_address_on_another_site():
    response = Client().post(
        "/accounts/signup/",
        {
            "email": "new@example.com",
            "display_name": "New",
            "password": "north-star-2026!",
            "next": "https://evil.example/",
        },
    )

    assert response.url == "/library/"


def test_a_revoked_invitation_no_longer_lets_anyone_join():
    workshop = WorkshopFactory()
    invite = invitation_for(workshop)
    client_for(workshop.facilitator).post(f"{workshop.team.get_absolute_url()}members/", {"revoke": invite.token})
    newcomer = UserFactory()

    response = client_for(newcomer).post(invite.get_absolute_url())

    assert response.status_code == 404
    assert "no longer works" in response.text
    assert not workshop.team.has_member(newcomer)


def test_an_expired_invitation_no_longer_lets_anyone_join():
    workshop = WorkshopFactory()
    invite = invitation_for(workshop)
    Invitation.objects.filter(pk=invite.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    newcomer = UserFactory()

    assert client_for(newcomer).post(invite.get_absolute_url()).status_code == 404
    assert not workshop.team.has_member(newcomer)


def test_a_signed_in_user_lands_on_their_teams_library():
    user = UserFactory()

    response = client_for(user).get("/library/")

    assert response.url == user.teams.get().get_absolute_url()
