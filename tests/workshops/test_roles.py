from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory, live_workshop
from workshops.models import Participant, Workshop


def test_a_participant_can_join_as_an_observer(client, workshop):
    client.post(workshop.get_join_url(), {"display_name": "Olive", "observer": "on"})

    olive = Participant.objects.get()
    assert olive.role == "observer"
    assert "(observer)" in client.get(workshop.get_participant_url()).text


def test_the_facilitator_adds_a_co_facilitator_by_email(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    colleague = UserFactory(email="sam@example.com")
    client.force_login(facilitator)

    client.post(reverse("workshops:co_facilitator_add", args=[workshop.code]), {"email": "Sam@example.com"})

    assert colleague in workshop.co_facilitators.all()
    other = Client()
    other.force_login(colleague)
    assert other.get(workshop.get_absolute_url()).status_code == 200
    assert workshop in Workshop.objects.for_facilitator(colleague)


def test_adding_an_unknown_email_explains_what_to_do(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    client.force_login(facilitator)

    response = client.post(
        reverse("workshops:co_facilitator_add", args=[workshop.code]), {"email": "nobody@example.com"}, follow=True
    )

    assert "Ask them to sign up first" in response.text


def test_a_promoted_participant_can_facilitate(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    grace_client = Client()
    grace_client.post(workshop.get_join_url(), {"display_name": "Grace"})
    grace = workshop.participants.get()
    client.force_login(facilitator)

    client.post(reverse("workshops:participant_role", args=[workshop.code, grace.pk]), {"role": "co-facilitator"})

    grace_client.post(
        reverse("workshops:go", args=[workshop.code]),
        {"from_segment": workshop.current_segment_id, "direction": "next"},
    )
    workshop.refresh_from_db()
    assert workshop.current_segment == workshop.segments.all()[1]


def test_the_lead_hands_over_to_a_co_facilitator(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    colleague = UserFactory()
    workshop.co_facilitators.add(colleague)
    client.force_login(facilitator)

    client.post(reverse("workshops:hand_over", args=[workshop.code]), {"user": colleague.pk})

    workshop.refresh_from_db()
    assert workshop.facilitator == colleague
    assert list(workshop.co_facilitators.all()) == [facilitator]


def test_a_removed_participant_is_shut_out(client, facilitator):
    workshop = live_workshop(facilitator=facilitator)
    grace_client = Client()
    grace_client.post(workshop.get_join_url(), {"display_name": "Grace"})
    grace = workshop.participants.get()
    client.force_login(facilitator)

    client.post(reverse("workshops:participant_remove", args=[workshop.code, grace.pk]))

    grace.refresh_from_db()
    assert grace.removed_at is not None
    assert "Grace" not in client.get(workshop.get_absolute_url()).text
    response = grace_client.get(workshop.get_participant_url())
    assert response.status_code == 403
    assert "You are no longer in this workshop" in response.text
    assert grace_client.post(workshop.get_join_url(), {"display_name": "Grace 2"}).status_code == 403
