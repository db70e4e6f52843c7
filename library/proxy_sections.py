"""The proxies and the division of a North Star in its exports (format 1, optional keys).

`north_star.proxies` lists what is measured by a stand-in for now; `north_star.division`
names the product line. A file without them imports as before. See docs/north-star-json.md.
"""

from typing import Any

from metrics.models import NorthStar, Proxy

from .exports import ImportProblem
from .models import Division
from .sections import ExportSection
from .templatetags.markdown_text import markdown_line

PROXY_LIMIT = 200
DIVISION_LIMIT = 80


def _problem(message: str) -> ImportProblem:
    return ImportProblem(message)


def _current_keys(north_star: NorthStar) -> dict[int, str]:
    """Input id -> its key in the newest version, so a proxy names the input as the file's snapshot does.

    The keys are the ones recorded (an imported North Star keeps its file's keys); inputs are matched
    by their place when the recorded key is not the input's own.
    """
    latest = north_star.versions.last()
    recorded = [str(row.get("key", "")) for row in latest.snapshot.get("inputs", [])] if latest else []
    keys = {}
    for place, item in enumerate(north_star.statement.inputs.all()):
        own = f"i{item.pk}"
        keys[item.pk] = own if own in recorded or place >= len(recorded) else recorded[place]
    return keys


def export_proxies(north_star: NorthStar) -> list[dict]:
    keys = _current_keys(north_star)
    rows = []
    mark = Proxy.objects.filter(candidate=north_star.statement).first()
    if mark is not None:
        rows.append({"node": "metric", "name": mark.node_name, "stands_for": mark.stands_for, "missing": mark.missing})
    for mark in Proxy.objects.filter(item__candidate=north_star.statement).select_related("item"):
        if mark.item is not None:
            node = keys.get(mark.item.pk, f"i{mark.item.pk}")
            rows.append({"node": node, "name": mark.node_name, "stands_for": mark.stands_for, "missing": mark.missing})
    return rows


def _text(value: Any, limit: int, what: str, *, required: bool = False) -> str:
    if not isinstance(value, str):
        raise _problem(f"{what} should be text.")
    if required and not value.strip():
        raise _problem(f"{what} is empty.")
    if len(value) > limit:
        raise _problem(f"{what} is longer than {limit} characters.")
    return value


def validate_proxies(part: Any, body: dict) -> None:
    if not isinstance(part, list):
        raise _problem("“proxies” should be a list.")
    nodes = {"metric"} | {row["key"] for row in body["versions"][-1]["snapshot"]["inputs"]}
    seen = set()
    for row in part:
        if not isinstance(row, dict) or row.get("node") not in nodes:
            raise _problem("A proxy belongs to the metric or an input that is not in the newest version.")
        if row["node"] in seen:
            raise _problem(f"Two proxies belong to “{row['node']}”.")
        seen.add(row["node"])
        _text(row.get("stands_for"), PROXY_LIMIT, f"What the proxy of “{row['node']}” stands in for", required=True)
        _text(row.get("missing", ""), PROXY_LIMIT, f"The missing instrumentation of “{row['node']}”")


def restore_proxies(north_star: NorthStar, part: list, user) -> None:
    # The import created the statement's inputs in the order of the newest version's.
    latest = north_star.versions.last()
    keys = [row["key"] for row in latest.snapshot["inputs"]] if latest else []
    items = dict(zip(keys, north_star.statement.inputs.all(), strict=False))
    for row in part:
        values = {"stands_for": row["stands_for"].strip(), "missing": row.get("missing", "").strip()}
        if row["node"] == "metric":
            Proxy.objects.create(candidate=north_star.statement, **values)
        elif row["node"] in items:
            Proxy.objects.create(item=items[row["node"]], **values)


def markdown_proxies(north_star: NorthStar) -> str:
    rows = export_proxies(north_star)
    if not rows:
        return ""
    lines = ["## Proxies for now", ""]
    for row in rows:
        line = f"- **{markdown_line(row['name'] or 'Unnamed')}** stands in for {markdown_line(row['stands_for'])}."
        if row["missing"]:
            line += f" Still missing: {markdown_line(row['missing'])}."
        lines.append(line)
    return "\n".join(lines) + "\n"


def export_division(north_star: NorthStar) -> str | None:
    division = Division.objects.filter(north_star=north_star).first()
    return division.name if division else None


def validate_division(part: Any, body: dict) -> None:
    _text(part, DIVISION_LIMIT, "The division", required=True)


def restore_division(north_star: NorthStar, part: str, user) -> None:
    Division.objects.create(north_star=north_star, name=" ".join(part.split()))


def markdown_division(north_star: NorthStar) -> str:
    name = export_division(north_star)
    return f"Division: {markdown_line(name)}\n" if name else ""


SECTIONS = [
    ExportSection(
        key="proxies",
        export=export_proxies,
        validate=validate_proxies,
        restore=restore_proxies,
        markdown=markdown_proxies,
    ),
    ExportSection(
        key="division",
        export=export_division,
        validate=validate_division,
        restore=restore_division,
        markdown=markdown_division,
    ),
]
