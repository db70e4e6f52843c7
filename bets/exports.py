"""The bets in writing: the tree as Markdown, an OKR view, and the board's limits in the JSON export.

The bets themselves travel in library's JSON export (`north_star.bets`, with their tree);
this app adds `north_star.board`, the work-in-progress limits, and the tree's text to the
Markdown one-pager. Both Markdown files are rendered from plain-text templates.
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string

from library.exports import ImportProblem
from library.models import Bet
from library.sections import ExportSection
from measures.board import current_snapshot
from metrics.models import NorthStar

from .forms import MAX_LIMIT
from .models import BOARD_LEVELS, ColumnLimit

KEY = "board"


@dataclass
class TreeBet:
    bet: Bet
    children: list["TreeBet"] = field(default_factory=list)


@dataclass
class InputBranch:
    key: str
    name: str
    bets: list[TreeBet] = field(default_factory=list)


def bets_tree(north_star: NorthStar) -> tuple[list[TreeBet], list[InputBranch]]:
    """Level-0 bets, and each input with its bets (level 1 or 2 at the top, their children under them)."""
    bets = list(north_star.bets.all())
    nodes = {bet.pk: TreeBet(bet) for bet in bets}
    tops: list[TreeBet] = []
    for bet in bets:
        if bet.parent_id in nodes and bet.level > 1:
            nodes[bet.parent_id].children.append(nodes[bet.pk])
        else:
            tops.append(nodes[bet.pk])
    inputs = [InputBranch(row.key, row.name) for row in current_snapshot(north_star).inputs]
    by_key = {branch.key: branch for branch in inputs}
    results = []
    for top in tops:
        if top.bet.level == Bet.Level.RESULTS:
            results.append(top)
        elif top.bet.input_key in by_key:
            by_key[top.bet.input_key].bets.append(top)
        else:
            by_key[top.bet.input_key] = InputBranch(top.bet.input_key, "An input no longer in the tree", [top])
            inputs.append(by_key[top.bet.input_key])
    return results, inputs


def tree_markdown(north_star: NorthStar, *, heading: str = "#") -> str:
    results, inputs = bets_tree(north_star)
    context = {"north_star": north_star, "results": results, "inputs": inputs, "h": heading}
    context["metric"] = current_snapshot(north_star).metric_name
    return render_to_string("bets/tree.md", context)


def okr_markdown(north_star: NorthStar) -> str:
    """The North Star informs the objective, its inputs are the key results, level-2 bets the initiatives."""
    snapshot = current_snapshot(north_star)
    _, inputs = bets_tree(north_star)
    rows = []
    for branch in inputs:
        initiatives = []
        for top in branch.bets:
            if top.bet.level == Bet.Level.OPPORTUNITY:
                initiatives.append(top.bet)
            initiatives += [child.bet for child in top.children if child.bet.level == Bet.Level.OPPORTUNITY]
        rows.append({"branch": branch, "initiatives": initiatives})
    context = {"snapshot": snapshot, "rows": rows, "north_star": north_star}
    return render_to_string("bets/okr.md", context)


def export_board(north_star: NorthStar) -> dict:
    return {
        "limits": [
            {"level": row.level, "status": row.status, "limit": row.limit}
            for row in ColumnLimit.objects.filter(north_star=north_star)
        ]
    }


def validate_board(part, body: dict) -> None:
    if not isinstance(part, dict) or not isinstance(part.get("limits", []), list):
        raise ImportProblem("The board's limits should be a list.")
    seen = set()
    for row in part.get("limits", []):
        if (
            not isinstance(row, dict)
            or row.get("level") not in BOARD_LEVELS
            or row.get("status") not in Bet.Status.values
            or type(row.get("limit")) is not int
            or not 1 <= row["limit"] <= MAX_LIMIT
        ):
            raise ImportProblem(f"A limit on the board is not a column with a limit from 1 to {MAX_LIMIT}.")
        if (row["level"], row["status"]) in seen:
            raise ImportProblem("Two limits on the board are for the same column.")
        seen.add((row["level"], row["status"]))


def restore_board(north_star: NorthStar, part: dict, user) -> None:
    for row in part.get("limits", []):
        ColumnLimit.objects.update_or_create(
            north_star=north_star, level=row["level"], status=row["status"], defaults={"limit": row["limit"]}
        )


def markdown_section(north_star: NorthStar) -> str:
    if not north_star.bets.exists():
        return ""
    return tree_markdown(north_star, heading="##")


SECTION = ExportSection(
    key=KEY, export=export_board, validate=validate_board, restore=restore_board, markdown=markdown_section
)
