"""Failed logins are limited per address and per account; a right password is never slowed down."""

from django.test import Client
from django.urls import reverse

from accounts.views import LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS
from tests.factories import PASSWORD, UserFactory


def log_in(client: Client, email: str, password: str):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_an_account_is_protected_after_repeated_failures_from_many_addresses(db):
    UserFactory(email="ada@example.com")
    for attempt in range(LOGIN_FAILURES_PER_ACCOUNT.attempts):
        log_in(Client(REMOTE_ADDR=f"192.0.2.{attempt + 1}"), "ada@example.com", "wrong")

    response = log_in(Client(REMOTE_ADDR="198.51.100.9"), "ADA@example.com ", PASSWORD)

    assert response.status_code == 429
    assert "Too many attempts" in response.text
    assert "_auth_user_id" not in response.client.session


def test_an_unknown_email_is_limited_the_same_way(db):
    for attempt in range(LOGIN_FAILURES_PER_ACCOUNT.attempts):
        log_in(Client(REMOTE_ADDR=f"192.0.2.{attempt + 1}"), "nobody@example.com", "wrong")

    assert log_in(Client(), "nobody@example.com", "wrong").status_code == 429


def test_one_address_trying_many_accounts_is_limited(client, db):
    for number in range(LOGIN_FAILURES_PER_ADDRESS.attempts):
        log_in(client, f"person{number}@example.com", "wrong")

    UserFactory(email="ada@example.com")
    assert log_in(client, "ada@example.com", PASSWORD).status_code == 429
    assert log_in(Client(REMOTE_ADDR="198.51.100.9"), "ada@example.com", PASSWORD).status_code == 302


def test_successful_logins_do_not_count(db):
    UserFactory(email="ada@example.com")
    for _ in range(LOGIN_FAILURES_PER_ACCOUNT.attempts + 5):
        client = Client()
        assert log_in(client, "ada@example.com", PASSWORD).status_code == 302
