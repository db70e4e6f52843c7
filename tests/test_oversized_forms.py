"""A form sent with megabytes of text gets the form back with the field's limit, never a bare 400.

Several megabytes reach the form, which refuses the field with its limit and the length sent;
past DATA_UPLOAD_MAX_MEMORY_SIZE (10 MB) a page says so and that nothing was saved.
"""

from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from library.models import Bet
from tests.library.helpers import adopted_north_star, client_for
from workshops.models import Workshop

pytestmark = pytest.mark.django_db
SEVERAL_MEGABYTES = "x" * 4_000_000
MORE_THAN_ANY_FORM_TAKES = "x" * 11_000_000


def assert_refused_kindly(response, form_page: str) -> None:
    assert response.status_code == 400
    assert "That was more text than this form takes" in response.text
    assert "Nothing was saved" in response.text
    assert f'href="http://testserver{form_page}"' in response.text
    assert 'href="/static/css/app.css"' in response.text


def send(client: Client, form_page: str, action: str, data: dict):
    """As a browser sends a form: URL-encoded, from the page that shows it."""
    return client.post(
        action,
        urlencode(data),
        content_type="application/x-www-form-urlencoded",
        headers={"Referer": f"http://testserver{form_page}"},
    )


def assert_field_refused(response, limit: int) -> None:
    """The form again, the field's limit and what was sent beside it."""
    assert response.status_code in (200, 400)
    assert f"at most {limit} characters (it has 4000000)" in response.text


def test_signing_up_with_megabytes_of_text():
    page = reverse("accounts:signup")

    response = send(Client(), page, page, {"email": "ada@example.com", "display_name": SEVERAL_MEGABYTES})

    assert_field_refused(response, User._meta.get_field("display_name").max_length)
    assert not User.objects.exists()


def test_creating_a_workshop_with_megabytes_of_text(facilitator):
    page = reverse("workshops:create")

    response = send(client_for(facilitator), page, page, {"title": SEVERAL_MEGABYTES, "product": "TableTime"})

    assert_field_refused(response, Workshop._meta.get_field("title").max_length)
    assert not Workshop.objects.exists()


def test_editing_a_north_star_with_megabytes_of_text():
    north_star = adopted_north_star()
    page = reverse("library:edit", args=[north_star.key])

    response = send(client_for(north_star.workshop.facilitator), page, page, {"metric_definition": SEVERAL_MEGABYTES})

    assert "at most" in response.text
    assert "(it has 4000000)" in response.text
    assert north_star.versions.count() == 1


def test_a_bet_with_megabytes_of_text():
    north_star = adopted_north_star()
    page = north_star.get_absolute_url()
    action = reverse("library:bet_add", args=[north_star.key])

    response = send(client_for(north_star.workshop.facilitator), page, action, {"hypothesis": SEVERAL_MEGABYTES})

    assert response.status_code == 400
    assert "(it has 4000000)" in response.text
    assert not Bet.objects.exists()


def test_a_form_with_more_than_any_form_takes_gets_a_page_that_says_so():
    page = reverse("accounts:signup")

    response = send(Client(), page, page, {"email": "ada@example.com", "display_name": MORE_THAN_ANY_FORM_TAKES})

    assert_refused_kindly(response, page)
    assert not User.objects.exists()


def test_a_multipart_form_with_more_than_any_form_takes_is_refused_the_same_way():
    page = reverse("accounts:signup")

    response = Client().post(
        page, {"display_name": MORE_THAN_ANY_FORM_TAKES}, headers={"Referer": f"http://testserver{page}"}
    )

    assert_refused_kindly(response, page)


def test_a_referer_from_elsewhere_is_not_offered_as_the_way_back():
    page = reverse("accounts:signup")

    response = Client().post(
        page, {"display_name": MORE_THAN_ANY_FORM_TAKES}, headers={"Referer": "https://evil.example/"}
    )

    assert response.status_code == 400
    assert "more text than this form takes" in response.text
    assert "evil.example" not in response.text


def test_other_bad_requests_keep_the_plain_400_page(client):
    response = client.get("/", headers={"host": "evil.example"})

    assert response.status_code == 400
    assert "We could not understand that request" in response.text
