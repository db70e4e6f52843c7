"""What a review's page shows one viewer: the agenda, the item up now, and what they may do.

The same context serves the page, the presenter view and the socket's pushes. Votes are
filtered here: before an input's votes are revealed a viewer learns only how many have
voted and their own vote; the scores themselves are not in the context at all.
"""

from collections import Counter
from dataclasses import dataclass, field

from accounts.models import User

from .access import facilitates
from .frozen import FrozenNode, flags_for, frozen_nodes, movers
from .models import Occurrence, Vote

ACTIONS = "actions"
FLAGS = "flags"
INPUT = "input"
MOVERS = "movers"
DECISIONS = "decisions"


@dataclass
class Item:
    kind: str
    title: str
    node: "FrozenNode | None" = None
    tally: "Tally | None" = None

    @property
    def key(self) -> str:
        return self.node.key if self.node is not None else self.kind


@dataclass
class Tally:
    voters: int = 0
    mine: int | None = None
    revealed: bool = False
    counts: list[tuple[int, int]] = field(default_factory=list)  # (score, how many), only once revealed
    average: str = ""


def agenda(nodes: list[FrozenNode], flags: list[dict] | None = None) -> list[Item]:
    items = [Item(ACTIONS, "Open actions from last time")]
    if flags:
        items.append(Item(FLAGS, "Checkup flags"))
    items += [Item(INPUT, node.name, node) for node in nodes if node.is_input]
    items += [Item(MOVERS, "Biggest movers"), Item(DECISIONS, "Decisions and new actions")]
    return items


def occurrence_agenda(occurrence: Occurrence) -> list[Item]:
    snapshot = occurrence.snapshot
    return agenda(frozen_nodes(snapshot), flags_for(snapshot, occurrence.series.north_star))


def tallies(occurrence: Occurrence, user, keys: list[str]) -> dict[str, Tally]:
    found = {key: Tally(revealed=key in occurrence.revealed) for key in keys}
    scores: dict[str, list[int]] = {key: [] for key in keys}
    for key, voter_id, score in Vote.objects.filter(occurrence=occurrence).values_list(
        "input_key", "voter_id", "score"
    ):
        if key not in found:
            continue
        found[key].voters += 1
        scores[key].append(score)
        if voter_id == user.pk:
            found[key].mine = score
    for key, tally in found.items():
        if tally.revealed and scores[key]:
            counted = Counter(scores[key])
            tally.counts = [(score, counted.get(score, 0)) for score in range(1, 6)]
            tally.average = f"{sum(scores[key]) / len(scores[key]):.1f}"
    return found


def review_context(occurrence: Occurrence, user, *, presenting: bool = False) -> dict:
    nodes = frozen_nodes(occurrence.snapshot)
    flags = flags_for(occurrence.snapshot, occurrence.series.north_star)
    items = agenda(nodes, flags)
    step = min(occurrence.step, len(items) - 1)
    input_keys = [item.key for item in items if item.kind == INPUT]
    counted = tallies(occurrence, user, input_keys)
    for item in items:
        item.tally = counted.get(item.key) if item.kind == INPUT else None
    team = occurrence.series.north_star.team
    members = list(User.objects.filter(memberships__team=team).order_by("display_name", "email")) if team else []
    return {
        "occurrence": occurrence,
        "north_star": occurrence.series.north_star,
        "nodes": nodes,
        "items": items,
        "step": step,
        "current": items[step],
        "last_step": len(items) - 1,
        "carried": list(occurrence.carried_actions()),
        "raised": list(occurrence.new_actions()),
        "decisions": list(occurrence.decisions.select_related("author")),
        "movers": movers(nodes),
        "flags": flags,
        "needing_notes": [node for node in nodes if node.needs_note],
        "members": members,
        "facilitating": (not presenting) and facilitates(user, occurrence),
        "presenting": presenting,
        "viewer": user,
    }
