import os
import uuid

import pytest
import pytest_asyncio
from asgiref.sync import sync_to_async
from channels.layers import channel_layers
from django.conf import settings
from django.db import connections

from tests.browser import chromium_path
from tests.factories import ParticipantFactory, UserFactory, WorkshopFactory

# Several test runs may share one Redis (two checkouts, CI beside a developer):
# a per-run prefix keeps their groups apart. The live server inherits it.
os.environ.setdefault("CHANNEL_LAYER_PREFIX", f"northstar-test-{os.getpid()}")
os.environ.setdefault("CACHE_KEY_PREFIX", os.environ["CHANNEL_LAYER_PREFIX"])

# In CI a skip is a gap, not a pass: every browser and database test must run.
STRICT = os.environ.get("NORTHSTAR_NO_SKIPS") == "1"
_skipped: list[str] = []


def pytest_configure(config) -> None:
    config = settings.CHANNEL_LAYERS["default"].get("CONFIG")
    if isinstance(config, dict):
        config["prefix"] = os.environ["CHANNEL_LAYER_PREFIX"]
    settings.CACHES["default"]["KEY_PREFIX"] = os.environ["CACHE_KEY_PREFIX"]


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings, request):
    """Each test counts attempts from zero: its own cache key prefix (never flush a shared Redis)."""
    cache = dict(settings.CACHES["default"])
    cache["KEY_PREFIX"] = f"{os.environ['CACHE_KEY_PREFIX']}-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {"default": cache}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings, request):
    # Login tests check passwords hundreds of times; the real hasher is slow on purpose.
    # Not for browser tests: their live server checks passwords with the real settings.
    if "/e2e/" not in str(request.node.path):
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_report_header(config) -> list[str]:
    vendor = "postgresql" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite"
    layer = "redis" if "redis" in str(settings.CHANNEL_LAYERS["default"]["BACKEND"]).lower() else "in-memory"
    return [f"database: {vendor}", f"channel layer: {layer}", f"browser: {chromium_path() or 'none found'}"]


def pytest_collection_modifyitems(config, items) -> None:
    # Playwright's sync API keeps its own event loop running for the session; the
    # asyncio tests must all run before the first browser test starts it.
    items.sort(key=lambda item: "/e2e/" in str(item.path))


def pytest_runtest_logreport(report) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus) -> None:
    if STRICT and _skipped and session.exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter) -> None:
    if STRICT and _skipped:
        terminalreporter.write_line(
            f"NORTHSTAR_NO_SKIPS: {len(_skipped)} test(s) skipped, which counts as a failure here:", red=True
        )
        for nodeid in _skipped:
            terminalreporter.write_line(f"  {nodeid}", red=True)


@pytest.fixture
def facilitator(db):
    return UserFactory()


@pytest.fixture
def workshop(facilitator):
    return WorkshopFactory(facilitator=facilitator)


@pytest.fixture
def participant(workshop):
    return ParticipantFactory(workshop=workshop)


@pytest_asyncio.fixture
async def async_db(transactional_db):
    """For socket tests: committed data the consumer can see, and no connection left open after."""
    # Each test runs on its own event loop; a channel layer kept from an earlier test
    # holds locks bound to that loop, so every socket test starts with a fresh layer.
    channel_layers.backends.clear()
    yield
    for layer in list(channel_layers.backends.values()):
        if hasattr(layer, "close_pools"):
            await layer.close_pools()
    channel_layers.backends.clear()
    # Consumers reach the database from asgiref's worker thread; close its connections
    # so the test database can be dropped at the end of the run.
    await sync_to_async(connections.close_all)()
