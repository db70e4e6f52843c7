from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import UserFactory

User = get_user_model()


def test_it_creates_an_account_and_logs_in(client, db):
    response = client.post(
        reverse("accounts:signup"),
        {"email": "Ada@Example.com", "display_name": "Ada", "password": "north-star-2026!"},
    )

    assert response.status_code == 302
    assert response.url == reverse("library:home")
    user = User.objects.get()
    assert user.email == "ada@example.com"
    assert user.check_password("north-star-2026!")
    assert client.get(reverse("workshops:list")).status_code == 200


def test_it_refuses_an_email_that_already_has_an_account(client, db):
    UserFactory(email="ada@example.com")

    response = client.post(
        reverse("accounts:signup"),
        {"email": "ADA@example.com", "display_name": "", "password": "north-star-2026!"},
    )

    assert response.status_code == 200
    assert "An account with this email already exists" in response.text
    assert User.objects.count() == 1


def test_it_refuses_a_weak_password_with_a_clear_message(client, db):
    response = client.post(
        reverse("accounts:signup"), {"email": "ada@example.com", "display_name": "", "password": "12345678"}
    )

    assert "This password is too common" in response.text
    assert not User.objects.exists()


def test_it_refuses_a_password_that_is_nearly_the_email_being_signed_up_with(client, db):
    response = client.post(
        reverse("accounts:signup"),
        {"email": "grace.hopper@example.com", "display_name": "Grace", "password": "grace.hopper@example"},
    )

    assert "The password is too similar to the email address" in response.text
    assert not User.objects.exists()


def test_the_home_page_offers_both_ways_in(client, db):
    response = client.get(reverse("home"))

    assert "Sign up as facilitator" in response.text
    assert "Join a workshop" in response.text


def test_switching_between_sign_up_and_log_in_keeps_where_the_person_was_going(client, db):
    # An invitation sends a visitor to sign up; they remember they have an account after all.
    going_to = "/invitations/abc123/"

    signup = client.get(reverse("accounts:signup"), {"next": going_to}).content.decode()
    login = client.get(reverse("accounts:login"), {"next": going_to}).content.decode()

    assert f'href="{reverse("accounts:login")}?next=%2Finvitations%2Fabc123%2F"' in signup
    assert f'href="{reverse("accounts:signup")}?next=%2Finvitations%2Fabc123%2F"' in login


def test_a_foreign_next_is_not_carried_over(client, db):
    signup = client.get(reverse("accounts:signup"), {"next": "https://evil.example/"}).content.decode()

    assert "evil.example" not in signup
