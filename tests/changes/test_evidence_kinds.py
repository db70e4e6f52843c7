"""Checkup flags and review decisions are evidence a proposal can tick, listed on its page with links."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from changes.models import Evidence
from checkups.flags import open_flags
from library.models import NorthStarVersion
from reviews.models import Decision, Occurrence
from tests.changes.test_proposals import proposal_data
from tests.checkups.helpers import answered_by, opened
from tests.library.helpers import client_for, member_of
from tests.measures.scorecards import MONDAY
from tests.reviews.helpers import occurrence_on, reviewed_north_star

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed():
    north_star, series, ada, grace, _ = reviewed_north_star()
    NorthStarVersion.objects.filter(north_star=north_star).update(created_at=timezone.now() - dt.timedelta(days=200))
    return north_star, series, [ada, grace, member_of(north_star.team, display_name="Lin")]


def flag_raised(north_star, members):
    checkup = opened(north_star, members[0])
    answered_by(members, checkup, score=4, trace=2)
    checkup.close()
    [flag] = open_flags(north_star)
    return flag


def held_review(series, number: int, *decisions: str, state=Occurrence.State.ENDED) -> Occurrence:
    occurrence = occurrence_on(series, MONDAY + dt.timedelta(weeks=number), number=number)
    Occurrence.objects.filter(pk=occurrence.pk).update(
        state=state, started_at=timezone.now(), ended_at=timezone.now() if state == Occurrence.State.ENDED else None
    )
    for text in decisions:
        Decision.objects.create(occurrence=occurrence, text=text)
    return occurrence


def new_proposal_page(client, north_star, **query) -> str:
    return client.get(reverse("changes:proposal_new", args=[north_star.key]), query).content.decode()


def test_an_open_checkup_flag_is_offered_as_evidence(reviewed):
    north_star, _, members = reviewed
    flag = flag_raised(north_star, members)
    page = new_proposal_page(client_for(members[1]), north_star)
    assert f"Checkup 1: {flag.words}" in page
    assert f'value="checkup-flag|{flag.url}"' in page


def test_the_flags_link_ticks_the_flag_on_the_new_proposal(reviewed):
    north_star, _, members = reviewed
    flag = flag_raised(north_star, members)
    page = new_proposal_page(client_for(members[1]), north_star, evidence=f"checkup-flag|{flag.url}")
    assert f'value="checkup-flag|{flag.url}"' in page
    tick = page.split(f'value="checkup-flag|{flag.url}"', 1)[1].split(">", 1)[0]
    assert "checked" in tick


def test_decisions_of_ended_reviews_are_offered_but_not_those_of_a_live_one(reviewed):
    north_star, series, members = reviewed
    ended = held_review(series, 1, "Stop counting walk-ins as bookings.")
    held_review(series, 2, "Not decided yet.", state=Occurrence.State.LIVE)
    page = new_proposal_page(client_for(members[1]), north_star)
    decision = Decision.objects.get(occurrence=ended)
    assert "Decided in review 1: Stop counting walk-ins as bookings." in page
    assert f'value="review-decision|{ended.get_absolute_url()}#decision-{decision.pk}"' in page
    assert "Not decided yet." not in page


def test_a_proposal_keeps_the_ticked_flag_and_decision_and_lists_them_with_links(reviewed):
    north_star, series, members = reviewed
    flag = flag_raised(north_star, members)
    ended = held_review(series, 1, "Stop counting walk-ins as bookings.")
    decision_url = f"{ended.get_absolute_url()}#decision-{Decision.objects.get(occurrence=ended).pk}"
    client = client_for(members[1])
    data = proposal_data(
        north_star,
        metric_name="Honoured bookings per week",
        suggested_evidence=[f"checkup-flag|{flag.url}", f"review-decision|{decision_url}"],
    )
    response = client.post(reverse("changes:proposal_new", args=[north_star.key]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    kept = list(Evidence.objects.values_list("kind", "url"))
    assert kept == [("checkup-flag", flag.url), ("review-decision", decision_url)]
    page = client.get(response["Location"]).content.decode()
    assert f'Checkup flag: <a href="{flag.url}">Checkup 1: {flag.words}</a>' in page
    assert (
        f'Review decision: <a href="{decision_url}">Decided in review 1: Stop counting walk-ins as bookings.</a>'
        in page
    )


def test_the_review_record_gives_each_decision_its_anchor(reviewed):
    _, series, members = reviewed
    ended = held_review(series, 1, "Stop counting walk-ins as bookings.")
    decision = Decision.objects.get(occurrence=ended)
    page = client_for(members[0]).get(ended.get_absolute_url()).content.decode()
    assert f'<li id="decision-{decision.pk}">Stop counting walk-ins as bookings.</li>' in page
