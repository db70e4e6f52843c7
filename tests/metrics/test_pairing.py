import random

from django.test import Client
from django.urls import reverse

from metrics.models import Pair, PairMember
from metrics.pairing import best_pairing
from tests.factories import ParticipantFactory, workshop_at
from workshops.models import WarmUpGroup


def facilitator_client(workshop) -> Client:
    client = Client()
    client.force_login(workshop.facilitator)
    return client


def members_by_pair(workshop) -> list[set[str]]:
    return [
        set(pair.members.values_list("participant__display_name", flat=True))
        for pair in Pair.objects.filter(workshop=workshop)
    ]


def test_pairing_puts_every_participant_in_exactly_one_pair(db):
    workshop = workshop_at("pair-share")
    for name in "ABCDEF":
        ParticipantFactory(workshop=workshop, display_name=name)

    facilitator_client(workshop).post(reverse("metrics:pairs_make", args=[workshop.code]))

    groups = members_by_pair(workshop)
    assert sorted(len(group) for group in groups) == [2, 2, 2]
    assert set().union(*groups) == set("ABCDEF")


def test_an_odd_count_gives_one_trio(db):
    workshop = workshop_at("pair-share")
    for name in "ABCDEFG":
        ParticipantFactory(workshop=workshop, display_name=name)

    facilitator_client(workshop).post(reverse("metrics:pairs_make", args=[workshop.code]))

    assert sorted(len(group) for group in members_by_pair(workshop)) == [2, 2, 3]


def test_observers_and_removed_people_are_not_paired(db):
    workshop = workshop_at("pair-share")
    for name in "AB":
        ParticipantFactory(workshop=workshop, display_name=name)
    ParticipantFactory(workshop=workshop, display_name="Observer", role="observer")

    facilitator_client(workshop).post(reverse("metrics:pairs_make", args=[workshop.code]))

    assert members_by_pair(workshop) == [{"A", "B"}]


def test_pairing_avoids_people_who_were_together_before():
    earlier = [{1, 2}, {3, 4}]

    for seed in range(20):
        groups = best_pairing([1, 2, 3, 4], earlier, random.Random(seed))
        assert sorted(map(sorted, groups)) in ([[1, 3], [2, 4]], [[1, 4], [2, 3]])


def test_the_facilitator_moves_someone_to_another_pair(db):
    workshop = workshop_at("pair-share")
    people = [ParticipantFactory(workshop=workshop, display_name=name) for name in "ABCD"]
    client = facilitator_client(workshop)
    client.post(reverse("metrics:pairs_make", args=[workshop.code]))
    mover = people[0]
    target = Pair.objects.exclude(members__participant=mover).get()

    client.post(reverse("metrics:pair_move", args=[workshop.code]), {"participant": mover.pk, "pair": target.pk})

    assert PairMember.objects.get(participant=mover).pair == target
    assert target.members.count() == 3


def test_a_latecomer_is_added_to_a_pair(db):
    workshop = workshop_at("pair-share")
    for name in "AB":
        ParticipantFactory(workshop=workshop, display_name=name)
    client = facilitator_client(workshop)
    client.post(reverse("metrics:pairs_make", args=[workshop.code]))
    late = ParticipantFactory(workshop=workshop, display_name="Late")

    page = client.get(workshop.get_absolute_url()).text
    assert "Not in a pair yet" in page
    client.post(
        reverse("metrics:pair_move", args=[workshop.code]),
        {"participant": late.pk, "pair": Pair.objects.get().pk},
    )

    assert members_by_pair(workshop) == [{"A", "B", "Late"}]


def test_a_participant_cannot_make_pairs(db):
    workshop = workshop_at("pair-share")
    client = Client()
    client.post(workshop.get_join_url(), {"display_name": "Grace"})

    response = client.post(reverse("metrics:pairs_make", args=[workshop.code]))

    assert response.status_code == 403
    assert not Pair.objects.exists()


def test_pairs_avoid_warm_up_groupmates_in_the_workshop(db):
    workshop = workshop_at("pair-share")
    groups = [WarmUpGroup.objects.create(workshop=workshop, number=n) for n in (1, 2)]
    people = {}
    for name, group in zip("ABCD", [0, 0, 1, 1], strict=True):
        people[name] = ParticipantFactory(workshop=workshop, display_name=name, warm_up_group=groups[group])

    for _ in range(5):
        facilitator_client(workshop).post(reverse("metrics:pairs_make", args=[workshop.code]))
        assert {"A", "B"} not in members_by_pair(workshop)
        assert {"C", "D"} not in members_by_pair(workshop)
