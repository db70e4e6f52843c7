"""Pairing people for pair-and-share: random, a trio for an odd count, fewest repeats of earlier groups."""

import random
from collections.abc import Iterable

from django.db import transaction

from workshops.models import Participant, Workshop

from .models import Pair, PairMember

ATTEMPTS = 200


def split_into_pairs(people: list, rng: random.Random) -> list[list]:
    rng.shuffle(people)
    groups = [people[i : i + 2] for i in range(0, len(people) - len(people) % 2, 2)]
    if len(people) % 2:
        if groups:
            groups[-1].append(people[-1])
        else:
            groups.append([people[-1]])
    return groups


def repeats(groups: list[list], earlier: list[set]) -> int:
    return sum(1 for group in groups for before in earlier for a in group for b in group if a < b and {a, b} <= before)


def best_pairing(people: Iterable[int], earlier: list[set], rng: random.Random | None = None) -> list[list[int]]:
    """Try many shuffles and keep the one that puts the fewest earlier groupmates together again."""
    rng = rng or random.Random()
    people = list(people)
    best, best_score = None, None
    for _ in range(ATTEMPTS if earlier else 1):
        groups = split_into_pairs(people[:], rng)
        score = repeats(groups, earlier)
        if best_score is None or score < best_score:
            best, best_score = groups, score
        if score == 0:
            break
    return best or []


def earlier_groups(workshop: Workshop) -> list[set[int]]:
    """Participant ids that already worked together in the warm-up groups."""
    groups: dict[int, set[int]] = {}
    for pk, group_id in workshop.participants.filter(warm_up_group__isnull=False).values_list("pk", "warm_up_group"):
        groups.setdefault(group_id, set()).add(pk)
    return list(groups.values())


@transaction.atomic
def make_pairs(workshop: Workshop) -> list[Pair]:
    """Replace any earlier pairing with a fresh one of everyone taking part now."""
    people = list(workshop.participants.contributors().values_list("pk", flat=True))
    Pair.objects.filter(workshop=workshop).delete()
    pairs = []
    for number, group in enumerate(best_pairing(people, earlier_groups(workshop)), start=1):
        pair = Pair.objects.create(workshop=workshop, number=number)
        PairMember.objects.bulk_create(PairMember(pair=pair, participant_id=pk) for pk in group)
        pairs.append(pair)
    return pairs


def move_to_pair(participant: Participant, pair: Pair | None) -> None:
    """Put someone in another pair (or a new one); pairs left empty disappear."""
    workshop = participant.workshop
    old = PairMember.objects.filter(participant=participant).select_related("pair").first()
    if pair is None:
        number = (
            Pair.objects.filter(workshop=workshop).order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
        pair = Pair.objects.create(workshop=workshop, number=number)
    PairMember.objects.update_or_create(participant=participant, defaults={"pair": pair})
    if old and not old.pair.members.exists():
        old.pair.delete()
