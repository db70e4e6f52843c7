"""The anti-pattern check: one rule at a time, then together. Advice never refuses anything."""

from datetime import UTC, datetime, timedelta

from changes.advice import (
    check,
    definition_too_long,
    inputs_without_owner,
    lagging_metric,
    too_many_inputs,
    too_soon,
    vanity_metric,
)
from library.snapshot import Snapshot


def snapshot(name="Honoured tables per week", definition="Bookings where the diners came.", inputs=3) -> Snapshot:
    rows = [
        {"key": f"i{n}", "name": f"Input {n}", "definition": "Counted weekly.", "heuristic": ""} for n in range(inputs)
    ]
    return Snapshot({"metric": {"name": name, "definition": definition}, "inputs": rows})


def rules(advice) -> list[str]:
    return [item.rule for item in advice]


def test_revenue_as_the_north_star_is_called_a_lagging_metric():
    advice = lagging_metric(snapshot(name="Monthly recurring revenue"))

    assert rules(advice) == ["lagging"]
    assert "business result" in advice[0].message


def test_churn_in_the_definition_counts_as_lagging_too():
    assert rules(lagging_metric(snapshot(definition="One minus the churn of restaurants."))) == ["lagging"]


def test_a_value_metric_is_not_lagging():
    assert lagging_metric(snapshot()) == []


def test_an_input_whose_measure_has_no_owner_is_named():
    advice = inputs_without_owner(snapshot(), {"i0": True, "i1": False})

    # i1's measure has no owner; i2 has no measure at all.
    assert [item.message.split("“")[1].split("”")[0] for item in advice] == ["Input 1", "Input 2"]


def test_inputs_that_all_have_owners_need_no_advice():
    assert inputs_without_owner(snapshot(), {"i0": True, "i1": True, "i2": True}) == []


def test_more_than_five_inputs_is_too_many():
    assert rules(too_many_inputs(snapshot(inputs=6))) == ["inputs"]
    assert too_many_inputs(snapshot(inputs=5)) == []


def test_a_definition_over_thirty_words_is_too_long_to_remember():
    long = " ".join(["word"] * 31)

    assert rules(definition_too_long(snapshot(definition=long))) == ["long"]
    assert "31 words" in definition_too_long(snapshot(definition=long))[0].message
    assert definition_too_long(snapshot(definition=" ".join(["word"] * 30))) == []


def test_a_vanity_metric_gets_the_vanity_explanation():
    advice = vanity_metric(snapshot(name="Monthly active users"))

    assert rules(advice) == ["vanity"]
    assert "active users" in advice[0].message


def test_a_change_within_a_quarter_of_the_last_one_is_too_soon():
    last = datetime(2026, 1, 1, tzinfo=UTC)

    assert rules(too_soon(last, last + timedelta(days=89))) == ["soon"]
    assert "89 days" in too_soon(last, last + timedelta(days=89))[0].message
    assert too_soon(last, last + timedelta(days=90)) == []
    assert too_soon(None, last) == []


def test_the_check_gathers_every_rule_in_reading_order():
    last = datetime(2026, 1, 1, tzinfo=UTC)
    data = snapshot(name="Revenue from daily active users", definition=" ".join(["w"] * 40), inputs=6)

    advice = check(data, {}, last, last + timedelta(days=10))

    assert rules(advice) == ["lagging", "vanity", "long", "inputs", *["owner"] * 6, "soon"]
