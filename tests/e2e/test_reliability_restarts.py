"""Issue 9, tests 5, 6 and 20: server crashes, a Redis restart and two server processes, in a real browser.

In tests/e2e because they drive Chromium against daphne subprocesses; marked
`reliability` so that `pytest -m reliability` runs them with the rest of the suite.
"""

import re
import shutil
import subprocess
import time

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from northstar.daphne_process import free_port
from tests.e2e.conftest import DaphneServer
from tests.reliability.helpers import live_workshop
from workshops.models import Participant, Workshop

pytestmark = pytest.mark.reliability

NEEDS_REDIS = pytest.mark.skipif(
    "redis" not in str(settings.CHANNEL_LAYERS["default"]["BACKEND"]).lower(),
    reason="needs REDIS_URL: without it each server process has its own in-memory channel layer",
)


def seconds_on(timer: str) -> int:
    match = re.fullmatch(r"\+?(\d+):(\d\d)", timer.strip())
    assert match, f"not a timer: {timer!r}"
    minutes, seconds = match.groups()
    return int(minutes) * 60 + int(seconds)


def remaining_in_database(workshop: Workshop) -> float:
    workshop = Workshop.objects.select_related("current_segment").get(pk=workshop.pk)
    assert workshop.current_segment is not None, "the workshop is live"
    return workshop.current_segment.remaining_seconds(timezone.now())


def expect_live(page: Page, timeout: float = 20_000) -> None:
    expect(page.locator("[data-connection-status]")).to_have_text("Live", timeout=timeout)


def open_facilitator(browser, server: DaphneServer, workshop: Workshop) -> Page:
    from django.test import Client

    client = Client()
    client.force_login(workshop.facilitator)
    context = browser.new_context(base_url=server.url)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": server.url}])
    page = context.new_page()
    page.goto(workshop.get_absolute_url())
    expect_live(page)
    return page


def join_on(browser, server: DaphneServer, workshop: Workshop, name: str) -> Page:
    page = browser.new_context(base_url=server.url).new_page()
    page.goto(workshop.get_join_url())
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Join the workshop").click()
    page.get_by_text("You are taking part as").wait_for()
    expect_live(page)
    return page


def current_heading(page: Page, title: str):
    return page.get_by_role("heading", name=title, exact=True)


# Test 5 ----------------------------------------------------------------------------


def test_after_a_server_crash_everyone_is_back_on_the_same_segment_and_time(browser, daphne_server, transactional_db):
    workshop = live_workshop()
    facilitator = open_facilitator(browser, daphne_server, workshop)
    grace = join_on(browser, daphne_server, workshop, "Grace")
    facilitator.get_by_role("button", name=re.compile("^Next segment")).click()
    for page in (facilitator, grace):
        expect(current_heading(page, "Identify the game")).to_be_visible()

    daphne_server.process.kill()  # no goodbye: sockets drop as if the machine died
    daphne_server.process.wait()
    expect(grace.locator("[data-connection-status]")).to_have_text("Reconnecting…")
    daphne_server.start()

    for page in (facilitator, grace):
        expect_live(page)
        expect(current_heading(page, "Identify the game")).to_be_visible()
    shown = seconds_on(grace.get_by_role("timer").inner_text())
    assert abs(shown - remaining_in_database(workshop)) <= 3

    # The reconnected socket is live again, not a stale page: the next action arrives.
    facilitator.get_by_role("button", name="Pause timer").click()
    expect(grace.get_by_role("region", name="Identify the game").get_by_text("Paused")).to_be_visible()
    expect(grace.get_by_role("timer")).to_have_text(facilitator.get_by_role("timer").inner_text())
    assert Participant.objects.filter(workshop=workshop).count() == 1


# Test 6 ----------------------------------------------------------------------------


class PrivateRedis:
    """A redis-server of this test's own, so restarting it disturbs no one else's Redis."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        command = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                import socket

                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def private_redis():
    redis = PrivateRedis()
    redis.start()
    yield redis
    redis.stop()


@NEEDS_REDIS
def test_a_redis_restart_during_a_workshop_heals_without_a_reload(browser, private_redis, live_url):
    server = DaphneServer(REDIS_URL=private_redis.url, PRESENCE_HEARTBEAT_SECONDS="2")
    server.start()
    try:
        workshop = live_workshop()
        facilitator = open_facilitator(browser, server, workshop)
        grace = join_on(browser, server, workshop, "Grace")

        private_redis.stop()
        # While Redis is away the facilitator moves on and someone joins: both over HTTP, both must work.
        facilitator.get_by_role("button", name=re.compile("^Next segment")).click()
        expect(current_heading(facilitator, "Identify the game")).to_be_visible()
        linus = join_on_during_outage(browser, server, workshop, "Linus")
        private_redis.start()

        for page in (grace, linus, facilitator):
            expect(current_heading(page, "Identify the game")).to_be_visible(timeout=20_000)
            expect_live(page)
        facilitator.get_by_role("button", name=re.compile("^Next segment")).click()
        for page in (grace, linus):
            expect(current_heading(page, "Good and bad North Stars")).to_be_visible()
    finally:
        server.stop()


def join_on_during_outage(browser, server: DaphneServer, workshop: Workshop, name: str) -> Page:
    page = browser.new_context(base_url=server.url).new_page()
    page.goto(workshop.get_join_url())
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Join the workshop").click()
    page.get_by_text("You are taking part as").wait_for()
    return page


# Test 20 ---------------------------------------------------------------------------


@NEEDS_REDIS
def test_two_server_processes_share_the_workshop(browser, daphne_server, live_url):
    other = DaphneServer()
    other.start()
    try:
        workshop = live_workshop()
        facilitator = open_facilitator(browser, daphne_server, workshop)
        grace = join_on(browser, other, workshop, "Grace")
        linus = join_on(browser, other, workshop, "Linus")
        expect(facilitator.get_by_text("2 of 2 connected")).to_be_visible()

        facilitator.get_by_role("button", name=re.compile("^Next segment")).click()
        for page in (grace, linus):
            expect(current_heading(page, "Identify the game")).to_be_visible()
        facilitator.get_by_role("button", name="Pause timer").click()
        expect(grace.get_by_role("region", name="Identify the game").get_by_text("Paused")).to_be_visible()
        paused_at = facilitator.get_by_role("timer").inner_text()

        # Grace's laptop reconnects through the other process (as a load balancer might send it).
        grace.goto(f"{daphne_server.url}{workshop.get_participant_url()}")
        expect_live(grace)
        expect(grace.get_by_text("You are taking part as Grace")).to_be_visible()
        expect(current_heading(grace, "Identify the game")).to_be_visible()
        expect(grace.get_by_role("timer")).to_have_text(paused_at)
        grace.get_by_role("button", name="I’m done").click()
        expect(facilitator.get_by_role("region", name="Ready check").get_by_text("1 of 2 done")).to_be_visible()
        assert Participant.objects.filter(workshop=workshop).count() == 2
    finally:
        other.stop()
