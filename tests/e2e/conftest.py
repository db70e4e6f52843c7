"""Browser tests: a real daphne process serving the production ASGI app, driven by a real Chromium."""

import os
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from northstar.daphne_process import DaphneProcess
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


class DaphneServer(DaphneProcess):
    """The production ASGI app in its own process, on the test database."""

    def __init__(self, **env: str) -> None:
        super().__init__("northstar.asgi:application", BASE_DIR, prefix=".daphne-test-", startup_seconds=30)
        self.extra_env = env

    def environment(self) -> dict:
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        env["DATABASE_URL"] = database_url_for_test_db()
        return env | self.extra_env

    def stop(self) -> None:
        super().stop()
        self.log.unlink(missing_ok=True)


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
