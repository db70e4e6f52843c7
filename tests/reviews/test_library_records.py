"""A held review's record sits beside the workshops' records on the team's library page."""

import datetime as dt

import pytest
from django.utils import timezone

from reviews.models import Occurrence
from tests.library.helpers import client_for
from tests.measures.scorecards import MONDAY
from tests.reviews.helpers import occurrence_on, reviewed_north_star

pytestmark = pytest.mark.django_db


def test_the_team_page_links_to_ended_reviews_only():
    north_star, series, ada, _, _ = reviewed_north_star()
    held = occurrence_on(series, MONDAY + dt.timedelta(weeks=1), number=1)
    Occurrence.objects.filter(pk=held.pk).update(
        state=Occurrence.State.ENDED, started_at=timezone.now(), ended_at=timezone.now()
    )
    live = occurrence_on(series, MONDAY + dt.timedelta(weeks=2), number=2)
    Occurrence.objects.filter(pk=live.pk).update(state=Occurrence.State.LIVE, started_at=timezone.now())

    page = client_for(ada).get(north_star.team.get_absolute_url()).content.decode()
    assert "Review records" in page
    assert f'<a href="{held.get_absolute_url()}">{held}</a>' in page
    assert f"Of {north_star}" in page
    assert live.get_absolute_url() not in page


def test_a_team_without_a_held_review_says_so():
    north_star, _, ada, _, _ = reviewed_north_star()
    page = client_for(ada).get(north_star.team.get_absolute_url()).content.decode()
    assert "No review held yet." in page
