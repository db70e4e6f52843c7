"""Who a participant's request is: one read for a browser without an account, the same answers as before."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from tests.factories import ParticipantFactory, WorkshopFactory
from workshops.access import remember_participant, resolve_participant
from workshops.models import Participant

pytestmark = pytest.mark.django_db


def session_of(*participants) -> SessionStore:
    session = SessionStore()
    for person in participants:
        remember_participant(session, person)
    return session


def test_a_participant_and_their_workshop_come_in_one_read(django_assert_num_queries):
    grace = ParticipantFactory(display_name="Grace")
    elsewhere = ParticipantFactory()  # the same browser joined another workshop too
    session = session_of(elsewhere, grace)

    with django_assert_num_queries(1):
        viewer = resolve_participant(grace.workshop.code, AnonymousUser(), session)
        assert viewer.workshop.title == grace.workshop.title
    # Not in that read: the facilitator, whom a participant's writes never show.
    with django_assert_num_queries(1):
        assert viewer.workshop.facilitator.pk == grace.workshop.facilitator_id

    assert viewer.participant == grace
    assert viewer.workshop == grace.workshop
    assert not viewer.is_facilitator


def test_nobody_without_a_place_in_that_workshop():
    grace = ParticipantFactory()
    other = WorkshopFactory()

    assert resolve_participant(other.code, AnonymousUser(), session_of(grace)) is None, "joined elsewhere only"
    assert resolve_participant("NOSUCHWS", AnonymousUser(), session_of(grace)) is None
    assert resolve_participant(grace.workshop.code, AnonymousUser(), SessionStore()) is None


def test_a_removed_participant_is_nobody():
    grace = ParticipantFactory()
    grace.removed_at = timezone.now()
    grace.save()

    assert resolve_participant(grace.workshop.code, AnonymousUser(), session_of(grace)) is None


def test_a_session_cannot_claim_someone_in_another_workshop_by_id():
    grace = ParticipantFactory()
    linus = ParticipantFactory()
    session = SessionStore()
    # A tampered mapping: Linus's id under Grace's workshop.
    session["participants"] = {str(grace.workshop_id): linus.pk}

    assert resolve_participant(grace.workshop.code, AnonymousUser(), session) is None
    assert resolve_participant(linus.workshop.code, AnonymousUser(), session) is None


def test_a_participant_promoted_to_co_facilitate_facilitates():
    grace = ParticipantFactory(role=Participant.Role.CO_FACILITATOR)

    viewer = resolve_participant(grace.workshop.code, AnonymousUser(), session_of(grace))

    assert viewer.participant == grace
    assert viewer.is_facilitator


def test_a_signed_in_facilitator_who_joined_as_a_participant_is_resolved_in_full():
    grace = ParticipantFactory()
    facilitator = grace.workshop.facilitator

    viewer = resolve_participant(grace.workshop.code, facilitator, session_of(grace))

    assert viewer.participant == grace
    assert viewer.user == facilitator
    assert viewer.is_facilitator, "the account's own rights count too"
