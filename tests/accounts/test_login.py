from django.urls import reverse

from tests.factories import PASSWORD, UserFactory


def test_it_logs_in_with_email_and_password(client, db):
    UserFactory(email="ada@example.com")

    response = client.post(reverse("accounts:login"), {"username": "Ada@example.com", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("library:home")


def test_a_wrong_password_gets_a_clear_message(client, db):
    UserFactory(email="ada@example.com")

    response = client.post(reverse("accounts:login"), {"username": "ada@example.com", "password": "nope"})

    assert response.status_code == 200
    assert "That email and password do not match an account" in response.text


def test_it_logs_out(client, facilitator):
    client.force_login(facilitator)

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert client.get(reverse("workshops:list")).status_code == 302


def test_opening_log_out_by_its_address_asks_first_and_the_button_logs_out(client, db):
    user = UserFactory(email="ada@example.com")
    client.force_login(user)

    page = client.get(reverse("accounts:logout"))

    assert page.status_code == 200
    assert "Log out?" in page.text
    assert "ada@example.com" in page.text
    assert client.get(reverse("workshops:list")).status_code == 200, "still logged in after only looking"
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("workshops:list")).status_code == 302
    assert client.get(reverse("accounts:logout")).url == reverse("home")
