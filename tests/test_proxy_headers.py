"""X-Forwarded-For and X-Forwarded-Proto count only when a proxy named in TRUSTED_PROXIES sent them."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.views import LOGIN_FAILURES_PER_ADDRESS
from tests.factories import PASSWORD, UserFactory

PROXY = "10.0.0.2"
STRANGER = "203.0.113.7"


@pytest.fixture(autouse=True)
def _proxy_in_front(settings, db):
    UserFactory(email="ada@example.com")
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/24"]
    settings.SECURE_SSL_REDIRECT = True


def fail_logins(sender: str, forwarded_for: list[str]) -> None:
    for number, hops in enumerate(forwarded_for):
        Client(REMOTE_ADDR=sender).post(
            reverse("accounts:login"),
            {"username": f"person{number}@example.com", "password": "wrong"},
            headers={"X-Forwarded-For": hops},
        )


def log_in(sender: str, forwarded_for: str):
    return Client(REMOTE_ADDR=sender).post(
        reverse("accounts:login"),
        {"username": "ada@example.com", "password": PASSWORD},
        headers={"X-Forwarded-For": forwarded_for},
    )


def test_a_stranger_claiming_https_is_still_sent_to_https(db):
    response = Client(REMOTE_ADDR=STRANGER).get("/", headers={"X-Forwarded-Proto": "https"})

    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_the_trusted_proxy_saying_https_is_believed(db):
    response = Client(REMOTE_ADDR=PROXY).get("/", headers={"X-Forwarded-Proto": "https"})

    assert response.status_code == 200
    assert "Strict-Transport-Security" in response.headers


def test_a_stranger_cannot_dodge_the_rate_limit_with_a_forwarded_address(db, settings):
    settings.SECURE_SSL_REDIRECT = False
    fail_logins(STRANGER, [f"192.0.2.{n}" for n in range(LOGIN_FAILURES_PER_ADDRESS.attempts)])

    assert log_in(STRANGER, "198.51.100.9").status_code == 429


def test_behind_the_trusted_proxy_each_visitor_is_counted_on_their_own(db, settings):
    settings.SECURE_SSL_REDIRECT = False
    fail_logins(PROXY, [f"192.0.2.{n}" for n in range(LOGIN_FAILURES_PER_ADDRESS.attempts)])

    assert log_in(PROXY, "198.51.100.9").status_code == 302


def test_behind_the_trusted_proxy_the_visitor_is_the_rightmost_untrusted_hop(db, settings):
    settings.SECURE_SSL_REDIRECT = False
    # A visitor writes whatever they like on the left; our proxies append the address they heard from.
    fail_logins(PROXY, [f"192.0.2.{n}, 198.51.100.9, 10.0.0.3" for n in range(LOGIN_FAILURES_PER_ADDRESS.attempts)])

    assert log_in(PROXY, "192.0.2.200, 198.51.100.9, 10.0.0.3").status_code == 429
    assert log_in("127.0.0.1", "198.51.100.10").status_code == 302
