"""A North Star with bets on its board, for the bets tests."""

from library.models import Bet
from metrics.models import NorthStar
from tests.library.helpers import adopted_north_star, client_for, member_of


def input_keys(north_star: NorthStar) -> list[str]:
    latest = north_star.versions.last()
    assert latest is not None
    return [row.key for row in latest.data.inputs]


def opportunity(north_star: NorthStar, title: str, rank: int = 0, **fields) -> Bet:
    fields.setdefault("input_key", input_keys(north_star)[0])
    return Bet.objects.create(
        north_star=north_star, level=Bet.Level.OPPORTUNITY, title=title, hypothesis="If we …", rank=rank, **fields
    )


def intervention(parent: Bet, title: str, rank: int = 0, **fields) -> Bet:
    return Bet.objects.create(
        north_star=parent.north_star,
        level=Bet.Level.INTERVENTION,
        parent=parent,
        input_key=parent.input_key,
        title=title,
        hypothesis="If we …",
        rank=rank,
        **fields,
    )


def board_with_a_member(interventions: int = 3):
    """A North Star, a member's client, one opportunity and `interventions` interventions under it, to try."""
    north_star = adopted_north_star()
    assert north_star.team is not None
    member = member_of(north_star.team, display_name="Ada")
    parent = opportunity(north_star, "Diners forget their booking", rank=1)
    cards = [intervention(parent, f"Card {number}", rank=number) for number in range(1, interventions + 1)]
    return north_star, member, client_for(member), parent, cards


def column(north_star: NorthStar, level: int, status: str) -> list[str]:
    return list(north_star.bets.filter(level=level, status=status).values_list("title", flat=True))
