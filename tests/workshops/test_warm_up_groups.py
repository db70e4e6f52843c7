import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ParticipantFactory, workshop_at
from tests.workshops.helpers import HTMX, facilitator_browser, page_text, participant_browser
from workshops.access import Page, resolve_viewer
from workshops.live import render_regions
from workshops.models import Participant, WarmUpGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop():
    return workshop_at("warm-up")


def split(workshop, size=4):
    return facilitator_browser(workshop).post(
        reverse("workshops:warm_up_split", args=[workshop.code]), {"group_size": size}, **HTMX
    )


def test_the_facilitator_splits_contributors_into_random_groups_of_three_or_four(workshop):
    people = [ParticipantFactory(workshop=workshop) for _ in range(7)]
    observer = ParticipantFactory(workshop=workshop, role=Participant.Role.OBSERVER)

    response = split(workshop)

    assert response.status_code == 200
    sizes = sorted(group.members.count() for group in WarmUpGroup.objects.filter(workshop=workshop))
    assert sizes == [3, 4]
    assert all(Participant.objects.get(pk=p.pk).warm_up_group_id for p in people)
    observer.refresh_from_db()
    assert observer.warm_up_group is None


def test_groups_of_about_three_make_more_groups(workshop):
    for _ in range(9):
        ParticipantFactory(workshop=workshop)

    split(workshop, size=3)

    assert sorted(g.members.count() for g in WarmUpGroup.objects.all()) == [3, 3, 3]


def test_splitting_again_starts_the_groups_afresh(workshop):
    for _ in range(4):
        ParticipantFactory(workshop=workshop)
    split(workshop)
    WarmUpGroup.objects.update(metric="Old work")

    split(workshop)

    assert list(WarmUpGroup.objects.values_list("number", "metric")) == [(1, "")]


def test_forming_groups_again_offers_the_size_chosen_last(workshop):
    for _ in range(6):
        ParticipantFactory(workshop=workshop)
    page = facilitator_browser(workshop).get(workshop.get_absolute_url()).content.decode()
    assert '<option value="4" selected>About 4</option>' in page

    answer = split(workshop, size=3).content.decode()

    # The answer, the live update and a reload all keep "About 3", so a second split is the same kind.
    assert '<option value="3" selected>About 3</option>' in answer
    page = facilitator_browser(workshop).get(workshop.get_absolute_url()).content.decode()
    assert '<option value="3" selected>About 3</option>' in page
    workshop.refresh_from_db()
    assert workshop.warm_up_group_size == 3


def test_an_odd_group_size_is_refused(workshop):
    response = split(workshop, size=12)

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not WarmUpGroup.objects.exists()


def test_the_facilitator_moves_a_person_to_another_group(workshop):
    for _ in range(8):
        ParticipantFactory(workshop=workshop)
    split(workshop)
    first, second = WarmUpGroup.objects.all()
    person = first.members.first()

    facilitator_browser(workshop).post(
        reverse("workshops:warm_up_move", args=[workshop.code, person.pk]), {"group": second.pk}, **HTMX
    )

    person.refresh_from_db()
    assert person.warm_up_group == second
    assert (first.members.count(), second.members.count()) == (3, 5)


def test_a_person_cannot_be_moved_into_another_workshops_group(workshop):
    grace = ParticipantFactory(workshop=workshop)
    split(workshop)
    elsewhere = workshop_at("warm-up")
    ParticipantFactory(workshop=elsewhere)
    foreign = elsewhere.split_into_groups(4)[0]

    facilitator_browser(workshop).post(
        reverse("workshops:warm_up_move", args=[workshop.code, grace.pk]), {"group": foreign.pk}, **HTMX
    )

    grace.refresh_from_db()
    assert grace.warm_up_group.workshop == workshop


def test_a_participant_cannot_split_or_move(workshop):
    grace = ParticipantFactory(workshop=workshop)
    browser = participant_browser(grace)

    assert browser.post(reverse("workshops:warm_up_split", args=[workshop.code]), {"group_size": 3}).status_code == 403
    assert not WarmUpGroup.objects.exists()


def test_participants_and_the_projector_see_who_is_in_which_group(workshop):
    grace = ParticipantFactory(workshop=workshop, display_name="Grace")
    ParticipantFactory(workshop=workshop, display_name="Linus")
    split(workshop)

    present = page_text(facilitator_browser(workshop), f"{workshop.get_absolute_url()}present/")
    assert "Find your group" in present
    assert "Group 1:</strong> Grace, Linus" in present
    mine = page_text(participant_browser(grace), workshop.get_participant_url())
    assert "Group 1’s worksheet" in mine
    assert "You fill this in together with Linus." in mine


def test_the_warm_up_starts_on_the_restaurant_booking_product(workshop):
    grace = ParticipantFactory(workshop=workshop)

    body = page_text(participant_browser(grace), workshop.get_participant_url())

    assert "Warm-up: a North Star for a restaurant booking service" in body
    assert "restaurants pay a monthly subscription" in body


def test_the_facilitator_changes_the_product_for_everyone(workshop):
    grace = ParticipantFactory(workshop=workshop)

    facilitator_browser(workshop).post(
        reverse("workshops:warm_up_product", args=[workshop.code]),
        {
            "warm_up_name": " a bike  sharing app ",
            "warm_up_summary": "Rent a bike by the minute from any street dock.",
            "warm_up_business_model": "Pay per ride, or a monthly pass.",
        },
        **HTMX,
    )

    body = page_text(participant_browser(grace), workshop.get_participant_url())
    assert "Warm-up: a North Star for a bike sharing app" in body
    assert "Pay per ride, or a monthly pass." in body


def test_a_product_without_a_name_is_refused_with_a_message(workshop):
    response = facilitator_browser(workshop).post(
        reverse("workshops:warm_up_product", args=[workshop.code]),
        {"warm_up_name": "  ", "warm_up_summary": "Something", "warm_up_business_model": "Money"},
        **HTMX,
    )

    assert "Name the product the groups will practise on." in response.content.decode()
    workshop.refresh_from_db()
    assert workshop.warm_up_name == ""


def test_the_warm_up_region_costs_the_same_queries_for_many_groups(workshop):
    def queries_for(people: int) -> int:
        for _ in range(people):
            ParticipantFactory(workshop=workshop)
        workshop.split_into_groups(3)
        viewer = resolve_viewer(workshop, workshop.facilitator, {})
        with CaptureQueriesContext(connection) as captured:
            render_regions(viewer, Page.FACILITATE, ["warmup"])
        return len(captured)

    assert queries_for(3) == queries_for(12)
