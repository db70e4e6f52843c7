"""The live board: one socket per open board, re-rendered whenever a card moves.

Moves go over HTTP (bets/views.py) and announce `board.changed` to the North Star's board
group after commit. On a notice each socket checks its viewer is still on the team, then
sends the board region as an htmx out-of-band swap. On connect, and whenever the page
asks (any frame, at most once a second), it sends the region too, so a reconnect catches up.
"""

import asyncio
import logging
import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.template.loader import render_to_string

from metrics.models import NorthStar
from workshops.consumers import CLOSE_FORBIDDEN, CLOSE_INTERNAL_ERROR, CLOSE_TOO_MANY_FRAMES, FrameAllowance

from .access import may_watch_board
from .board import read_board
from .broadcast import group_name

logger = logging.getLogger(__name__)

REGION_TEMPLATE = "bets/board.html#board"
RESYNC_INTERVAL_SECONDS = 1.0
MAX_FRAME_CHARS = 4096


class BoardConsumer(AsyncWebsocketConsumer):
    north_star_key: str = ""
    joined: bool = False
    last_resync: float = 0.0
    pending_resync: asyncio.Task | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.frames = FrameAllowance()

    async def connect(self) -> None:
        self.north_star_key = self.scope["url_route"]["kwargs"]["key"]
        html = await self.render()
        await self.accept()
        if html is None:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        await self.channel_layer.group_add(group_name(self.north_star_key), self.channel_name)
        self.joined = True
        await self.send(text_data=html)

    async def disconnect(self, close_code: int) -> None:
        await self.leave()

    async def leave(self) -> None:
        if self.pending_resync is not None:
            self.pending_resync.cancel()
        if self.joined:
            self.joined = False
            await self.channel_layer.group_discard(group_name(self.north_star_key), self.channel_name)

    async def board_changed(self, event: dict) -> None:
        if self.joined:
            await self.send_board()

    async def receive(self, text_data=None, bytes_data=None) -> None:
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
        await self.send_board()

    async def send_board(self) -> None:
        try:
            html = await self.render()
        except Exception:
            logger.exception("Rendering the board failed for socket %s", self.channel_name)
            await self.leave()
            await self.close(code=CLOSE_INTERNAL_ERROR)
            return
        if html is None:
            await self.leave()
            await self.close(code=CLOSE_FORBIDDEN)
            return
        await self.send(text_data=html)

    @database_sync_to_async
    def render(self) -> str | None:
        """The board for this viewer now, or None once they may no longer watch it."""
        north_star = NorthStar.objects.select_related("team").filter(key=self.north_star_key).first()
        if north_star is None or not may_watch_board(self.scope.get("user"), north_star):
            return None
        context = {"north_star": north_star, "lanes": read_board(north_star), "oob": True}
        return render_to_string(REGION_TEMPLATE, context)
