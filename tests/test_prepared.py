"""Prepared reads: the ORM's own query, compiled once, returning what the queryset returns."""

from datetime import datetime, timedelta

import pytest
from django.db import transaction
from django.db.models import Prefetch
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from northstar.prepared import Prepared
from tests.factories import ParticipantFactory, WorkshopFactory
from workshops.models import Connection, Participant, Workshop

pytestmark = pytest.mark.django_db

people_in = Prepared(
    lambda code, ids: Participant.objects.select_related("workshop").filter(workshop__code=code, pk__in=ids),
    code=str,
    ids=[int],
)
names_in = Prepared(
    lambda workshop: Participant.objects.filter(workshop_id=workshop).values_list("pk", "display_name"),
    workshop=int,
)
ids_in = Prepared(
    lambda workshop: Participant.objects.filter(workshop_id=workshop).values_list("pk", flat=True), workshop=int
)
locked = Prepared(lambda pk: Workshop.objects.select_for_update().filter(pk=pk), pk=int)


def fields(obj) -> dict:
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


def test_instances_equal_the_querysets_with_the_related_row_already_there(django_assert_num_queries):
    workshop = WorkshopFactory()
    ada, grace = ParticipantFactory(workshop=workshop, display_name="Ada"), ParticipantFactory(workshop=workshop)
    ParticipantFactory(display_name="In another workshop")
    expected = list(Participant.objects.select_related("workshop").filter(workshop__code=workshop.code))

    with django_assert_num_queries(1):
        found = people_in(code=workshop.code, ids=[ada.pk, grace.pk])
        assert [p.workshop.code for p in found] == [workshop.code, workshop.code]
    assert [fields(p) for p in found] == [fields(p) for p in expected]
    assert [fields(p.workshop) for p in found] == [fields(p.workshop) for p in expected]
    assert all(not p._state.adding and p._state.db == "default" for p in found)


def test_each_call_binds_its_own_values_whatever_the_list_length():
    first, second = WorkshopFactory(), WorkshopFactory()
    a, b = ParticipantFactory(workshop=first), ParticipantFactory(workshop=first)
    c = ParticipantFactory(workshop=second)

    assert [p.pk for p in people_in(code=first.code, ids=[a.pk])] == [a.pk]
    assert {p.pk for p in people_in(code=first.code, ids=[b.pk, a.pk])} == {a.pk, b.pk}
    assert people_in(code=second.code, ids=[a.pk, b.pk]) == []
    assert [p.pk for p in people_in(code=second.code, ids=[a.pk, c.pk, b.pk])] == [c.pk]


def test_an_empty_list_finds_nothing_without_asking_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert people_in(code="ABCDEF", ids=[]) == []


def test_values_lists_come_back_as_tuples_or_flat_values():
    workshop = WorkshopFactory()
    ada = ParticipantFactory(workshop=workshop, display_name="Ada")
    grace = ParticipantFactory(workshop=workshop, display_name="Grace")
    assert names_in(workshop=workshop.pk) == list(
        Participant.objects.filter(workshop=workshop).values_list("pk", "display_name")
    )
    assert names_in(workshop=workshop.pk) == [(ada.pk, "Ada"), (grace.pk, "Grace")]
    assert ids_in(workshop=workshop.pk) == [ada.pk, grace.pk]


def test_a_typed_value_is_only_ever_a_value():
    workshop = WorkshopFactory()
    ParticipantFactory(workshop=workshop)
    assert people_in(code="x' OR '1'='1", ids=[1]) == []
    assert people_in(code=f"{workshop.code}' --", ids=[1]) == []


def test_an_id_beyond_64_bits_finds_nothing():
    assert people_in(code="ABCDEF", ids=[2**70]) == []
    assert ids_in(workshop=-(2**64)) == []


@pytest.mark.django_db(transaction=True)
def test_a_locking_read_needs_a_transaction():
    workshop = WorkshopFactory()
    with pytest.raises(TransactionManagementError):
        locked(pk=workshop.pk)
    with transaction.atomic():
        assert [w.pk for w in locked(pk=workshop.pk)] == [workshop.pk]


def test_reads_it_cannot_prepare_are_refused_when_first_compiled():
    with pytest.raises(ValueError, match="prefetch_related"):
        Prepared(lambda pk: Workshop.objects.filter(pk=pk).prefetch_related(Prefetch("participants")), pk=int)(pk=1)
    with pytest.raises(ValueError, match="does not use"):
        Prepared(lambda pk: Workshop.objects.all(), pk=int)(pk=1)
    with pytest.raises(TypeError):
        Prepared(lambda when: Workshop.objects.filter(created_at=when), when=float)(when=1.0)
    with pytest.raises(TypeError):
        ids_in(workshop=1, extra=2)


def test_a_datetime_value_is_sent_as_the_database_expects_it():
    workshop = WorkshopFactory()
    ada, grace = ParticipantFactory(workshop=workshop), ParticipantFactory(workshop=workshop)
    now = timezone.now()
    Connection.objects.create(workshop=workshop, participant=ada, channel_name="a", page="participant", seen_at=now)
    Connection.objects.create(
        workshop=workshop, participant=grace, channel_name="g", page="participant", seen_at=now - timedelta(minutes=5)
    )
    seen_since = Prepared(
        lambda workshop, since: Connection.objects.filter(workshop_id=workshop, seen_at__gte=since).values_list(
            "participant_id", flat=True
        ),
        workshop=int,
        since=datetime,
    )

    assert seen_since(workshop=workshop.pk, since=now - timedelta(minutes=1)) == [ada.pk]
    assert sorted(seen_since(workshop=workshop.pk, since=now - timedelta(minutes=10))) == sorted([ada.pk, grace.pk])
    assert seen_since(workshop=workshop.pk, since=now + timedelta(seconds=1)) == []
