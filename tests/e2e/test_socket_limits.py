"""A socket that misbehaves or goes over a limit, on the real server: the page says what happened."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DaphneServer
from tests.e2e.test_push_order import wait_until
from tests.factories import workshop_at
from workshops.models import Connection

LIMIT = 2


@pytest.fixture(scope="module")
def strict_server(_allow_sync_orm_beside_playwright):
    """A server of these tests' own: a low socket limit, and a log no other test writes to."""
    server = DaphneServer(MAX_SOCKETS_PER_SESSION=str(LIMIT))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def live_url(strict_server, transactional_db) -> str:
    return strict_server.url


def errors_in(server: DaphneServer) -> list[str]:
    return [line for line in server.log.read_text(errors="replace").splitlines() if "ERROR" in line]


def grace_sockets() -> list[str]:
    return list(Connection.objects.filter(participant__display_name="Grace").values_list("channel_name", flat=True))


def status(page):
    return page.get_by_role("status").filter(has_text=re.compile("Live|Connecting|Reconnecting|Disconnected"))


def test_a_page_over_the_socket_limit_says_why_and_the_others_stay_live(joined, strict_server):
    workshop = workshop_at("opening")
    grace = joined(workshop, "Grace")
    expect(status(grace)).to_have_text("Live")
    second = grace.context.new_page()
    second.goto(workshop.get_participant_url())
    expect(status(second)).to_have_text("Live")

    third = grace.context.new_page()
    third.goto(workshop.get_participant_url())

    expect(status(third)).to_have_text(re.compile("too many workshop pages open"))
    expect(status(grace)).to_have_text("Live")
    expect(status(second)).to_have_text("Live")
    linus = joined(workshop, "Linus")  # another visitor is not counted against Grace
    expect(status(linus)).to_have_text("Live")
    third.wait_for_timeout(4000)  # longer than any reconnect: the page stays closed
    expect(status(third)).to_have_text(re.compile("too many workshop pages open"))
    assert Connection.objects.filter(participant__display_name="Grace").count() == LIMIT
    assert errors_in(strict_server) == []


def test_an_oversized_frame_closes_the_socket_and_the_page_reconnects(joined, strict_server):
    workshop = workshop_at("opening")
    to_server = []
    grace = joined(workshop, "Grace").context.new_page()  # a second page, whose sockets the test can reach
    grace.route_web_socket(re.compile("/ws/"), lambda route: to_server.append(route.connect_to_server()))
    grace.goto(workshop.get_participant_url())
    expect(status(grace)).to_have_text("Live")
    wait_until(grace, lambda: len(grace_sockets()) == 2, "both of Grace's pages are connected")
    before = set(grace_sockets())

    to_server[0].send("x" * 5000)  # as if the page had sent it

    # Closed with a code daphne sends: the server forgets that socket, and the page opens a new one.
    wait_until(grace, lambda: len(to_server) == 2, "the page reconnects")
    wait_until(grace, lambda: len(set(grace_sockets()) - before) == 1, "the new socket is registered")
    expect(status(grace)).to_have_text("Live")
    assert len(grace_sockets()) == 2
    assert errors_in(strict_server) == []


def test_a_server_that_shuts_down_forgets_its_sockets(joined, strict_server):
    workshop = workshop_at("opening")
    grace = joined(workshop, "Grace")
    expect(status(grace)).to_have_text("Live")
    assert Connection.objects.count() == 1

    strict_server.stop()

    assert Connection.objects.count() == 0
    strict_server.start()
    expect(status(grace)).to_have_text("Live", timeout=15_000)
