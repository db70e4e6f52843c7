import pytest
from django.test import Client

from tests.factories import workshop_at


@pytest.fixture
def brainstorm(db):
    return workshop_at("brainstorm")


def joined_client(workshop, name: str, **extra) -> Client:
    client = Client()
    client.post(workshop.get_join_url(), {"display_name": name, **extra})
    return client


@pytest.fixture
def join():
    return joined_client
