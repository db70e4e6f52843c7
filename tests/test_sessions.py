"""The session backend: Django's database sessions, read with one plain SELECT."""

from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync
from django.contrib.sessions.models import Session
from django.utils import timezone

from northstar.sessions import SessionStore

pytestmark = pytest.mark.django_db


def saved_session(**data) -> str:
    session = SessionStore()
    session.update(data)
    session.save()
    return session.session_key


def test_a_saved_session_reads_back_in_one_query(django_assert_num_queries):
    key = saved_session(participants={"7": 42}, name="Ada")
    with django_assert_num_queries(1):
        session = SessionStore(session_key=key)
        assert session["participants"] == {"7": 42}
        assert session["name"] == "Ada"
    assert session.session_key == key


def test_an_expired_session_is_empty_and_gets_a_new_key_when_saved():
    key = saved_session(name="Ada")
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    session = SessionStore(session_key=key)
    assert session.load() == {}
    assert session.session_key is None
    session["name"] = "Grace"
    session.save()
    assert session.session_key != key
    assert SessionStore(session_key=session.session_key)["name"] == "Grace"


def test_an_unknown_key_reads_as_an_empty_session():
    session = SessionStore(session_key="nosuchsessionkey0000000000000000")
    assert dict(session.items()) == {}
    assert session.session_key is None


def test_tampered_data_reads_as_an_empty_session():
    key = saved_session(name="Ada")
    Session.objects.filter(session_key=key).update(session_data="not-signed-data")
    assert dict(SessionStore(session_key=key).items()) == {}


def test_the_async_read_gives_the_same_session():
    key = saved_session(name="Ada")
    assert async_to_sync(SessionStore(session_key=key).aload)()["name"] == "Ada"


def test_the_settings_use_it(settings):
    assert settings.SESSION_ENGINE == "northstar.sessions"
