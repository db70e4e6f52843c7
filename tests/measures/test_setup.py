"""Setting up a node's measure: the hub lists every node; the form saves a measure and its targets."""

from decimal import Decimal

import pytest

from measures.models import Measure
from tests.library.helpers import adopted_north_star, client_for, member_of

pytestmark = pytest.mark.django_db


def test_the_hub_lists_every_node_of_the_tree_for_the_team_only():
    north_star = adopted_north_star()
    member = member_of(north_star.team)
    page = client_for(member).get(f"/north-stars/{north_star.key}/numbers/")
    assert page.status_code == 200
    text = page.content.decode()
    for name in ["Honoured tables per week", "Diners booking", "Repeat visits", "Tables filled"]:
        assert name in text
    stranger = client_for(member_of(adopted_north_star().team))
    assert stranger.get(f"/north-stars/{north_star.key}/numbers/").status_code == 404


def test_a_member_sets_up_a_measure_with_a_staircase_of_targets():
    north_star = adopted_north_star()
    member = member_of(north_star.team)
    answer = client_for(member).post(
        f"/north-stars/{north_star.key}/numbers/nodes/metric/",
        {
            "unit": "tables",
            "direction": "up",
            "grain": "week",
            "combine": "sum",
            "missing": "gap",
            "owner": member.pk,
            "work_stream": "Growth",
            "baseline_value": "1 200",
            "baseline_date": "2026-01-05",
            "on_track_from": "100",
            "at_risk_from": "90",
            "targets-TOTAL_FORMS": "2",
            "targets-INITIAL_FORMS": "0",
            "targets-0-value": "1500",
            "targets-0-due": "2026-06-30",
            "targets-1-value": "2,000",
            "targets-1-due": "2026-12-31",
        },
    )
    assert answer.status_code == 302
    measure = Measure.objects.get(north_star=north_star, node_key="metric")
    assert measure.owner == member
    assert measure.baseline_value == Decimal("1200")
    assert [t.value for t in measure.targets.all()] == [Decimal("1500"), Decimal("2000")]


def test_a_refused_measure_says_why_and_saves_nothing():
    north_star = adopted_north_star()
    member = member_of(north_star.team)
    answer = client_for(member).post(
        f"/north-stars/{north_star.key}/numbers/nodes/metric/",
        {
            "direction": "up",
            "grain": "week",
            "combine": "sum",
            "missing": "gap",
            "baseline_value": "lots",
            "on_track_from": "80",
            "at_risk_from": "90",
            "targets-TOTAL_FORMS": "0",
            "targets-INITIAL_FORMS": "0",
        },
    )
    assert answer.status_code == 400
    text = answer.content.decode()
    assert "is not a number" in text
    assert "must start at or below" in text
    assert not Measure.objects.exists()


def test_an_unknown_node_is_not_found():
    north_star = adopted_north_star()
    member = member_of(north_star.team)
    assert client_for(member).get(f"/north-stars/{north_star.key}/numbers/nodes/nope/").status_code == 404
