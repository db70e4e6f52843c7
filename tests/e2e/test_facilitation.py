import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import WorkshopFactory
from workshops.agenda import AGENDA_TEMPLATES


def make_workshop(facilitator=None):
    workshop = WorkshopFactory(**({"facilitator": facilitator} if facilitator else {}))
    workshop.add_segments(AGENDA_TEMPLATES["120"][1])
    return workshop


def facilitating(signed_in, workshop):
    """The facilitator's page for this workshop, once its live connection is up."""
    facilitator = signed_in(workshop.facilitator)
    facilitator.goto(workshop.get_absolute_url())
    expect(facilitator.get_by_role("status").filter(has_text="Live")).to_be_visible()
    return facilitator


def test_everyone_follows_the_facilitator_and_sees_the_same_paused_time(signed_in, joined, live_url):
    workshop = make_workshop()
    facilitator = facilitating(signed_in, workshop)
    grace = joined(workshop, "Grace")
    linus = joined(workshop, "Linus")
    for page in (grace, linus):
        expect(page.get_by_role("heading", name="Not started yet")).to_be_visible()

    facilitator.get_by_role("button", name="Start the workshop").click()
    for page in (facilitator, grace, linus):
        expect(page.get_by_role("heading", name="Opening discussion", exact=True)).to_be_visible()

    facilitator.get_by_role("button", name=re.compile("^Next segment")).click()
    expect(facilitator.get_by_role("heading", name="Identify the game", exact=True)).to_be_visible()
    facilitator.get_by_role("button", name=re.compile("^Next segment")).click()
    now = facilitator.get_by_role("region", name="Good and bad North Stars")
    expect(now).to_be_visible()
    facilitator.get_by_role("button", name="Pause timer").click()
    expect(now.get_by_text("Paused")).to_be_visible()
    paused_at = now.get_by_role("timer").inner_text()

    for page in (grace, linus):
        region = page.get_by_role("region", name="Good and bad North Stars")
        expect(region).to_be_visible()
        expect(region.get_by_text("Paused")).to_be_visible()
        expect(region.get_by_role("timer")).to_have_text(paused_at)
        expect(page.locator(".segment-row[aria-current='step']")).to_contain_text("Good and bad North Stars")

    grace.reload()
    region = grace.get_by_role("region", name="Good and bad North Stars")
    expect(region).to_be_visible()
    expect(region.get_by_role("timer")).to_have_text(paused_at)


def test_a_participant_says_done_and_the_facilitator_sees_the_count(signed_in, joined):
    workshop = make_workshop()
    facilitator = signed_in(workshop.facilitator)
    facilitator.goto(workshop.get_absolute_url())
    grace = joined(workshop, "Grace")
    joined(workshop, "Linus")
    facilitator.get_by_role("button", name="Start the workshop").click()

    grace.get_by_role("button", name="I’m done").click()

    ready = facilitator.get_by_role("region", name="Ready check")
    expect(ready.get_by_text("1 of 2 done")).to_be_visible()
    expect(ready.get_by_text("Still working: Linus")).to_be_visible()
    expect(grace.get_by_text("You said you are done.")).to_be_visible()


def test_the_facilitator_page_follows_the_start_and_the_end_asks_first(signed_in):
    workshop = make_workshop()
    facilitator = signed_in(workshop.facilitator)
    errors = []
    facilitator.on("console", lambda message: message.type == "error" and errors.append(message.text))
    facilitator.goto(workshop.get_absolute_url())
    expect(facilitator.get_by_role("status").filter(has_text="Live")).to_be_visible()
    state = facilitator.get_by_text(re.compile("^A North Star workshop for"))
    expect(state).to_contain_text("Not started")
    expect(facilitator.get_by_role("button", name="End the workshop")).to_have_count(0)

    facilitator.get_by_role("button", name="Start the workshop").click()
    expect(state).to_contain_text("Live")
    end = facilitator.get_by_role("button", name="End the workshop")
    expect(end).to_be_visible()
    facilitator.get_by_role("button", name="Pause timer").click()
    expect(facilitator.get_by_text("Paused")).to_be_visible()
    facilitator.get_by_role("button", name="+1 minute").click()
    facilitator.get_by_role("button", name=re.compile("^Next segment")).click()
    expect(facilitator.get_by_role("heading", name="Identify the game", exact=True)).to_be_visible()

    # A slip of the hand: the question comes first, and "Cancel" leaves the workshop running.
    questions = []

    def answer(dialog, accept):
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    facilitator.once("dialog", lambda dialog: answer(dialog, accept=False))
    end.click()
    expect(end).to_be_visible()
    workshop.refresh_from_db()
    assert workshop.is_live
    facilitator.once("dialog", lambda dialog: answer(dialog, accept=True))
    end.click()
    expect(state).to_contain_text("Ended")
    expect(end).to_have_count(0)
    assert questions == ["End the workshop for everyone? This cannot be undone."] * 2
    workshop.refresh_from_db()
    assert workshop.is_ended
    # Live updates swap whole regions; none of them may trip the content security policy.
    assert not [error for error in errors if "Content Security Policy" in error], errors
    # Nor does the page ask for anything that is not there (a favicon the browser looks for by itself).
    assert not [error for error in errors if "404" in error], errors


def test_a_facilitator_runs_the_agenda_from_the_keyboard(signed_in):
    workshop = make_workshop()
    workshop.start(timezone.now())
    facilitator = facilitating(signed_in, workshop)

    facilitator.get_by_role("button", name=re.compile("^Next segment")).focus()
    facilitator.keyboard.press("Enter")
    expect(facilitator.get_by_role("heading", name="Identify the game", exact=True)).to_be_visible()
    # Focus stays on "Next segment" through the answer and the live update: Enter again moves on.
    expect(facilitator.get_by_role("button", name=re.compile("^Next segment"))).to_be_focused()
    facilitator.keyboard.press("Enter")
    expect(facilitator.get_by_role("heading", name="Good and bad North Stars", exact=True)).to_be_visible()
    expect(facilitator.get_by_role("button", name=re.compile("^Next segment"))).to_be_focused()

    # "Pause timer" becomes "Resume timer" in the same place, and keeps the focus: Enter resumes.
    facilitator.get_by_role("button", name="Pause timer").focus()
    facilitator.keyboard.press("Enter")
    expect(facilitator.get_by_role("button", name="Resume timer")).to_be_focused()
    # (the answer and then the live update each replace the region: wait for the last of them)
    facilitator.wait_for_timeout(300)
    expect(facilitator.get_by_role("button", name="Resume timer")).to_be_focused()
    facilitator.keyboard.press("Enter")
    expect(facilitator.get_by_role("button", name="Pause timer")).to_be_focused()


def test_saving_an_agenda_row_from_the_keyboard_leaves_focus_on_its_edit_control(signed_in):
    workshop = make_workshop()
    facilitator = facilitating(signed_in, workshop)

    facilitator.get_by_text("Edit Opening discussion").click()
    minutes = facilitator.get_by_label("Minutes").first
    minutes.fill("20")
    facilitator.get_by_role("button", name="Save “Opening discussion”").focus()
    facilitator.keyboard.press("Enter")
    expect(facilitator.get_by_text("125 min planned")).to_be_visible()  # 15 became 20

    # The row comes back closed; focus is on its "Edit", where Enter opens it again, not on the page.
    facilitator.wait_for_function("() => document.activeElement.tagName === 'SUMMARY'")
    assert facilitator.evaluate("() => document.activeElement.textContent.trim()") == "Edit Opening discussion"


def test_a_change_from_another_tab_while_an_agenda_row_is_being_edited_keeps_what_was_typed(signed_in):
    workshop = make_workshop()
    facilitator = facilitating(signed_in, workshop)
    other_tab = facilitating(signed_in, workshop)  # a co-facilitator's laptop, or the same person's

    facilitator.get_by_text("Edit Opening discussion").click()
    facilitator.get_by_label("Minutes").first.fill("20")
    facilitator.get_by_label("Segment name").first.fill("Welcome and why we are here")
    facilitator.get_by_role("button", name="Save “Opening discussion”").focus()
    # Before Save is pressed, the other tab shortens a later segment: the whole agenda is redrawn.
    other_tab.get_by_text("Edit Pair and share").click()
    other_tab.get_by_label("Minutes").nth(6).fill("5")
    other_tab.get_by_role("button", name="Save “Pair and share”").click()
    expect(facilitator.get_by_text("115 min planned")).to_be_visible()
    expect(facilitator.get_by_label("Minutes").first).to_have_value("20")
    expect(facilitator.get_by_label("Segment name").first).to_have_value("Welcome and why we are here")

    facilitator.keyboard.press("Enter")
    expect(facilitator.get_by_text("120 min planned")).to_be_visible()  # 120 - 5 + 5
    expect(facilitator.locator(".segment-title").first).to_have_text("Welcome and why we are here")
    segment = workshop.segments.order_by("position").first()
    assert (segment.title, segment.planned_minutes) == ("Welcome and why we are here", 20)


def test_a_form_sent_before_htmx_takes_it_over_still_moves_the_agenda(signed_in):
    workshop = make_workshop()
    workshop.start(timezone.now())
    facilitator = facilitating(signed_in, workshop)

    # A region pushed over the socket is rendered without a request, so its forms have no token
    # of their own; a copy of the form that htmx has not processed is sent by the browser itself.
    facilitator.evaluate(
        """() => {
            const button = [...document.querySelectorAll("button")].find(b => b.textContent.startsWith("Next segment"));
            const copy = button.form.cloneNode(true);
            copy.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(field => field.remove());
            button.form.replaceWith(copy);
            copy.requestSubmit();
        }"""
    )

    expect(facilitator.get_by_role("heading", name="Identify the game", exact=True)).to_be_visible()
    expect(facilitator.get_by_role("heading", name="That form has expired")).to_have_count(0)
    workshop.refresh_from_db()
    assert workshop.current_segment.title == "Identify the game"


def test_facilitator_notes_closed_before_the_room_stay_closed(signed_in, joined):
    workshop = make_workshop()
    workshop.start(timezone.now())
    text = workshop.segments.first().facilitator_notes.splitlines()[0]
    facilitator = facilitating(signed_in, workshop)
    now = facilitator.get_by_role("region", name="Opening discussion", exact=True)
    notes = now.get_by_role("paragraph").filter(has_text=text)
    summary = now.get_by_text("Facilitator notes", exact=True)
    expect(notes).to_be_visible()

    # The laptop is mirrored to the projector: the facilitator hides the notes.
    summary.click()
    expect(notes).to_be_hidden()

    # Their own click, a live update from someone joining and a reload all leave them hidden.
    facilitator.get_by_role("button", name="Pause timer").click()
    expect(facilitator.get_by_role("button", name="Resume timer")).to_be_visible()
    grace = joined(workshop, "Grace")
    expect(grace.get_by_role("status").filter(has_text="Live")).to_be_visible()
    expect(facilitator.get_by_text("1 of 1 connected")).to_be_visible()
    expect(notes).to_be_hidden()
    facilitator.reload()
    expect(facilitator.get_by_role("status").filter(has_text="Live")).to_be_visible()
    expect(notes).to_be_hidden()

    # Opened again, they stay open.
    summary.click()
    expect(notes).to_be_visible()
    facilitator.get_by_role("button", name="Resume timer").click()
    expect(facilitator.get_by_role("button", name="Pause timer")).to_be_visible()
    expect(notes).to_be_visible()


def test_focus_on_the_notes_toggle_survives_a_change_made_in_another_tab(signed_in):
    workshop = make_workshop()
    workshop.start(timezone.now())
    facilitator = facilitating(signed_in, workshop)
    other_tab = facilitator.context.new_page()
    other_tab.goto(workshop.get_absolute_url())
    expect(other_tab.get_by_role("status").filter(has_text="Live")).to_be_visible()

    now = facilitator.get_by_role("region", name="Opening discussion", exact=True)
    now.get_by_text("Facilitator notes", exact=True).focus()
    other_tab.get_by_role("button", name="Pause timer").click()

    # The segment's region is drawn again with the timer paused; the keyboard is still on the toggle.
    expect(facilitator.get_by_role("button", name="Resume timer")).to_be_visible()
    facilitator.wait_for_timeout(300)
    assert facilitator.evaluate("() => document.activeElement.textContent.trim()") == "Facilitator notes"


def test_the_agenda_counts_the_current_segments_time_between_live_updates(signed_in):
    workshop = make_workshop()
    workshop.start(timezone.now() - timedelta(seconds=65))
    facilitator = facilitating(signed_in, workshop)

    current = facilitator.locator("li[aria-current=step] .actual")
    expect(current).to_have_text(re.compile(r"^actual 1:0\d$"))
    first = current.inner_text()
    # Nothing changes in the workshop, so nothing is pushed: the page itself counts on.
    expect(current).not_to_have_text(first, timeout=5_000)
    seconds = [int(text.split(":")[1]) for text in (first, current.inner_text())]
    assert seconds[1] > seconds[0]


def test_notes_closed_as_an_update_redraws_them_open_stay_closed(signed_in):
    workshop = make_workshop()
    workshop.start(timezone.now())
    text = workshop.segments.first().facilitator_notes.splitlines()[0]
    facilitator = facilitating(signed_in, workshop)
    now = facilitator.get_by_role("region", name="Opening discussion", exact=True)
    notes = now.get_by_role("paragraph").filter(has_text=text)
    expect(notes).to_be_visible()

    # The press closes the notes; in the same moment, before the browser reports the toggle, an
    # update draws them open again as the server renders them (the first full state after
    # connecting can land just then). The press was the facilitator's choice; the redraw was not.
    facilitator.evaluate(
        """() => {
            const details = document.getElementById("facilitator-notes");
            details.querySelector("summary").click();
            details.open = true;
        }"""
    )
    facilitator.reload()
    expect(facilitator.get_by_role("status").filter(has_text="Live")).to_be_visible()
    expect(notes).to_be_hidden()
