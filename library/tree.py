"""A North Star laid out as the tree page draws it: results, metric, inputs, and the bets under each input."""

from dataclasses import dataclass, field

from metrics.models import NorthStar

from .models import Bet, NorthStarVersion
from .snapshot import InputRow, Snapshot, snapshot_of


@dataclass
class Branch:
    input: InputRow
    bets: list[Bet] = field(default_factory=list)
    origin: str = ""


@dataclass
class Tree:
    north_star: NorthStar
    snapshot: Snapshot
    version: NorthStarVersion | None
    bets: list[Bet] = field(default_factory=list)
    branches: list[Branch] = field(default_factory=list)
    detached_bets: list[Bet] = field(default_factory=list)
    record_url: str = ""
    built_from: list[tuple[object, str]] = field(default_factory=list)

    @classmethod
    def current(cls, north_star: NorthStar, *, with_origins: bool = False) -> "Tree":
        latest = north_star.versions.last()
        return cls.build(north_star, latest, with_origins=with_origins)

    @classmethod
    def of_version(cls, north_star: NorthStar, version: NorthStarVersion) -> "Tree":
        return cls.build(north_star, version, with_bets=False)

    @classmethod
    def build(
        cls, north_star: NorthStar, version: NorthStarVersion | None, *, with_origins=False, with_bets=True
    ) -> "Tree":
        # Before adoption there are no versions yet: the tree shows the workshop's draft.
        snapshot = version.data if version else Snapshot(snapshot_of(north_star))
        bets = list(north_star.bets.all()) if with_bets else []
        tree = cls(north_star, snapshot, version, bets)
        by_key: dict[str, list[Bet]] = {}
        for bet in bets:
            by_key.setdefault(bet.input_key, []).append(bet)
        keys = {row.key for row in snapshot.inputs}
        tree.branches = [Branch(row, by_key.get(row.key, [])) for row in snapshot.inputs]
        # Level-0 bets hang off the North Star itself, not off an input: never detached.
        tree.detached_bets = [bet for bet in bets if bet.input_key and bet.input_key not in keys]
        if with_origins:
            tree.trace_origins()
        return tree

    def trace_origins(self) -> None:
        """Link each node to the workshop record: the candidate an input was taken from, where we can tell."""
        workshop = self.north_star.workshop
        if workshop is None:
            return
        self.record_url = workshop.get_record_url()
        candidates = list(self.north_star.built_from.prefetch_related("inputs"))
        self.built_from = [(c, f"{self.record_url}#candidate-{c.pk}") for c in candidates]
        # Inputs added by a later revision did not come from the workshop: they get no link.
        adopted = self.north_star.versions.first()
        from_workshop = {row.key for row in adopted.data.inputs} if adopted else {b.input.key for b in self.branches}
        for branch in self.branches:
            if branch.input.key not in from_workshop:
                continue
            branch.origin = f"{self.record_url}#north-star"
            for candidate in candidates:
                if any(item.name.casefold() == branch.input.name.casefold() for item in candidate.inputs.all()):
                    branch.origin = f"{self.record_url}#candidate-{candidate.pk}"
                    break

    @staticmethod
    def summary(north_star: NorthStar) -> dict:
        """One line of the library: current version, last change, workshop of origin."""
        versions = list(north_star.versions.all())
        latest = versions[-1] if versions else None
        snapshot = latest.data if latest else Snapshot(snapshot_of(north_star))
        return {
            "north_star": north_star,
            "metric_name": snapshot.metric_name or "Untitled North Star",
            "metric_definition": snapshot.metric_definition,
            "version": latest.number if latest else None,
            "changed_at": latest.created_at if latest else north_star.statement.updated_at,
            "workshop": north_star.workshop,
            "search_text": snapshot.search_text(),
        }
