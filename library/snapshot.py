"""A North Star as a plain document: what a version stores, what the diff compares, what exports write.

    {
      "metric": {"name": "...", "definition": "..."},
      "game": "attention" | "transaction" | "productivity" | "",
      "business_results": "...", "open_questions": "...", "information_needed": "...",
      "inputs": [{"key": "i12", "name": "...", "definition": "...", "heuristic": "breadth" | ... | ""}],
      "definition_answers": {"decisions": "...", ..., "revisit_signal": "..."},
      "revisit": {"stage": "early" | "growth" | "mature" | "", "by": "2027-05-01"}
    }

`definition_answers` holds the answers to the precise-definition questions
(metrics/definition.py), keyed by question, empty answers left out;
`revisit_signal` is the team's recorded signal to revisit. `revisit.by` is the
date the team means to look at the North Star again (ISO date, or empty). Both
keys are optional: snapshots saved before they existed read as unanswered.

An input's `key` stays the same while the input lives, through renames and new
versions, so the diff can tell "renamed" from "removed and added", and bets
stay under their input.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from metrics.definition import DEFINITION_QUESTIONS, Stage, revisit_by_default
from metrics.models import Heuristic, NorthStar

GAMES = dict(NorthStar.Game.choices)
STAGES = dict(Stage.CHOICES)
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

    @property
    def definition_answers(self) -> dict[str, str]:
        answers = self.raw.get("definition_answers")
        return answers if isinstance(answers, dict) else {}

    @property
    def answered_questions(self) -> list[tuple[str, str]]:
        """(question, answer) for every question answered, in the questions' order."""
        answers = self.definition_answers
        return [(question, answers[key]) for key, question in DEFINITION_QUESTIONS if answers.get(key)]

    @property
    def revisit_signal(self) -> str:
        return self.definition_answers.get("revisit_signal", "")

    @property
    def revisit(self) -> dict:
        revisit = self.raw.get("revisit")
        return revisit if isinstance(revisit, dict) else {}

    @property
    def revisit_by(self) -> date | None:
        try:
            return date.fromisoformat(self.revisit.get("by", ""))
        except (TypeError, ValueError):
            return None

    @property
    def company_stage(self) -> str:
        return self.revisit.get("stage", "")

    @property
    def company_stage_label(self) -> str:
        return STAGES.get(self.company_stage, "")

    def search_text(self) -> str:
        parts = [self.metric_name, self.metric_definition, self.business_results]
        parts += [row.name + " " + row.definition for row in self.inputs]
        return " ".join(parts).casefold()


def snapshot_of(north_star: NorthStar) -> dict:
    """The workshop's working statement of this North Star, as a snapshot."""
    statement = north_star.statement
    snapshot: dict = {
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
    # Only when given, so a North Star adopted before the questions existed keeps its snapshot.
    if north_star.definition_answers:
        snapshot["definition_answers"] = dict(north_star.definition_answers)
    if north_star.company_stage:
        start = timezone.localdate(north_star.adopted_at) if north_star.adopted_at else timezone.localdate()
        by = revisit_by_default(start, north_star.company_stage)
        snapshot["revisit"] = {"stage": north_star.company_stage, "by": by.isoformat()}
    return snapshot


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
    for key, question in DEFINITION_QUESTIONS:
        was_answer, now_answer = before.definition_answers.get(key, ""), after.definition_answers.get(key, "")
        if was_answer != now_answer:
            found.append(Change(f"Answer changed: {question}", was_answer, now_answer))
    if before.company_stage != after.company_stage:
        found.append(Change("Company stage changed", before.company_stage_label, after.company_stage_label))
    if before.revisit_by != after.revisit_by:
        found.append(Change("Revisit-by date changed", _day(before.revisit_by), _day(after.revisit_by)))
    return found


def _day(day: date | None) -> str:
    return day.isoformat() if day else ""
