"""The live scorecard: one socket per open scorecard, re-rendered whenever its numbers change.

Writes go over HTTP (`measures.values.write`, notes); each announces `numbers.changed` to
the North Star's group after commit. On a notice every socket checks its viewer may still
look (a member still on the team, a link not revoked), then sends the whole scorecard
region as an htmx out-of-band swap. Sockets of one process that hear the same notice share
one read and one render per audience (workshops/renders.py): what differs between members
is only which nodes' notes they may write. On connect, and whenever the page asks, the
socket sends the region too, so a reconnect catches up.
"""

import asyncio
import logging
import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.template.loader import render_to_string

from accounts.access import is_team_member
from metrics.models import NorthStar
from workshops.consumers import CLOSE_FORBIDDEN, CLOSE_INTERNAL_ERROR, CLOSE_TOO_MANY_FRAMES, FrameAllowance
from workshops.renders import Audience, SharedRenders, for_notice, read_once

from .broadcast import group_name
from .models import ScorecardLink
from .scorecard import Scorecard, read_scorecard

logger = logging.getLogger(__name__)

REGION_TEMPLATE = "measures/_scorecard.html"
RESYNC_INTERVAL_SECONDS = 1.0
MAX_FRAME_CHARS = 4096

MEMBER = "member"  # a team member's scorecard: may show "explain this period" links
WALL = "wall"  # a member's TV mode: no controls
LINK = "link"  # a read-only link, in a browser or on a wall: no controls


class ScorecardConsumer(AsyncWebsocketConsumer):
    mode: str = MEMBER
    north_star_key: str = ""
    joined: bool = False
    last_resync: float = 0.0
    pending_resync: asyncio.Task | None = None

    def __init__(self, *args, mode: str = MEMBER, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.mode = mode
        self.frames = FrameAllowance()

    async def connect(self) -> None:
        kwargs = self.scope["url_route"]["kwargs"]
        key = await self.find_north_star_key(kwargs)
        if key is None:
            # Accepted first, so the page learns why (a refusal before accepting looks like a network error).
            await self.accept()
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.north_star_key = key
        await self.channel_layer.group_add(group_name(key), self.channel_name)
        self.joined = True
        await self.accept()
        await self.send_scorecard(None)

    async def disconnect(self, close_code: int) -> None:
        await self.leave()

    async def leave(self) -> None:
        if self.pending_resync is not None:
            self.pending_resync.cancel()
        if self.joined:
            self.joined = False
            await self.channel_layer.group_discard(group_name(self.north_star_key), self.channel_name)

    async def numbers_changed(self, event: dict) -> None:
        if self.joined:
            await self.send_scorecard(event.get("id"))

    async def receive(self, text_data=None, bytes_data=None) -> None:
        """Any frame from the page asks for the whole scorecard again, at most once a second."""
        if not self.joined:
            return
        if not self.frames.take() or len(text_data or bytes_data or "") > MAX_FRAME_CHARS:
            await self.leave()
            await self.close(code=CLOSE_TOO_MANY_FRAMES)
            return
        if self.pending_resync is not None and not self.pending_resync.done():
            return
        wait = self.last_resync + RESYNC_INTERVAL_SECONDS - time.monotonic()
        self.pending_resync = asyncio.create_task(self.resync_after(max(wait, 0)))

    async def resync_after(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
        self.last_resync = time.monotonic()
        await self.send_scorecard(None)

    async def send_scorecard(self, notice_id: str | None) -> None:
        # Held here while this socket renders, so the other sockets hearing the notice find it.
        shared = for_notice(notice_id) if notice_id is not None else None
        try:
            html = await database_sync_to_async(self.render_now)(shared)
        except Exception:
            logger.exception("Rendering the scorecard failed for socket %s", self.channel_name)
            await self.leave()
            await self.close(code=CLOSE_INTERNAL_ERROR)
            return
        if html is None:
            await self.leave()
            await self.close(code=CLOSE_FORBIDDEN)
            return
        await self.send(text_data=html)

    # In the database thread ------------------------------------------------------------------

    @database_sync_to_async
    def find_north_star_key(self, kwargs: dict) -> str | None:
        north_star = self.north_star_for(kwargs, None)
        return north_star.key if north_star is not None else None

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
