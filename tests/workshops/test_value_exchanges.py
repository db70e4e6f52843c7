import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ParticipantFactory, workshop_at
from tests.workshops.helpers import HTMX, facilitator_browser, page_text, participant_browser
from workshops.agenda import ACTIVITY_PLANS
from workshops.models import ExchangeRating, Participant, Segment, ValueExchange

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop():
    """A live workshop that went from converge to a key value exchanges segment."""
    workshop = workshop_at("converge")
    segment = workshop.insert_next(ACTIVITY_PLANS["value-exchange"])
    workshop.go_to(segment, timezone.now())
    return workshop


def add(client, workshop, text):
    return client.post(reverse("workshops:exchange_add", args=[workshop.code]), {"text": text}, **HTMX)


def rate(client, workshop, exchange, value):
    url = reverse("workshops:exchange_rate", args=[workshop.code, exchange.pk])
    return client.post(url, {"value": value}, **HTMX)


def ranking(html: str) -> list[str]:
    """The rows of the ranked chart, as a person reads them."""
    chart = html.split('aria-labelledby="exchange-chart-title"', 2)[2]
    chart = chart.split("</ol>", 1)[0]
    rows = re.findall(r'<li class="bar-row">(.*?)</li>', chart, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]


def test_the_stuck_activity_goes_right_after_the_current_segment():
    workshop = workshop_at("evaluate")
    response = facilitator_browser(workshop).post(
        reverse("workshops:segment_next", args=[workshop.code]), {"kind": "value-exchange"}, **HTMX
    )

    assert response.status_code == 200
    kinds = list(workshop.segments.values_list("kind", flat=True))
    assert kinds[kinds.index("evaluate") + 1] == Segment.Kind.VALUE_EXCHANGE
    assert kinds[-1] == Segment.Kind.CONVERGE


def test_an_unknown_activity_is_not_added():
    workshop = workshop_at("converge")
    before = workshop.segments.count()

    response = facilitator_browser(workshop).post(
        reverse("workshops:segment_next", args=[workshop.code]), {"kind": "karaoke"}, **HTMX
    )

    assert response.status_code == 404
    assert workshop.segments.count() == before


def test_participants_list_exchanges_and_rate_them_into_a_ranked_chart(workshop):
    grace, linus = (ParticipantFactory(workshop=workshop, display_name=n) for n in ("Grace", "Linus"))
    add(participant_browser(grace), workshop, "A diner books a table and gets an evening out")
    add(participant_browser(linus), workshop, "A restaurant fills a quiet Tuesday")
    booking, tuesday = ValueExchange.objects.order_by("pk")

    rate(participant_browser(grace), workshop, booking, 3)
    rate(participant_browser(linus), workshop, booking, 2)
    rate(participant_browser(linus), workshop, tuesday, 1)

    html = page_text(facilitator_browser(workshop), f"{workshop.get_absolute_url()}present/")
    assert ranking(html) == [
        "1. A diner books a table and gets an evening out 5 points",
        "2. A restaurant fills a quiet Tuesday 1 point",
    ]
    assert "2 participants rated" in html


def test_equal_totals_share_a_rank(workshop):
    grace = ParticipantFactory(workshop=workshop)
    first = ValueExchange.objects.create(workshop=workshop, text="Search and find a table")
    second = ValueExchange.objects.create(workshop=workshop, text="Pay the bill in the app")
    rate(participant_browser(grace), workshop, first, 2)
    rate(participant_browser(grace), workshop, second, 2)

    html = page_text(facilitator_browser(workshop), workshop.get_absolute_url())

    assert ranking(html) == ["joint 1. Search and find a table 2 points", "joint 1. Pay the bill in the app 2 points"]


def test_a_second_rating_replaces_the_first(workshop):
    grace = ParticipantFactory(workshop=workshop)
    exchange = ValueExchange.objects.create(workshop=workshop, text="Leave a review")

    rate(participant_browser(grace), workshop, exchange, 3)
    rate(participant_browser(grace), workshop, exchange, 0)

    assert list(ExchangeRating.objects.values_list("value", flat=True)) == [0]


def test_an_observer_can_neither_add_nor_rate(workshop):
    olivia = ParticipantFactory(workshop=workshop, role=Participant.Role.OBSERVER)
    exchange = ValueExchange.objects.create(workshop=workshop, text="Leave a review")

    assert add(participant_browser(olivia), workshop, "Watch others").status_code == 403
    assert rate(participant_browser(olivia), workshop, exchange, 3).status_code == 403
    assert ValueExchange.objects.count() == 1
    assert not ExchangeRating.objects.exists()


def test_ratings_of_someone_who_became_an_observer_no_longer_count(workshop):
    grace, linus = (ParticipantFactory(workshop=workshop, display_name=n) for n in ("Grace", "Linus"))
    exchange = ValueExchange.objects.create(workshop=workshop, text="Leave a review")
    rate(participant_browser(grace), workshop, exchange, 3)
    rate(participant_browser(linus), workshop, exchange, 1)

    Participant.objects.filter(pk=linus.pk).update(role=Participant.Role.OBSERVER)

    html = page_text(facilitator_browser(workshop), workshop.get_absolute_url())
    assert ranking(html) == ["1. Leave a review 3 points"]
    assert "1 participant rated" in html


def test_a_rating_out_of_range_is_refused_with_a_message(workshop):
    grace = ParticipantFactory(workshop=workshop)
    exchange = ValueExchange.objects.create(workshop=workshop, text="Leave a review")

    response = participant_browser(grace).post(
        reverse("workshops:exchange_rate", args=[workshop.code, exchange.pk]), {"value": "9"}
    )

    assert response.status_code == 302
    assert not ExchangeRating.objects.exists()


def test_exchanges_cannot_be_rated_outside_their_segment():
    workshop = workshop_at("converge")
    grace = ParticipantFactory(workshop=workshop)
    exchange = ValueExchange.objects.create(workshop=workshop, text="Leave a review")

    assert rate(participant_browser(grace), workshop, exchange, 3).status_code == 403
    assert not ExchangeRating.objects.exists()


def test_the_facilitator_writes_down_what_the_room_calls_out(workshop):
    response = facilitator_browser(workshop).post(
        reverse("workshops:exchange_write_down", args=[workshop.code]), {"text": "  Book a table  "}, **HTMX
    )

    assert response.status_code == 200
    assert list(ValueExchange.objects.values_list("text", flat=True)) == ["Book a table"]


def test_the_top_exchanges_come_back_as_prompts_in_the_next_brainstorm(workshop):
    grace = ParticipantFactory(workshop=workshop)
    top = ValueExchange.objects.create(workshop=workshop, text="A diner gets a confirmed table")
    ValueExchange.objects.create(workshop=workshop, text="Nobody rated this one")
    rate(participant_browser(grace), workshop, top, 3)
    brainstorm = workshop.insert_next(ACTIVITY_PLANS["brainstorm"])
    workshop.go_to(brainstorm, timezone.now())

    html = page_text(participant_browser(grace), workshop.get_participant_url())

    assert "Start from where customers get the most value" in html
    assert "A diner gets a confirmed table" in html
    assert "Nobody rated this one" not in html
