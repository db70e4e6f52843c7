"""The socket of a live page about one object (a North Star's scorecard or board, a checkup, a review).

Every such page follows the workshop's one real-time pattern, so they share this class:

- on connect it checks the viewer may watch (`find_group`, in the database thread) and, if
  so, joins the object's group and sends the page's region; if not, it accepts and closes
  with CLOSE_FORBIDDEN, so the page learns why (a refusal before accepting looks like a
  network error);
- on each notice to that group (a subclass names its handler after the notice's type and
  calls `notice`) and whenever the page asks (any frame), it re-renders the region for its
  own viewer (`render_now`, in the database thread), checking access again: once the
  viewer may no longer watch, `render_now` returns None and the socket closes with
  CLOSE_FORBIDDEN;
- a page that sends too many or too large frames is closed with CLOSE_TOO_MANY_FRAMES, and a
  render that fails with CLOSE_INTERNAL_ERROR.

Subclasses keep their own access rules, models and templates.
"""

import asyncio
import logging
import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer

from .consumers import CLOSE_FORBIDDEN, CLOSE_INTERNAL_ERROR, CLOSE_TOO_MANY_FRAMES, FrameAllowance
from .renders import SharedRenders, for_notice

logger = logging.getLogger(__name__)

MAX_FRAME_CHARS = 4096


class PageSocket(AsyncWebsocketConsumer):
    # What the region is called in the logs, e.g. "the board".
    region_name: str = "the page"
    # None: every ask from the page is answered at once. A number: asks are answered at most
    # once per so many seconds, and the asks in between are folded into one.
    resync_interval_seconds: float | None = None
    # True: sockets of one process hearing the same notice share reads and renders
    # (workshops/renders.py), and `render_now` gets the notice's SharedRenders.
    shares_renders: bool = False

    # The group this socket has joined; "" before joining and after leaving.
    group: str = ""
    last_resync: float = 0.0
    pending_resync: asyncio.Task | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.frames = FrameAllowance()

    # In the database thread: what a subclass answers ------------------------------------------

    def find_group(self) -> str | None:
        """The group of the object this socket's viewer may watch now, or None."""
        raise NotImplementedError

    def render_now(self, shared: SharedRenders | None) -> str | None:
        """The region for this socket's viewer now, or None once they may no longer watch."""
        raise NotImplementedError

    # The socket's life -------------------------------------------------------------------------

    async def connect(self) -> None:
        group = await database_sync_to_async(self.find_group)()
        await self.accept()
        if group is None:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.group = group
        await self.channel_layer.group_add(group, self.channel_name)
        await self.send_region(None)

    async def disconnect(self, close_code: int) -> None:
        await self.leave()

    async def leave(self) -> None:
        if self.pending_resync is not None:
            self.pending_resync.cancel()
        if self.group:
            group, self.group = self.group, ""
            await self.channel_layer.group_discard(group, self.channel_name)

    async def notice(self, event: dict) -> None:
        """A notice to the group: re-render, if this socket still listens."""
        if self.group:
            await self.send_region(event.get("id"))

    async def receive(self, text_data=None, bytes_data=None) -> None:
        """Any frame from the page asks for the whole region again."""
        if not self.group:
            return
        if not self.frames.take() or len(text_data or bytes_data or "") > MAX_FRAME_CHARS:
            await self.leave()
            await self.close(code=CLOSE_TOO_MANY_FRAMES)
            return
        if self.resync_interval_seconds is None:
            await self.send_region(None)
            return
        if self.pending_resync is not None and not self.pending_resync.done():
            return
        wait = self.last_resync + self.resync_interval_seconds - time.monotonic()
        self.pending_resync = asyncio.create_task(self.resync_after(max(wait, 0)))

    async def resync_after(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
        self.last_resync = time.monotonic()
        await self.send_region(None)

    async def send_region(self, notice_id: str | None) -> None:
        # Held here while this socket renders, so the other sockets hearing the notice find it.
        shared = for_notice(notice_id) if self.shares_renders and notice_id is not None else None
        try:
            html = await database_sync_to_async(self.render_now)(shared)
        except Exception:
            logger.exception("Rendering %s failed for socket %s", self.region_name, self.channel_name)
            await self.leave()
            await self.close(code=CLOSE_INTERNAL_ERROR)
            return
        if html is None:
            await self.leave()
            await self.close(code=CLOSE_FORBIDDEN)
            return
        await self.send(text_data=html)
