"""Who may see and move a North Star's bets: the one place the bets app's views and socket ask.

Bets are the team's: every member sees the board, moves cards, writes one-pagers and
records outcomes. Anyone else gets a 404, as for the North Star's numbers.
"""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from accounts.access import is_team_member
from library.models import Bet
from measures.access import team_north_star
from metrics.models import NorthStar


def board_north_star(request: HttpRequest, key: str) -> NorthStar:
    """The North Star behind a board or bet page, for members of its team; 404 to anyone else."""
    return team_north_star(request, key)


def may_watch_board(user, north_star: NorthStar | None) -> bool:
    return north_star is not None and is_team_member(user, north_star.team_id)


def team_bet(north_star: NorthStar, bet_id: int) -> Bet:
    return get_object_or_404(north_star.bets.select_related("parent"), pk=bet_id)
