"""Who may do what in a North Star's reviews: the one place reviews' views and consumer ask.

Reviews are the team's: every member sets the series up, joins a meeting, votes and raises
actions. The member who starts a meeting facilitates it: only they move it on, reveal votes
and end it. Strangers get a 404, as for the North Star itself.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from accounts.access import is_team_member
from measures.access import team_north_star
from metrics.models import NorthStar

from .models import Occurrence


def member_north_star(request: HttpRequest, key: str) -> NorthStar:
    return team_north_star(request, key)


def find_occurrence(key: str, number: int) -> Occurrence | None:
    return (
        Occurrence.objects.select_related("series__north_star__team", "series__north_star__statement", "facilitator")
        .filter(series__north_star__key=key, number=number)
        .first()
    )


def may_join(user, occurrence: Occurrence) -> bool:
    return is_team_member(user, occurrence.series.north_star.team_id)


def member_occurrence(request: HttpRequest, key: str, number: int) -> Occurrence:
    """The meeting a page names, for members of its team; 404 to anyone else."""
    occurrence = find_occurrence(key, number)
    if occurrence is None or not may_join(request.user, occurrence):
        raise Http404("No review here.")
    return occurrence


def facilitates(user, occurrence: Occurrence) -> bool:
    return occurrence.facilitator_id is not None and occurrence.facilitator_id == user.pk


def facilitated_occurrence(request: HttpRequest, key: str, number: int) -> Occurrence:
    """The meeting, for its facilitator while it runs; 403 to other members."""
    occurrence = member_occurrence(request, key, number)
    if not occurrence.is_live or not facilitates(request.user, occurrence):
        raise PermissionDenied("Only the review's facilitator moves it on, while it runs.")
    return occurrence


def live_occurrence(request: HttpRequest, key: str, number: int) -> Occurrence:
    """The meeting, for any member while it runs; 403 before and after."""
    occurrence = member_occurrence(request, key, number)
    if not occurrence.is_live:
        raise PermissionDenied("This review is not running.")
    return occurrence
