"""Browsers for view tests: a facilitator signed in, a participant who joined."""

from django.conf import settings
from django.test import Client

from workshops.access import remember_participant
from workshops.models import Participant

HTMX = {"HTTP_HX_REQUEST": "true"}


def facilitator_browser(workshop) -> Client:
    client = Client()
    client.force_login(workshop.facilitator)
    return client


def participant_browser(participant: Participant) -> Client:
    client = Client()
    session = client.session
    remember_participant(session, participant)
    session.save()
    assert session.session_key is not None, "a saved session has a key"
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client


def page_text(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()
