"""Turning scores and dots into what the group looks at after a reveal."""

from dataclasses import dataclass
from statistics import fmean, pstdev

from workshops.checklist import CHECKLIST

# Spread (population standard deviation on the 0-2 scale) from which a cell counts as disagreement.
DISAGREEMENT = 0.7


@dataclass(frozen=True)
class Cell:
    average: float | None
    spread: float
    count: int

    @property
    def disagreement(self) -> bool:
        return self.count > 1 and self.spread >= DISAGREEMENT

    @property
    def level(self) -> int:
        """0-4, for the colour of the cell: low average to high average."""
        if self.average is None:
            return -1
        return min(4, int(self.average * 2 + 0.5))


def cell(values: list[int]) -> Cell:
    if not values:
        return Cell(None, 0.0, 0)
    return Cell(round(fmean(values), 2), round(pstdev(values), 2), len(values))


def heatmap(candidate_ids: list[int], scores: list[tuple[int, str, int]]) -> dict[int, list[Cell]]:
    """Per candidate, one cell per checklist criterion, from (candidate id, criterion key, value) rows."""
    grouped: dict[tuple[int, str], list[int]] = {}
    for candidate_id, criterion, value in scores:
        grouped.setdefault((candidate_id, criterion), []).append(value)
    return {cid: [cell(grouped.get((cid, c.key), [])) for c in CHECKLIST] for cid in candidate_ids}


@dataclass(frozen=True)
class DotAdvice:
    """What the facilitator is told before the vote when the dots do not suit the board."""

    candidates: int
    dots: int
    # The setting offered instead, with one dot per candidate: as many dots as candidates.
    fewer_dots: int

    @property
    def message(self) -> str:
        candidates = f"{self.candidates} candidate{'s' if self.candidates != 1 else ''}"
        return (
            f"The board has {candidates} and everyone has {self.dots} dots, one per candidate: "
            f"only {self.fewer_dots} of each person’s dots can be placed. Give everyone "
            f"{self.fewer_dots} dot{'s' if self.fewer_dots != 1 else ''}, or let people put several dots "
            f"on one candidate to show how strongly they prefer it."
        )


def dot_advice(dots_per_person: int, candidates: int, several_per_candidate: bool) -> DotAdvice | None:
    """Advice when the dots do not suit the board (fewer candidates than dots, one dot each); None when they do.

    With several dots allowed on one candidate every dot can be placed, however small the board.
    """
    if several_per_candidate or candidates < 1 or candidates >= dots_per_person:
        return None
    return DotAdvice(candidates=candidates, dots=dots_per_person, fewer_dots=candidates)
