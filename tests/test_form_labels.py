"""Django's forms print their labels like the hand-written ones: "Your name", without a colon."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def test_forms_drawn_by_django_label_their_fields_without_a_colon(client):
    workshop = WorkshopFactory()
    pages = [
        reverse("accounts:signup"),
        reverse("accounts:login"),
        reverse("workshops:join_with_code"),
        reverse("workshops:join", args=[workshop.code]),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "<label" in html, url
        assert ":</label>" not in html, url

    client.force_login(UserFactory())
    html = client.get(reverse("workshops:create")).content.decode()
    assert '<label for="id_title">Workshop title</label>' in html
