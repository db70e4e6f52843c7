"""Reading a CSV of values (`date,node,value`) for a North Star, to preview it and then to save it.

The file is streamed line by line and never held whole: what stays in memory is one combined
value per node and period, the first refused lines, and small caches of the dates and node
names already seen. The same reading serves the preview (what would change) and the commit,
which reads the stored file again inside one transaction and hands the combined values to
`measures.values.write`, the one way values are written.

Rules, said the same way in the preview:
- the header names the columns `date`, `node` and `value`, in any order and any case;
- a date is an ISO date (2026-03-02) or time (2026-03-02T09:30+01:00); a time with an offset
  is moved into the team's time zone before its week or month is chosen, one without an
  offset is already local;
- a node is named by its key ("metric", "results", an input's key) or its current name;
- a value is a number as people type it (`measures.forms.parse_number`);
- rows for the same node and period, the same day included, combine by the measure's rule
  (add up, average, keep the last in the file), as values sent in one push do.
"""

import csv
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from metrics.models import NorthStar

from . import periods
from .board import current_snapshot, tree_nodes
from .forms import parse_number
from .models import DECIMAL_PLACES, LARGEST, Measure, Upload, Value
from .values import Counts, measure_for, write

MAX_ROWS = 1_000_000
SHOWN_REFUSALS = 50
COLUMNS = ("date", "node", "value")
LONGEST_FIELD = 200
NOT_UTF8 = "The file is not plain text in UTF-8. Save it from your spreadsheet as “CSV UTF-8”."
# Distinct date texts remembered at once: timestamps may all differ, so the cache is bounded.
DATE_CACHE_SIZE = 50_000
# csv's own limit on one field; a longer field is a broken file, not a long value.
csv.field_size_limit(64 * 1024)


class FileProblem(Exception):
    """The file as a whole cannot be read; the message says why, for a person."""


class AlreadySaved(Exception):
    """The upload was committed already, by an earlier request."""


@dataclass(frozen=True)
class Refusal:
    line: int
    reason: str


@dataclass
class NodeRule:
    key: str
    name: str
    grain: str
    combine: str
    measured: bool


@dataclass
class Tally:
    total: Decimal
    count: int
    last: Decimal
    last_line: int


@dataclass
class Reading:
    """What a file holds for a North Star, and what saving it would do."""

    rows: int = 0
    accepted: int = 0
    refused: int = 0
    refusals: list[Refusal] = field(default_factory=list)
    values: dict[tuple[str, dt.date], Decimal] = field(default_factory=dict)
    nodes: dict[str, NodeRule] = field(default_factory=dict)
    counts: Counts = field(default_factory=Counts)

    @property
    def more_refused(self) -> int:
        return self.refused - len(self.refusals)

    @property
    def combined(self) -> int:
        """Accepted rows that fell in a period another row of the file also filled."""
        return self.accepted - len(self.values)

    @property
    def new_measures(self) -> list[NodeRule]:
        named = {key for key, _ in self.values}
        return [rule for key, rule in self.nodes.items() if key in named and not rule.measured]

    def refuse(self, line: int, reason: str) -> None:
        self.refused += 1
        if len(self.refusals) < SHOWN_REFUSALS:
            self.refusals.append(Refusal(line, reason))


def node_rules(north_star: NorthStar) -> tuple[dict[str, NodeRule], dict[str, NodeRule | None]]:
    """The nodes a row may name, by key and by case-folded name (None where two share a name)."""
    defaults = Measure()
    measures = {measure.node_key: measure for measure in Measure.objects.filter(north_star=north_star)}
    by_key: dict[str, NodeRule] = {}
    for node in tree_nodes(current_snapshot(north_star)):
        measure = measures.get(node.key)
        by_key[node.key] = NodeRule(
            node.key,
            node.name,
            measure.grain if measure else defaults.grain,
            measure.combine if measure else defaults.combine,
            measure is not None,
        )
    for key, measure in measures.items():
        # A node removed from the tree keeps its measure and can still be given values.
        by_key.setdefault(key, NodeRule(key, measure.node_name or key, measure.grain, measure.combine, True))
    by_name: dict[str, NodeRule | None] = {}
    for rule in by_key.values():
        name = rule.name.strip().casefold()
        by_name[name] = None if name in by_name else rule
    return by_key, by_name


def check_header(fields: list[str] | None) -> dict[str, int]:
    """Where each column is, from the header row; FileProblem if the header is not there."""
    names = [name.strip().lower() for name in fields or []]
    if sorted(names) != sorted(COLUMNS):
        raise FileProblem(
            "The first line must name the columns: date,node,value. "
            + (f"This file's first line is “{','.join(fields or [])[:80]}”." if fields else "This file is empty.")
        )
    return {name: names.index(name) for name in COLUMNS}


def open_text(path: Path):
    # utf-8-sig: spreadsheets often start a CSV with a byte-order mark.
    return path.open(encoding="utf-8-sig", newline="")


def parse_day(text: str, time_zone: str) -> dt.date:
    """The team's local day of an ISO date or time. Raises ValueError with a reason."""
    cleaned = text.strip()
    try:
        if len(cleaned) <= 10:
            return dt.date.fromisoformat(cleaned)
        return periods.local_day(dt.datetime.fromisoformat(cleaned), time_zone)
    except (ValueError, OverflowError):
        raise ValueError(f"“{cleaned[:40]}” is not a date: write 2026-03-02 or 2026-03-02T09:30+01:00.") from None


def plain_number(text: str) -> Decimal | None:
    """The number in a plain text such as 1234.56, as parse_number reads it; None for anything else."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number) > LARGEST or len(text) > 40:
        return None
    dot = text.rfind(".")
    if "e" in text or "E" in text or (dot != -1 and len(text) - dot > DECIMAL_PLACES + 1):
        return round(number, DECIMAL_PLACES)
    return number


def parse_value(text: str) -> Decimal:
    """A value as `parse_number` reads it; plain numbers take a shorter road to the same result."""
    if len(text) > 40:
        raise ValueError("That is too long to be a number.")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return parse_number(text)
    if not number.is_finite() or abs(number) > LARGEST:
        return parse_number(text)
    return round(number, DECIMAL_PLACES)


def resolve_day(text: str, time_zone: str) -> dt.date | str:
    """A date text's local day, or why it is refused."""
    if not text.strip():
        return "no date"
    try:
        return parse_day(text, time_zone)
    except ValueError as problem:
        return str(problem)


def resolve_value(text: str) -> Decimal | str:
    """A value text's number, or why it is refused."""
    if not text.strip():
        return "no value"
    try:
        return parse_value(text)
    except ValueError as problem:
        return str(problem)


def read(north_star: NorthStar, path: Path) -> Reading:
    """Read the stored file: rows, refusals with their line and reason, and one value per node and period.

    Line by line on every database. A COPY into PostgreSQL with the checks in SQL was tried
    and was no faster on a file of a million distinct amounts (docs/performance.md).
    """
    team = north_star.team
    time_zone = team.time_zone if team else "UTC"
    by_key, by_name = node_rules(north_star)
    return read_lines(north_star, path, by_key, by_name, time_zone)


def read_lines(
    north_star: NorthStar,
    path: Path,
    by_key: dict[str, NodeRule],
    by_name: dict[str, NodeRule | None],
    time_zone: str,
) -> Reading:
    reading = Reading(nodes=by_key)
    tallies: dict[tuple[str, dt.date], Tally] = {}
    # Where a (date, node) pair of texts lands, or why it cannot: most rows repeat a pair.
    places: dict[tuple[str, str], tuple[str, dt.date] | list[str]] = {}
    nodes_seen: dict[str, NodeRule | str] = {}
    days_seen: dict[str, dt.date | str] = {}

    def place_of(date_text: str, node_text: str) -> tuple[str, dt.date] | list[str]:
        node = nodes_seen.get(node_text)
        if node is None:
            node = find_node(node_text, by_key, by_name)
            if len(nodes_seen) < DATE_CACHE_SIZE:
                nodes_seen[node_text] = node
        day = days_seen.get(date_text)
        if day is None:
            day = resolve_day(date_text, time_zone)
            if len(days_seen) >= DATE_CACHE_SIZE:
                days_seen.clear()
            days_seen[date_text] = day
        if isinstance(node, str) or isinstance(day, str):
            return [problem for problem in (node, day) if isinstance(problem, str)]
        return node.key, periods.period_start(day, node.grain)

    rows = 0
    try:
        with open_text(path) as stream:
            reader = csv.reader(stream)
            columns = check_header(next(reader, None))
            order = [columns[name] for name in COLUMNS]
            in_order = order == [0, 1, 2]
            for fields in reader:
                if len(fields) != 3:
                    if not fields or (len(fields) == 1 and not fields[0].strip()):
                        continue  # a blank line says nothing
                    rows += 1
                    reading.refuse(reader.line_num, f"{len(fields)} fields where 3 were expected (date, node, value)")
                    continue
                rows += 1
                if rows > MAX_ROWS:
                    break
                if in_order:
                    date_text, node_text, value_text = fields
                else:
                    date_text, node_text, value_text = (fields[i] for i in order)
                place = places.get((date_text, node_text))
                if place is None:
                    place = place_of(date_text, node_text)
                    if len(places) >= DATE_CACHE_SIZE:
                        places.clear()
                    places[(date_text, node_text)] = place
                number: Decimal | str | None = plain_number(value_text)
                if number is None:
                    number = resolve_value(value_text)
                if isinstance(place, list) or isinstance(number, str):
                    problems = list(place) if isinstance(place, list) else []
                    if isinstance(number, str):
                        problems.append(number)
                    reading.refuse(reader.line_num, "; ".join(problems))
                    continue
                tally = tallies.get(place)
                if tally is None:
                    tallies[place] = Tally(number, 1, number, reader.line_num)
                else:
                    tally.total += number
                    tally.count += 1
                    tally.last = number
                    tally.last_line = reader.line_num
    except UnicodeDecodeError:
        raise FileProblem(NOT_UTF8) from None
    except csv.Error as problem:
        raise FileProblem(f"The file is not a CSV file that can be read: {problem}.") from None
    if rows > MAX_ROWS:
        raise FileProblem(f"The file has more than {MAX_ROWS:,} rows. Split it into smaller files.")
    reading.rows = rows
    reading.accepted = sum(tally.count for tally in tallies.values())
    return finish(north_star, reading, tallies)


def finish(north_star: NorthStar, reading: Reading, tallies: dict[tuple[str, dt.date], Tally]) -> Reading:
    """One value per node and period from the tallies, and what saving them would change."""
    by_key = reading.nodes
    for (key, start), tally in tallies.items():
        value = combined(by_key[key].combine, tally)
        if abs(value) > LARGEST:
            # Too large for the column once added up: none of that period's rows can be kept.
            reading.accepted -= tally.count
            reading.refused += tally.count - 1
            reading.refuse(
                tally.last_line,
                f"the {tally.count} values for {by_key[key].name} in "
                f"{periods.period_label(start, by_key[key].grain)} add up to more than can be kept",
            )
            continue
        reading.values[(key, start)] = value
    reading.counts = compare(north_star, reading.values)
    return reading


def find_node(text: str, by_key: dict[str, NodeRule], by_name: dict[str, NodeRule | None]) -> NodeRule | str:
    cleaned = text.strip()
    if not cleaned:
        return "no node"
    if cleaned in by_key:
        return by_key[cleaned]
    folded = cleaned.casefold()
    if folded not in by_name:
        return f"no node is called “{cleaned[:LONGEST_FIELD]}” in this North Star"
    rule = by_name[folded]
    if rule is None:
        return f"two nodes are called “{cleaned[:LONGEST_FIELD]}”: name it by its key"
    return rule


def combined(rule: str, tally: Tally) -> Decimal:
    if rule == Measure.Combine.AVERAGE:
        return round(tally.total / tally.count, DECIMAL_PLACES)
    if rule == Measure.Combine.LAST:
        return tally.last
    return tally.total


def compare(north_star: NorthStar, values: dict[tuple[str, dt.date], Decimal]) -> Counts:
    """How many of the values are new, would change a kept value, or equal one."""
    counts = Counts()
    if not values:
        return counts
    keys = {key for key, _ in values}
    kept = {
        (key, start): value
        for key, start, value in Value.objects.filter(
            measure__north_star=north_star, measure__node_key__in=keys
        ).values_list("measure__node_key", "period_start", "value")
    }
    for place, value in values.items():
        if place not in kept:
            counts.new += 1
        elif kept[place] != value:
            counts.changed += 1
        else:
            counts.unchanged += 1
    return counts


def commit(upload: Upload, path: Path, user) -> tuple[Reading, Counts]:
    """Read the stored file again and save every value in one transaction, or nothing."""
    north_star = upload.north_star
    with transaction.atomic():
        # A double click sends two commits: the second waits here, then finds the first's mark.
        locked = Upload.objects.select_for_update().get(pk=upload.pk)
        if locked.committed_at is not None:
            raise AlreadySaved
        reading = read(north_star, path)
        measures = {key: measure_for(north_star, key) for key in {key for key, _ in reading.values}}
        counts = write(
            north_star,
            ((measures[key], start, value) for (key, start), value in reading.values.items()),
            source=Value.Source.CSV,
            user=user,
        )
        upload.committed_at = timezone.now()
        upload.save(update_fields=["committed_at"])
    return reading, counts
