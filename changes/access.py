"""Who may propose and decide changes to a North Star: the one place changes' views ask.

Every member of the team may propose a change; only the team's owners approve or decline.
Anyone outside the team gets a 404, as in the library.
"""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from library.access import member_north_star
from measures.access import is_team_owner
from metrics.models import NorthStar

from .models import Proposal


def proposals_north_star(request: HttpRequest, key: str) -> NorthStar:
    return member_north_star(request, key)


def member_proposal(request: HttpRequest, key: str, proposal_id: int) -> Proposal:
    north_star = member_north_star(request, key)
    proposal = get_object_or_404(north_star.proposals.select_related("proposed_by", "decided_by"), pk=proposal_id)
    proposal.north_star = north_star
    return proposal


def may_decide(user, north_star: NorthStar) -> bool:
    return is_team_owner(user, north_star.team)
