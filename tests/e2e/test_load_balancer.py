"""Hardening item 7: two server processes behind nginx, and one of them dies mid-workshop.

Debian's nginx runs the committed deploy/nginx.conf.template, in the foreground as a
process of this test, in front of two daphne processes on the same test database and
Redis. A facilitator and three participants use the workshop through nginx only, whose
round robin sends each request and each new socket to the next server. Then the server
holding the most sockets is killed: its sockets come back through nginx to the other,
and nothing anyone typed is lost.
"""

import os
import re
import shutil
import string
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, expect

from metrics.models import Candidate
from northstar.daphne_process import free_port
from tests.e2e.conftest import DaphneServer
from tests.e2e.helpers import start_a_candidate
from tests.reliability.helpers import live_workshop
from workshops.models import Workshop

pytestmark = pytest.mark.reliability

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
TEMPLATE = Path(settings.BASE_DIR) / "deploy" / "nginx.conf.template"

NEEDS_REDIS = pytest.mark.skipif(
    "redis" not in str(settings.CHANNEL_LAYERS["default"]["BACKEND"]).lower(),
    reason="needs REDIS_URL: without it each server process has its own in-memory channel layer",
)
NEEDS_NGINX = pytest.mark.skipif(
    not Path(NGINX).exists(), reason="needs nginx (Debian's: apt-get install nginx; .ci/run does)"
)

# What each participant types: the first half just before the server dies, the rest while it is gone.
DEFINITIONS = {
    "Grace": ("Tables where the diners showed up", " and stayed for a main course, counted weekly"),
    "Linus": ("Bookings honoured on the night", " without a call from the restaurant first"),
    "Ada": ("Guests who come back within a month", " of their first booking, as a share of all guests"),
}


@dataclass
class Served:
    """One line of nginx's access log: a request and the server(s) it went to."""

    method: str
    path: str
    status: int
    upstreams: list[str]


class Nginx:
    """Debian's nginx in the foreground, everything it writes under `directory`, serving the committed template."""

    def __init__(self, directory: Path, servers: list[DaphneServer]) -> None:
        self.directory = directory
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.servers = servers
        self.process: subprocess.Popen | None = None

    def write_config(self) -> Path:
        site = string.Template(TEMPLATE.read_text()).safe_substitute(
            NORTHSTAR_LISTEN=f"127.0.0.1:{self.port}",
            NORTHSTAR_WEB_1=f"127.0.0.1:{self.servers[0].port}",
            NORTHSTAR_WEB_2=f"127.0.0.1:{self.servers[1].port}",
        )
        assert not re.search(r"\$\{?NORTHSTAR_", site), "the template names a setting this test does not fill in"
        (self.directory / "northstar.conf").write_text(site)
        d = self.directory
        # As root, nginx's workers would drop to "nobody", who cannot write pytest's private tmp.
        user = "user root;" if os.geteuid() == 0 else ""
        # One worker: a single round robin, so requests really take turns between the servers.
        main = f"""
            {user}
            worker_processes 1;
            pid {d}/nginx.pid;
            error_log {d}/error.log warn;
            events {{ worker_connections 256; }}
            http {{
                log_format upstreams '$request_method|$uri|$status|$upstream_addr';
                access_log {d}/access.log upstreams;
                client_body_temp_path {d}/body;
                proxy_temp_path {d}/proxy;
                fastcgi_temp_path {d}/fastcgi;
                uwsgi_temp_path {d}/uwsgi;
                scgi_temp_path {d}/scgi;
                include {d}/northstar.conf;
            }}
        """
        config = d / "nginx.conf"
        config.write_text(main)
        return config

    def start(self) -> None:
        config = self.write_config()
        command = [NGINX, "-p", f"{self.directory}/", "-e", str(self.directory / "error.log")]
        command += ["-c", str(config), "-g", "daemon off;"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        wait_for(lambda: self.answers() or self.exited(), what=lambda: "nginx did not start")
        if self.exited():
            raise RuntimeError(f"nginx exited:\n{(self.directory / 'error.log').read_text(errors='replace')}")

    def exited(self) -> bool:
        return self.process is not None and self.process.poll() is not None

    def answers(self) -> bool:
        import socket

        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                return True
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()  # SIGTERM is nginx's fast shutdown: open sockets do not hold it
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def served(self) -> list[Served]:
        """Every request nginx has finished; a socket shows up once it has closed."""
        log = self.directory / "access.log"
        lines = log.read_text().splitlines() if log.exists() else []
        served = []
        for line in lines:
            method, path, status, upstreams = line.split("|")
            served.append(Served(method, path, int(status), [u.strip() for u in upstreams.split(",")]))
        return served


def wait_for(condition: Callable[[], object], timeout: float = 20, what: Callable[[], str] = lambda: "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"never got there: {what()}"
        time.sleep(0.1)


def sockets_held_by(server: DaphneServer) -> int:
    """Open TCP connections to the server's port: the WebSockets nginx holds open to it.

    nginx keeps no idle connection to a server (the template has no `keepalive`), so between
    requests the only open ones are sockets. Read from Linux's own table of connections.
    """
    established = "01"
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        path = Path(table)
        if not path.exists():
            continue
        for row in path.read_text().splitlines()[1:]:
            fields = row.split()
            local, state = fields[1], fields[3]
            if state == established and int(local.rsplit(":", 1)[1], 16) == server.port:
                count += 1
    return count


# Counts the page's socket closes, from its first script on, across every page load of the context.
COUNT_CLOSES = """
    window.socketsClosed = 0;
    document.addEventListener("htmx:wsClose", () => { window.socketsClosed += 1; });
"""


def expect_live(page: Page) -> None:
    expect(page.locator("[data-connection-status]")).to_have_text("Live", timeout=20_000)


def open_facilitator(browser: Browser, url: str, workshop: Workshop) -> Page:
    from django.test import Client

    client = Client()
    client.force_login(workshop.facilitator)
    context = browser.new_context(base_url=url)
    context.add_init_script(COUNT_CLOSES)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": url}])
    page = context.new_page()
    page.goto(workshop.get_absolute_url())
    expect_live(page)
    return page


def join(browser: Browser, url: str, workshop: Workshop, name: str) -> Page:
    context = browser.new_context(base_url=url)
    context.add_init_script(COUNT_CLOSES)
    page = context.new_page()
    page.goto(workshop.get_join_url())
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Join the workshop").click()
    expect(page.get_by_text(f"You are taking part as {name}")).to_be_visible()
    expect_live(page)
    return page


@NEEDS_REDIS
@NEEDS_NGINX
def test_behind_nginx_everyone_sees_every_change_and_a_dead_server_loses_nothing(browser, transactional_db, tmp_path):
    # As production runs them: the proxy's address is trusted with X-Forwarded-For.
    servers = [DaphneServer(TRUSTED_PROXIES="127.0.0.1"), DaphneServer(TRUSTED_PROXIES="127.0.0.1")]
    for server in servers:
        server.start(wait=False)
    proxy = Nginx(tmp_path, servers)
    try:
        for server in servers:
            server.wait_ready()
        proxy.start()
        workshop = live_workshop()
        facilitator = open_facilitator(browser, proxy.url, workshop)
        participants = {name: join(browser, proxy.url, workshop, name) for name in DEFINITIONS}
        everyone = [facilitator, *participants.values()]
        expect(facilitator.get_by_text("3 of 3 connected")).to_be_visible()

        moves = [
            (re.compile("^Next segment"), "Identify the game"),
            (re.compile("^Next segment"), "Good and bad North Stars"),
            ("Go to Silent brainstorm", "Silent brainstorm"),
        ]
        for button, title in moves:
            facilitator.get_by_role("button", name=button).click()
            for page in everyone:
                expect(page.locator("#now-title")).to_have_text(title)

        for name, page in participants.items():
            start_a_candidate(page, workshop)
            page.get_by_label("Metric name").fill(f"{name}’s candidate")
        wait_for(
            lambda: Candidate.objects.exclude(metric_name="").count() == len(participants),
            what=lambda: str(list(Candidate.objects.values_list("metric_name", flat=True))),
        )

        # Requests took turns: both servers answered about half of them.
        served = Counter(request.upstreams[-1] for request in proxy.served())
        assert set(served) == {f"127.0.0.1:{server.port}" for server in servers}, served
        assert min(served.values()) >= sum(served.values()) * 0.4, served

        # Each of the four pages holds one socket, on one server or the other.
        wait_for(
            lambda: sum(sockets_held_by(server) for server in servers) == len(everyone),
            what=lambda: str([sockets_held_by(server) for server in servers]),
        )
        victim, survivor = sorted(servers, key=sockets_held_by, reverse=True)
        dropped = sockets_held_by(victim)
        before_the_kill = len(proxy.served())

        # Words typed just before the server dies: their autosave (700 ms later) finds it gone.
        for name, page in participants.items():
            page.get_by_label("Definition", exact=True).fill(DEFINITIONS[name][0])
        victim.process.kill()  # no goodbye: its sockets drop as if the machine died
        victim.process.wait()
        # And words typed while its sockets find their way to the other server.
        for name, page in participants.items():
            page.get_by_label("Definition", exact=True).press_sequentially(DEFINITIONS[name][1], delay=10)

        wait_for(
            lambda: sum(page.evaluate("window.socketsClosed") for page in everyone) == dropped,
            what=lambda: f"{dropped} sockets were on the dead server",
        )
        for page in everyone:
            expect_live(page)
        wait_for(lambda: sockets_held_by(survivor) == len(everyone), what=lambda: str(sockets_held_by(survivor)))

        # The next change reaches everyone, and every word typed is on screen and in the database.
        facilitator.get_by_role("button", name="Pause timer").click()
        for name, page in participants.items():
            expect(page.get_by_role("region", name="Silent brainstorm").get_by_text("Paused")).to_be_visible()
            expect(page.get_by_label("Definition", exact=True)).to_have_value("".join(DEFINITIONS[name]))
        typed = {f"{name}’s candidate": "".join(words) for name, words in DEFINITIONS.items()}
        wait_for(
            lambda: dict(Candidate.objects.values_list("metric_name", "metric_definition")) == typed,
            what=lambda: str(dict(Candidate.objects.values_list("metric_name", "metric_definition"))),
        )
        facilitator.get_by_role("button", name=re.compile("^Next segment")).click()
        for page in everyone:
            expect(page.locator("#now-title")).to_have_text("Pair and share")

        # Nothing was refused on the way, and after the kill every request ended on the survivor.
        assert [r for r in proxy.served() if r.status >= 500] == []
        after_the_kill = [r for r in proxy.served()[before_the_kill:] if r.status != 101]  # 101: a socket's end
        assert after_the_kill
        assert {r.upstreams[-1] for r in after_the_kill} == {f"127.0.0.1:{survivor.port}"}
    finally:
        proxy.stop()
        for server in servers:
            server.stop()
