"""A checkup's results page, live: the count of answers as they come, the results at the close.

Writes (an answer, the close) go over HTTP and announce `checkup.changed` to the checkup's
group after commit. On connect, on each notice and when the page asks, the socket checks
its viewer is still on the team and sends the `tally` region, rendered from what the
database holds now: while the checkup is open or has too few answers, that region holds
the count and nothing else (results.read_results returns None), so no rating can reach a
browser early. The socket's life is workshops.page_socket's; this module adds the redraw
at the deadline.
"""

import asyncio
import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from workshops.page_socket import PageSocket
from workshops.renders import SharedRenders

from .access import may_watch
from .live import tally_context
from .models import Checkup

REGION_TEMPLATE = "checkups/results.html#tally"
DEADLINE_GRACE_SECONDS = 1.0


class CheckupConsumer(PageSocket):
    region_name = "a checkup"
    # When the open checkup this socket found on connect closes by itself, if it does.
    deadline: datetime.datetime | None = None
    at_deadline: asyncio.Task | None = None

    async def connect(self) -> None:
        await super().connect()
        if self.group and self.deadline is not None:
            # Nothing is written when a deadline passes (it is read from the clock), so nothing
            # announces it: the open page redraws itself then, and shows the results.
            wait = (self.deadline - timezone.now()).total_seconds() + DEADLINE_GRACE_SECONDS
            self.at_deadline = asyncio.create_task(self.send_tally_after(wait))

    async def send_tally_after(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
        if self.group:
            await self.send_region(None)

    async def leave(self) -> None:
        if self.at_deadline is not None:
            self.at_deadline.cancel()
        await super().leave()

    async def checkup_changed(self, event: dict) -> None:
        await self.notice(event)

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

    def find_group(self) -> str | None:
        checkup = self.find_checkup()
        if checkup is None:
            return None
        self.deadline = checkup.deadline if checkup.is_open() else None
        return checkup.group_name

    def render_now(self, shared: SharedRenders | None) -> str | None:
        checkup = self.find_checkup()
        if checkup is None:
            return None
        return render_to_string(REGION_TEMPLATE, {**tally_context(checkup), "oob": True})
