"""The core value exchange: the agreed sentence, and the disappointment poll hidden until it is revealed."""

import re

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import ParticipantFactory, workshop_at
from tests.sockets import connected, drain, facilitator_client, join_as
from tests.workshops.helpers import HTMX, facilitator_browser, page_text, participant_browser
from workshops.agenda import ACTIVITY_PLANS
from workshops.models import CoreValue, Participant, PollAnswer, Workshop

# What only a revealed poll shows: the chart and its per-answer counts.
ANSWERS_SHOWN = ("bar-value", "answers from", "answer from", "Very disappointed 1", "Very disappointed 2")


def at_core_value() -> Workshop:
    workshop = workshop_at("converge")
    segment = workshop.insert_next(ACTIVITY_PLANS["core-value"])
    workshop.go_to(segment, timezone.now())
    return workshop


def answer(client, workshop, value, **extra):
    return client.post(reverse("workshops:poll_answer", args=[workshop.code]), {"answer": value}, **extra)


def reveal(workshop):
    return facilitator_browser(workshop).post(reverse("workshops:poll_reveal", args=[workshop.code]), {}, **HTMX)


def chart(html: str) -> list[str]:
    rows = re.findall(r'<li class="bar-row">(.*?)</li>', html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]


@pytest.mark.django_db
def test_the_facilitator_saves_the_sentence_and_converge_shows_it():
    workshop = at_core_value()
    url = reverse("workshops:core_value_save", args=[workshop.code])
    facilitator_browser(workshop).post(url, {"gets": "a table they trust", "when": "they book"})
    workshop.go_to(workshop.segments.get(kind="converge"), timezone.now())

    html = page_text(facilitator_browser(workshop), workshop.get_absolute_url())

    assert "Customers get a table they trust when they book." in html


@pytest.mark.django_db
def test_a_sentence_without_what_customers_get_is_refused():
    workshop = at_core_value()
    url = reverse("workshops:core_value_save", args=[workshop.code])

    response = facilitator_browser(workshop).post(url, {"gets": "   ", "when": "x"}, **HTMX)

    assert "Say what customers get." in response.content.decode()
    assert not CoreValue.objects.exists()


@pytest.mark.django_db
def test_the_revealed_poll_counts_every_answer_and_ties_keep_their_place():
    workshop = at_core_value()
    people = [ParticipantFactory(workshop=workshop, display_name=n) for n in ("Ada", "Bea", "Cy", "Di")]
    for person, value in zip(people, ("not", "very", "very", "not"), strict=True):
        answer(participant_browser(person), workshop, value)
    reveal(workshop)

    html = page_text(facilitator_browser(workshop), f"{workshop.get_absolute_url()}present/")

    # Always in the order of the question, tied or not: the chart reads from very to not.
    assert chart(html) == [
        "Very disappointed 2 answers (50%)",
        "Somewhat disappointed 0 answers (0%)",
        "Not disappointed 2 answers (50%)",
    ]
    assert "4 answers from 4 participants" in html


@pytest.mark.django_db
def test_observers_cannot_answer_and_former_answers_of_observers_do_not_count():
    workshop = at_core_value()
    ada = ParticipantFactory(workshop=workshop, display_name="Ada")
    bea = ParticipantFactory(workshop=workshop, display_name="Bea")
    olivia = ParticipantFactory(workshop=workshop, display_name="Olivia", role=Participant.Role.OBSERVER)
    answer(participant_browser(ada), workshop, "very")
    answer(participant_browser(bea), workshop, "not")
    Participant.objects.filter(pk=bea.pk).update(role=Participant.Role.OBSERVER)

    assert answer(participant_browser(olivia), workshop, "not", **HTMX).status_code == 403
    reveal(workshop)

    html = page_text(facilitator_browser(workshop), workshop.get_absolute_url())
    assert chart(html)[0] == "Very disappointed 1 answer (100%)"
    assert "1 answer from 1 participant" in html
    assert PollAnswer.objects.filter(participant=olivia).count() == 0


@pytest.mark.django_db
def test_answers_are_closed_once_revealed():
    workshop = at_core_value()
    ada = ParticipantFactory(workshop=workshop)
    reveal(workshop)

    assert answer(participant_browser(ada), workshop, "very", **HTMX).status_code == 403
    assert not PollAnswer.objects.exists()


@pytest.mark.django_db
def test_an_unknown_answer_is_refused_with_a_message():
    workshop = at_core_value()
    ada = ParticipantFactory(workshop=workshop)

    response = answer(participant_browser(ada), workshop, "thrilled", **HTMX)

    assert "Choose one of the three answers." in response.content.decode()
    assert not PollAnswer.objects.exists()


@pytest.mark.reliability
@pytest.mark.asyncio
@pytest.mark.usefixtures("async_db")
async def test_nobody_receives_the_answers_before_the_reveal():
    workshop = await sync_to_async(at_core_value)()
    ada, bea = await join_as(workshop, "Ada"), await join_as(workshop, "Bea")
    facilitator = await facilitator_client(workshop)
    present = reverse("workshops:present", args=[workshop.code])

    async with (
        connected(f"/ws/workshops/{workshop.code}/participant/", bea) as bea_socket,
        connected(f"/ws/workshops/{workshop.code}/present/", facilitator) as projector,
        connected(f"/ws/workshops/{workshop.code}/facilitate/", facilitator) as facilitate,
    ):
        await drain(bea_socket), await drain(projector), await drain(facilitate)
        ada_answer = await sync_to_async(answer)(ada, workshop, "very", **HTMX)
        seen = [*await drain(bea_socket), *await drain(projector), *await drain(facilitate)]
        get = sync_to_async(Client.get)
        seen += [
            (await get(bea, workshop.get_participant_url())).content.decode(),
            (await get(facilitator, present)).content.decode(),
            (await get(facilitator, workshop.get_absolute_url())).content.decode(),
        ]

        assert any("1 of 2 have answered" in text for text in seen), "how many answered is public"
        assert not [marker for marker in ANSWERS_SHOWN for text in seen if marker in text]
        # Bea's own page never carries Ada's answer as checked; Ada's own answer comes back to her.
        assert not any('value="very" required checked' in text for text in seen)
        assert 'value="very" required checked' in ada_answer.content.decode()

        await sync_to_async(reveal)(workshop)
        after = [*await drain(bea_socket), *await drain(projector)]
        assert any("Very disappointed" in text and "1 answer from 2 participants" in text for text in after)
