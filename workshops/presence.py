"""One heartbeat for all the sockets a server process holds.

Each open tab must say now and then that it is still there (its Connection row's
`seen_at`), stay in its workshop's group (a restarted Redis forgets groups, and the
layer expires members) and learn whether it missed a change (the workshop's version).
Done tab by tab, that was two queries per tab per beat, queued one after another on
the single thread every socket render waits for: with 750 tabs, a third of that
thread's time. Here one beat marks every tab of the process in one UPDATE and reads
every workshop's version in one SELECT; each tab then decides for itself what to do.

Only the sockets are held per process, as they must be; presence itself lives in the
database, so several server processes each beat for their own tabs.
"""

import asyncio
import logging
import weakref
from typing import Protocol

from channels.db import database_sync_to_async
from django.conf import settings
from django.utils import timezone

from .models import Connection, Workshop

logger = logging.getLogger(__name__)


class Tab(Protocol):
    channel_name: str
    workshop_pk: int

    async def beat(self, version: int | None) -> None: ...


class Heartbeat:
    """The tabs of one event loop and the task that beats for them while there are any."""

    def __init__(self) -> None:
        self.tabs: set[Tab] = set()
        self.task: asyncio.Task | None = None

    def join(self, tab: Tab) -> None:
        self.tabs.add(tab)
        if self.task is None or self.task.done():
            self.task = asyncio.create_task(self.run())

    def leave(self, tab: Tab) -> None:
        self.tabs.discard(tab)

    async def run(self) -> None:
        while self.tabs:
            # Read each time: tests shorten it.
            await asyncio.sleep(settings.PRESENCE_HEARTBEAT_SECONDS)
            try:
                await self.beat()
            except Exception:
                logger.exception("The presence heartbeat failed for %d sockets", len(self.tabs))

    async def beat(self) -> None:
        tabs = list(self.tabs)
        if not tabs:
            return
        versions = await database_sync_to_async(mark_present)(
            [tab.channel_name for tab in tabs], {tab.workshop_pk for tab in tabs}
        )
        await asyncio.gather(*(tab.beat(versions.get(tab.workshop_pk)) for tab in tabs if tab in self.tabs))


def mark_present(channel_names: list[str], workshop_pks: set[int]) -> dict[int, int]:
    """Mark these sockets as still here; the current version of each workshop that still exists."""
    Connection.objects.filter(channel_name__in=channel_names).update(seen_at=timezone.now())
    return dict(Workshop.objects.filter(pk__in=workshop_pks).values_list("pk", "version"))


# One heartbeat per event loop (a test run opens many loops; a server has one).
_heartbeats: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Heartbeat]" = weakref.WeakKeyDictionary()


def heartbeat() -> Heartbeat:
    loop = asyncio.get_running_loop()
    beat = _heartbeats.get(loop)
    if beat is None:
        beat = _heartbeats[loop] = Heartbeat()
    return beat
