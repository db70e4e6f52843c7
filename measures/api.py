"""The push API: other systems send a North Star's values with a team's token.

`POST /api/north-stars/<key>/values/` with `Authorization: Bearer <token>` and a JSON body
`{"values": [{"node": "metric", "date": "2026-03-02", "value": 123.4}, ...]}`. Every answer,
refusals included, is JSON. A push is all or nothing: one bad row and nothing is saved,
and the answer lists every row's problem. Values go through `values.write`, like every
other route, so sending the same values twice changes nothing and open scorecards hear of
a change. docs/api.md is the guide for the people who call it.
"""

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from metrics.models import NorthStar
from northstar.ratelimit import Limit, client_address
from northstar.request_id import current_request_id
from northstar.text import clean_line

from .access import pushable_north_star
from .api_forms import NodeIndex, PushRowForm
from .board import read_nodes
from .models import ApiToken, Value
from .periods import local_day, period_start
from .values import Counts, measure_for, write

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024
MAX_ROWS = 5000
MAX_PROBLEMS_SHOWN = 50
ROW_FIELDS = ("node", "date", "value")
# Generous for a nightly job or a minute-by-minute feed; a runaway loop is stopped.
PUSHES_PER_TOKEN = Limit("api-push", attempts=60, seconds=60)
# Guessing a token is hopeless; still, an address that keeps trying wrong ones waits.
BAD_TOKENS_PER_ADDRESS = Limit("api-bad-token", attempts=20, seconds=10 * 60)
NORTH_STAR_KEY = re.compile(r"[A-Za-z0-9_-]{1,12}")
BEARER = re.compile(r"Bearer[ \t]+(\S+)[ \t]*", re.IGNORECASE)
# “Quotes” and names as they are, not \u escapes: people read these answers in a terminal.
READABLE = {"ensure_ascii": False}
NOT_FOUND = "No North Star with this key that this token may write to."


@dataclass
class Refusal(Exception):
    status: int
    message: str
    problems: list[dict[str, Any]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)

    def response(self) -> JsonResponse:
        body: dict[str, Any] = {"error": self.message}
        if self.problems:
            body["problems"] = self.problems
        answer = JsonResponse(body, status=self.status, headers=self.headers, json_dumps_params=READABLE)
        answer["Cache-Control"] = "no-store"
        return answer


def unauthorized(message: str, *, invalid: bool) -> Refusal:
    challenge = 'Bearer realm="North Star Workshop"'
    if invalid:
        challenge += ', error="invalid_token"'
    return Refusal(401, message, headers={"WWW-Authenticate": challenge})


def too_many(limit: Limit) -> Refusal:
    minutes = max(1, limit.seconds // 60)
    return Refusal(
        429,
        f"Too many requests. Wait {minutes} minute{'s' if minutes > 1 else ''} and try again.",
        headers={"Retry-After": str(limit.seconds)},
    )


@csrf_exempt
def push_values(request: HttpRequest, key: str) -> JsonResponse:
    """Save the values in the body for the North Star `key`; answer how many were new, changed, unchanged."""
    try:
        counts = push(request, key)
    except Refusal as refusal:
        return refusal.response()
    except Exception:
        # A fault of ours still answers in JSON; the log has the details under the request's id.
        logger.exception("Push API failed")
        return Refusal(500, f"Something went wrong on our side. Reference: {current_request_id.get()}").response()
    return JsonResponse({"new": counts.new, "changed": counts.changed, "unchanged": counts.unchanged})


@csrf_exempt
def unknown_address(request: HttpRequest) -> JsonResponse:
    """Anything else under /api/: JSON too, never a web page."""
    return Refusal(
        404, "No such address in the API. Values go to /api/north-stars/<key>/values/ (note the final slash)."
    ).response()


def push(request: HttpRequest, key: str) -> Counts:
    if request.method != "POST":
        raise Refusal(405, "Send values with POST.", headers={"Allow": "POST"})
    token = authenticate(request)
    if PUSHES_PER_TOKEN.count(str(token.pk)) > PUSHES_PER_TOKEN.attempts:
        raise too_many(PUSHES_PER_TOKEN)
    north_star = pushable_north_star(token, key) if NORTH_STAR_KEY.fullmatch(key) else None
    if north_star is None:
        raise Refusal(404, NOT_FOUND)
    # Used, even if the body turns out wrong: the list shows which systems still call.
    token.mark_used()
    rows = parse_rows(read_json(request))
    try:
        return save(north_star, rows)
    except IntegrityError:
        # Another push added a value for one of these periods between our read and our
        # insert (a retry sent in parallel). Once more: this time those rows are there to update.
        try:
            return save(north_star, rows)
        except IntegrityError:
            raise Refusal(409, "Another push is writing the same periods. Send this one again.") from None


def authenticate(request: HttpRequest) -> ApiToken:
    address = client_address(request)
    if BAD_TOKENS_PER_ADDRESS.is_exceeded(address):
        raise too_many(BAD_TOKENS_PER_ADDRESS)
    header = request.headers.get("Authorization", "")
    if not header:
        raise unauthorized("Send your token in the header “Authorization: Bearer <token>”.", invalid=False)
    match = BEARER.fullmatch(header)
    token = ApiToken.find(match[1]) if match else None
    if token is None:
        BAD_TOKENS_PER_ADDRESS.count(address)
        raise unauthorized("This token is not one we issued. Check that it was copied whole.", invalid=True)
    if token.revoked_at is not None:
        raise unauthorized(
            f"This token was revoked on {token.revoked_at:%Y-%m-%d}. A team owner can make a new one.", invalid=True
        )
    return token


def read_json(request: HttpRequest) -> Any:
    if request.content_type != "application/json":
        raise Refusal(415, "Send the values as JSON, with the header “Content-Type: application/json”.")
    too_big = Refusal(
        413, f"The body is larger than {MAX_BODY_BYTES // 1024 // 1024} MB. Send the values in several pushes."
    )
    try:
        announced = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        announced = 0
    if announced > MAX_BODY_BYTES:
        raise too_big
    body = request.read(MAX_BODY_BYTES + 1)
    if len(body) > MAX_BODY_BYTES:
        raise too_big
    if not body.strip():
        raise Refusal(400, 'The body is empty. Send {"values": [...]}.')
    try:
        return json.loads(body.decode("utf-8-sig"), parse_float=Decimal, parse_constant=refuse_constant)
    except json.JSONDecodeError as problem:
        raise Refusal(
            400, f"The body is not valid JSON: {problem.msg} (line {problem.lineno}, column {problem.colno})."
        ) from None
    except (ValueError, RecursionError):
        # Not UTF-8 text, a number with thousands of digits, or nesting too deep to read.
        raise Refusal(400, "The body could not be read as JSON text in UTF-8.") from None


def refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


@dataclass
class Row:
    node: str
    moment: dt.date | dt.datetime
    value: Decimal


def parse_rows(document: Any) -> list[tuple[int, dict[str, Any]]]:
    """The rows of the body with their positions: `{"values": [...]}`, a bare list, or one row alone."""
    if isinstance(document, dict) and "values" in document:
        rows = document["values"]
        extra = sorted(set(document) - {"values"})
        if extra:
            raise Refusal(400, f"Unknown field “{clean_line(str(extra[0]))[:40]}”: the body holds only “values”.")
    elif isinstance(document, dict) and set(document) & set(ROW_FIELDS):
        rows = [document]
    else:
        rows = document
    if not isinstance(rows, list):
        raise Refusal(
            400, 'Send an object with a list of values: {"values": [{"node": ..., "date": ..., "value": ...}]}.'
        )
    if not rows:
        raise Refusal(400, "The list of values is empty.")
    if len(rows) > MAX_ROWS:
        raise Refusal(400, f"At most {MAX_ROWS} values in one push; this one has {len(rows)}. Send them in several.")
    return list(enumerate(rows))


def problem(index: int, field_name: str | None, message: str) -> dict[str, Any]:
    return {"index": index, "field": field_name, "message": message}


def save(north_star: NorthStar, rows: list[tuple[int, Any]]) -> Counts:
    """Check every row, then write all of them or, if any is wrong, nothing."""
    nodes = NodeIndex(read_nodes(north_star, with_figures=False))
    problems: list[dict[str, Any]] = []
    good: list[Row] = []
    for index, raw in rows:
        if not isinstance(raw, dict):
            problems.append(problem(index, None, "Each value must be an object with “node”, “date” and “value”."))
            continue
        unknown = sorted(set(raw) - set(ROW_FIELDS))
        if unknown:
            message = f"Unknown field “{clean_line(unknown[0])[:40]}”: a value has node, date and value."
            problems.append(problem(index, None, message))
        form = PushRowForm(raw, nodes=nodes)
        if not form.is_valid():
            for name, errors in form.errors.items():
                problems += [problem(index, name, str(message)) for message in errors]
        elif not unknown:
            good.append(Row(form.cleaned_data["node"], form.cleaned_data["date"], form.cleaned_data["value"]))
    if problems:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        more = f" The first {len(shown)} are listed." if len(problems) > len(shown) else ""
        raise Refusal(
            400, f"{len(problems)} problem{'s' if len(problems) > 1 else ''} found; nothing was saved.{more}", shown
        )
    team = north_star.team
    time_zone = team.time_zone if team is not None else "UTC"
    with transaction.atomic():
        measures = {key: measure_for(north_star, key) for key in {row.node for row in good}}
        placed = [
            (measures[row.node], period_start(local_day(row.moment, time_zone), measures[row.node].grain), row.value)
            for row in good
        ]
        return write(north_star, placed, source=Value.Source.API)
