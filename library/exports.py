"""Exports of a North Star (Markdown, JSON) and the import that recreates one from the JSON.

The JSON format is documented in docs/north-star-json.md. Bump
FORMAT_VERSION on any change a reader would notice, and keep importing the older ones.
"""

import datetime as dt
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from accounts.models import Team
from metrics.definition import ANSWER_MAX_LENGTH, QUESTION_KEYS, Stage
from metrics.models import MAX_INPUTS, MIN_INPUTS, Candidate, Heuristic, Input, NorthStar

from .models import SOURCE_IMPORT, Bet, NorthStarVersion
from .sections import export_sections
from .snapshot import Snapshot

FORMAT = "north-star-workshop/north-star"
FORMAT_VERSION = 1
GAMES = {value for value, _ in NorthStar.Game.choices}
HEURISTICS = {value for value, _ in Heuristic.choices}
STAGES = {value for value, _ in Stage.CHOICES}
STATUSES = {value for value, _ in Bet.Status.choices}
DIRECTIONS = {value for value, _ in Bet.Direction.choices}
OUTCOMES = {value for value, _ in Bet.Outcome.choices}
LIMITS = {"name": 80, "definition": 300, "metric_definition": 500, "text": 2000}
INPUT_KEY = re.compile(r"[A-Za-z0-9_-]{1,40}")  # an HTML id on the tree page, and Bet.input_key


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def export_document(north_star: NorthStar) -> dict:
    """Everything about the North Star that another tool needs, and nothing tied to this database."""
    versions = list(north_star.versions.select_related("author"))
    workshop = north_star.workshop
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": iso(timezone.now()),
        "north_star": {
            "current": versions[-1].snapshot if versions else None,
            "adopted_at": iso(north_star.adopted_at),
            "workshop": (
                {"title": workshop.title, "product": workshop.product, "ended_at": iso(workshop.ended_at)}
                if workshop
                else None
            ),
            "versions": [
                {
                    "number": version.number,
                    "created_at": iso(version.created_at),
                    "author": version.who if version.author or version.author_name else "",
                    "note": version.note,
                    "snapshot": version.snapshot,
                }
                for version in versions
            ],
            "bets": export_bets(list(north_star.bets.all())),
        },
    }
    for section in export_sections():
        document["north_star"][section.key] = section.export(north_star)
    return document


def _day(value) -> str | None:
    return value.isoformat() if value else None


def export_bets(bets: list[Bet]) -> list[dict]:
    """The bets tree as a flat list: a bet names the bet it hangs off by its place in the list."""
    place = {bet.pk: index for index, bet in enumerate(bets)}
    return [
        {
            "input_key": bet.input_key,
            "level": bet.level,
            "parent": place.get(bet.parent_id) if bet.parent_id else None,
            "rank": bet.rank,
            "title": bet.title,
            "hypothesis": bet.hypothesis,
            "problem": bet.problem,
            "for_whom": bet.for_whom,
            "evidence": bet.evidence,
            "expected_direction": bet.expected_direction,
            "expected_size": str(bet.expected_size) if bet.expected_size is not None else None,
            "expected_by": _day(bet.expected_by),
            "owner": bet.owner,
            "status": bet.status,
            "link": bet.link,
            "started_on": _day(bet.started_on),
            "review_on": _day(bet.review_on),
            "outcome": bet.outcome,
            "learning": bet.learning,
        }
        for bet in bets
    ]


def markdown(north_star: NorthStar, current: Snapshot, bets: list[Bet]) -> str:
    """A one-pager to paste into a wiki. Rendered from a plain-text template, not built from strings."""
    by_key: dict[str, list[Bet]] = {}
    for bet in bets:
        by_key.setdefault(bet.input_key, []).append(bet)
    rows = [{"input": row, "bets": by_key.get(row.key, [])} for row in current.inputs]
    return render_to_string(
        "library/export.md",
        {
            "north_star": north_star,
            "current": current,
            "rows": rows,
            "version": north_star.versions.last(),
            "sections": [text for section in export_sections() if (text := section.markdown(north_star))],
        },
    )


# Import ----------------------------------------------------------------------------


class ImportProblem(ValueError):
    pass


def _text(value, limit: int, what: str, *, required: bool = False) -> str:
    if not isinstance(value, str):
        raise ImportProblem(f"{what} should be text.")
    if len(value) > limit:
        raise ImportProblem(f"{what} is longer than {limit} characters.")
    if required and not value.strip():
        raise ImportProblem(f"{what} is empty.")
    return value


def _choice(value, choices: set[str], problem: str) -> str:
    if not isinstance(value, str) or value not in choices:
        raise ImportProblem(problem)
    return value


def _moment(value, what: str) -> datetime | None:
    """A date and time from the export, or None where it has none."""
    if value is None or value == "":
        return None
    try:
        moment = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:  # shaped like one, but no such day or hour (a 13th month, 30 February)
        moment = None
    if moment is None:
        raise ImportProblem(f"{what} is not a date and time like 2026-03-14T09:30:00+00:00.")
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, timezone.get_default_timezone())


def _day_of(value, what: str) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        day = parse_date(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None:
        raise ImportProblem(f"{what} is not a date like 2026-03-14.")
    return day


def _size_of(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        size = Decimal(value) if isinstance(value, str) and len(value) <= 40 else None
    except InvalidOperation:
        size = None
    if size is None or not size.is_finite() or abs(size) >= Decimal(10) ** 16:
        raise ImportProblem("A bet's expected change is not a number.")
    return size


def validate_bets(bets, keys: set[str]) -> None:
    if not isinstance(bets, list):
        raise ImportProblem("The bets should be a list.")
    for place, bet in enumerate(bets):
        if not isinstance(bet, dict) or type(bet.get("level")) is not int or bet["level"] not in (0, 1, 2, 3):
            raise ImportProblem("A bet has an unknown level: it should be 0, 1, 2 or 3.")
        if not isinstance(bet.get("input_key"), str) or (bet["level"] > 0 and bet["input_key"] not in keys):
            raise ImportProblem("A bet points at an input that is not in the export.")
        parent = bet.get("parent")
        if parent is not None:
            if type(parent) is not int or not 0 <= parent < len(bets) or parent == place:
                raise ImportProblem("A bet hangs off a bet that is not in the export.")
            above = bets[parent]
            if not isinstance(above, dict) or above.get("level") != bet["level"] - 1:
                raise ImportProblem("A bet hangs off a bet that is not one level above it.")
        if type(bet.get("rank", 0)) is not int or not 0 <= bet.get("rank", 0) < 2**31:
            raise ImportProblem("A bet's rank should be a whole number.")
        _choice(bet.get("status"), STATUSES, "A bet has an unknown status.")
        _text(bet.get("title", ""), 120, "A bet's title", required=True)
        _text(bet.get("hypothesis", ""), 400, "A bet's hypothesis")
        for field, limit in (("problem", 600), ("for_whom", 200), ("evidence", 600), ("owner", 120)):
            _text(bet.get(field, ""), limit, f"A bet's “{field}”")
        _text(bet.get("learning", ""), 1000, "What was learned from a bet")
        _choice(bet.get("expected_direction", "up"), DIRECTIONS, "A bet's expected direction is not up or down.")
        _choice(bet.get("outcome", ""), OUTCOMES | {""}, "A bet has an unknown outcome.")
        _size_of(bet.get("expected_size"))
        for field in ("expected_by", "started_on", "review_on"):
            _day_of(bet.get(field), f"A bet's “{field}”")
        link = _text(bet.get("link", ""), 500, "A bet's link")
        if link and not link.startswith(("http://", "https://")):
            raise ImportProblem("A bet's link is not an http or https address.")


def create_bets(north_star: NorthStar, rows: list[dict], user, *, known: set | None = None) -> None:
    """Recreate validated bets, then hang each off its parent. Rows whose (input, title) is `known` are skipped."""
    made: dict[int, Bet] = {}
    for place, row in enumerate(rows):
        if known is not None and (row["input_key"], row.get("title", "")) in known:
            continue
        made[place] = Bet.objects.create(
            north_star=north_star,
            input_key=row["input_key"] if row["level"] > 0 else "",
            level=row["level"],
            rank=row.get("rank", 0),
            title=row.get("title", ""),
            hypothesis=row.get("hypothesis", ""),
            problem=row.get("problem", ""),
            for_whom=row.get("for_whom", ""),
            evidence=row.get("evidence", ""),
            expected_direction=row.get("expected_direction", "up"),
            expected_size=_size_of(row.get("expected_size")),
            expected_by=_day_of(row.get("expected_by"), ""),
            owner=row.get("owner", ""),
            status=row["status"],
            link=row.get("link", ""),
            started_on=_day_of(row.get("started_on"), ""),
            review_on=_day_of(row.get("review_on"), ""),
            outcome=row.get("outcome", ""),
            learning=row.get("learning", ""),
            created_by=user,
        )
    for place, bet in made.items():
        parent = rows[place].get("parent")
        if parent is not None and parent in made:
            bet.parent = made[parent]
            bet.save(update_fields=["parent"])


def validate_snapshot(data, where: str) -> None:
    if not isinstance(data, dict) or not isinstance(data.get("metric"), dict):
        raise ImportProblem(f"{where.capitalize()} has no metric.")
    _text(data["metric"].get("name", ""), LIMITS["name"], f"The metric name in {where}", required=True)
    _text(data["metric"].get("definition", ""), LIMITS["metric_definition"], f"The metric definition in {where}")
    _choice(data.get("game", ""), GAMES | {""}, f"The game in {where} is not attention, transaction or productivity.")
    for field in ("business_results", "open_questions", "information_needed"):
        _text(data.get(field, ""), LIMITS["text"], f"“{field}” in {where}")
    inputs = data.get("inputs")
    if not isinstance(inputs, list) or not MIN_INPUTS <= len(inputs) <= MAX_INPUTS:
        raise ImportProblem(f"{where.capitalize()} should have {MIN_INPUTS} to {MAX_INPUTS} inputs.")
    keys = set()
    for row in inputs:
        if not isinstance(row, dict) or not isinstance(row.get("key"), str) or not INPUT_KEY.fullmatch(row["key"]):
            raise ImportProblem(f"Every input in {where} needs a key of up to 40 letters, digits, “-” or “_”.")
        if row["key"] in keys:
            raise ImportProblem(f"Two inputs in {where} have the same key, “{row['key']}”.")
        keys.add(row["key"])
        _text(row.get("name", ""), LIMITS["name"], f"An input name in {where}", required=True)
        _text(row.get("definition", ""), LIMITS["definition"], f"An input definition in {where}", required=True)
        _choice(row.get("heuristic", ""), HEURISTICS | {""}, f"An input in {where} has an unknown heuristic.")
    _validate_definition(data, where)


def _validate_definition(data: dict, where: str) -> None:
    """The optional definition answers and revisit date (added to format 1 without a new version)."""
    answers = data.get("definition_answers", {})
    if not isinstance(answers, dict) or not set(answers) <= set(QUESTION_KEYS):
        raise ImportProblem(f"The definition answers in {where} name a question we do not know.")
    for key, answer in answers.items():
        _text(answer, ANSWER_MAX_LENGTH, f"The answer “{key}” in {where}")
    revisit = data.get("revisit", {})
    if not isinstance(revisit, dict):
        raise ImportProblem(f"“revisit” in {where} should be an object with a stage and a date.")
    _choice(revisit.get("stage", ""), STAGES | {""}, f"The company stage in {where} is not early, growth or mature.")
    by = revisit.get("by", "")
    try:
        if by != "":
            date.fromisoformat(by)
    except (TypeError, ValueError):
        raise ImportProblem(f"The revisit-by date in {where} is not a date like 2027-03-31.") from None


def _storable_text(document) -> None:
    """Refuse what the database cannot store in text: a NUL character, or half of a surrogate pair."""
    pending = [(document, "the file")]
    while pending:  # not recursive: a deeply nested file must not exhaust the stack
        value, where = pending.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                # The name is looked at first: the item's place is described with it.
                pending += [(item, f"{where} › {key}"), (key, f"a field name in {where}")]
        elif isinstance(value, list):
            pending += [(item, f"{where} › {number}") for number, item in enumerate(value, start=1)]
        elif isinstance(value, str):
            if "\x00" in value:
                raise ImportProblem(f"The file has a NUL character (\\u0000) in {where}. Remove it and import again.")
            if not value.isascii() and _has_surrogate(value):
                raise ImportProblem(f"The file has characters that are not valid text in {where}.")


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def validate_document(document) -> None:
    """Refuse, with a reason a person can act on, anything import_document could not recreate as it is."""
    _storable_text(document)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportProblem("This is not a North Star export from this tool.")
    if type(document.get("version")) is not int or document["version"] != FORMAT_VERSION:
        raise ImportProblem(f"This export has format version {document.get('version')!r}; we read version 1.")
    body = document.get("north_star")
    if not isinstance(body, dict) or not isinstance(body.get("versions"), list) or not body["versions"]:
        raise ImportProblem("The export has no versions to import.")
    _moment(body.get("adopted_at"), "The adoption date")
    for number, version in enumerate(body["versions"], start=1):
        if not isinstance(version, dict):
            raise ImportProblem(f"Version {number} is not readable.")
        validate_snapshot(version.get("snapshot"), f"version {number}")
        _text(version.get("note", ""), LIMITS["text"], f"The note of version {number}")
        _text(version.get("author", ""), 80, f"The author of version {number}")
        _moment(version.get("created_at"), f"The date of version {number}")
    keys = {row["key"] for version in body["versions"] for row in version["snapshot"]["inputs"]}
    validate_bets(body.get("bets") or [], keys)
    for section in export_sections():
        if body.get(section.key) is not None:
            section.validate(body[section.key], body)


@transaction.atomic
def import_document(document: dict, team: Team, user) -> NorthStar:
    """Recreate a North Star from a validated export: its versions in order, and its bets."""
    body = document["north_star"]
    versions = body["versions"]
    last = versions[-1]["snapshot"]
    statement = Candidate.objects.create(
        workshop=None,
        is_team=True,
        metric_name=last["metric"].get("name", ""),
        metric_definition=last["metric"].get("definition", ""),
    )
    Input.objects.bulk_create(
        Input(
            candidate=statement,
            position=i,
            name=row.get("name", ""),
            definition=row.get("definition", ""),
            heuristic=row.get("heuristic", ""),
        )
        for i, row in enumerate(last["inputs"])
    )
    adopted_at = _moment(body.get("adopted_at"), "") or timezone.now()
    north_star = NorthStar.objects.create(
        team=team,
        statement=statement,
        game=last.get("game", ""),
        business_results=last.get("business_results", ""),
        open_questions=last.get("open_questions", ""),
        information_needed=last.get("information_needed", ""),
        adopted_at=adopted_at,
    )
    for version in versions:
        NorthStarVersion.objects.create(
            north_star=north_star,
            number=NorthStarVersion.objects.filter(north_star=north_star).count() + 1,
            snapshot=version["snapshot"],
            note=version.get("note", ""),
            author_name=version.get("author", ""),
            created_at=_moment(version.get("created_at"), "") or timezone.now(),
            source=SOURCE_IMPORT,
        )
    create_bets(north_star, body.get("bets") or [], user)
    for section in export_sections():
        if body.get(section.key) is not None:
            section.restore(north_star, body[section.key], user)
    return north_star


def _same_name(name: str) -> str:
    return " ".join(name.split()).casefold()


def matching_north_star(document: dict, team: Team) -> NorthStar | None:
    """The team's North Star this validated export is of, going by its metric's name, if any.

    An export carries no key of ours (it may come from another server), so "the same North
    Star" is the one whose current metric has the same name, ignoring case and spacing.
    """
    wanted = _same_name(document["north_star"]["versions"][-1]["snapshot"]["metric"].get("name", ""))
    for north_star in NorthStar.objects.filter(team=team).select_related("statement").prefetch_related("versions"):
        versions = list(north_star.versions.all())
        current = versions[-1].metric_name if versions else north_star.statement.metric_name
        if _same_name(current) == wanted:
            return north_star
    return None


@transaction.atomic
def update_from_document(north_star: NorthStar, document: dict, user) -> NorthStarVersion | None:
    """Bring the North Star up to the export: its latest state as the next version, and its new bets.

    None when the North Star already reads as the export's latest version. A bet is new when
    no bet of the North Star has the same input and title.
    """
    body = document["north_star"]
    snapshot = body["versions"][-1]["snapshot"]
    latest = north_star.versions.last()
    saved = None
    if latest is None or latest.snapshot != snapshot:
        saved = NorthStarVersion.objects.record(
            north_star, snapshot, author=user, note="Updated from an imported file.", source=SOURCE_IMPORT
        )
    known = set(north_star.bets.values_list("input_key", "title"))
    create_bets(north_star, body.get("bets") or [], user, known=known)
    return saved
