"""A meeting sees the scorecard as of its day; a value corrected afterwards does not change it."""

import datetime as dt
from decimal import Decimal

import pytest

from measures.values import write
from reviews.frozen import freeze, frozen_nodes, movers, owed_notes
from reviews.models import Occurrence
from tests.measures.scorecards import MONDAY
from tests.reviews.helpers import occurrence_on, reviewed_north_star

pytestmark = pytest.mark.django_db


def node(occurrence: Occurrence, key: str):
    return next(n for n in frozen_nodes(occurrence.snapshot) if n.key == key)


def test_the_snapshot_holds_the_figures_as_of_the_meetings_day():
    north_star, series, _, _, keys = reviewed_north_star()
    # The third week's Monday: the fourth week's value is not in yet as far as this meeting knows.
    occurrence = occurrence_on(series, MONDAY + dt.timedelta(weeks=2))
    assert occurrence.freeze(freeze(north_star, occurrence.as_of))
    frozen = node(occurrence, keys[1])
    assert frozen.latest_words == "30 visits"
    assert frozen.status == "off-track"
    assert frozen.owner_name == "Grace"
    assert frozen.change_words == "Down 10 visits (25%) on the period before"
    assert node(occurrence, keys[0]).latest_words == "120 diners"


def test_a_corrected_value_does_not_move_a_frozen_snapshot():
    north_star, series, _, _, keys = reviewed_north_star()
    occurrence = occurrence_on(series, MONDAY + dt.timedelta(weeks=3))
    occurrence.freeze(freeze(north_star, occurrence.as_of))
    measure = north_star.measures.get(node_key=keys[1])

    write(north_star, [(measure, MONDAY + dt.timedelta(weeks=3), Decimal("95"))], source="manual")

    occurrence.refresh_from_db()
    assert node(occurrence, keys[1]).latest_words == "20 visits"
    assert node(occurrence, keys[1]).status == "off-track"
    # A second freeze (a worker's late copy, a restart of the meeting) keeps the first one.
    assert not occurrence.freeze(freeze(north_star, occurrence.as_of))
    occurrence.refresh_from_db()
    assert node(occurrence, keys[1]).latest_words == "20 visits"
    # The live numbers did move: the next meeting sees the correction.
    assert freeze(north_star, occurrence.as_of)["nodes"][3]["latest_words"] == "95 visits"


def test_owed_notes_are_the_off_plan_inputs_without_a_note_for_the_frozen_period():
    from measures.models import VarianceNote

    north_star, series, _ada, grace, keys = reviewed_north_star()
    occurrence = occurrence_on(series, MONDAY + dt.timedelta(weeks=3))
    occurrence.freeze(freeze(north_star, occurrence.as_of))
    assert [n.key for n in owed_notes(frozen_nodes(occurrence.snapshot))] == [keys[1]]

    measure = north_star.measures.get(node_key=keys[1])
    VarianceNote.objects.create(
        measure=measure, period_start=MONDAY + dt.timedelta(weeks=3), text="A competitor opened.", author=grace
    )
    assert owed_notes(frozen_nodes(occurrence.snapshot)) == []
    assert node(occurrence, keys[1]).note.text == "A competitor opened."
    assert [n.key for n in movers(frozen_nodes(occurrence.snapshot))] == [keys[1], keys[0]]
