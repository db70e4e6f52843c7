import re

import pytest
from django.utils import timezone

from metrics.models import NorthStar, Opportunity, Score, Vote
from tests.factories import (
    GamePickFactory,
    NoteFactory,
    ParticipantFactory,
    candidate_with_inputs,
    workshop_with_agenda,
)
from tests.library.helpers import adopted_north_star, client_for, member_of
from workshops.models import Note, WarmUpGroup, Workshop

pytestmark = pytest.mark.django_db


def ended_workshop_with_everything():
    workshop = workshop_with_agenda("60", game="transaction", game_reason="diners pay per booking")
    grace, linus = (
        ParticipantFactory(workshop=workshop, display_name="Grace"),
        ParticipantFactory(workshop=workshop, display_name="Linus"),
    )
    first = workshop.segments.first()
    first.actual_seconds = 14 * 60
    first.save()
    GamePickFactory(participant=grace, game="transaction")
    NoteFactory(workshop=workshop, author=linus, board=Note.Board.TERRIBLE, text="Page views", why="vanity")
    NoteFactory(workshop=workshop, author=grace, board=Note.Board.OPENING, text="We never know if a release helped")
    group = WarmUpGroup.objects.create(workshop=workshop, number=1, game="attention", metric="Minutes of music heard")
    grace.warm_up_group = group
    grace.save()
    WarmUpGroup.objects.create(workshop=workshop, number=2)  # split off, nothing written: left out
    shared = candidate_with_inputs(3, workshop=workshop, author=grace, metric_name="Booked seats")
    shared.shared_at = timezone.now()
    shared.save()
    Score.objects.create(candidate=shared, participant=linus, criterion="value", value=2)
    Vote.objects.create(candidate=shared, participant=linus, slot=1)
    Vote.objects.create(candidate=shared, participant=grace, slot=1)
    north_star = adopted_north_star(workshop, open_questions="Do no-shows count?")
    north_star.built_from.add(shared)
    Opportunity.objects.create(item=north_star.statement.inputs.first(), participant=grace, text="Reminder texts")
    north_star.initiatives.create(name="Loyalty card", item=None)
    Workshop.objects.filter(pk=workshop.pk).update(state="ended", ended_at=timezone.now(), started_at=timezone.now())
    workshop.refresh_from_db()
    return workshop


def test_the_record_shows_everything_the_workshop_produced():
    workshop = ended_workshop_with_everything()

    page = client_for(member_of(workshop.team)).get(workshop.get_record_url()).text

    assert "Grace" in page
    assert "Linus" in page
    assert "14 min" in page  # actual time of the first segment
    picks = page[page.index('id="record-picks-title"') :]
    assert re.search(r"Transaction</span>.*?1 pick \(100%\)", picks, re.S)
    assert "diners pay per booking" in page
    assert "Page views" in page
    assert "vanity" in page
    # The opening board and the warm-up's worksheets are the group's work too.
    assert "We never know if a release helped" in page
    assert "Minutes of music heard" in page
    assert "Group 1" in page
    assert "Group 2" not in page
    assert 'id="candidate-' in page
    assert "Booked seats" in page
    assert "2 dots" in page
    assert "heatmap" in page
    assert "Honoured tables per week" in page
    assert "Do no-shows count?" in page
    assert "Reminder texts" in page
    assert "Loyalty card" in page
    assert "moves none of the inputs" in page


def test_the_tree_links_back_to_the_candidate_it_was_built_from():
    workshop = ended_workshop_with_everything()
    north_star = NorthStar.objects.get(workshop=workshop)
    candidate = north_star.built_from.get()

    page = client_for(workshop.facilitator).get(north_star.get_absolute_url()).text

    assert f"{workshop.get_record_url()}#candidate-{candidate.pk}" in page


def test_a_workshop_that_has_not_ended_has_no_record_yet():
    workshop = workshop_with_agenda("60")

    page = client_for(workshop.facilitator).get(workshop.get_record_url())

    assert "appears here once it has ended" in page.text


def test_an_empty_agenda_says_so_in_the_record():
    north_star = adopted_north_star()
    workshop = north_star.workshop
    assert not workshop.segments.exists()

    page = client_for(workshop.facilitator).get(workshop.get_record_url()).text

    assert "The agenda had no segments." in page
