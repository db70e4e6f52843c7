"""Typing values into the grid: each cell saves itself; "Save all" saves everything or nothing."""

import datetime as dt
from decimal import Decimal

import pytest

from measures import periods
from measures.grid import cell_name, today_in
from measures.models import Measure, Value
from tests.library.helpers import adopted_north_star, client_for, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    north_star = adopted_north_star()
    member = member_of(north_star.team)
    this_week = periods.period_start(today_in(north_star), "week")
    return north_star, client_for(member), this_week


def cell(client, north_star, node, period, value):
    return client.post(
        f"/north-stars/{north_star.key}/numbers/grid/cell/", {"node": node, "period": period, "value": value}
    )


def test_a_typed_value_is_saved_and_shown_on_the_grid(setting):
    north_star, client, week = setting
    answer = cell(client, north_star, "metric", week.isoformat(), "1 250,5")
    assert answer.status_code == 200
    assert answer.json()["value"] == "1250.5"
    value = Value.objects.get()
    assert (value.measure.node_key, value.period_start, value.value) == ("metric", week, Decimal("1250.5"))
    assert value.source == "manual"
    page = client.get(f"/north-stars/{north_star.key}/numbers/grid/").content.decode()
    assert f'name="{cell_name("metric", week)}"' in page
    assert 'value="1250.5"' in page


def test_clearing_a_cell_removes_its_value(setting):
    north_star, client, week = setting
    cell(client, north_star, "metric", week.isoformat(), "12")
    assert cell(client, north_star, "metric", week.isoformat(), "").status_code == 200
    assert not Value.objects.exists()


@pytest.mark.parametrize(
    ("node", "period", "value", "reason"),
    [
        ("metric", "this-week", "twelve", "is not a number"),
        ("metric", "tuesday", "12", "is not the first day of a week"),
        ("metric", "next-week", "12", "has not begun yet"),
        ("nope", "this-week", "12", "not in the North Star"),
        ("metric", "this-week", "1e30", "too large"),
    ],
)
def test_a_refused_cell_says_why_and_writes_nothing(setting, node, period, value, reason):
    north_star, client, week = setting
    day = {"this-week": week, "tuesday": week + dt.timedelta(days=1), "next-week": week + dt.timedelta(days=7)}[period]
    answer = cell(client, north_star, node, day.isoformat(), value)
    assert answer.status_code == 400
    assert reason in answer.json()["error"]
    assert not Value.objects.exists()


def test_save_all_writes_every_cell_or_none(setting):
    north_star, client, week = setting
    url = f"/north-stars/{north_star.key}/numbers/grid/"
    input_key = north_star.versions.last().data.inputs[0].key
    refused = client.post(url, {cell_name("metric", week): "10", cell_name(input_key, week): "ten"})
    assert refused.status_code == 400
    assert "could not be read" in refused.content.decode()
    assert 'value="ten"' in refused.content.decode()
    assert not Value.objects.exists()
    saved = client.post(url, {cell_name("metric", week): "10", cell_name(input_key, week): "4"})
    assert saved.status_code == 302
    assert sorted(Value.objects.values_list("measure__node_key", "value")) == [
        (input_key, Decimal("4")),
        ("metric", Decimal("10")),
    ]


def test_a_monthly_measure_has_its_own_grid(setting):
    north_star, client, _ = setting
    Measure.objects.create(north_star=north_star, node_key="results", node_name="Renewals", grain="month")
    month = periods.period_start(today_in(north_star), "month")
    weekly = client.get(f"/north-stars/{north_star.key}/numbers/grid/").content.decode()
    assert cell_name("results", month) not in weekly
    monthly = client.get(f"/north-stars/{north_star.key}/numbers/grid/?grain=month").content.decode()
    assert f'name="{cell_name("results", month)}"' in monthly
    assert cell(client, north_star, "results", month.isoformat(), "3").status_code == 200


def test_strangers_cannot_type_values(setting):
    north_star, _, week = setting
    stranger = client_for(member_of(adopted_north_star().team))
    assert cell(stranger, north_star, "metric", week.isoformat(), "1").status_code == 404
    assert not Value.objects.exists()
