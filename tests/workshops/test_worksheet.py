import json

import pytest
from django.urls import reverse

from tests.factories import ParticipantFactory, workshop_at
from tests.workshops.helpers import HTMX, facilitator_browser, page_text, participant_browser
from workshops.models import Participant, WarmUpGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop():
    return workshop_at("warm-up")


@pytest.fixture
def group(workshop):
    ParticipantFactory(workshop=workshop, display_name="Grace")
    ParticipantFactory(workshop=workshop, display_name="Linus")
    return workshop.split_into_groups(4)[0]


def member(group, name) -> Participant:
    return group.members.get(display_name=name)


def save(client, workshop, **fields):
    return client.post(reverse("workshops:worksheet_save", args=[workshop.code]), fields, **HTMX)


def show(workshop, what, on=True):
    data = {"show": what, **({"on": "1"} if on else {})}
    return facilitator_browser(workshop).post(reverse("workshops:warm_up_show", args=[workshop.code]), data, **HTMX)


def test_a_member_saves_one_field_without_touching_the_others(workshop, group):
    WarmUpGroup.objects.filter(pk=group.pk).update(impact="More repeat bookings")

    response = save(participant_browser(member(group, "Grace")), workshop, metric="  Tables   seated each week ")

    assert response.status_code == 200
    assert "Saved." in response.content.decode()
    group.refresh_from_db()
    assert (group.metric, group.impact) == ("Tables seated each week", "More repeat bookings")


def test_the_other_member_sees_the_saved_text(workshop, group):
    save(participant_browser(member(group, "Grace")), workshop, breadth="Diners who book at least once")

    body = page_text(participant_browser(member(group, "Linus")), workshop.get_participant_url())

    assert "Diners who book at least once" in body


def test_the_game_is_one_of_the_three(workshop, group):
    browser = participant_browser(member(group, "Grace"))

    save(browser, workshop, game="transaction")
    response = save(browser, workshop, game="gossip")

    group.refresh_from_db()
    assert group.game == "transaction"
    assert "Select a valid choice" in response.content.decode()


def test_a_field_that_is_too_long_is_refused_with_a_message(workshop, group):
    response = save(participant_browser(member(group, "Grace")), workshop, depth="d" * 301)

    assert "Depth is too long: keep it under 300 characters." in response.content.decode()
    group.refresh_from_db()
    assert group.depth == ""


def test_without_javascript_the_whole_worksheet_saves(workshop, group):
    browser = participant_browser(member(group, "Grace"))

    response = browser.post(
        reverse("workshops:worksheet_save", args=[workshop.code]), {"metric": "Covers booked", "other": "Reviews"}
    )

    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.metric, group.other) == ("Covers booked", "Reviews")


def test_an_observer_cannot_edit_a_worksheet(workshop, group):
    olivia = ParticipantFactory(workshop=workshop, role=Participant.Role.OBSERVER, warm_up_group=group)

    response = save(participant_browser(olivia), workshop, metric="Observer was here")

    assert response.status_code == 403
    group.refresh_from_db()
    assert group.metric == ""


def test_an_observer_sees_every_worksheet_but_no_form(workshop, group):
    WarmUpGroup.objects.filter(pk=group.pk).update(metric="Tables seated")
    olivia = ParticipantFactory(workshop=workshop, role=Participant.Role.OBSERVER)

    body = page_text(participant_browser(olivia), workshop.get_participant_url())

    assert "Tables seated" in body
    assert "Save the worksheet" not in body


def test_someone_without_a_group_cannot_edit(workshop, group):
    late = ParticipantFactory(workshop=workshop)

    response = save(participant_browser(late), workshop, metric="Mine")

    assert response.status_code == 403
    assert "not in a warm-up group yet" in response.content.decode()


def test_the_facilitator_shows_the_completed_example_to_everyone(workshop, group):
    show(workshop, "example")

    for client, url in [
        (facilitator_browser(workshop), f"{workshop.get_absolute_url()}present/"),
        (participant_browser(member(group, "Grace")), workshop.get_participant_url()),
    ]:
        body = page_text(client, url)
        assert "A completed example: A music streaming service" in body
        assert "Listening time of paying subscribers" in body

    show(workshop, "example", on=False)
    assert "A completed example" not in page_text(
        participant_browser(member(group, "Grace")), workshop.get_participant_url()
    )


def test_at_the_end_every_page_shows_all_worksheets_side_by_side(workshop, group):
    ParticipantFactory(workshop=workshop)
    ParticipantFactory(workshop=workshop)
    ParticipantFactory(workshop=workshop)
    first, second = workshop.split_into_groups(3)
    WarmUpGroup.objects.filter(pk=first.pk).update(metric="Tables seated each week")
    WarmUpGroup.objects.filter(pk=second.pk).update(metric="Bookings kept")

    show(workshop, "all")

    grace = Participant.objects.get(display_name="Grace")
    for client, url in [
        (facilitator_browser(workshop), workshop.get_absolute_url()),
        (facilitator_browser(workshop), f"{workshop.get_absolute_url()}present/"),
        (participant_browser(grace), workshop.get_participant_url()),
    ]:
        body = page_text(client, url)
        assert "All worksheets, side by side" in body
        assert "Tables seated each week" in body
        assert "Bookings kept" in body
    assert "Save the worksheet" not in page_text(participant_browser(grace), workshop.get_participant_url())


def test_a_participant_cannot_show_the_example(workshop, group):
    browser = participant_browser(member(group, "Grace"))

    response = browser.post(reverse("workshops:warm_up_show", args=[workshop.code]), {"show": "example", "on": "1"})

    assert response.status_code == 403
    workshop.refresh_from_db()
    assert not workshop.warm_up_show_example


def test_words_typed_from_an_older_text_are_refused_and_say_whose_words_stand(workshop, group):
    grace = participant_browser(member(group, "Grace"))
    linus = participant_browser(member(group, "Linus"))
    save(grace, workshop, breadth="Diners who book monthly", base="")

    refused = save(linus, workshop, breadth="Guests per week", base="")  # he started from the empty field

    group.refresh_from_db()
    assert group.breadth == "Diners who book monthly"
    assert "Their text: “Diners who book monthly”. Yours is still in the box" in refused.text
    assert json.loads(refused["HX-Trigger"]) == {
        "fieldRefused": {"id": f"ws-{group.pk}-breadth", "current": "Diners who book monthly"}
    }
    # Typing again, from the text that stands now, replaces it deliberately.
    save(linus, workshop, breadth="Guests per week", base="Diners who book monthly")
    group.refresh_from_db()
    assert group.breadth == "Guests per week"


def test_the_last_words_of_a_page_that_is_going_are_saved_as_they_come(workshop, group):
    save(participant_browser(member(group, "Grace")), workshop, depth="Covers per booking", base="")

    save(participant_browser(member(group, "Linus")), workshop, depth="Guests per table")  # no base

    group.refresh_from_db()
    assert group.depth == "Guests per table"
