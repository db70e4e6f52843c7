"""The facilitator's agenda has a run mode and an edit mode.

While the workshop runs, the agenda shows where the room is and offers "Go to"; renaming,
retiming, reordering, removing and adding sit behind "Edit agenda", a disclosure that opens
without JavaScript.
"""

import re

from django.urls import reverse

from tests.factories import live_workshop, workshop_with_agenda


def agenda_editor(page: str) -> re.Match:
    """The "Edit agenda" disclosure: its opening tag and everything inside it."""
    found = re.search(
        r'(<details class="agenda-editor"[^>]*>)(.*?<summary>Edit agenda</summary>.*)</details>\s*</section>',
        page,
        re.S,
    )
    assert found, "the agenda has an Edit agenda disclosure"
    return found


def test_while_live_the_agenda_offers_go_to_and_keeps_its_edits_behind_edit_agenda(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    second = workshop.segments.all()[1]
    client.force_login(facilitator)

    page = client.get(workshop.get_absolute_url()).text

    editor = agenda_editor(page)
    opening_tag, inside = editor.group(1), editor.group(2)
    assert " open" not in opening_tag, "edit mode starts closed while the room runs"
    run_mode = page[: editor.start()]
    assert f'aria-label="Go to {second.title}"' in run_mode
    for control in (f"Move {second.title} up", f"Remove {second.title}", "Add a segment", "Segment name"):
        assert control in inside, control
        assert control not in run_mode, control


def test_before_the_start_the_agenda_opens_in_edit_mode_for_planning(client, facilitator):
    workshop = workshop_with_agenda(facilitator=facilitator)
    client.force_login(facilitator)

    page = client.get(workshop.get_absolute_url()).text

    assert " open" in agenda_editor(page).group(1)
    assert "Go to" not in page


def test_a_refused_edit_comes_back_with_edit_mode_open(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    segment = workshop.segments.first()
    client.force_login(facilitator)

    answer = client.post(
        reverse("workshops:segment_edit", args=[workshop.code, segment.pk]),
        {"title": segment.title, "planned_minutes": "0"},
        headers={"HX-Request": "true"},
    ).text

    assert " open" in agenda_editor(answer).group(1)


def test_participants_see_the_agenda_without_any_of_its_controls(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    client.post(workshop.get_join_url(), {"display_name": "Grace"})

    page = client.get(workshop.get_participant_url()).text

    assert "Edit agenda" not in page
    assert "Go to" not in page
