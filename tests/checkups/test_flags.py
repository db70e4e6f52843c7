"""The flags a checkup raises, and the API later apps read (checkups.flags.open_flags)."""

import pytest

from checkups.flags import CANNOT_TRACE, CONFIDENCE_FELL, FELL_TWICE, open_flags
from tests.checkups.helpers import answered_by, opened, team_with_members

pytestmark = pytest.mark.django_db


def run(north_star, members, **answers):
    checkup = opened(north_star, members[0])
    answered_by(members, checkup, **answers)
    checkup.close()
    return checkup


def test_no_checkup_no_flag():
    north_star, _ = team_with_members()
    assert open_flags(north_star) == []


def test_a_signal_that_fell_two_checkups_in_a_row_is_flagged():
    north_star, members = team_with_members(3)
    run(north_star, members, score=5)
    run(north_star, members, score=4)
    assert [flag.kind for flag in open_flags(north_star)] == []
    latest = run(north_star, members, score=3)
    flags = open_flags(north_star)
    assert {flag.kind for flag in flags} == {FELL_TWICE}
    assert len(flags) == 7  # every signal fell
    trace = next(flag for flag in flags if flag.key == "trace")
    assert trace.checkup == latest
    assert trace.url == f"/north-stars/{north_star.key}/checkups/3/#flag-fell-twice-trace"
    assert "average 5.0, then 4.0, now 3.0" in trace.words


def test_a_rise_in_between_is_no_fall_in_a_row():
    north_star, members = team_with_members(3)
    for score in (4, 5, 3):
        run(north_star, members, score=score)
    assert [flag for flag in open_flags(north_star) if flag.kind == FELL_TWICE] == []


def test_a_median_of_two_on_tracing_work_is_flagged():
    north_star, members = team_with_members(3)
    run(north_star, members, score=4, trace=2)
    assert [(flag.kind, flag.key) for flag in open_flags(north_star)] == [(CANNOT_TRACE, "trace")]


def test_falling_confidence_in_an_input_is_flagged_and_a_later_checkup_clears_it():
    north_star, members = team_with_members(3)
    run(north_star, members, confidence=4)
    run(north_star, members, confidence=3)
    flags = open_flags(north_star)
    assert [flag.kind for flag in flags] == [CONFIDENCE_FELL] * 3
    assert "Confidence in the input “Diners booking” fell from 4.0 to 3.0." in [flag.words for flag in flags]
    run(north_star, members, confidence=3)
    assert open_flags(north_star) == []


def test_a_checkup_with_too_few_answers_raises_no_flag_and_counts_for_no_trend():
    north_star, members = team_with_members(3)
    run(north_star, members, trace=1)
    hidden = opened(north_star, members[0])
    answered_by(members[:2], hidden, score=1)
    hidden.close()
    assert [flag.checkup.number for flag in open_flags(north_star)] == [1]
