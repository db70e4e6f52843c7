"""A facilitator changes the name participants see, and their password, from their account page."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_a_facilitator_renames_themselves(client):
    user = UserFactory(email="ada@example.com", display_name="Ada")
    client.force_login(user)

    page = client.get(reverse("accounts:account")).text
    saved = client.post(reverse("accounts:account"), {"display_name": "  Ada Lovelace "}, follow=True)

    assert "ada@example.com" in page
    assert "Your name is saved." in saved.text
    user.refresh_from_db()
    assert user.display_name == "Ada Lovelace"


def test_a_name_longer_than_allowed_is_refused_and_kept(client):
    user = UserFactory(display_name="Ada")
    client.force_login(user)

    response = client.post(reverse("accounts:account"), {"display_name": "A" * 61})

    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.text
    assert "A" * 61 in response.text
    user.refresh_from_db()
    assert user.display_name == "Ada"


def test_changing_the_password_keeps_this_browser_logged_in_and_needs_the_current_one(client):
    user = UserFactory(email="ada@example.com")
    client.force_login(user)
    url = reverse("accounts:password_change")

    new = {"new_password1": "a-new-star-42", "new_password2": "a-new-star-42"}
    wrong = client.post(url, {"old_password": "nope", **new})
    right = client.post(url, {"old_password": PASSWORD, **new}, follow=True)
    assert "That is not your current password." in wrong.text
    assert "Your password is changed." in right.text
    assert client.get(reverse("workshops:list")).status_code == 200, "still logged in here"
    user.refresh_from_db()
    assert user.check_password("a-new-star-42")


def test_the_account_page_is_for_signed_in_people(client):
    assert client.get(reverse("accounts:account")).status_code == 302
