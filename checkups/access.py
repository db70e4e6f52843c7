"""Who may do what with checkups: the one place checkups' views and socket ask.

A checkup is the team's: every member may start one, answer it once and see its results;
whoever started it, or an owner of the team, may close it early. Strangers get a 404.
"""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from accounts.access import is_team_member
from measures.access import is_team_owner, team_north_star

from .models import Answered, Checkup

__all__ = ["has_answered", "may_close", "member_checkup", "team_north_star"]


def member_checkup(request: HttpRequest, key: str, number: int) -> Checkup:
    """The checkup an address names, for members of its North Star's team; 404 to anyone else."""
    north_star = team_north_star(request, key)
    checkup = get_object_or_404(Checkup.objects.select_related("north_star"), north_star=north_star, number=number)
    checkup.north_star = north_star
    return checkup


def may_watch(user, checkup: Checkup) -> bool:
    return is_team_member(user, checkup.north_star.team_id)


def may_close(user, checkup: Checkup) -> bool:
    return checkup.opened_by_id == user.pk or is_team_owner(user, checkup.north_star.team)


def has_answered(user, checkup: Checkup) -> bool:
    return Answered.objects.filter(checkup=checkup, user=user).exists()
