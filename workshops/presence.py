"""One heartbeat for all the sockets a server process holds.

Each open tab must say now and then that it is still there (its Connection row's
`seen_at`), stay in its workshop's group (a restarted Redis forgets groups, and the
layer expires members) and learn whether it missed a change (the workshop's version).
Done tab by tab, that was two queries per tab per beat, queued one after another on
the single thread every socket render waits for: with 750 tabs, a third of that
thread's time. Here one beat marks every tab of the process in one UPDATE, reads
every workshop's version in one SELECT and looks for rows gone stale in one more;
each tab then decides for itself what to do.

Only the sockets are held per process, as they must be; presence itself lives in the
database, so several server processes each beat for their own tabs.

A process that dies without closing its sockets (kill -9) leaves their rows behind. They
stop counting as online once they are older than PRESENCE_STALE_SECONDS (three beats);
every beat of every live process also deletes such rows and tells their workshops' tabs
to redraw the roster, so nobody who has gone still shows as connected. A live process
whose beats were held up that long finds its tabs' rows gone and writes them again.
A process that shuts down in good order forgets its tabs at once (`forget_every_tab`).
"""

import asyncio
import logging
import weakref
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.utils import timezone

from .broadcast import changed_message
from .models import Connection, Workshop

logger = logging.getLogger(__name__)


class Tab(Protocol):
    channel_name: str
    workshop_pk: int

    async def beat(self, version: int | None) -> None: ...

    async def register_connection(self) -> None: ...


class Heartbeat:
    """The tabs of one event loop and the task that beats for them while there are any.

    `held` is every tab whose row this process wrote and has not yet deleted, from the moment
    the row is written (before the tab is ready to beat) until its delete is done (after it
    stopped beating): a shutdown in between must still find the row (`forget_every_tab`).
    """

    def __init__(self) -> None:
        self.tabs: set[Tab] = set()
        self.held: set[Tab] = set()
        self.task: asyncio.Task | None = None

    def hold(self, tab: Tab) -> None:
        """This tab's row is written: forget it on shutdown, even before it beats."""
        self.held.add(tab)

    def join(self, tab: Tab) -> None:
        self.held.add(tab)
        self.tabs.add(tab)
        if self.task is None or self.task.done():
            self.task = asyncio.create_task(self.run())

    def leave(self, tab: Tab) -> None:
        """Stop beating for this tab; its row is still held until `release`."""
        self.tabs.discard(tab)

    def release(self, tab: Tab) -> None:
        """This tab's row is deleted."""
        self.tabs.discard(tab)
        self.held.discard(tab)

    async def run(self) -> None:
        while self.tabs:
            # Read each time: tests shorten it.
            await asyncio.sleep(settings.PRESENCE_HEARTBEAT_SECONDS)
            try:
                await self.beat()
            except Exception:
                logger.exception("The presence heartbeat failed for %d sockets", len(self.tabs))

    async def beat(self, now: datetime | None = None) -> None:
        """Mark this process's tabs present and prune the rows of tabs that are gone. `now`: tests move the clock."""
        tabs = list(self.tabs)
        if not tabs:
            return
        found = await database_sync_to_async(beat_in_database)(
            [tab.channel_name for tab in tabs], {tab.workshop_pk for tab in tabs}, now or timezone.now()
        )
        rostered = set(found.pruned)
        for tab in tabs:
            # Another process pruned this tab's row while our beats were held up: it is still here.
            if tab.channel_name in found.unregistered and tab.workshop_pk in found.versions and tab in self.tabs:
                await tab.register_connection()
                rostered.add(tab.workshop_pk)
        layer = get_channel_layer()
        for workshop_pk in rostered:
            await layer.group_send(Workshop(pk=workshop_pk).group_name, changed_message("roster"))
        await asyncio.gather(*(tab.beat(found.versions.get(tab.workshop_pk)) for tab in tabs if tab in self.tabs))


@dataclass
class Beat:
    versions: dict[int, int]  # each workshop's version; a workshop that is gone is missing
    unregistered: set[str]  # this process's tabs that have no row
    pruned: set[int]  # workshops that had rows of tabs that are gone


def beat_in_database(channel_names: list[str], workshop_pks: set[int], now: datetime) -> Beat:
    """One trip to the database thread: mark these tabs present, read their versions, prune the gone."""
    marked = Connection.objects.filter(channel_name__in=channel_names).update(seen_at=now)
    versions = dict(Workshop.objects.filter(pk__in=workshop_pks).values_list("pk", "version"))
    unregistered = set()
    if marked < len(channel_names):
        unregistered = set(channel_names) - set(
            Connection.objects.filter(channel_name__in=channel_names).values_list("channel_name", flat=True)
        )
    return Beat(versions, unregistered, Connection.objects.prune(now))


async def forget_every_tab() -> None:
    """This process is shutting down: delete its tabs' rows and redraw their workshops' rosters now.

    Its consumers may never hear a disconnect (daphne 4.2.3's shutdown can fail before it cancels
    them), and nobody should show online for three beats after the server has gone. The pub/sub
    channel layer's groups live in the process and go with it.
    """
    beat = _heartbeats.get(asyncio.get_running_loop())
    if beat is None:
        return
    # Not only the beating tabs: a tab still sending its first regions, or one halfway through
    # leaving, has a row too, and the loop stops before either would have deleted it.
    names = [tab.channel_name for tab in beat.tabs | beat.held]
    beat.tabs.clear()
    beat.held.clear()
    if not names:
        return
    workshops = await database_sync_to_async(forget_in_database)(names)
    layer = get_channel_layer()
    for workshop_pk in workshops:
        await layer.group_send(Workshop(pk=workshop_pk).group_name, changed_message("roster"))


def forget_in_database(channel_names: list[str]) -> set[int]:
    """Delete these tabs' rows; the workshops they were in."""
    rows = Connection.objects.filter(channel_name__in=channel_names)
    workshops = set(rows.values_list("workshop_id", flat=True).distinct())
    rows.delete()
    return workshops


# One heartbeat per event loop (a test run opens many loops; a server has one).
_heartbeats: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Heartbeat]" = weakref.WeakKeyDictionary()


def heartbeat() -> Heartbeat:
    loop = asyncio.get_running_loop()
    beat = _heartbeats.get(loop)
    if beat is None:
        beat = _heartbeats[loop] = Heartbeat()
    return beat
