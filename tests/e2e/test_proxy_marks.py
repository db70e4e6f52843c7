from playwright.sync_api import expect

from metrics.models import Proxy
from tests.e2e.helpers import start_a_candidate
from tests.factories import workshop_at


def test_a_participant_marks_the_metric_as_a_proxy_from_the_editor(joined):
    workshop = workshop_at("brainstorm")
    grace = joined(workshop, "Grace")
    start_a_candidate(grace, workshop)

    grace.get_by_text("Measured by a proxy for now?").first.click()
    grace.get_by_role("button", name="Mark the metric as a proxy").click()
    expect(grace.get_by_text("Say what the proxy stands in for")).to_be_visible()

    grace.get_by_label("What the metric stands in for").fill("diners who came back")
    grace.get_by_label("Instrumentation still missing for the metric (optional)").fill("no check-in data")
    grace.get_by_role("button", name="Mark the metric as a proxy").click()

    expect(grace.get_by_text("Proxy for now: stands in for diners who came back.")).to_be_visible()
    assert Proxy.objects.get().missing == "no check-in data"
