"""A checkup's results page, live: the count of answers as they come, the results at the close.

Writes (an answer, the close) go over HTTP and announce `checkup.changed` to the checkup's
group after commit. On connect, on each notice and when the page asks, the socket checks
its viewer is still on the team and sends the `tally` region, rendered from what the
database holds now: while the checkup is open or has too few answers, that region holds
the count and nothing else (results.read_results returns None), so no rating can reach a
browser early.
"""

import asyncio
import logging

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.template.loader import render_to_string
from django.utils import timezone

from workshops.consumers import CLOSE_FORBIDDEN, CLOSE_INTERNAL_ERROR, CLOSE_TOO_MANY_FRAMES, FrameAllowance

from .access import may_watch
from .live import tally_context
from .models import Checkup

logger = logging.getLogger(__name__)

REGION_TEMPLATE = "checkups/results.html#tally"
MAX_FRAME_CHARS = 4096
DEADLINE_GRACE_SECONDS = 1.0


class CheckupConsumer(AsyncWebsocketConsumer):
    group: str = ""
    at_deadline: asyncio.Task | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.frames = FrameAllowance()

    async def connect(self) -> None:
        checkup = await database_sync_to_async(self.find_checkup)()
        await self.accept()
        if checkup is None:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.group = checkup.group_name
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.send_tally()
        if checkup.is_open() and checkup.deadline is not None:
            # Nothing is written when a deadline passes (it is read from the clock), so nothing
            # announces it: the open page redraws itself then, and shows the results.
            wait = (checkup.deadline - timezone.now()).total_seconds() + DEADLINE_GRACE_SECONDS
            self.at_deadline = asyncio.create_task(self.send_tally_after(wait))

    async def disconnect(self, close_code: int) -> None:
        await self.leave()

    async def send_tally_after(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
        if self.group:
            await self.send_tally()

    async def leave(self) -> None:
        if self.at_deadline is not None:
            self.at_deadline.cancel()
        if self.group:
            group, self.group = self.group, ""
            await self.channel_layer.group_discard(group, self.channel_name)

    async def checkup_changed(self, event: dict) -> None:
        if self.group:
            await self.send_tally()

    async def receive(self, text_data=None, bytes_data=None) -> None:
        """Any frame from the page asks for the region again."""
        if not self.group:
            return
        if not self.frames.take() or len(text_data or bytes_data or "") > MAX_FRAME_CHARS:
            await self.leave()
            await self.close(code=CLOSE_TOO_MANY_FRAMES)
            return
        await self.send_tally()

    async def send_tally(self) -> None:
        try:
            html = await database_sync_to_async(self.render_now)()
        except Exception:
            logger.exception("Rendering a checkup failed for socket %s", self.channel_name)
            await self.leave()
            await self.close(code=CLOSE_INTERNAL_ERROR)
            return
        if html is None:
            await self.leave()
            await self.close(code=CLOSE_FORBIDDEN)
            return
        await self.send(text_data=html)

    # In the database thread ------------------------------------------------------------------

    def find_checkup(self) -> Checkup | None:
        kwargs = self.scope["url_route"]["kwargs"]
        checkup = (
            Checkup.objects.select_related("north_star__team", "north_star__statement")
            .filter(north_star__key=kwargs["key"], number=kwargs["number"])
            .first()
        )
        if checkup is None or not may_watch(self.scope.get("user"), checkup):
            return None
        return checkup

    def render_now(self) -> str | None:
        checkup = self.find_checkup()
        if checkup is None:
            return None
        return render_to_string(REGION_TEMPLATE, {**tally_context(checkup), "oob": True})
