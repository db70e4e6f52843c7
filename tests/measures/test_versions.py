"""Measures outlive versions: a renamed input keeps its history, a removed one stays readable."""

import copy
import datetime as dt
from decimal import Decimal

import pytest

from library.models import SOURCE_EDIT, NorthStarVersion
from measures.board import read_nodes
from measures.models import Measure, Value
from tests.library.helpers import adopted_north_star, client_for, member_of

pytestmark = pytest.mark.django_db


def revise(north_star, change) -> None:
    snapshot = copy.deepcopy(north_star.versions.last().snapshot)
    change(snapshot)
    NorthStarVersion.objects.record(north_star, snapshot, source=SOURCE_EDIT, note="Revised.")


def test_a_renamed_input_keeps_its_measure_and_values():
    north_star = adopted_north_star()
    key = north_star.versions.last().snapshot["inputs"][0]["key"]
    measure = Measure.objects.create(north_star=north_star, node_key=key, node_name="Diners booking")
    Value.objects.create(measure=measure, period_start=dt.date(2026, 1, 5), value=Decimal(7))

    revise(north_star, lambda s: s["inputs"][0].update(name="Diners who book"))

    node = next(node for node in read_nodes(north_star) if node.key == key)
    assert node.name == "Diners who book"
    assert not node.retired
    assert node.figures.latest.value == Decimal(7)
    measure.refresh_from_db()
    assert measure.node_name == "Diners who book"


def test_a_removed_input_is_listed_as_retired_with_its_history():
    north_star = adopted_north_star()
    key = north_star.versions.last().snapshot["inputs"][-1]["key"]
    measure = Measure.objects.create(north_star=north_star, node_key=key, node_name="Tables filled")
    Value.objects.create(measure=measure, period_start=dt.date(2026, 1, 5), value=Decimal("0.8"))

    revise(north_star, lambda s: s["inputs"].pop())

    node = next(node for node in read_nodes(north_star) if node.key == key)
    assert node.retired
    assert node.name == "Tables filled"
    page = client_for(member_of(north_star.team)).get(f"/north-stars/{north_star.key}/numbers/").content.decode()
    assert "Tables filled" in page
    assert "no longer in the tree" in page
