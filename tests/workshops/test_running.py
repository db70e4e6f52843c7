from django.urls import reverse

from tests.factories import ParticipantFactory, live_workshop, workshop_with_agenda
from workshops.access import remember_participant


def go(client, workshop, **data):
    return client.post(reverse("workshops:go", args=[workshop.code]), data)


def test_starting_puts_everyone_on_the_first_segment(client, facilitator):
    workshop = workshop_with_agenda(facilitator=facilitator)
    client.force_login(facilitator)

    client.post(reverse("workshops:start", args=[workshop.code]))

    workshop.refresh_from_db()
    assert workshop.state == "live"
    assert workshop.current_segment == workshop.segments.first()
    assert workshop.current_segment.timer_state == "running"


def test_next_moves_one_segment_and_names_the_one_it_left(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    first, second = workshop.segments.all()[:2]
    client.force_login(facilitator)

    go(client, workshop, from_segment=first.pk, direction="next")

    workshop.refresh_from_db()
    assert workshop.current_segment == second


def test_a_second_click_from_the_same_segment_does_not_advance_twice(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    first, second = workshop.segments.all()[:2]
    client.force_login(facilitator)

    go(client, workshop, from_segment=first.pk, direction="next")
    go(client, workshop, from_segment=first.pk, direction="next")

    workshop.refresh_from_db()
    assert workshop.current_segment == second


def test_previous_goes_back(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    first, second = workshop.segments.all()[:2]
    client.force_login(facilitator)
    go(client, workshop, from_segment=first.pk, direction="next")

    go(client, workshop, from_segment=second.pk, direction="previous")

    workshop.refresh_from_db()
    assert workshop.current_segment == first


def test_jumping_to_any_segment(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    first = workshop.segments.first()
    last = workshop.segments.last()
    client.force_login(facilitator)

    go(client, workshop, from_segment=first.pk, to_segment=last.pk)

    workshop.refresh_from_db()
    assert workshop.current_segment == last


def test_leaving_a_segment_pauses_its_timer_and_counts_its_time(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    first = workshop.segments.first()
    client.force_login(facilitator)

    go(client, workshop, from_segment=first.pk, direction="next")

    first.refresh_from_db()
    assert first.timer_state == "paused"
    assert first.actual_seconds > 0
    assert first.entered_at is None


def test_a_participant_cannot_advance(client, participant):
    workshop = live_workshop()
    participant.workshop = workshop
    participant.save()
    session = client.session
    remember_participant(session, participant)
    session.save()

    response = go(client, workshop, from_segment=workshop.current_segment_id, direction="next")

    assert response.status_code == 403
    workshop.refresh_from_db()
    assert workshop.current_segment == workshop.segments.first()


def test_an_htmx_advance_answers_with_the_facilitator_regions(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    client.force_login(facilitator)

    response = client.post(
        reverse("workshops:go", args=[workshop.code]),
        {"from_segment": workshop.current_segment_id, "direction": "next"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert 'id="now"' in response.text
    assert "Identify the game" in response.text
    assert 'hx-swap-oob="true"' in response.text


def test_ending_the_workshop_thanks_participants(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    ParticipantFactory(workshop=workshop, display_name="Grace")
    client.force_login(facilitator)

    client.post(reverse("workshops:end", args=[workshop.code]))

    workshop.refresh_from_db()
    assert workshop.state == "ended"
    assert workshop.current_segment is None
    assert workshop.segments.first().actual_seconds > 0


def test_a_participant_sees_the_thank_you_page_after_the_end(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    client.post(workshop.get_join_url(), {"display_name": "Grace"})
    workshop.end(workshop.started_at)

    response = client.get(workshop.get_participant_url())

    assert "Thank you for taking part" in response.text


def test_the_presenter_view_shows_the_segment_and_timer_without_controls(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    client.force_login(facilitator)

    response = client.get(reverse("workshops:present", args=[workshop.code]))

    assert "Opening discussion" in response.text
    assert 'role="timer"' in response.text
    assert "Next segment" not in response.text
    assert "Pause timer" not in response.text
    assert workshop.display_code in response.text


def test_the_presenter_view_is_for_facilitators_only(client, participant):
    workshop = participant.workshop

    response = client.get(reverse("workshops:present", args=[workshop.code]))

    assert response.status_code == 404


def test_starting_answers_with_the_new_state_and_the_way_to_finish(client, facilitator):
    workshop = workshop_with_agenda(facilitator=facilitator)
    client.force_login(facilitator)
    page = client.get(workshop.get_absolute_url())
    assert '<span id="state" class="badge state-draft" hx-swap-oob="true">Not started</span>' in page.text
    assert "End the workshop" not in page.text

    response = client.post(reverse("workshops:start", args=[workshop.code]), headers={"HX-Request": "true"})

    assert '<span id="state" class="badge state-live" hx-swap-oob="true">Live</span>' in response.text
    assert "End the workshop" in response.text
    # The button asks first: htmx shows the question because the form posts through htmx.
    end_url = reverse("workshops:end", args=[workshop.code])
    assert f'hx-post="{end_url}" hx-swap="none" hx-confirm="End the workshop for everyone?' in response.text


def test_ending_answers_with_the_ended_state_and_no_way_to_end_again(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    client.force_login(facilitator)

    response = client.post(reverse("workshops:end", args=[workshop.code]), headers={"HX-Request": "true"})

    assert '<span id="state" class="badge state-ended" hx-swap-oob="true">Ended</span>' in response.text
    assert '<section id="finish" hidden hx-swap-oob="true"></section>' in response.text
    assert "End the workshop" not in response.text


def test_an_ended_workshops_agenda_stays_as_it_ran(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    first, second, third = workshop.segments.all()[:3]
    workshop.end(workshop.started_at)
    client.force_login(facilitator)
    before = list(workshop.segments.values_list("pk", "title", "planned_minutes", "position"))

    client.post(reverse("workshops:segment_remove", args=[workshop.code, third.pk]))
    client.post(reverse("workshops:segment_move", args=[workshop.code, second.pk]), {"direction": "up"})
    client.post(
        reverse("workshops:segment_edit", args=[workshop.code, first.pk]),
        {"title": "Renamed", "planned_minutes": 5, "facilitator_notes": ""},
    )
    client.post(
        reverse("workshops:segment_add", args=[workshop.code]),
        {"kind": "custom", "title": "Late addition", "planned_minutes": 5, "facilitator_notes": ""},
    )

    assert list(workshop.segments.values_list("pk", "title", "planned_minutes", "position")) == before
    page = client.get(workshop.get_absolute_url())
    assert "The workshop has ended: its agenda is part of the record and no longer changes." in page.text
    # The page offers none of those changes any more.
    assert f"Remove {third.title}" not in page.text
    assert f"Move {second.title} up" not in page.text
    assert "Add a segment" not in page.text
