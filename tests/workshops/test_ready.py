from django.urls import reverse

from tests.factories import ParticipantFactory, live_workshop, workshop_with_agenda
from workshops.models import Ready


def join(client, workshop, name, observer=False):
    client.post(workshop.get_join_url(), {"display_name": name, **({"observer": "on"} if observer else {})})
    return workshop.participants.get(display_name=name)


def test_a_participant_says_they_are_done(client, db):
    workshop = live_workshop()
    grace = join(client, workshop, "Grace")

    client.post(reverse("workshops:ready", args=[workshop.code]), {"segment": workshop.current_segment_id, "done": "1"})

    assert Ready.objects.filter(participant=grace, segment=workshop.current_segment).exists()


def test_saying_done_twice_counts_once_and_can_be_taken_back(client, db):
    workshop = live_workshop()
    join(client, workshop, "Grace")
    url = reverse("workshops:ready", args=[workshop.code])

    client.post(url, {"segment": workshop.current_segment_id, "done": "1"})
    client.post(url, {"segment": workshop.current_segment_id, "done": "1"})
    assert Ready.objects.count() == 1

    client.post(url, {"segment": workshop.current_segment_id, "done": "0"})
    assert Ready.objects.count() == 0


def test_the_facilitator_sees_how_many_are_done_and_who_is_still_working(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    grace = ParticipantFactory(workshop=workshop, display_name="Grace")
    ParticipantFactory(workshop=workshop, display_name="Linus")
    Ready.objects.create(segment=workshop.current_segment, participant=grace)
    client.force_login(facilitator)

    response = client.get(workshop.get_absolute_url())

    assert "1 of 2 done" in response.text
    assert "Still working: Linus" in response.text


def test_observers_are_not_counted_and_cannot_say_done(client, db):
    workshop = live_workshop()
    ParticipantFactory(workshop=workshop, display_name="Grace")
    join(client, workshop, "Olive", observer=True)

    client.post(reverse("workshops:ready", args=[workshop.code]), {"segment": workshop.current_segment_id, "done": "1"})

    assert not Ready.objects.exists()
    assert "0 of 1 done" in client.get(workshop.get_participant_url()).text


def test_a_nudge_reaches_those_still_working(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    participant_client = client.__class__()
    join(participant_client, workshop, "Grace")
    client.force_login(facilitator)

    client.post(reverse("workshops:nudge", args=[workshop.code]))

    page = participant_client.get(workshop.get_participant_url()).text
    # At the top, in "now": on a phone the ready check sits below the whole activity.
    now = page[page.index('<section id="now"') : page.index("</section>", page.index('<section id="now"'))]
    assert "The facilitator asks everyone to wrap up." in now


def test_there_is_no_empty_ready_card_before_the_start(client, db):
    workshop = workshop_with_agenda()
    join(client, workshop, "Grace")

    page = client.get(workshop.get_participant_url()).text

    assert '<section id="ready" class="card ready is-empty"' in page
    assert "Ready check</h2>" in page  # named for screen readers, hidden from view


def test_done_is_per_segment(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    grace = ParticipantFactory(workshop=workshop, display_name="Grace")
    Ready.objects.create(segment=workshop.current_segment, participant=grace)
    client.force_login(facilitator)

    client.post(
        reverse("workshops:go", args=[workshop.code]),
        {"from_segment": workshop.current_segment_id, "direction": "next"},
    )

    assert "0 of 1 done" in client.get(workshop.get_absolute_url()).text
