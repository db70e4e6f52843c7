from django.urls import reverse

from tests.factories import ParticipantFactory, WorkshopFactory
from workshops.models import Participant, Workshop


def test_a_code_typed_loosely_finds_the_workshop(client, workshop):
    typed = f"{workshop.code[:4].lower()} - {workshop.code[4:].lower()}"

    response = client.post(reverse("workshops:join_with_code"), {"code": typed})

    assert response.status_code == 302
    assert response.url == workshop.get_join_url()


def test_a_wrong_code_gets_a_clear_message(client, db):
    response = client.post(reverse("workshops:join_with_code"), {"code": "ZZZZ-ZZZZ"})

    assert response.status_code == 200
    assert "We could not find a workshop with that code" in response.text


def test_a_code_of_the_wrong_length_says_what_a_code_looks_like(client, db):
    response = client.post(reverse("workshops:join_with_code"), {"code": "abc"})

    assert "A workshop code has eight letters and digits" in response.text


def test_joining_creates_a_participant_and_opens_the_participant_page(client, workshop):
    response = client.post(workshop.get_join_url(), {"display_name": "  Grace   Hopper "})

    participant = Participant.objects.get()
    assert participant.display_name == "Grace Hopper"
    assert participant.workshop == workshop
    assert response.url == workshop.get_participant_url()
    page = client.get(workshop.get_participant_url())
    assert "You are taking part as <strong>Grace Hopper</strong>" in page.text
    # No account needed, and the page does not suggest one.
    assert "Sign up" not in page.text
    assert "Log in" not in page.text


def test_coming_back_in_the_same_browser_keeps_the_same_participant(client, workshop):
    client.post(workshop.get_join_url(), {"display_name": "Grace"})

    response = client.get(workshop.get_join_url())

    assert response.status_code == 302
    assert response.url == workshop.get_participant_url()
    assert Participant.objects.count() == 1


def test_a_name_already_taken_is_refused_with_a_suggestion(client, workshop):
    ParticipantFactory(workshop=workshop, display_name="Grace")

    response = client.post(workshop.get_join_url(), {"display_name": "grace"})

    assert "Someone here is already called “grace”" in response.text
    assert "Add an initial" in response.text
    assert Participant.objects.count() == 1


def test_the_same_name_may_be_used_in_another_workshop(client, workshop):
    ParticipantFactory(workshop=WorkshopFactory(), display_name="Grace")

    client.post(workshop.get_join_url(), {"display_name": "Grace"})

    assert workshop.participants.filter(display_name="Grace").exists()


def test_an_empty_name_is_refused(client, workshop):
    response = client.post(workshop.get_join_url(), {"display_name": "   "})

    assert "Please write the name the others will see." in response.text
    assert not Participant.objects.exists()


def test_joining_an_ended_workshop_is_refused_politely(client, workshop):
    workshop.state = Workshop.State.ENDED
    workshop.save()

    response = client.post(workshop.get_join_url(), {"display_name": "Grace"})

    assert response.status_code == 200
    assert "This workshop has ended" in response.text
    assert not Participant.objects.exists()


def test_the_participant_page_sends_strangers_to_the_join_form(client, workshop):
    response = client.get(workshop.get_participant_url())

    assert response.status_code == 302
    assert response.url == workshop.get_join_url()


def test_the_join_link_for_an_unknown_code_explains(client, db):
    response = client.get(reverse("workshops:join", args=["ZZZZZZZZ"]))

    assert response.status_code == 404
    assert "We could not find a workshop with that code" in response.text
