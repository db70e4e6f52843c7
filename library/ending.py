"""What every screen of a workshop shows once it has ended: the adopted North Star as its tree,
with a read-only link the participants can keep, or, when nothing was adopted, the strongest
candidates the group had seen.

The workshop app does not know the library (apps depend one way): the library adds the
"ending" region to the workshop's live pages from its AppConfig.ready.
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count

from metrics.models import Candidate, CandidateBoard, NorthStar, Vote
from workshops.access import Page
from workshops.live import AddedRegion, LiveState, add_live_part, add_region
from workshops.models import Workshop
from workshops.renders import read_once

from .models import ShareLink
from .tree import Tree

# How many candidates an ending without an adopted North Star shows.
STRONGEST = 3


@dataclass
class Ending:
    """The result of an ended workshop: the same for everyone who was in it."""

    north_star: NorthStar | None = None
    tree: Tree | None = None
    share_link: ShareLink | None = None
    # When nothing was adopted: what the group saw on its board, strongest first, as
    # (candidate, dots or None when the dots were never revealed).
    strongest: list[tuple[Candidate, int | None]] = field(default_factory=list)
    # The metric of a team draft that was started but not adopted, if any.
    draft_name: str = ""

    @property
    def adopted(self) -> bool:
        return self.tree is not None


def ending_of(workshop: Workshop) -> Ending:
    north_star = NorthStar.objects.filter(workshop=workshop).select_related("statement", "team", "workshop").first()
    if north_star is not None and north_star.is_adopted:
        link = north_star.share_links.filter(revoked_at=None).first()
        return Ending(north_star, Tree.current(north_star), link)
    draft = north_star.statement.metric_name if north_star is not None else ""
    return Ending(strongest=strongest_candidates(workshop), draft_name=draft)


def strongest_candidates(workshop: Workshop, limit: int = STRONGEST) -> list[tuple[Candidate, int | None]]:
    """The candidates the group saw on its revealed board, strongest first.

    Only what was revealed decides the order: dots when the dots were revealed, else the
    ratings' average when those were, else the board's own order. Hidden votes stay hidden.
    """
    board = CandidateBoard.objects.filter(workshop=workshop, revealed_at__isnull=False).order_by("pk").first()
    if board is None:
        return []
    candidates = list(Candidate.objects.on_board(board).with_inputs())
    if board.votes_revealed:
        dots = dict(
            Vote.objects.filter(candidate__in=candidates)
            .values("candidate")
            .annotate(n=Count("pk"))
            .values_list("candidate", "n")
        )
        ranked = sorted(candidates, key=lambda c: -dots.get(c.pk, 0))
        return [(c, dots.get(c.pk, 0)) for c in ranked[:limit]]
    if board.scores_revealed:
        averages = dict(
            Candidate.objects.filter(pk__in=[c.pk for c in candidates])
            .annotate(avg=Avg("scores__value"))
            .values_list("pk", "avg")
        )
        candidates.sort(key=lambda c: -(averages.get(c.pk) or 0))
    return [(c, None) for c in candidates[:limit]]


def keep_result_link(sender, workshop: Workshop, **kwargs) -> None:
    """When a workshop ends, its adopted North Star gets a read-only link the participants can keep.

    Participants have no accounts: their session cookie is all that ties them to the workshop.
    A share link (an unguessable token, revocable by the team) outlives it. An active link the
    team already made is reused.
    """
    north_star = NorthStar.objects.filter(workshop=workshop, adopted_at__isnull=False).first()
    if north_star is not None and not north_star.share_links.filter(revoked_at=None).exists():
        ShareLink.objects.create(north_star=north_star, created_by=workshop.facilitator)


# The region on the workshop's live pages ------------------------------------------------------


def ending_part(live: LiveState) -> Ending | None:
    if not live.workshop.is_ended:
        return None
    return read_once(live.shared, "library:ending", lambda: ending_of(live.workshop))


def ending_audience(live: LiveState, page: Page) -> tuple:
    # The same result for everyone; a signed-in facilitator or team member also gets the library's links.
    viewer = live.viewer
    return (live.workshop.is_ended, viewer.user is not None and viewer.is_facilitator)


def register_live_regions() -> None:
    """Called once from LibraryConfig.ready."""
    add_live_part("ending", ending_part)
    add_region(
        AddedRegion(
            name="ending",
            template="library/_ending.html",
            pages=(Page.FACILITATE, Page.PARTICIPANT, Page.PRESENT),
            column="main",
            # Only starting and ending the workshop change it (they announce every region).
            opens_in=frozenset(),
            audience=ending_audience,
        )
    )
