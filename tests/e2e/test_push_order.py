"""A live update that left the server before a click's answer, and arrives after it, does not undo the click.

The facilitator presses "Next" twice in a row. The push announcing the first move was rendered
before the second move and can reach the laptop after the second move's answer (a busy server,
a slow network). Playwright holds that push back in this test and lets it through at the worst
moment; the page drops it as older than what it shows and asks for the whole state again
(static/js/live.js).
"""

import re
import time

from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.test_facilitation import make_workshop
from workshops.models import Workshop

NEXT = re.compile("^Next segment")


def wait_until(page, condition, what, seconds=10):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"waited {seconds} s in vain: {what}"
        page.wait_for_timeout(50)  # lets Playwright deliver the socket's frames to the handlers below


def test_a_push_older_than_the_facilitators_last_click_does_not_put_the_old_segment_back(signed_in):
    workshop = make_workshop()
    workshop.start(timezone.now())
    socket = {"page": None, "holding": False}
    delivered, held, asked = [], [], []

    def route(page_side):
        server = page_side.connect_to_server()
        socket["page"] = page_side

        def to_server(message):
            asked.append(message)
            server.send(message)

        def to_page(message):
            if socket["holding"]:
                held.append(message)
            else:
                delivered.append(message)
                page_side.send(message)

        page_side.on_message(to_server)
        server.on_message(to_page)

    facilitator = signed_in(workshop.facilitator)
    facilitator.route_web_socket(re.compile(r"/ws/workshops/"), route)
    facilitator.goto(workshop.get_absolute_url())
    expect(facilitator.get_by_role("status").filter(has_text="Live")).to_be_visible()
    wait_until(facilitator, lambda: any("data-full" in frame for frame in delivered), "the first full state")

    socket["holding"] = True
    facilitator.get_by_role("button", name=NEXT).click()
    expect(facilitator.get_by_role("heading", name="Identify the game", exact=True)).to_be_visible()
    wait_until(facilitator, lambda: any("Identify the game" in frame for frame in held), "the first move's push")
    first_move = list(held)
    facilitator.get_by_role("button", name=NEXT).click()
    expect(facilitator.get_by_role("heading", name="Good and bad North Stars", exact=True)).to_be_visible()

    # The first move's push arrives now, after the second move's answer.
    asked_before = len(asked)
    for frame in first_move:
        socket["page"].send(frame)
    wait_until(facilitator, lambda: len(asked) > asked_before, "the page asking for everything again")
    expect(facilitator.get_by_role("heading", name="Good and bad North Stars", exact=True)).to_be_visible()
    expect(facilitator.get_by_role("heading", name="Identify the game", exact=True)).to_have_count(0)

    # Everything else flows again: the page ends where the group is.
    socket["holding"] = False
    for frame in held[len(first_move) :]:
        socket["page"].send(frame)
    facilitator.get_by_role("button", name=NEXT).click()
    expect(facilitator.get_by_role("heading", name="The structure: metric and inputs", exact=True)).to_be_visible()


def test_the_answer_to_a_click_whose_button_a_push_replaced_still_reaches_the_page(signed_in):
    workshop = make_workshop()
    workshop.start(timezone.now())
    held = []

    def hold(route):
        # The server does the work (and pushes the change to every tab) at once; its answer waits.
        held.append((route, route.fetch()))

    facilitator = signed_in(workshop.facilitator)
    facilitator.route(re.compile(r"/timer/$"), hold)
    facilitator.goto(workshop.get_absolute_url())
    expect(facilitator.get_by_role("status").filter(has_text="Live")).to_be_visible()
    before = facilitator.locator("#answer-version").get_attribute("data-version")

    facilitator.get_by_role("button", name="Pause timer").click()
    # The push of the pause redraws the timer controls: the clicked button has left the page.
    expect(facilitator.get_by_role("button", name="Resume timer")).to_be_visible()
    wait_until(facilitator, lambda: held, "the answer to be held back")
    route, response = held[0]
    route.fulfill(response=response)

    paused = Workshop.objects.get(pk=workshop.pk).version
    assert int(before) < paused
    expect(facilitator.locator("#answer-version")).to_have_attribute("data-version", str(paused))
