"""Who may see and change a North Star's numbers: the one place measures' views ask.

Numbers are the team's: every member sees them, enters values and sets measures up; a
variance note is written by the measure's owner (any member while it has none); only a
team's owners connect databases and create API tokens, which reach outside the tool.
"""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from accounts.access import is_team_member, membership_of
from accounts.models import Membership, Team
from metrics.models import NorthStar

from .models import ApiToken, Measure, ScorecardLink


def team_north_star(request: HttpRequest, key: str) -> NorthStar:
    """The North Star behind a numbers page, for members of its team; 404 to anyone else."""
    north_star = get_object_or_404(NorthStar.objects.select_related("statement", "team", "workshop"), key=key)
    if not is_team_member(request.user, north_star.team_id):
        raise Http404("No North Star here.")
    return north_star


def may_explain(user, measure: Measure) -> bool:
    if measure.owner_id is not None:
        return measure.owner_id == user.pk
    return is_team_member(user, measure.north_star.team_id)


def may_explain_as_member(user, measure: Measure) -> bool:
    """`may_explain` for a viewer already known to be on the team: no query."""
    return measure.owner_id is None or measure.owner_id == user.pk


def scorecard_link_north_star(token: str) -> NorthStar:
    """The North Star a read-only scorecard link opens, while it is not revoked; 404 otherwise."""
    link = get_object_or_404(
        ScorecardLink.objects.select_related("north_star__statement", "north_star__team"), token=token, revoked_at=None
    )
    return link.north_star


def is_team_owner(user, team: Team | None) -> bool:
    if team is None:
        return False
    membership = membership_of(user, team)
    return membership is not None and membership.role == Membership.Role.OWNER


def pushable_north_star(token: ApiToken, key: str) -> NorthStar | None:
    """The North Star a push names, if the token may write to it.

    A missing North Star, another team's and one outside the token's scope all give None,
    so a token cannot tell which North Stars exist.
    """
    north_star = NorthStar.objects.select_related("team").filter(key=key).first()
    if north_star is None or not token.may_write(north_star):
        return None
    return north_star


def may_manage_tokens(user, team: Team) -> bool:
    """Tokens let other systems write the team's numbers: its owners make and revoke them."""
    return is_team_owner(user, team)
