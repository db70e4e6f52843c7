from playwright.sync_api import expect

from tests.factories import live_workshop
from workshops.models import Workshop


def test_a_restarted_server_brings_everyone_back_to_the_same_segment_and_time(daphne_server, signed_in, joined):
    workshop = live_workshop()
    facilitator = signed_in(workshop.facilitator)
    facilitator.goto(workshop.get_absolute_url())
    grace = joined(workshop, "Grace")
    facilitator.get_by_role("button", name="Pause timer").click()
    now = grace.get_by_role("region", name="Opening discussion")
    expect(now.get_by_text("Paused")).to_be_visible()
    paused_at = now.get_by_role("timer").inner_text()

    daphne_server.restart()

    # The server process is new; what it shows comes from the database alone.
    saved = Workshop.objects.get(pk=workshop.pk).current_segment
    assert saved.title == "Opening discussion"
    assert saved.timer_state == "paused"
    expect(grace.get_by_role("status").filter(has_text="Live")).to_be_visible(timeout=15_000)
    grace.reload()
    expect(grace.get_by_role("region", name="Opening discussion").get_by_role("timer")).to_have_text(paused_at)
    facilitator.get_by_role("button", name="Resume timer").click()
    expect(grace.get_by_role("region", name="Opening discussion").get_by_text("left")).to_be_visible()
