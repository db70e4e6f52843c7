"""Issue 9, test 4: a participant's connection is cut without a close frame; typing goes on; nothing is lost.

The cut is made by a TCP proxy between Chromium and daphne: it resets every connection
it carries (SO_LINGER 0, so an RST and no WebSocket close frame on either side) and
refuses new ones until the network "comes back". That is what a dropped Wi-Fi or a
sleeping laptop does; a close() from JavaScript would send a close frame (browsers only
allow codes 1000 and 3000-4999), and Playwright's offline mode does not reliably drop a
WebSocket that is already open. The facilitator talks to daphne directly, so they can
move the group on while the participant is cut off.
"""

import contextlib
import re
import socket
import struct
import threading
import time

import pytest
from playwright.sync_api import expect

from metrics.models import Candidate
from northstar.daphne_process import free_port
from tests.e2e.helpers import start_a_candidate
from tests.factories import workshop_at

pytestmark = pytest.mark.reliability

NAME = "Weekly honoured bookings"
BEFORE_CUT = "Bookings where the diners"
DURING_CUT = " actually showed up, counted per week (typed while cut off)"


class CuttableProxy:
    """Forward 127.0.0.1:<port> to the live server until cut(); reset every carried connection on cut."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.online = True
        self.cuts = 0
        self._lock = threading.Lock()
        self._carried: list[socket.socket] = []
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if not self.online:
                self._reset(client)
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            except OSError:
                self._reset(client)
                continue
            with self._lock:
                self._carried += [client, upstream]
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                target.sendall(chunk)
        except OSError:
            return
        if self.online:  # the peer closed normally: pass it on (a cut resets instead)
            with contextlib.suppress(OSError):
                target.shutdown(socket.SHUT_WR)

    @staticmethod
    def _reset(end: socket.socket) -> None:
        try:
            end.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            end.close()
        except OSError:
            pass

    def cut(self) -> None:
        self.online = False
        with self._lock:
            carried, self._carried = self._carried, []
        self.cuts += len(carried)
        for end in carried:
            # Wake the pump blocked in recv() without sending anything, then close with an RST.
            try:
                end.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                end.shutdown(socket.SHUT_RD)
            except OSError:
                pass
        time.sleep(0.1)
        for end in carried:
            self._reset(end)

    def restore(self) -> None:
        self.online = True

    def close(self) -> None:
        self._closed = True
        self.cut()
        self._listener.close()


@pytest.fixture
def proxy(daphne_server, transactional_db):
    proxy = CuttableProxy(daphne_server.port)
    yield proxy
    proxy.close()


def wait_for(condition, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the database never got there"
        time.sleep(0.2)


def test_a_cut_connection_loses_no_text_and_shows_the_current_segment(browser, proxy, signed_in):
    workshop = workshop_at("brainstorm")
    facilitator = signed_in(workshop.facilitator)
    facilitator.goto(workshop.get_absolute_url())
    expect(facilitator.locator("[data-connection-status]")).to_have_text("Live")

    grace = browser.new_context(base_url=proxy.url).new_page()
    grace.goto(workshop.get_join_url())
    grace.get_by_label("Your name").fill("Grace")
    grace.get_by_role("button", name="Join the workshop").click()
    expect(grace.locator("[data-connection-status]")).to_have_text("Live")
    now = grace.get_by_role("region", name="Silent brainstorm", exact=True)
    expect(now.get_by_role("heading", name="Silent brainstorm", exact=True)).to_be_visible()

    start_a_candidate(grace, workshop)
    grace.get_by_label("Metric name").fill(NAME)
    definition = grace.get_by_label("Definition", exact=True)
    definition.press_sequentially(BEFORE_CUT, delay=10)
    wait_for(lambda: Candidate.objects.get().metric_definition == BEFORE_CUT)

    proxy.cut()
    assert proxy.cuts >= 2, "the page's socket was carried by the proxy and reset"
    # The page notices the dead socket by itself (no close frame ever arrived).
    expect(grace.locator("[data-connection-status]")).not_to_have_text("Live", timeout=10_000)
    definition.press_sequentially(DURING_CUT, delay=10)
    expect(grace.get_by_text(re.compile("^Not saved yet")).first).to_be_visible()

    # Meanwhile the facilitator moves the group on.
    facilitator.get_by_role("button", name=re.compile("^Next segment")).click()
    expect(facilitator.locator("#now-title")).to_have_text("Pair and share")
    assert Candidate.objects.get().metric_definition == BEFORE_CUT, "nothing got through the cut"

    proxy.restore()
    expect(grace.locator("[data-connection-status]")).to_have_text("Live", timeout=20_000)
    expect(grace.locator("#now-title")).to_have_text("Pair and share", timeout=10_000)
    wait_for(lambda: Candidate.objects.get().metric_definition == BEFORE_CUT + DURING_CUT)
    assert Candidate.objects.get().metric_name == NAME

    # Back in the brainstorm, the reloaded page shows every word.
    facilitator.get_by_role("button", name="Go to Silent brainstorm").click()
    grace.reload()
    expect(grace.locator("#now-title")).to_have_text("Silent brainstorm")
    expect(grace.get_by_label("Metric name")).to_have_value(NAME)
    expect(grace.get_by_label("Definition", exact=True)).to_have_value(BEFORE_CUT + DURING_CUT)
