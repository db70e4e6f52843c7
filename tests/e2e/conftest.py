"""Browser tests: a real daphne process serving the production ASGI app, driven by a real Chromium."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from tests.browser import chromium_path

BASE_DIR = Path(settings.BASE_DIR)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if "/e2e/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, _allow_sync_orm_beside_playwright):
    # Depends on the database set-up so that it runs before Playwright's loop starts.
    path = chromium_path()
    if path is None:
        pytest.skip("No Chromium found (install Debian's chromium or set CHROMIUM_PATH).")
    return {**browser_type_launch_args, "executable_path": path, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def _allow_sync_orm_beside_playwright(django_db_setup):
    # Playwright's sync API keeps an event loop running in this thread; the test's
    # own ORM calls (factories, assertions) are still plain synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def database_url_for_test_db() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    credentials = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{quote(db['NAME'])}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DaphneServer:
    """The production ASGI app in its own process, on the test database."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = BASE_DIR / f".daphne-test-{self.port}.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        env["DATABASE_URL"] = database_url_for_test_db()
        command = [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(self.port)]
        command.append("northstar.asgi:application")
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=log)  # noqa: S603
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"daphne exited early:\n{self.log_path.read_text()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("daphne did not start within 30 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log_path.unlink(missing_ok=True)

    def restart(self) -> None:
        self.stop()
        self.start()


@pytest.fixture(scope="session")
def daphne_server(_allow_sync_orm_beside_playwright):
    server = DaphneServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def live_url(daphne_server, transactional_db) -> str:
    return daphne_server.url


@pytest.fixture(autouse=True)
def _close_pages_before_the_database_is_emptied(browser, transactional_db):
    """Close this test's pages and wait until the server has let their sockets go.

    Torn down before transactional_db flushes the tables: an open socket's heartbeat or
    goodbye touching the tables during the TRUNCATE deadlocked with it on PostgreSQL.
    """
    yield
    for context in list(browser.contexts):
        context.close()
    from workshops.models import Connection

    # Rows of a server killed on purpose never go away: wait until the count stops falling.
    deadline, last, steady_since = time.monotonic() + 10, None, time.monotonic()
    while time.monotonic() < deadline:
        count = Connection.objects.count()
        if count == 0 or (count == last and time.monotonic() - steady_since > 1):
            break
        if count != last:
            last, steady_since = count, time.monotonic()
        time.sleep(0.1)
    time.sleep(0.2)  # the roster notices that follow a goodbye are reads; let them finish


@pytest.fixture
def signed_in(browser, live_url):
    """A new browser context already signed in as `user` (the login form has its own test)."""
    from django.test import Client

    def open_as(user):
        client = Client()
        client.force_login(user)
        context = browser.new_context(base_url=live_url)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_url}])
        return context.new_page()

    return open_as


@pytest.fixture
def joined(browser, live_url):
    """A new browser context that joined `workshop` as `name` through the join form."""

    def join(workshop, name):
        page = browser.new_context(base_url=live_url).new_page()
        page.goto(workshop.get_join_url())
        page.get_by_label("Your name").fill(name)
        page.get_by_role("button", name="Join the workshop").click()
        page.get_by_text("You are taking part as").wait_for()
        return page

    return join
