"""The numbers' part of a North Star's exports and import (library/sections.py).

The JSON carries each measure with its settings, targets, values and notes, plus its
latest figures for readers of the file (ignored on import, which recomputes them). An
import restores measures and values (values through `values.write`, the one way values are
written); owners and note authors are people of the exporting database, so they are
exported by name only and not restored. docs/north-star-json.md describes the format.
"""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.template.loader import render_to_string

from library.exports import ImportProblem
from library.sections import ExportSection
from metrics.models import NorthStar

from . import periods
from .models import LARGEST, METRIC_KEY, RESULTS_KEY, Measure, Target, Value, VarianceNote
from .scorecard import read_scorecard
from .values import write

KEY = "numbers"
NODE_KEY = re.compile(r"[A-Za-z0-9_-]{1,40}")
MAX_VALUES = 10_000  # per measure: 190 years of weeks
MAX_TARGETS = 8
CHOICES = {
    "direction": {value for value, _ in Measure.Direction.choices},
    "period": {value for value, _ in Measure.Grain.choices},
    "combine": {value for value, _ in Measure.Combine.choices},
    "missing": {value for value, _ in Measure.Missing.choices},
}
SOURCES = {value for value, _ in Value.Source.choices}
TEXT_LIMITS = {"name": 200, "unit": 24, "work_stream": 80, "owner": 150}


def plain(number: Decimal | None) -> str | None:
    """A decimal as text without exponent or trailing zeros: "1200", "0.25"."""
    if number is None:
        return None
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def export_numbers(north_star: NorthStar) -> dict:
    card = read_scorecard(north_star)
    measured = [c for c in card.cards if c.node.measure is not None]
    measure_ids = [c.node.measure.pk for c in measured if c.node.measure is not None]
    values: dict[int, list[Value]] = {}
    for row in Value.objects.filter(measure_id__in=measure_ids).order_by("period_start"):
        values.setdefault(row.measure_id, []).append(row)
    notes: dict[int, list[VarianceNote]] = {}
    for note in (
        VarianceNote.objects.filter(measure_id__in=measure_ids).select_related("author").order_by("period_start")
    ):
        notes.setdefault(note.measure_id, []).append(note)
    team = north_star.team
    result: list[dict[str, Any]] = []
    for c in measured:
        measure = c.node.measure
        assert measure is not None
        figures = c.figures
        latest = figures.latest if figures else None
        result.append(
            {
                "node": measure.node_key,
                "name": c.node.name,
                "unit": measure.unit,
                "direction": measure.direction,
                "period": measure.grain,
                "combine": measure.combine,
                "missing": measure.missing,
                "owner": measure.owner.name if measure.owner else "",
                "work_stream": measure.work_stream,
                "baseline": (
                    {"value": plain(measure.baseline_value), "date": day(measure.baseline_date)}
                    if measure.baseline_value is not None
                    else None
                ),
                "on_track_from": measure.on_track_from,
                "at_risk_from": measure.at_risk_from,
                "targets": [{"value": plain(t.value), "by": day(t.due)} for t in measure.targets.all()],
                "values": [
                    {"period": day(row.period_start), "value": plain(row.value), "source": row.source}
                    for row in values.get(measure.pk, [])
                ],
                "notes": [
                    {"period": day(n.period_start), "text": n.text, "author": n.author.name if n.author else ""}
                    for n in notes.get(measure.pk, [])
                ],
                "latest": {
                    "period": day(latest.period_start) if latest else None,
                    "value": plain(latest.value) if latest else None,
                    "target": plain(figures.target.value) if figures and figures.target else None,
                    "target_by": day(figures.target.due) if figures and figures.target else None,
                    "status": c.status,
                },
            }
        )
    return {"time_zone": team.time_zone if team else "UTC", "measures": result}


def markdown_numbers(north_star: NorthStar) -> str:
    card = read_scorecard(north_star)
    if not any(c.node.measure is not None for c in card.cards):
        return ""
    return render_to_string("measures/export.md", {"card": card}).strip()


# Import ----------------------------------------------------------------------------


def _number(value, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ImportProblem(f"{what} should be a number.")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ImportProblem(f"{what} is not a number.") from None
    if not number.is_finite() or abs(number) > LARGEST:
        raise ImportProblem(f"{what} is not a number we can keep.")
    return round(number, 6)


def _date(value, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else _no_date(what)
    except ValueError:
        return _no_date(what)


def _no_date(what: str) -> dt.date:
    raise ImportProblem(f"{what} is not a date like 2026-03-16.")


def _text(value, limit: int, what: str) -> str:
    if not isinstance(value, str):
        raise ImportProblem(f"{what} should be text.")
    if len(value) > limit:
        raise ImportProblem(f"{what} is longer than {limit} characters.")
    return value


def _band(value, what: str) -> int:
    if type(value) is not int or not 0 <= value <= 1000:
        raise ImportProblem(f"{what} should be a whole number from 0 to 1000.")
    return value


def _list(value, what: str, limit: int) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ImportProblem(f"{what} should be a list.")
    if len(value) > limit:
        raise ImportProblem(f"{what} has more than {limit} entries.")
    return value


def validate_numbers(part, body: dict) -> None:
    if not isinstance(part, dict):
        raise ImportProblem("The numbers are not readable.")
    nodes = {METRIC_KEY, RESULTS_KEY} | {
        row["key"] for version in body["versions"] for row in version["snapshot"]["inputs"]
    }
    seen: set[str] = set()
    for item in _list(part.get("measures"), "The numbers' measures", len(nodes)):
        if not isinstance(item, dict) or not isinstance(item.get("node"), str) or item["node"] not in nodes:
            raise ImportProblem("A measure belongs to a node that is not in the export.")
        node = item["node"]
        where = f"the measure of “{node}”"
        if node in seen:
            raise ImportProblem(f"Two measures belong to the node “{node}”.")
        seen.add(node)
        for field, limit in TEXT_LIMITS.items():
            _text(item.get(field, ""), limit, f"The {field.replace('_', ' ')} of {where}")
        for field, allowed in CHOICES.items():
            if item.get(field, next(iter(allowed))) not in allowed:
                raise ImportProblem(f"The {field} of {where} should be one of: {', '.join(sorted(allowed))}.")
        on_track = _band(item.get("on_track_from", 100), f"“On track from” of {where}")
        at_risk = _band(item.get("at_risk_from", 90), f"“At risk from” of {where}")
        if at_risk > on_track or on_track < 1:
            raise ImportProblem(f"In {where}, “at risk” must start at or below “on track”, which starts above 0.")
        baseline = item.get("baseline")
        if baseline is not None:
            if not isinstance(baseline, dict):
                raise ImportProblem(f"The baseline of {where} is not readable.")
            _number(baseline.get("value"), f"The baseline of {where}")
            _date(baseline.get("date"), f"The baseline date of {where}")
        dues = set()
        for target in _list(item.get("targets"), f"The targets of {where}", MAX_TARGETS):
            if not isinstance(target, dict):
                raise ImportProblem(f"A target of {where} is not readable.")
            _number(target.get("value"), f"A target of {where}")
            due = _date(target.get("by"), f"A target date of {where}")
            if due in dues:
                raise ImportProblem(f"Two targets of {where} are due on {due}.")
            dues.add(due)
        grain = item.get("period", periods.WEEK)
        for entry in _list(item.get("values"), f"The values of {where}", MAX_VALUES):
            if not isinstance(entry, dict):
                raise ImportProblem(f"A value of {where} is not readable.")
            start = _date(entry.get("period"), f"A period of {where}")
            if periods.period_start(start, grain) != start:
                raise ImportProblem(f"In {where}, {start} is not the first day of a {grain}.")
            _number(entry.get("value"), f"The value of {where} for {start}")
            if entry.get("source", "manual") not in SOURCES:
                raise ImportProblem(f"A value of {where} has an unknown source.")
        for note in _list(item.get("notes"), f"The notes of {where}", MAX_VALUES):
            if not isinstance(note, dict):
                raise ImportProblem(f"A note of {where} is not readable.")
            _date(note.get("period"), f"A note's period of {where}")
            _text(note.get("text", ""), 1000, f"A note of {where}")


def restore_numbers(north_star: NorthStar, part: dict, user) -> None:
    """Recreate the measures, targets, values and notes of a validated part."""
    for item in part.get("measures") or []:
        measure = Measure.objects.create(
            north_star=north_star,
            node_key=item["node"],
            node_name=item.get("name", ""),
            unit=item.get("unit", ""),
            direction=item.get("direction", Measure.Direction.UP),
            grain=item.get("period", Measure.Grain.WEEK),
            combine=item.get("combine", Measure.Combine.SUM),
            missing=item.get("missing", Measure.Missing.GAP),
            work_stream=item.get("work_stream", ""),
            baseline_value=_number(item["baseline"]["value"], "") if item.get("baseline") else None,
            baseline_date=_date(item["baseline"]["date"], "") if item.get("baseline") else None,
            on_track_from=item.get("on_track_from", 100),
            at_risk_from=item.get("at_risk_from", 90),
        )
        Target.objects.bulk_create(
            Target(measure=measure, value=_number(t["value"], ""), due=_date(t["by"], ""))
            for t in item.get("targets") or []
        )
        by_source: dict[str, list[tuple[Measure, dt.date, Decimal]]] = {}
        for entry in item.get("values") or []:
            row = (measure, _date(entry["period"], ""), _number(entry["value"], ""))
            by_source.setdefault(entry.get("source", Value.Source.MANUAL), []).append(row)
        for source, rows in by_source.items():
            write(north_star, rows, source=source, user=user)
        kept: dict[dt.date, VarianceNote] = {}
        for note in item.get("notes") or []:
            if note.get("text"):
                start = _date(note["period"], "")
                kept[start] = VarianceNote(measure=measure, period_start=start, text=note["text"])
        VarianceNote.objects.bulk_create(kept.values())


SECTION = ExportSection(
    key=KEY, export=export_numbers, validate=validate_numbers, restore=restore_numbers, markdown=markdown_numbers
)
