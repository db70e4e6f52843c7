import asyncio
import logging
import time
from dataclasses import dataclass, field

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.template.loader import render_to_string

from .access import Page, Viewer, resolve_viewer
from .broadcast import changed_message
from .live import VERSION_TEMPLATE, render_regions, room
from .models import Connection, workshop_with_code
from .presence import heartbeat
from .renders import SharedRenders, for_notice, read_once

logger = logging.getLogger(__name__)

# Close codes: daphne sends only 1000 and 3000-4999 (with any other code the close itself
# fails, and the tab is never forgotten). Ours are 4000 plus the nearest standard code.
# static/js/live.js reconnects after these, and every connect sends the whole page again.
CLOSE_TOO_BIG = 4009
CLOSE_INTERNAL_ERROR = 4011
# After these the page stays closed and says why (static/js/live.js).
CLOSE_FORBIDDEN = 4403
CLOSE_TOO_MANY_FRAMES = 4008
CLOSE_TOO_MANY_SOCKETS = 4429
# The workshop has ended: its pages have everything they will ever show, the socket is done.
# The page stays closed and reads "Ended" (static/js/live.js).
CLOSE_ENDED = 4410

# The browser only ever sends a tiny "send me everything" frame (or a form htmx
# serialises). Anything larger is not ours; answering it would only cost us.
MAX_FRAME_CHARS = 4096
# The heartbeat's pseudo-region list: "send everything if this page is behind".
CATCH_UP = ["catch-up"]
# Full re-renders a socket may ask for: at most one per interval, later asks coalesce.
RESYNC_INTERVAL_SECONDS = 1.0
# Frames one socket may send: a burst, then so many a second. A page sends one when it comes
# back into view, reconnects or sees a gap; far more than that is not a page of ours.
FRAME_BURST = 20
FRAMES_PER_SECOND = 2.0


@dataclass
class FrameAllowance:
    """A token bucket for one socket: `burst` frames at once, refilled at `per_second`."""

    burst: int = FRAME_BURST
    per_second: float = FRAMES_PER_SECOND
    tokens: float = FRAME_BURST
    checked_at: float = field(default_factory=time.monotonic)

    def take(self) -> bool:
        """Spend one frame's token; False when none is left."""
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.checked_at) * self.per_second)
        self.checked_at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class WorkshopConsumer(AsyncWebsocketConsumer):
    """One per open tab: knows whom it serves, renders regions for them, writes nothing else."""

    viewer: Viewer | None = None
    page: Page | None = None
    last_resync: float = 0.0
    pending_resync: asyncio.Task | None = None
    # The workshop version this socket's page is known to be current with.
    sent_version: int = 0
    # A newer version the last heartbeat saw in the database, whose notice had not arrived yet.
    awaited_version: int | None = None
    # Set once this tab has been forgotten: its row, its groups and its heartbeat are gone.
    gone: bool = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.frames = FrameAllowance()

    async def __call__(self, scope, receive, send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            # A server shutting down cancels its consumers without a disconnect: forget this tab anyway.
            await self.leave()

    async def connect(self) -> None:
        code = self.scope["url_route"]["kwargs"]["code"]
        page = self.scope["url_route"]["kwargs"]["page"]
        self.viewer = await self.find_viewer(code)
        if self.viewer is None or page not in Page.__members__.values() or not self.viewer.may_open(page):
            await self.close(code=CLOSE_FORBIDDEN)
            return
        if not await self.open_connection(self.viewer, Page(page)):
            # Accepted first, so the page learns why: a socket refused before it is accepted
            # reaches the browser as 1006, which htmx retries.
            await self.accept()
            await self.close(code=CLOSE_TOO_MANY_SOCKETS)
            return
        self.page = Page(page)
        # Its row exists from here: a shutdown before the first regions are out forgets it too.
        heartbeat().hold(self)
        workshop = self.viewer.workshop
        # Every tab hears the workshop's changes; the facilitators' and the projector's also
        # hear those only their pages show (who has started, how many dots are placed).
        # A participant's tabs also hear what only that person's pages show (their dots left).
        self.workshop_groups = (
            [workshop.group_name, workshop.own_group_name(self.viewer.me.pk)]
            if self.page == Page.PARTICIPANT
            else [
                workshop.group_name,
                workshop.staff_group_name,
            ]
        )
        await self.join_groups()
        await self.accept()
        if not await self.send_regions(None):
            return  # closed instead: the workshop has ended, or the render failed
        await self.channel_layer.group_send(self.workshop_groups[0], changed_message("roster"))
        heartbeat().join(self)

    async def join_groups(self) -> None:
        for group in self.workshop_groups:
            await self.channel_layer.group_add(group, self.channel_name)

    async def disconnect(self, close_code: int) -> None:
        await self.leave()

    async def end(self, code: int) -> None:
        """Close this socket, and forget it now rather than when (or if) the browser answers."""
        await self.leave()
        await self.close(code=code)

    async def leave(self) -> None:
        """Forget this tab: its presence row, its groups, its heartbeat; its workshop redraws the roster.

        Every way a socket ends comes here, some twice (a close the server starts, then the
        browser's disconnect), so it does its work once.
        """
        if self.page is None or self.gone:
            return
        self.gone = True
        heartbeat().leave(self)
        if self.pending_resync:
            self.pending_resync.cancel()
        for group in self.workshop_groups:
            await self.channel_layer.group_discard(group, self.channel_name)
        await self.forget_connection()
        heartbeat().release(self)
        if not self.served[0].workshop.is_ended:
            # Nobody follows the roster of an ended workshop: every tab closing at the end
            # would otherwise make every other tab redraw it.
            await self.channel_layer.group_send(self.workshop_groups[0], changed_message("roster"))

    async def receive(self, text_data=None, bytes_data=None) -> None:
        # Writes go over HTTP; a text frame from the browser is only a request to resync.
        # Its content does not matter, so garbage or unknown messages cost one throttled render.
        if self.page is None or self.gone:
            return
        if not self.frames.take():
            await self.end(CLOSE_TOO_MANY_FRAMES)
            return
        if len(text_data or bytes_data or "") > MAX_FRAME_CHARS:
            await self.end(CLOSE_TOO_BIG)
            return
        if text_data is None:
            return
        if self.pending_resync is not None and not self.pending_resync.done():
            return
        wait = self.last_resync + RESYNC_INTERVAL_SECONDS - time.monotonic()
        if wait > 0:
            self.pending_resync = asyncio.create_task(self.resync_after(wait))
        else:
            await self.resync()

    async def resync_after(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
        await self.resync()

    async def resync(self) -> None:
        self.last_resync = time.monotonic()
        await self.send_regions(None)

    @property
    def served(self) -> tuple[Viewer, Page]:
        """Whom this socket serves, on which page: known once it is accepted."""
        if self.viewer is None or self.page is None:
            raise RuntimeError("This socket was not accepted.")
        return self.viewer, self.page

    async def workshop_changed(self, event: dict) -> None:
        if self.gone:
            return  # a notice that was already on its way to a socket closing
        audience = event.get("participants")
        viewer, page = self.served
        me = viewer.participant
        if audience is not None and page == Page.PARTICIPANT and (me is None or me.pk not in audience):
            # Nothing to re-render here, but the change still counts: pass the number on, so this
            # page does not take the next notice for a gap and ask for everything.
            await self.send_version(event.get("version"))
            return
        await self.send_regions(event.get("regions"), event.get("version"), event.get("id"))

    async def send_version(self, version: int | None) -> None:
        if version is not None and version > self.sent_version:
            self.sent_version = version
            await self.send(text_data=render_to_string(VERSION_TEMPLATE, {"version": version}))

    async def send_regions(
        self, regions: list[str] | None, version: int | None = None, notice_id: str | None = None
    ) -> bool:
        """Send the regions; False when the socket had to be closed instead."""
        try:
            html = await self.render(regions, version, notice_id)
        except Exception:
            # Only this socket suffers: it closes, the browser reconnects and gets every region again.
            logger.exception("Rendering %s failed for socket %s", regions or "every region", self.channel_name)
            await self.end(CLOSE_INTERNAL_ERROR)
            return False
        if html is None:
            await self.end(CLOSE_FORBIDDEN)
            return False
        if html:
            await self.send(text_data=html)
        if self.served[0].workshop.is_ended:
            # It has shown the ending (or already showed it): nothing more will come.
            await self.end(CLOSE_ENDED)
            return False
        return True

    async def render(self, regions: list[str] | None, version: int | None = None, notice_id: str | None = None):
        # The tabs of this process hearing the same notice share its reads and renders.
        shared = for_notice(notice_id) if notice_id is not None else None
        return await database_sync_to_async(self.render_now)(regions, version, shared)

    def render_now(
        self, regions: list[str] | None, version: int | None = None, shared: SharedRenders | None = None
    ) -> str | None:
        """In the database thread: this tab's regions as HTML, "" for nothing, None if it may no longer look.

        `shared` is one notice's reads and renders (see workshops/renders.py).
        """
        # The viewer is found afresh, so a removed participant or an ended workshop stops here.
        known, page = self.served
        viewer = self.lookup_viewer(known.workshop.code, shared)
        if viewer is None or not viewer.may_open(page):
            return None
        self.viewer = viewer
        if viewer.workshop.is_ended:
            # Its last frame (the socket closes after it): the whole page as it ended, whatever
            # notice came first, so no tab closes without showing the end.
            regions = None
        elif regions == CATCH_UP:
            # The heartbeat: nothing to send unless a change was missed (a dropped notice,
            # a Redis restart that forgot this socket's group): then the whole page.
            if viewer.workshop.version <= self.sent_version:
                return ""
            regions = None
        if regions is None:
            self.sent_version = viewer.workshop.version
        elif version is not None:
            self.sent_version = max(self.sent_version, version)
        return render_regions(viewer, page, regions, version, shared)

    @database_sync_to_async
    def find_viewer(self, code: str) -> Viewer | None:
        return self.lookup_viewer(code)

    def lookup_viewer(self, code: str, shared: SharedRenders | None = None) -> Viewer | None:
        # Read after the notice was sent, so at least as new as the change it announces.
        workshop = read_once(shared, "workshop", lambda: workshop_with_code(code))
        if workshop is None:
            return None
        active = None
        if shared is not None:
            # Every tab of this notice looks itself up in one read of who is still in the room.
            active = read_once(shared, "active", lambda: {p.pk: p for p in room(workshop, shared)})
        return resolve_viewer(workshop, self.scope.get("user"), self.scope["session"], active)

    @database_sync_to_async
    def open_connection(self, viewer: Viewer, page: Page) -> bool:
        """Record this new tab; False, and no row, when its session already holds as many as it may.

        Counted after the insert: two tabs opening at once may both be refused at the limit,
        never both admitted past it.
        """
        self.record_connection(viewer, page)
        session_key = self.session_key
        if session_key and Connection.objects.of_session(session_key).count() > settings.MAX_SOCKETS_PER_SESSION:
            Connection.objects.filter(channel_name=self.channel_name).delete()
            return False
        return True

    @database_sync_to_async
    def register_connection(self) -> None:
        """Record this tab again (the heartbeat found its row pruned while it was held up)."""
        self.record_connection(*self.served)

    def record_connection(self, viewer: Viewer, page: Page) -> None:
        Connection.objects.create(
            workshop=viewer.workshop,
            participant=viewer.participant,
            user=viewer.user if viewer.is_facilitator else None,
            channel_name=self.channel_name,
            page=page,
            session_key=self.session_key,
        )

    @property
    def session_key(self) -> str:
        return self.scope["session"].session_key or ""

    @database_sync_to_async
    def forget_connection(self) -> None:
        Connection.objects.filter(channel_name=self.channel_name).delete()

    @property
    def workshop_pk(self) -> int:
        return self.served[0].workshop.pk

    async def beat(self, version: int | None) -> None:
        """The process's heartbeat has marked this tab present and read its workshop's version (None: gone)."""
        try:
            # Idempotent; a restarted Redis has forgotten the group, and the layer expires members.
            await self.join_groups()
            if self.page != Page.PARTICIPANT or version is None:
                # A facilitator's access also rests on team membership, which does not move the
                # version: their tabs re-check it each beat (and catch up if behind).
                await self.send_regions(CATCH_UP)
                return
            # A participant's access changes only with the workshop (removal, a new role, the
            # end), and every such change moves its version. A version ahead of this tab may
            # only be a notice still on its way (a busy server), so the tab catches up when the
            # number it saw one beat ago is still ahead: that notice was lost.
            lost = self.awaited_version is not None and self.awaited_version > self.sent_version
            if lost and not await self.send_regions(None):
                return
            self.awaited_version = version if version > self.sent_version else None
        except Exception:
            logger.exception("Presence heartbeat failed for %s", self.channel_name)
