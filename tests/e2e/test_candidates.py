import re
import time

from playwright.sync_api import expect

from metrics.models import Candidate
from metrics.pairing import make_pairs
from tests.e2e.helpers import partners, start_a_candidate
from tests.factories import workshop_at


def test_a_draft_survives_a_dropped_connection_and_a_reload(joined):
    workshop = workshop_at("brainstorm")
    grace = joined(workshop, "Grace")
    # The page's live sockets pass through the test, which can cut one as a network would.
    sockets = []

    def pass_through(socket):
        socket.connect_to_server()
        sockets.append(socket)

    grace.route_web_socket(re.compile(r"/ws/"), pass_through)
    grace.reload()
    start_a_candidate(grace, workshop)

    name = grace.get_by_label("Metric name")
    name.fill("Weekly honoured bookings")
    expect(grace.get_by_text(re.compile(r"^Saved"))).to_have_count(1)

    # The live socket drops (a closed lid, a flaky Wi-Fi); typing goes on.
    sockets[-1].close()
    grace.context.set_offline(True)
    definition = grace.get_by_label("Definition", exact=True)
    definition.fill("Bookings where the diners actually showed up, per week")
    expect(grace.get_by_text(re.compile("Not saved yet"))).to_be_visible()
    grace.context.set_offline(False)
    # Back online, the page retries by itself; wait until the database holds the text.
    deadline = time.monotonic() + 15
    while Candidate.objects.get().metric_definition == "" and time.monotonic() < deadline:
        time.sleep(0.2)
    assert Candidate.objects.get().metric_definition == "Bookings where the diners actually showed up, per week"

    grace.reload()
    expect(grace.get_by_label("Metric name")).to_have_value("Weekly honoured bookings")
    expect(grace.get_by_label("Definition", exact=True)).to_have_value(
        "Bookings where the diners actually showed up, per week"
    )
    expect(grace.get_by_role("status").filter(has_text="Live")).to_be_visible()


def test_partners_see_each_others_changes_in_the_pair_candidate_live(joined):
    workshop = workshop_at("pair-share")
    grace, linus = partners(joined, workshop, "Grace", "Linus")

    grace.get_by_role("button", name="Start a pair candidate").click()
    workspace = linus.get_by_role("region", name="Your pair’s candidates")
    expect(workspace.get_by_label("Metric name")).to_be_visible()

    grace.get_by_label("Metric name").fill("Happy tables")
    saved = re.compile(r"^Saved \d")
    expect(grace.get_by_text(saved)).to_have_count(1)
    linus.get_by_label("Definition", exact=True).click()
    linus.get_by_label("Definition", exact=True).press_sequentially("Bookings honoured", delay=20)

    expect(linus.get_by_label("Metric name")).to_have_value("Happy tables")
    expect(grace.get_by_label("Definition", exact=True)).to_have_value("Bookings honoured")
    expect(linus.get_by_label("Definition", exact=True)).to_have_value("Bookings honoured")
    # Linus's words redrew Grace's editor; what her own save said is still there.
    expect(grace.get_by_text(saved)).to_have_count(1)
    expect(linus.get_by_text(saved)).to_have_count(1)
    candidate = Candidate.objects.get()
    assert (candidate.metric_name, candidate.metric_definition) == ("Happy tables", "Bookings honoured")


def test_a_pair_candidate_that_cannot_be_shared_yet_says_what_is_missing(joined):
    workshop = workshop_at("pair-share")
    grace = joined(workshop, "Grace")
    linus = joined(workshop, "Linus")
    make_pairs(workshop)
    grace.reload()
    expect(grace.get_by_role("status").filter(has_text="Live")).to_be_visible()

    start_a_candidate(grace, workshop, button="Start a pair candidate")
    grace.get_by_label("Metric name").fill("Happy tables")
    grace.get_by_role("button", name="Share with the group").click()

    # The refusal says why, and so does the candidate each time either partner's edit redraws it.
    missing = "Say precisely how the metric is measured (its definition)."
    expect(grace.get_by_text(missing)).to_be_visible()
    expect(linus.get_by_text(missing)).to_be_visible()
    expect(linus.get_by_text("Give the metric a name.")).to_have_count(0)
    assert Candidate.objects.get(pair__isnull=False).shared_at is None
