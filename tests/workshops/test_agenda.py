from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tests.factories import WorkshopFactory, live_workshop, workshop_with_agenda
from tests.workshops.helpers import facilitator_browser, page_text
from workshops.models import Segment, Workshop


def test_the_120_minute_template_plans_120_minutes_with_notes(facilitator):
    workshop = workshop_with_agenda("120", facilitator=facilitator)

    segments = list(workshop.segments.all())
    assert workshop.planned_minutes() == 120
    assert [s.planned_minutes for s in segments[:5]] == [15, 15, 15, 15, 15]
    assert sum(s.planned_minutes for s in segments[5:]) == 45
    assert [s.kind for s in segments[5:]] == ["brainstorm", "pair-share", "evaluate", "converge"]
    assert all(s.facilitator_notes for s in segments)


def test_the_60_minute_template_plans_60_minutes(facilitator):
    assert workshop_with_agenda("60", facilitator=facilitator).planned_minutes() == 60


def test_creating_a_workshop_with_an_empty_agenda(client, facilitator):
    client.force_login(facilitator)

    client.post(reverse("workshops:create"), {"title": "Blank", "product": "TableTime", "agenda": "empty"})

    assert not Segment.objects.exists()


def test_the_facilitator_page_shows_the_total_planned_time(client, facilitator):
    workshop = workshop_with_agenda("60", facilitator=facilitator)
    client.force_login(facilitator)

    response = client.get(workshop.get_absolute_url())

    assert "60 min planned" in response.text


def test_it_renames_and_retimes_a_segment(client, facilitator):
    workshop = workshop_with_agenda("120", facilitator=facilitator)
    segment = workshop.segments.first()
    client.force_login(facilitator)

    client.post(
        reverse("workshops:segment_edit", args=[workshop.code, segment.pk]),
        {"title": "Why we are here", "planned_minutes": "20", "facilitator_notes": "Ask about impact."},
    )

    segment.refresh_from_db()
    assert (segment.title, segment.planned_minutes, segment.facilitator_notes) == (
        "Why we are here",
        20,
        "Ask about impact.",
    )
    assert workshop.planned_minutes() == 125


def test_it_refuses_zero_minutes_with_a_clear_message(client, facilitator):
    workshop = workshop_with_agenda("120", facilitator=facilitator)
    segment = workshop.segments.first()
    client.force_login(facilitator)

    response = client.post(
        reverse("workshops:segment_edit", args=[workshop.code, segment.pk]),
        {"title": "Opening", "planned_minutes": "0", "facilitator_notes": ""},
        headers={"HX-Request": "true"},
    )

    assert "Give the segment between 1 and 240 minutes." in response.text
    segment.refresh_from_db()
    assert segment.planned_minutes == 15


def test_a_refused_edit_keeps_what_was_typed_and_names_the_problem(client, facilitator):
    workshop = workshop_with_agenda("120", facilitator=facilitator)
    segment = workshop.segments.first()
    client.force_login(facilitator)

    response = client.post(
        reverse("workshops:segment_edit", args=[workshop.code, segment.pk]),
        {"title": "   ", "planned_minutes": "20", "facilitator_notes": "Ask what brought each person here."},
        headers={"HX-Request": "true"},
    )

    page = response.text
    assert "Please give the segment a name." in page
    assert "This field is required." not in page
    assert f'id="minutes-{segment.pk}" type="number" name="planned_minutes" value="20"' in page
    assert ">Ask what brought each person here.</textarea>" in page
    segment.refresh_from_db()
    assert (segment.title, segment.planned_minutes) == ("Opening discussion", 15)


def test_a_refused_new_segment_keeps_what_was_typed(client, facilitator):
    workshop = workshop_with_agenda("60", facilitator=facilitator)
    client.force_login(facilitator)

    response = client.post(
        reverse("workshops:segment_add", args=[workshop.code]),
        {"kind": "brainstorm", "title": "", "planned_minutes": "12", "facilitator_notes": "Silence, then share."},
        headers={"HX-Request": "true"},
    )

    page = response.text
    assert "Please give the segment a name." in page
    assert '<option value="brainstorm" selected>' in page
    assert 'name="planned_minutes" value="12"' in page
    assert ">Silence, then share.</textarea>" in page
    assert workshop.segments.count() == 9  # the 60-minute agenda, nothing added


def test_it_moves_a_segment_up(client, facilitator):
    workshop = workshop_with_agenda("120", facilitator=facilitator)
    second = workshop.segments.all()[1]
    client.force_login(facilitator)

    client.post(reverse("workshops:segment_move", args=[workshop.code, second.pk]), {"direction": "up"})

    assert workshop.segments.first() == second
    assert list(workshop.segments.values_list("position", flat=True)) == list(range(9))


def test_it_adds_a_custom_segment_at_the_end(client, facilitator):
    workshop = workshop_with_agenda("60", facilitator=facilitator)
    client.force_login(facilitator)

    client.post(
        reverse("workshops:segment_add", args=[workshop.code]),
        {"kind": "custom", "title": "Coffee break", "planned_minutes": "10", "facilitator_notes": ""},
    )

    last = workshop.segments.last()
    assert (last.title, last.kind, last.planned_minutes) == ("Coffee break", "custom", 10)
    assert workshop.planned_minutes() == 70


def test_it_removes_a_segment_and_closes_the_gap(client, facilitator):
    workshop = workshop_with_agenda("120", facilitator=facilitator)
    third = workshop.segments.all()[2]
    client.force_login(facilitator)

    client.post(reverse("workshops:segment_remove", args=[workshop.code, third.pk]))

    assert not Segment.objects.filter(pk=third.pk).exists()
    assert list(workshop.segments.values_list("position", flat=True)) == list(range(8))


def test_another_facilitator_cannot_edit_my_agenda(client, facilitator):
    workshop = workshop_with_agenda("120", facilitator=facilitator)
    segment = workshop.segments.first()
    client.force_login(WorkshopFactory().facilitator)

    response = client.post(
        reverse("workshops:segment_edit", args=[workshop.code, segment.pk]),
        {"title": "Hijacked", "planned_minutes": "5", "facilitator_notes": ""},
    )

    assert response.status_code == 404
    segment.refresh_from_db()
    assert segment.title == "Opening discussion"


def test_an_ended_workshops_agenda_says_how_long_it_ran_against_the_plan(db):
    workshop = live_workshop()  # the 120-minute agenda
    started = timezone.now() - timedelta(minutes=70)
    Workshop.objects.filter(pk=workshop.pk).update(started_at=started)
    workshop.refresh_from_db()
    workshop.end(started + timedelta(minutes=70))

    text = page_text(facilitator_browser(workshop), workshop.get_absolute_url())

    assert "ran 70 min" in text
    assert "(50 min under the plan)" in text
    assert "projected" not in text
