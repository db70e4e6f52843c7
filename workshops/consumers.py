import asyncio
import logging
from collections import OrderedDict

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.utils import timezone

from .access import Page, Viewer, resolve_viewer
from .broadcast import changed_message
from .live import remembered, render_regions
from .models import Connection, Workshop

logger = logging.getLogger(__name__)

# Close codes outside the range htmx reconnects on: a refused socket stays closed.
CLOSE_FORBIDDEN = 4403

# One notice reaches every tab of a workshop in this process within milliseconds. Each tab
# still resolves its own viewer and renders what only it may see, but the workshop-wide
# reads and regions are done once per notice: a memo per notice id, the latest few kept.
# Every render runs in asgiref's single database thread, so the memos need no lock.
SHARED_MEMOS = 256
_shared_memos: OrderedDict[str, dict] = OrderedDict()


def shared_memo(notice_id: str | None) -> dict | None:
    if notice_id is None:
        return None
    memo = _shared_memos.get(notice_id)
    if memo is None:
        memo = _shared_memos[notice_id] = {}
        while len(_shared_memos) > SHARED_MEMOS:
            _shared_memos.popitem(last=False)
    return memo


class WorkshopConsumer(AsyncWebsocketConsumer):
    """One per open tab: knows whom it serves, renders regions for them, writes nothing else."""

    viewer: Viewer | None = None
    page: Page | None = None
    heartbeat: asyncio.Task | None = None

    async def connect(self) -> None:
        code = self.scope["url_route"]["kwargs"]["code"]
        page = self.scope["url_route"]["kwargs"]["page"]
        self.viewer = await self.find_viewer(code)
        if self.viewer is None or page not in Page.__members__.values() or not self.viewer.may_open(page):
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.page = Page(page)
        self.group = self.viewer.workshop.group_name
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.register_connection()
        await self.send_regions(None)
        await self.channel_layer.group_send(self.group, changed_message("roster"))
        self.heartbeat = asyncio.create_task(self.keep_presence())

    async def disconnect(self, close_code: int) -> None:
        if self.page is None:
            return
        if self.heartbeat:
            self.heartbeat.cancel()
        await self.channel_layer.group_discard(self.group, self.channel_name)
        await self.forget_connection()
        await self.channel_layer.group_send(self.group, changed_message("roster"))

    async def receive(self, text_data=None, bytes_data=None) -> None:
        # Writes go over HTTP; a message from the browser is only a request to resync.
        await self.send_regions(None)

    async def workshop_changed(self, event: dict) -> None:
        audience = event.get("participants")
        if audience is not None and self.page == Page.PARTICIPANT and self.viewer.participant.pk not in audience:
            return
        await self.send_regions(event.get("regions"), event.get("id"))

    async def send_regions(self, regions: list[str] | None, notice_id: str | None = None) -> None:
        html = await self.render(regions, notice_id)
        if html is None:
            await self.close(code=CLOSE_FORBIDDEN)
        elif html:
            await self.send(text_data=html)

    @database_sync_to_async
    def render(self, regions: list[str] | None, notice_id: str | None = None) -> str | None:
        # The viewer is found afresh, so a removed participant or an ended workshop stops here.
        shared = shared_memo(notice_id)
        viewer = self.lookup_viewer(self.viewer.workshop.code, shared)
        if viewer is None or not viewer.may_open(self.page):
            return None
        self.viewer = viewer
        return render_regions(viewer, self.page, regions, shared)

    @database_sync_to_async
    def find_viewer(self, code: str) -> Viewer | None:
        return self.lookup_viewer(code)

    def lookup_viewer(self, code: str, shared: dict | None = None) -> Viewer | None:
        # Read after the notice was sent, so at least as new as the change it announces.
        workshop = remembered(
            shared, "workshop", lambda: Workshop.objects.select_related("facilitator").filter(code=code).first()
        )
        if workshop is None:
            return None
        return resolve_viewer(workshop, self.scope.get("user"), self.scope["session"])

    @database_sync_to_async
    def register_connection(self) -> None:
        viewer = self.viewer
        Connection.objects.create(
            workshop=viewer.workshop,
            participant=viewer.participant,
            user=viewer.user if viewer.is_facilitator else None,
            channel_name=self.channel_name,
            page=self.page,
        )

    @database_sync_to_async
    def forget_connection(self) -> None:
        Connection.objects.filter(channel_name=self.channel_name).delete()

    @database_sync_to_async
    def touch_connection(self) -> None:
        Connection.objects.filter(channel_name=self.channel_name).update(seen_at=timezone.now())

    async def keep_presence(self) -> None:
        """Refresh this tab's presence row, and re-check that its viewer may still be here."""
        while True:
            await asyncio.sleep(settings.PRESENCE_HEARTBEAT_SECONDS)
            try:
                await self.touch_connection()
                if await self.render([]) is None:
                    await self.close(code=CLOSE_FORBIDDEN)
                    return
            except Exception:
                logger.exception("Presence heartbeat failed for %s", self.channel_name)
