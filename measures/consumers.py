"""The live scorecard: one socket per open scorecard, re-rendered whenever its numbers change.

Writes go over HTTP (`measures.values.write`, notes); each announces `numbers.changed` to
the North Star's group after commit. On a notice every socket checks its viewer may still
look (a member still on the team, a link not revoked), then sends the whole scorecard
region as an htmx out-of-band swap. Sockets of one process that hear the same notice share
one read and one render per audience (workshops/renders.py): what differs between members
is only which nodes' notes they may write. On connect, and whenever the page asks (at most
once a second), the socket sends the region too, so a reconnect catches up. The socket's
life is workshops.page_socket's; this module says who may look and what they see.
"""

from django.template.loader import render_to_string

from accounts.access import is_team_member
from metrics.models import NorthStar
from workshops.page_socket import PageSocket
from workshops.renders import Audience, SharedRenders, read_once

from .broadcast import group_name
from .models import ScorecardLink
from .scorecard import Scorecard, read_scorecard

REGION_TEMPLATE = "measures/_scorecard.html"

MEMBER = "member"  # a team member's scorecard: may show "explain this period" links
WALL = "wall"  # a member's TV mode: no controls
LINK = "link"  # a read-only link, in a browser or on a wall: no controls


class ScorecardConsumer(PageSocket):
    region_name = "the scorecard"
    resync_interval_seconds = 1.0
    shares_renders = True
    mode: str = MEMBER

    def __init__(self, *args, mode: str = MEMBER, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.mode = mode

    async def numbers_changed(self, event: dict) -> None:
        await self.notice(event)

    # In the database thread ------------------------------------------------------------------

    def find_group(self) -> str | None:
        north_star = self.north_star_for(self.scope["url_route"]["kwargs"], None)
        return group_name(north_star.key) if north_star is not None else None

    def north_star_for(self, kwargs: dict, shared: SharedRenders | None) -> NorthStar | None:
        """The North Star this socket may watch now, or None: access is checked on every render."""
        if self.mode == LINK:
            link = (
                ScorecardLink.objects.select_related("north_star__statement", "north_star__team")
                .filter(token=kwargs["token"], revoked_at=None)
                .first()
            )
            return link.north_star if link is not None else None
        key = kwargs["key"]
        north_star = read_once(
            shared,
            "north_star",
            lambda: NorthStar.objects.select_related("statement", "team", "workshop").filter(key=key).first(),
        )
        if north_star is None or not is_team_member(self.scope.get("user"), north_star.team_id):
            return None
        return north_star

    def render_now(self, shared: SharedRenders | None) -> str | None:
        north_star = self.north_star_for(self.scope["url_route"]["kwargs"], shared)
        if north_star is None:
            return None
        card: Scorecard = read_once(shared, "scorecard", lambda: read_scorecard(north_star))
        explainable = card.explainable_by(self.scope.get("user")) if self.mode == MEMBER else ()
        context = {"north_star": north_star, "card": card, "explainable": explainable, "oob": True}
        audience = Audience("scorecard", "scorecard", (north_star.key, explainable))
        if shared is None:
            return render_to_string(REGION_TEMPLATE, context)
        return shared.render(audience, lambda: render_to_string(REGION_TEMPLATE, context))
