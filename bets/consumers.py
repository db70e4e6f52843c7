"""The live board: one socket per open board, re-rendered whenever a card moves.

Moves go over HTTP (bets/views.py) and announce `board.changed` to the North Star's board
group after commit. On a notice each socket checks its viewer is still on the team, then
sends the board region as an htmx out-of-band swap. On connect, and whenever the page
asks (any frame, at most once a second), it sends the region too, so a reconnect catches up.
The socket's life is workshops.page_socket's; this module says who may watch and what they see.
"""

from django.template.loader import render_to_string

from metrics.models import NorthStar
from workshops.page_socket import PageSocket
from workshops.renders import SharedRenders

from .access import may_watch_board
from .board import read_board
from .broadcast import group_name

REGION_TEMPLATE = "bets/board.html#board"


class BoardConsumer(PageSocket):
    region_name = "the board"
    resync_interval_seconds = 1.0

    async def board_changed(self, event: dict) -> None:
        await self.notice(event)

    # In the database thread ------------------------------------------------------------------

    def watchable(self) -> NorthStar | None:
        """The North Star whose board this viewer may watch now, or None."""
        key = self.scope["url_route"]["kwargs"]["key"]
        north_star = NorthStar.objects.select_related("team").filter(key=key).first()
        if north_star is None or not may_watch_board(self.scope.get("user"), north_star):
            return None
        return north_star

    def find_group(self) -> str | None:
        north_star = self.watchable()
        return group_name(north_star.key) if north_star is not None else None

    def render_now(self, shared: SharedRenders | None) -> str | None:
        north_star = self.watchable()
        if north_star is None:
            return None
        context = {"north_star": north_star, "lanes": read_board(north_star), "oob": True}
        return render_to_string(REGION_TEMPLATE, context)
