"""Who may do what with candidates and North Stars: the one place metrics' views ask."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from accounts.access import is_team_member
from workshops.access import Viewer, may_review, participant_viewer

from .models import NorthStar


def contributor(request: HttpRequest, code: str) -> Viewer:
    """The participant behind this request, if they may write candidates, rate and vote now."""
    viewer = participant_viewer(request, code)
    if viewer is None or not viewer.may_contribute:
        raise PermissionDenied("Only participants can write candidates while the workshop is live.")
    return viewer


def may_see_north_star(user, north_star: NorthStar) -> bool:
    """A team's North Star is for its team, and for whoever may review the workshop it came from."""
    if is_team_member(user, north_star.team_id):
        return True
    return north_star.workshop is not None and may_review(user, north_star.workshop)
