"""A facilitator who forgot their password gets a link by email and chooses a new one."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def email_can_be_sent(settings):
    settings.PASSWORD_RESET_BY_EMAIL = True


def reset_link() -> str:
    (message,) = mail.outbox
    link = re.search(r"https?://[^/\s]+(/accounts/password-reset/\S+)", str(message.body))
    assert link, "the email carries a reset link"
    return link.group(1)


def test_the_emailed_link_sets_a_new_password_that_logs_in(client):
    UserFactory(email="ada@example.com", display_name="Ada")
    assert "Forgot your password?" in client.get(reverse("accounts:login")).text

    sent = client.post(reverse("accounts:reset"), {"email": " Ada@Example.com "}, follow=True)

    assert "Check your email" in sent.text
    assert mail.outbox[0].to == ["ada@example.com"]
    assert "Hello Ada" in mail.outbox[0].body
    form = client.get(reset_link(), follow=True)
    assert "Choose a new password" in form.text
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-new-north-star-42", "new_password2": "a-new-north-star-42"},
        follow=True,
    )
    assert "Your password is changed" in done.text
    assert client.login(username="ada@example.com", password="a-new-north-star-42")
    assert not client.login(username="ada@example.com", password=PASSWORD)


def test_an_unknown_address_reads_the_same_and_sends_nothing(client):
    response = client.post(reverse("accounts:reset"), {"email": "nobody@example.com"}, follow=True)

    assert "Check your email" in response.text
    assert mail.outbox == []


def test_a_used_link_says_so_and_offers_a_new_one(client):
    UserFactory(email="ada@example.com")
    client.post(reverse("accounts:reset"), {"email": "ada@example.com"})
    link = reset_link()
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0], {"new_password1": "a-new-north-star-42", "new_password2": "a-new-north-star-42"}
    )

    again = client.get(link, follow=True)

    assert "This reset link no longer works" in again.text
    assert reverse("accounts:reset") in again.text


def test_two_different_new_passwords_are_refused_in_words(client):
    UserFactory(email="ada@example.com")
    client.post(reverse("accounts:reset"), {"email": "ada@example.com"})
    form = client.get(reset_link(), follow=True)

    response = client.post(
        form.redirect_chain[-1][0], {"new_password1": "a-new-north-star-42", "new_password2": "other"}
    )

    assert "The two passwords are not the same." in response.text
    assert 'aria-invalid="true"' in response.text


def test_without_a_way_to_send_email_the_reset_is_not_offered(client, settings):
    settings.PASSWORD_RESET_BY_EMAIL = False

    assert "Forgot your password?" not in client.get(reverse("accounts:login")).text
    assert client.get(reverse("accounts:reset")).status_code == 404


def test_one_visitor_cannot_send_a_flood_of_reset_emails(client):
    UserFactory(email="ada@example.com")
    for _ in range(10):
        client.post(reverse("accounts:reset"), {"email": "ada@example.com"})

    response = client.post(reverse("accounts:reset"), {"email": "ada@example.com"})

    assert response.status_code == 429
    assert len(mail.outbox) == 10
