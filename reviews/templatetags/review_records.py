"""The reviews' records for pages of earlier apps, which may not import this one.

The library's team page loads this tag so a held review's record sits beside the workshops'.
"""

from django import template

from reviews.models import Occurrence

register = template.Library()

# The newest records shown on a team's page; each North Star's reviews page lists them all.
RECORDS_SHOWN = 20


@register.inclusion_tag("reviews/_records.html")
def review_records(team) -> dict:
    """The ended reviews of the team's North Stars, newest first."""
    occurrences = (
        Occurrence.objects.filter(series__north_star__team=team, state=Occurrence.State.ENDED)
        .select_related("series__north_star__statement")
        .order_by("-ended_at", "-pk")[:RECORDS_SHOWN]
    )
    return {"occurrences": list(occurrences)}
