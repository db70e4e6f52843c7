"""Who may see and change what in the library: the one place its views ask.

Every page fetches its object through one helper per object kind, which answers 404 to
anyone outside the team: a stranger cannot tell a missing page from one they may not see.
"""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from accounts.access import is_team_member
from accounts.models import Team
from metrics.access import may_see_north_star
from metrics.models import NorthStar
from workshops.access import may_review
from workshops.models import Workshop

from .models import ShareLink


def member_team(request: HttpRequest, slug: str) -> Team:
    team = get_object_or_404(Team, slug=slug)
    if not is_team_member(request.user, team.pk):
        raise Http404("No team here.")
    return team


def member_north_star(request: HttpRequest, key: str) -> NorthStar:
    north_star = get_object_or_404(
        NorthStar.objects.select_related("statement", "workshop__facilitator", "team"), key=key
    )
    if not may_see_north_star(request.user, north_star):
        raise Http404("No North Star here.")
    return north_star


def member_workshop(request: HttpRequest, code: str) -> Workshop:
    workshop = get_object_or_404(Workshop.objects.select_related("facilitator", "team"), code=code)
    if not may_review(request.user, workshop):
        raise Http404("No workshop here.")
    return workshop


def shared_north_star(token: str) -> NorthStar:
    link = get_object_or_404(
        ShareLink.objects.select_related("north_star__statement", "north_star__team"), token=token, revoked_at=None
    )
    return link.north_star
