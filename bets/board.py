"""A North Star's bets board: its lanes and columns, moves that keep the force-ranked order, and WIP limits.

Every move takes the North Star's row lock first, so moves on one board happen one after
another: the count a limit is checked against cannot change before the move is written,
however many people move cards at once.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from library.models import Bet
from metrics.models import NorthStar

from .broadcast import board_changed
from .models import BOARD_LEVELS, ColumnLimit, column_words

LANE_WORDS = {Bet.Level.OPPORTUNITY: "Opportunities (level 2)", Bet.Level.INTERVENTION: "Interventions (level 3)"}


class MoveRefused(Exception):
    """A move the board does not allow; the message says why, to the person who tried."""


@dataclass
class Column:
    level: int
    status: str
    words: str
    limit: int | None
    bets: list[Bet] = field(default_factory=list)

    @property
    def dom_id(self) -> str:
        return f"column-{self.level}-{self.status}"

    @property
    def full(self) -> bool:
        return self.limit is not None and len(self.bets) >= self.limit


@dataclass
class Lane:
    level: int
    words: str
    columns: list[Column]

    def others(self, status: str) -> list[Column]:
        return [column for column in self.columns if column.status != status]


def limits_of(north_star: NorthStar) -> dict[tuple[int, str], int]:
    return {(row.level, row.status): row.limit for row in ColumnLimit.objects.filter(north_star=north_star)}


def read_board(north_star: NorthStar) -> list[Lane]:
    """The board as everyone on the team sees it, in two queries."""
    limits = limits_of(north_star)
    lanes = []
    for level in BOARD_LEVELS:
        columns = [
            Column(level, status, column_words(level, status), limits.get((level, status)))
            for status in Bet.Status.values
        ]
        lanes.append(Lane(level, LANE_WORDS[level], columns))
    by_place = {(column.level, column.status): column for lane in lanes for column in lane.columns}
    for bet in north_star.bets.filter(level__in=BOARD_LEVELS).select_related("parent"):
        by_place[(bet.level, bet.status)].bets.append(bet)
    return lanes


def _locked_bet(north_star: NorthStar, bet_id: int) -> Bet:
    # The North Star's row is the board's lock: every move on this board waits here for the one before.
    NorthStar.objects.select_for_update().filter(pk=north_star.pk).first()
    bet = north_star.bets.filter(pk=bet_id, level__in=BOARD_LEVELS).first()
    if bet is None:
        raise MoveRefused("That bet is no longer on this board.")
    return bet


def _rank(bet: Bet, queue: list[Bet]) -> None:
    """Number the queue 1, 2, 3 … and write only the ranks that changed."""
    changed = []
    for rank, other in enumerate(queue, start=1):
        if other.rank != rank:
            other.rank = rank
            if other.pk != bet.pk:
                changed.append(other)
    Bet.objects.bulk_update(changed, ["rank"])


def move(north_star: NorthStar, bet_id: int, status: str, *, before_id: int | None = None) -> Bet:
    """Put the bet in the column `status`, before `before_id` if given, else where it ranks already."""
    with transaction.atomic():
        bet = _locked_bet(north_star, bet_id)
        if status != bet.status:
            limit = ColumnLimit.objects.filter(north_star=north_star, level=bet.level, status=status).first()
            held = north_star.bets.filter(level=bet.level, status=status).count()
            if limit is not None and held >= limit.limit:
                words = column_words(bet.level, status)
                raise MoveRefused(
                    f"“{words}” already holds {held} of at most {limit.limit}: "
                    f"move one out of “{words}” before adding “{bet.title}”."
                )
        full = list(Bet.objects.filter(north_star=north_star, level=bet.level))
        at = next((index for index, other in enumerate(full) if other.pk == bet.pk), len(full))
        queue = [other for other in full if other.pk != bet.pk]
        if before_id is not None:
            at = next((index for index, other in enumerate(queue) if other.pk == before_id), len(queue))
        queue.insert(min(at, len(queue)), bet)
        if status != bet.status:
            bet.status = status
            if status == Bet.Status.IN_PROGRESS and bet.started_on is None:
                bet.started_on = timezone.localdate()
        _rank(bet, queue)
        bet.save(update_fields=["status", "started_on", "rank", "updated_at"])
        board_changed(north_star)
    return bet


def shift(north_star: NorthStar, bet_id: int, by: int) -> Bet:
    """Move the bet one place up (-1) or down (+1) among the bets of its column: the force-ranked order."""
    with transaction.atomic():
        bet = _locked_bet(north_star, bet_id)
        queue = list(Bet.objects.filter(north_star=north_star, level=bet.level))
        column = [index for index, other in enumerate(queue) if other.status == bet.status]
        mine = next(place for place, index in enumerate(column) if queue[index].pk == bet.pk)
        other = mine + by
        if not 0 <= other < len(column):
            raise MoveRefused(f"“{bet.title}” is already {'first' if by < 0 else 'last'} in its column.")
        a, b = column[mine], column[other]
        queue[a], queue[b] = queue[b], queue[a]
        _rank(bet, queue)
        bet.rank = next(rank for rank, row in enumerate(queue, start=1) if row.pk == bet.pk)
        bet.save(update_fields=["rank", "updated_at"])
        board_changed(north_star)
    return bet


def set_limits(north_star: NorthStar, limits: dict[tuple[int, str], int | None]) -> None:
    with transaction.atomic():
        NorthStar.objects.select_for_update().filter(pk=north_star.pk).first()
        for (level, status), limit in limits.items():
            if limit is None:
                ColumnLimit.objects.filter(north_star=north_star, level=level, status=status).delete()
            else:
                ColumnLimit.objects.update_or_create(
                    north_star=north_star, level=level, status=status, defaults={"limit": limit}
                )
        board_changed(north_star)
