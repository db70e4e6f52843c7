"""A North Star as a plain document: what a version stores, what the diff compares, what exports write.

    {
      "metric": {"name": "...", "definition": "..."},
      "game": "attention" | "transaction" | "productivity" | "",
      "business_results": "...", "open_questions": "...", "information_needed": "...",
      "inputs": [{"key": "i12", "name": "...", "definition": "...", "heuristic": "breadth" | ... | ""}]
    }

An input's `key` stays the same while the input lives, through renames and new
versions, so the diff can tell "renamed" from "removed and added", and bets
stay under their input.
"""

from dataclasses import dataclass

from metrics.models import Heuristic, NorthStar

GAMES = dict(NorthStar.Game.choices)
HEURISTICS = dict(Heuristic.choices)
TEXT_FIELDS = [
    ("business_results", "Business results"),
    ("open_questions", "Open questions"),
    ("information_needed", "Information we still need"),
]


@dataclass(frozen=True)
class InputRow:
    key: str
    name: str
    definition: str
    heuristic: str

    @property
    def heuristic_label(self) -> str:
        return HEURISTICS.get(self.heuristic, "")


def input_rows(data: dict) -> list[InputRow]:
    return [
        InputRow(str(row.get("key", "")), row.get("name", ""), row.get("definition", ""), row.get("heuristic", ""))
        for row in data.get("inputs", [])
    ]


class Snapshot:
    """Read access to a snapshot dict, for templates and exports."""

    def __init__(self, data: dict) -> None:
        self.raw = data

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Snapshot) and self.raw == other.raw

    @property
    def metric_name(self) -> str:
        return self.raw.get("metric", {}).get("name", "")

    @property
    def metric_definition(self) -> str:
        return self.raw.get("metric", {}).get("definition", "")

    @property
    def game(self) -> str:
        return self.raw.get("game", "")

    @property
    def game_label(self) -> str:
        return GAMES.get(self.game, "")

    @property
    def business_results(self) -> str:
        return self.raw.get("business_results", "")

    @property
    def open_questions(self) -> str:
        return self.raw.get("open_questions", "")

    @property
    def information_needed(self) -> str:
        return self.raw.get("information_needed", "")

    @property
    def inputs(self) -> list[InputRow]:
        return input_rows(self.raw)

    @property
    def function_statement(self) -> str:
        names = [row.name for row in self.inputs if row.name]
        if not self.metric_name or not names:
            return ""
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"We believe {self.metric_name} is a function of {listed}."

    def search_text(self) -> str:
        parts = [self.metric_name, self.metric_definition, self.business_results]
        parts += [row.name + " " + row.definition for row in self.inputs]
        return " ".join(parts).casefold()


def snapshot_of(north_star: NorthStar) -> dict:
    """The workshop's working statement of this North Star, as a snapshot."""
    statement = north_star.statement
    return {
        "metric": {"name": statement.metric_name, "definition": statement.metric_definition},
        "game": north_star.game,
        "business_results": north_star.business_results,
        "open_questions": north_star.open_questions,
        "information_needed": north_star.information_needed,
        "inputs": [
            {"key": f"i{item.pk}", "name": item.name, "definition": item.definition, "heuristic": item.heuristic}
            for item in statement.inputs.all()
        ],
    }


# Comparing two versions ------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    what: str
    before: str = ""
    after: str = ""


@dataclass(frozen=True)
class InputPair:
    """One line of the side-by-side view: the same input in the older and the newer version."""

    before: InputRow | None
    after: InputRow | None

    @property
    def status(self) -> str:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "unchanged" if self.before == self.after else "changed"


def pair_inputs(before: Snapshot, after: Snapshot) -> list[InputPair]:
    old = {row.key: row for row in before.inputs}
    new_keys = {row.key for row in after.inputs}
    pairs = [InputPair(old.get(row.key), row) for row in after.inputs]
    pairs += [InputPair(row, None) for row in before.inputs if row.key not in new_keys]
    return pairs


def changes(before: Snapshot, after: Snapshot) -> list[Change]:
    """What changed from one version to another, in the order a reader would look."""
    found = []
    if before.metric_name != after.metric_name:
        found.append(Change("Metric renamed", before.metric_name, after.metric_name))
    if before.metric_definition != after.metric_definition:
        found.append(Change("Metric definition changed", before.metric_definition, after.metric_definition))
    if before.game != after.game:
        found.append(Change("Game changed", before.game_label, after.game_label))
    for name, label in TEXT_FIELDS:
        if before.raw.get(name, "") != after.raw.get(name, ""):
            found.append(Change(f"{label} changed", before.raw.get(name, ""), after.raw.get(name, "")))
    for pair in pair_inputs(before, after):
        was, now = pair.before, pair.after
        if was is None and now is not None:
            found.append(Change("Input added", "", now.name))
        elif was is not None and now is None:
            found.append(Change("Input removed", was.name, ""))
        elif was is not None and now is not None and was != now:
            if was.name != now.name:
                found.append(Change("Input renamed", was.name, now.name))
            if was.definition != now.definition:
                found.append(Change(f"Definition of “{now.name}” changed", was.definition, now.definition))
            if was.heuristic != now.heuristic:
                found.append(
                    Change(
                        f"Heuristic of “{now.name}” changed",
                        was.heuristic_label or "none",
                        now.heuristic_label or "none",
                    )
                )
    return found
