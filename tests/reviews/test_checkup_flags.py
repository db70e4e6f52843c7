"""A checkup's flag goes on the next review's agenda, is kept with its frozen scorecard, and proposes a change."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.http import urlencode

from checkups.flags import open_flags
from tests.checkups.helpers import answered_by, opened
from tests.library.helpers import client_for, member_of
from tests.measures.scorecards import MONDAY
from tests.reviews.helpers import occurrence_on, reviewed_north_star

pytestmark = pytest.mark.django_db

CANNOT_TRACE_WORDS = "Half the team or more cannot trace their work to the North Star (median 2 of 5)."


def checkup(north_star, members, **answers):
    done = opened(north_star, members[0])
    answered_by(members, done, **answers)
    done.close()
    return done


def flagged():
    """A reviewed North Star whose latest checkup says the team cannot trace its work to it."""
    north_star, series, ada, grace, _ = reviewed_north_star()
    members = [ada, grace, member_of(north_star.team, display_name="Lin")]
    checkup(north_star, members, score=4, trace=2)
    occurrence = occurrence_on(series, MONDAY + dt.timedelta(weeks=3))
    return north_star, series, occurrence, members


def propose_link(north_star, flag_url: str) -> str:
    query = urlencode({"evidence": f"checkup-flag|{flag_url}"}).replace("&", "&amp;")
    return f'href="/north-stars/{north_star.key}/changes/new/?{query}"'


def test_the_next_review_shows_the_open_flags_before_it_starts():
    north_star, _, occurrence, members = flagged()
    page = client_for(members[1]).get(occurrence.get_absolute_url()).content.decode()
    assert "Checkup flags" in page
    assert CANNOT_TRACE_WORDS in page
    [flag] = open_flags(north_star)
    assert f'href="{flag.url}"' in page
    assert propose_link(north_star, flag.url) in page


def test_the_flags_are_an_agenda_item_of_their_own_right_after_the_open_actions():
    _, _, occurrence, members = flagged()
    facilitator = client_for(members[0])
    facilitator.post(f"{occurrence.get_absolute_url()}start/")
    facilitator.post(f"{occurrence.get_absolute_url()}next/", {"leaving": 0})
    page = client_for(members[1]).get(occurrence.get_absolute_url()).content.decode()
    assert '<h2 id="item-flags-heading">Checkup flags</h2>' in page
    assert CANNOT_TRACE_WORDS in page
    assert "Propose a change to the North Star" in page


def test_the_flags_are_frozen_with_the_scorecard():
    north_star, _, occurrence, members = flagged()
    facilitator = client_for(members[0])
    facilitator.post(f"{occurrence.get_absolute_url()}start/")
    occurrence.refresh_from_db()
    assert [flag["words"] for flag in occurrence.snapshot["flags"]] == [CANNOT_TRACE_WORDS]

    checkup(north_star, members, score=4, trace=4)  # the team can trace its work again
    assert open_flags(north_star) == []
    facilitator.post(f"{occurrence.get_absolute_url()}next/", {"leaving": 0})
    page = client_for(members[1]).get(occurrence.get_absolute_url()).content.decode()
    assert "Checkup flags" in page
    assert CANNOT_TRACE_WORDS in page


def test_a_review_without_open_flags_has_no_flags_item():
    _, series, ada, grace, _ = reviewed_north_star()
    occurrence = occurrence_on(series, MONDAY + dt.timedelta(weeks=3))
    facilitator = client_for(ada)
    facilitator.post(f"{occurrence.get_absolute_url()}start/")
    page = client_for(grace).get(occurrence.get_absolute_url()).content.decode()
    assert "Open actions from last time" in page
    assert "Checkup flags" not in page


def test_the_checkup_results_link_each_flag_to_a_proposal():
    north_star, _, _, members = flagged()
    [flag] = open_flags(north_star)
    results = reverse("checkups:results", args=[north_star.key, flag.checkup.number])
    page = client_for(members[2]).get(results).content.decode()
    assert CANNOT_TRACE_WORDS in page
    assert propose_link(north_star, flag.url) in page
    listing = client_for(members[2]).get(reverse("checkups:checkups", args=[north_star.key])).content.decode()
    assert propose_link(north_star, flag.url) in listing
