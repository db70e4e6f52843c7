import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tests.factories import live_workshop


def timer(client, workshop, action, **extra):
    return client.post(
        reverse("workshops:timer", args=[workshop.code]),
        {"segment": workshop.current_segment_id, "action": action, **extra},
    )


def current(workshop):
    workshop.refresh_from_db()
    return workshop.current_segment


def test_the_remaining_time_counts_down_from_the_planned_minutes(db):
    workshop = live_workshop()
    segment = workshop.current_segment
    later = segment.timer_running_since + timedelta(minutes=5)

    assert segment.remaining_seconds(later) == 10 * 60
    assert segment.deadline == segment.timer_running_since + timedelta(minutes=15)


def test_pausing_freezes_the_remaining_time(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    client.force_login(facilitator)

    timer(client, workshop, "pause")

    segment = current(workshop)
    assert segment.timer_state == "paused"
    frozen = segment.remaining_seconds(timezone.now())
    assert segment.remaining_seconds(timezone.now() + timedelta(minutes=3)) == frozen
    assert segment.deadline is None


def test_resuming_continues_from_where_it_paused(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    client.force_login(facilitator)
    timer(client, workshop, "pause")
    banked = current(workshop).timer_banked_seconds

    timer(client, workshop, "resume")

    segment = current(workshop)
    assert segment.timer_state == "running"
    assert segment.timer_banked_seconds == banked


def test_adding_and_removing_minutes_moves_the_deadline_not_the_plan(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    client.force_login(facilitator)
    before = current(workshop).deadline

    timer(client, workshop, "add", minutes="3")
    timer(client, workshop, "remove")

    segment = current(workshop)
    assert segment.deadline - before == timedelta(minutes=2)
    assert segment.planned_minutes == 15


def test_time_runs_out_and_then_overruns(db):
    workshop = live_workshop()
    segment = workshop.current_segment

    assert segment.remaining_seconds(segment.timer_running_since + timedelta(minutes=17)) == -120


def test_reset_starts_the_full_time_again(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    client.force_login(facilitator)
    timer(client, workshop, "add", minutes="5")
    timer(client, workshop, "pause")

    timer(client, workshop, "reset")

    segment = current(workshop)
    assert segment.timer_state == "idle"
    assert segment.remaining_seconds(timezone.now()) == 15 * 60


def test_a_timer_action_for_a_segment_no_longer_running_is_ignored(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    first = workshop.current_segment
    client.force_login(facilitator)
    client.post(reverse("workshops:go", args=[workshop.code]), {"from_segment": first.pk, "direction": "next"})

    client.post(reverse("workshops:timer", args=[workshop.code]), {"segment": first.pk, "action": "resume"})

    first.refresh_from_db()
    assert first.timer_state == "paused"


def test_the_page_shows_time_is_up_when_it_is(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    segment = workshop.current_segment
    segment.timer_running_since = timezone.now() - timedelta(minutes=16)
    segment.save()
    client.force_login(facilitator)

    response = client.get(workshop.get_absolute_url())

    assert "Time is up" in response.text
    assert "+1:0" in response.text


def test_the_agenda_shows_planned_and_actual_time(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    first = workshop.current_segment
    # Twenty minutes into a fifteen-minute segment, its timer running all along.
    first.entered_at = first.timer_running_since = timezone.now() - timedelta(minutes=20)
    first.save()
    client.force_login(facilitator)

    response = client.get(workshop.get_absolute_url())

    text = re.sub(r"<[^>]+>", "", response.text)  # what a reader sees, without the markup
    assert "actual 20:0" in text
    assert "projected 5 min over" in text
