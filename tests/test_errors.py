"""When something goes wrong, a person reads a calm page in the site's design; the log has a request id."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ParticipantFactory


def test_every_response_carries_a_request_id(client, db):
    first, second = client.get("/"), client.get("/")

    assert len(first["X-Request-ID"]) == 16
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_a_request_id_from_the_proxy_is_kept_and_a_strange_one_replaced(client, db):
    assert client.get("/", headers={"X-Request-ID": "lb-1234abcd"})["X-Request-ID"] == "lb-1234abcd"
    assert client.get("/", headers={"X-Request-ID": "<script>"})["X-Request-ID"] != "<script>"


@pytest.mark.urls("tests.error_urls")
def test_a_failing_page_shows_a_human_message_with_the_reference_in_the_log(db, caplog):
    client = Client(raise_request_exception=False)

    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/broken/")

    request_id = response["X-Request-ID"]
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.text
    assert request_id in response.text
    assert "the database fell over" not in response.text
    assert 'href="/static/css/app.css"' in response.text
    failure = next(r for r in caplog.records if r.name == "django.request")
    assert failure.request_id == request_id
    assert "the database fell over" in failure.exc_text


def test_an_unknown_page_is_explained(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "We could not find that page" in response.text
    assert 'href="/static/css/app.css"' in response.text


def test_a_participant_on_a_facilitator_page_is_told_why(client, workshop):
    client.post(workshop.get_join_url(), {"display_name": "Grace"})

    response = client.get(workshop.get_absolute_url())

    assert response.status_code == 403
    assert "You cannot do that here" in response.text


def test_a_request_for_another_host_gets_the_400_page(client, db):
    response = client.get("/", headers={"host": "evil.example"})

    assert response.status_code == 400
    assert "We could not understand that request" in response.text


def test_an_expired_form_gets_the_csrf_page(workshop):
    ParticipantFactory(workshop=workshop)
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("workshops:join_with_code"), {"code": workshop.code})

    assert response.status_code == 403
    assert "That form has expired" in response.text
    assert "nothing was changed" in response.text


def test_opening_a_form_only_address_shows_a_page_not_a_blank_screen(client, db):
    # Reloading after a refused join, or a pasted address: the join button's target.
    response = client.get(reverse("workshops:go", args=["ABCD2345"]))

    assert response.status_code == 405
    assert "POST" in response["Allow"]
    assert "This address takes a form, not a visit" in response.text
    assert 'href="/static/css/app.css"' in response.text
