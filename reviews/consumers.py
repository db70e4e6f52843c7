"""A running review: one socket per open page, re-rendered for its own viewer on every change.

Thin, like the scorecard's: it finds the viewer (a member of the team, checked on every
render), joins the meeting's group and sends the `review` region as an htmx out-of-band
swap on connect, on each notice and when the page asks. Each viewer's render is their own
(their vote, whether they facilitate), so nothing is shared between sockets.
"""

import logging

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.template.loader import render_to_string

from workshops.consumers import CLOSE_FORBIDDEN, CLOSE_INTERNAL_ERROR, CLOSE_TOO_MANY_FRAMES, FrameAllowance

from .access import find_occurrence, may_join
from .live import review_context

logger = logging.getLogger(__name__)

MAX_FRAME_CHARS = 4096


class ReviewConsumer(AsyncWebsocketConsumer):
    presenting: bool = False
    group: str = ""

    def __init__(self, *args, presenting: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.presenting = presenting
        self.frames = FrameAllowance()

    async def connect(self) -> None:
        group = await database_sync_to_async(self.find_group)()
        await self.accept()
        if group is None:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.group = group
        await self.channel_layer.group_add(group, self.channel_name)
        await self.send_review()

    async def disconnect(self, close_code: int) -> None:
        await self.leave()

    async def leave(self) -> None:
        if self.group:
            group, self.group = self.group, ""
            await self.channel_layer.group_discard(group, self.channel_name)

    async def review_changed(self, event: dict) -> None:
        if self.group:
            await self.send_review()

    async def receive(self, text_data=None, bytes_data=None) -> None:
        """Any frame from the page asks for the whole review again."""
        if not self.group:
            return
        if not self.frames.take() or len(text_data or bytes_data or "") > MAX_FRAME_CHARS:
            await self.leave()
            await self.close(code=CLOSE_TOO_MANY_FRAMES)
            return
        await self.send_review()

    async def send_review(self) -> None:
        try:
            html = await database_sync_to_async(self.render_now)()
        except Exception:
            logger.exception("Rendering the review failed for socket %s", self.channel_name)
            await self.leave()
            await self.close(code=CLOSE_INTERNAL_ERROR)
            return
        if html is None:
            await self.leave()
            await self.close(code=CLOSE_FORBIDDEN)
            return
        await self.send(text_data=html)

    # In the database thread ------------------------------------------------------------------

    def viewable(self):
        kwargs = self.scope["url_route"]["kwargs"]
        found = find_occurrence(kwargs["key"], kwargs["number"])
        if found is None or not may_join(self.scope.get("user"), found):
            return None
        return found

    def find_group(self) -> str | None:
        found = self.viewable()
        return found.group_name if found is not None else None

    def render_now(self) -> str | None:
        found = self.viewable()
        if found is None:
            return None
        context = review_context(found, self.scope.get("user"), presenting=self.presenting)
        context["oob"] = True
        return render_to_string("reviews/_review.html", context)
