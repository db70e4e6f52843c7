"""Beliefs: each participant completes the templates privately; the reveal shows them by template, without names."""

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import ParticipantFactory, workshop_at
from tests.sockets import connected, drain, facilitator_client, join_as
from tests.workshops.helpers import HTMX, facilitator_browser, page_text, participant_browser
from workshops.agenda import ACTIVITY_PLANS
from workshops.models import Belief, Participant, Workshop

SECRET = "competitors will copy our booking page"


def at_beliefs() -> Workshop:
    workshop = workshop_at("converge")
    segment = workshop.insert_next(ACTIVITY_PLANS["beliefs"])
    workshop.go_to(segment, timezone.now())
    return workshop


def write(client, workshop, **beliefs):
    return client.post(reverse("workshops:beliefs_save", args=[workshop.code]), beliefs, **HTMX)


def reveal(workshop):
    return facilitator_browser(workshop).post(reverse("workshops:beliefs_reveal", args=[workshop.code]), {}, **HTMX)


@pytest.mark.django_db
def test_a_participant_saves_and_clears_their_beliefs():
    workshop = at_beliefs()
    ada = ParticipantFactory(workshop=workshop)

    write(participant_browser(ada), workshop, competitors=SECRET, focus="families, not business diners")
    write(participant_browser(ada), workshop, competitors=SECRET)

    assert list(Belief.objects.values_list("template", "text")) == [("competitors", SECRET)]


@pytest.mark.django_db
def test_the_reveal_groups_beliefs_by_template_without_names():
    workshop = at_beliefs()
    ada = ParticipantFactory(workshop=workshop, display_name="Ada")
    bea = ParticipantFactory(workshop=workshop, display_name="Bea")
    write(participant_browser(ada), workshop, competitors=SECRET)
    write(participant_browser(bea), workshop, competitors="they will compete on price", behaviour="they book late")
    reveal(workshop)

    html = page_text(facilitator_browser(workshop), f"{workshop.get_absolute_url()}present/")

    about_competitors = html.split("About competitors", 1)[1].split("Changes in technology", 1)[0]
    assert SECRET in about_competitors
    assert "they will compete on price" in about_competitors
    assert "Nobody completed this one." in html  # technology, why we win, focus
    assert "they book late" in html.split("What drives customers", 1)[1]


@pytest.mark.django_db
def test_an_observer_cannot_write_beliefs():
    workshop = at_beliefs()
    olivia = ParticipantFactory(workshop=workshop, role=Participant.Role.OBSERVER)

    assert write(participant_browser(olivia), workshop, competitors=SECRET).status_code == 403
    assert not Belief.objects.exists()


@pytest.mark.django_db
def test_beliefs_are_closed_once_revealed():
    workshop = at_beliefs()
    ada = ParticipantFactory(workshop=workshop)
    reveal(workshop)

    assert write(participant_browser(ada), workshop, competitors=SECRET).status_code == 403


@pytest.mark.django_db
def test_a_belief_too_long_is_refused_with_a_message():
    workshop = at_beliefs()
    ada = ParticipantFactory(workshop=workshop)

    response = write(participant_browser(ada), workshop, competitors="x" * 301)

    assert "Keep each belief short" in response.content.decode()
    assert not Belief.objects.exists()


@pytest.mark.reliability
@pytest.mark.asyncio
@pytest.mark.usefixtures("async_db")
async def test_nobody_but_the_author_receives_a_belief_before_the_reveal():
    workshop = await sync_to_async(at_beliefs)()
    ada, bea = await join_as(workshop, "Ada"), await join_as(workshop, "Bea")
    facilitator = await facilitator_client(workshop)
    present = reverse("workshops:present", args=[workshop.code])

    async with (
        connected(f"/ws/workshops/{workshop.code}/participant/", bea) as bea_socket,
        connected(f"/ws/workshops/{workshop.code}/present/", facilitator) as projector,
        connected(f"/ws/workshops/{workshop.code}/facilitate/", facilitator) as facilitate,
    ):
        await drain(bea_socket), await drain(projector), await drain(facilitate)
        own = await sync_to_async(write)(ada, workshop, competitors=SECRET)
        seen = [*await drain(bea_socket), *await drain(projector), *await drain(facilitate)]
        get = sync_to_async(Client.get)
        seen += [
            (await get(bea, workshop.get_participant_url())).content.decode(),
            (await get(facilitator, present)).content.decode(),
            (await get(facilitator, workshop.get_absolute_url())).content.decode(),
        ]

        assert SECRET in own.content.decode(), "the author sees their own belief"
        assert any("1 of 2 have written beliefs" in text for text in seen), "how many have written is public"
        assert not [text for text in seen if SECRET in text]

        await sync_to_async(reveal)(workshop)
        after = [*await drain(bea_socket), *await drain(projector)]
        assert any(SECRET in text for text in after)
        assert not any("Ada" in text.split("About competitors", 1)[-1].split("</ul>", 1)[0] for text in after)
