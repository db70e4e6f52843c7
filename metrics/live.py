"""What each viewer may see of the candidates right now. Drafts never leave their authors' pages
before they are shared: every list here is filtered for the viewer on the server."""

from collections import Counter
from functools import cached_property

from django.db.models import Count, Prefetch, Q
from django.template.loader import render_to_string
from django.utils import timezone

from workshops.access import Page, Viewer
from workshops.charts import Bar, bar_chart
from workshops.checklist import CHECKLIST, HEURISTICS
from workshops.live import AddedRegion, LiveState, add_live_part, add_region
from workshops.models import Participant, Segment
from workshops.paging import WallPage, wall_page
from workshops.renders import SharedRenders, read_once

from .evaluation import DotAdvice, dot_advice, heatmap
from .forms import DefinitionForm
from .models import MAX_INPUTS, Candidate, CandidateBoard, Input, NorthStar, Pair, PairMember, Score, Vote
from .stuck import Suggestion, suggestions
from .vanity import vanity_hints

CANDIDATE_KINDS = ("brainstorm", "pair-share", "evaluate", "converge")
DRAFTING_KINDS = ("brainstorm", "pair-share")
TREE_TEMPLATE = "metrics/_tree.html"
# How many candidates' trees the projector shows at once (static/css/present.css lays them out).
TREES_PER_WALL_PAGE = 4


def grouped(rows, key: str) -> dict:
    """Rows by the value of their attribute `key`, in the order read."""
    groups: dict = {}
    for row in rows:
        groups.setdefault(getattr(row, key), []).append(row)
    return groups


class CandidatesView:
    checklist = CHECKLIST
    heuristics = HEURISTICS
    max_inputs = MAX_INPUTS

    def __init__(
        self,
        viewer: Viewer,
        segment_kind: str | None,
        shared: SharedRenders | None = None,
        board: CandidateBoard | None = None,
        on_board: list[Candidate] | None = None,
        my_dots: dict[int, int] | None = None,
        projector_page: int = 1,
    ) -> None:
        self.viewer = viewer
        self.projector_page = projector_page
        self.workshop = viewer.workshop
        self.kind = segment_kind
        # One notice's shared reads (see workshops/renders.py): what is the same for every
        # viewer (the board, the pairs, the counts) is read once for all tabs. The viewer's
        # own drafts, pair, ratings and dots never go in it.
        self.memo = shared
        # Read already by the caller (a dot's answer): the cached properties' values.
        if board is not None:
            self.board = board
        if on_board is not None:
            self.on_board = on_board
        if my_dots is not None:
            self.my_dots = my_dots

    def once(self, key: str, compute):
        return read_once(self.memo, f"candidates:{key}", compute)

    @property
    def is_active(self) -> bool:
        return self.kind in CANDIDATE_KINDS

    @property
    def is_drafting(self) -> bool:
        """People are still writing candidates: the projector shows how far the room has got."""
        return self.kind in DRAFTING_KINDS

    @cached_property
    def board(self) -> CandidateBoard:
        return self.once("board", self.read_candidate_board)

    def read_candidate_board(self) -> CandidateBoard:
        found = CandidateBoard.objects.filter(workshop=self.workshop).order_by("pk").first()
        return found or CandidateBoard(workshop=self.workshop)

    @property
    def me(self) -> Participant | None:
        return self.viewer.participant

    @cached_property
    def mine(self) -> list[Candidate]:
        if self.me is None:
            return []
        if self.memo is None:
            return self.with_hints(Candidate.objects.filter(author=self.me).with_inputs())
        # A broadcast renders every tab's own drafts: one read of the room's for all of them.
        # Each tab takes its own author's list; the others never reach its page.
        drafts = self.once("drafts", self.read_drafts_by_author)
        return self.with_hints(drafts.get(self.me.pk, []))

    def read_drafts_by_author(self) -> dict[int, list[Candidate]]:
        return grouped(Candidate.objects.filter(author__workshop=self.workshop).with_inputs(), "author_id")

    def with_hints(self, candidates) -> list[Candidate]:
        candidates = list(candidates)
        for candidate in candidates:
            candidate.hints = vanity_hints(candidate.metric_name, candidate.metric_definition)
        return candidates

    @cached_property
    def my_pair(self) -> Pair | None:
        if self.me is None:
            return None
        if self.memo is not None:
            # The room's pairs, read once per broadcast with their members.
            return next(
                (pair for pair in self.pairs if any(m.participant_id == self.me.pk for m in pair.members.all())), None
            )
        membership = PairMember.objects.filter(participant=self.me).select_related("pair").first()
        return membership.pair if membership else None

    @cached_property
    def partners(self) -> list[Participant]:
        if self.my_pair is None:
            return []
        members = self.my_pair.members.all()  # a broadcast's pairs come with their members
        if self.memo is None:
            members = members.select_related("participant")
        people = sorted((m.participant for m in members), key=lambda p: (p.display_name.casefold(), p.pk))
        return [person for person in people if person != self.me]

    @cached_property
    def partner_candidates(self) -> list[tuple[Participant, list[Candidate]]]:
        """Inside a pair, partners see each other's drafts: that is the point of pairing."""
        if not self.partners:
            return []
        if self.memo is not None:
            by_author = self.once("drafts", self.read_drafts_by_author)
        else:
            by_author = grouped(Candidate.objects.filter(author__in=self.partners).with_inputs(), "author_id")
        return [(partner, by_author.get(partner.pk, [])) for partner in self.partners]

    @cached_property
    def pair_candidates(self) -> list[Candidate]:
        if self.my_pair is None:
            return []
        if self.memo is not None:
            by_pair = self.once("pair_drafts", self.read_drafts_by_pair)
            return self.with_hints(by_pair.get(self.my_pair.pk, []))
        return self.with_hints(Candidate.objects.filter(pair=self.my_pair).with_inputs())

    def read_drafts_by_pair(self) -> dict[int, list[Candidate]]:
        return grouped(Candidate.objects.filter(pair__workshop=self.workshop).with_inputs(), "pair_id")

    @cached_property
    def progress(self) -> list[dict]:
        return self.once("progress", self.read_progress)

    def read_progress(self) -> list[dict]:
        """For the facilitator: who has started and how many candidates each has; never their text."""
        people = (
            self.workshop.participants.contributors()
            .annotate(
                drafts=Count("candidates", distinct=True),
                started=Count(
                    "candidates",
                    filter=~Q(candidates__metric_name="") | ~Q(candidates__metric_definition=""),
                    distinct=True,
                ),
            )
            .order_by("display_name")
        )
        return [{"participant": p, "drafts": p.drafts, "started": p.started > 0} for p in people]

    @cached_property
    def progress_summary(self) -> dict:
        rows = self.progress
        return {
            "started": sum(1 for row in rows if row["started"]),
            "total": len(rows),
            "drafts": sum(row["drafts"] for row in rows),
        }

    @cached_property
    def pairs(self) -> list[Pair]:
        return self.once("pairs", self.read_pairs)

    def read_pairs(self) -> list[Pair]:
        return list(
            Pair.objects.filter(workshop=self.workshop).prefetch_related(
                Prefetch("members", queryset=PairMember.objects.select_related("participant"))
            )
        )

    @cached_property
    def unpaired(self) -> list[Participant]:
        return self.once(
            "unpaired",
            lambda: list(
                self.workshop.participants.contributors().filter(pair_membership__isnull=True).order_by("display_name")
            ),
        )

    @cached_property
    def shared(self) -> list[Candidate]:
        return self.once("shared", self.read_board)

    def read_board(self) -> list[Candidate]:
        """The board. Empty for everyone until the facilitator reveals it."""
        if not self.board.is_revealed:
            return []
        candidates = list(
            Candidate.objects.on_board(self.board)
            .select_related("author", "pair", "proxy")
            .prefetch_related(
                Prefetch("inputs", queryset=Input.objects.select_related("proxy")),
                "merged_from",
                Prefetch("pair__members", queryset=PairMember.objects.select_related("participant").order_by("pk")),
            )
        )
        for candidate in candidates:
            candidate.board_authors = self.authors(candidate)
        return self.with_hints(candidates)

    @cached_property
    def wall_board(self) -> WallPage[Candidate]:
        """The candidates on the projector now: the page of the board the facilitator put up."""
        return wall_page(self.shared, TREES_PER_WALL_PAGE, self.projector_page)

    @cached_property
    def shared_count(self) -> int:
        return self.once(
            "shared_count", lambda: Candidate.objects.filter(workshop=self.workshop, shared_at__isnull=False).count()
        )

    def authors(self, candidate: Candidate) -> str:
        if self.board.anonymous:
            return ""
        if candidate.pair is not None:
            return " & ".join(m.participant.display_name for m in candidate.pair.members.all())
        return candidate.author.display_name if candidate.author else ""

    # Evaluate: scores and dots -----------------------------------------------------

    score_values = Score.Value.choices

    @property
    def is_evaluating(self) -> bool:
        return self.kind == "evaluate" and self.board.is_revealed

    @cached_property
    def my_scores(self) -> dict[str, int]:
        """This participant's own ratings, keyed "candidate-criterion"; nobody else's."""
        if self.me is None:
            return {}
        if self.memo is not None:
            # A broadcast renders every tab's own grid: one read for all of them, each takes its own.
            return self.once("scores", self.read_scores_by_participant).get(self.me.pk, {})
        rows = Score.objects.filter(participant=self.me).values_list("candidate_id", "criterion", "value")
        return {f"{cid}-{criterion}": value for cid, criterion, value in rows}

    def read_scores_by_participant(self) -> dict[int, dict[str, int]]:
        rows = Score.objects.filter(participant__workshop=self.workshop).values_list(
            "participant_id", "candidate_id", "criterion", "value"
        )
        scores: dict[int, dict[str, int]] = {}
        for participant_id, cid, criterion, value in rows:
            scores.setdefault(participant_id, {})[f"{cid}-{criterion}"] = value
        return scores

    @cached_property
    def my_dots(self) -> dict[int, int]:
        if self.me is None:
            return {}
        if self.memo is not None:
            return self.once("dots", self.read_dots_by_participant).get(self.me.pk, {})
        return dict(Counter(Vote.objects.filter(participant=self.me).values_list("candidate_id", flat=True)))

    def read_dots_by_participant(self) -> dict[int, dict[int, int]]:
        rows = (
            Vote.objects.filter(participant__workshop=self.workshop)
            .values("participant", "candidate")
            .annotate(n=Count("pk"))
            .values_list("participant", "candidate", "n")
        )
        dots: dict[int, dict[int, int]] = {}
        for participant_id, candidate_id, n in rows:
            dots.setdefault(participant_id, {})[candidate_id] = n
        return dots

    @property
    def evaluation_open(self) -> bool:
        return not (self.board.scores_revealed and self.board.votes_revealed)

    @property
    def reveal_buttons(self) -> list[tuple[str, str, bool]]:
        return [("scores", "ratings", self.board.scores_revealed), ("votes", "dots", self.board.votes_revealed)]

    @property
    def dots_left(self) -> int:
        return max(self.board.dots_per_person - sum(self.my_dots.values()), 0)

    @property
    def dots_usable(self) -> int:
        """The dots this viewer can still place: with one dot per candidate, no more than the candidates left."""
        if self.board.several_dots_per_candidate:
            return self.dots_left
        # A notice's renders share one read of the board's trees; a dot's answer reads only the names.
        board = self.shared if self.memo is not None else self.on_board
        return min(self.dots_left, sum(1 for candidate in board if not self.my_dots.get(candidate.pk)))

    @cached_property
    def dot_rows(self) -> list[tuple[Candidate, int]]:
        """Each candidate on the revealed board, in board order, with this viewer's dots on it.

        Only what a dot changes (see metrics/_vote_answer.html): names and ids, not the trees.
        """
        if not self.board.is_revealed:
            return []
        return [(candidate, self.my_dots.get(candidate.pk, 0)) for candidate in self.on_board]

    @cached_property
    def dot_advice(self) -> DotAdvice | None:
        """For the facilitator in the evaluation, before the vote: whether the dots suit the board."""
        if self.kind != "evaluate" or self.board.votes_revealed:
            return None
        count = self.once("on_board_count", lambda: len(self.on_board))
        return dot_advice(self.board.dots_per_person, count, self.board.several_dots_per_candidate)

    @cached_property
    def on_board(self) -> list[Candidate]:
        """The revealed board's candidates as ids and names: all a dot control shows of them."""
        return list(Candidate.objects.on_board(self.board).only("pk", "metric_name"))

    @cached_property
    def scoring_rows(self) -> list[dict]:
        """For a participant's grid: each shared candidate with their own answer per criterion."""
        rows = []
        for candidate in self.shared:
            rows.append(
                {
                    "candidate": candidate,
                    "tree": self.tree(candidate),
                    "answers": [self.answer_row(candidate, criterion) for criterion in CHECKLIST],
                    "dots": self.my_dots.get(candidate.pk, 0),
                }
            )
        return rows

    def answer_row(self, candidate: Candidate, criterion) -> dict:
        """One criterion's radio buttons for one candidate, this viewer's answer checked.

        Worked out here rather than in the template: a board of candidates is a few hundred
        buttons, and each look-up the template would make costs more than the string it builds.
        """
        answer = self.my_scores.get(f"{candidate.pk}-{criterion.key}")
        return {
            "criterion": criterion,
            "choices": [
                {
                    "id": f"s{candidate.pk}-{criterion.key}-{value}",
                    "value": value,
                    "checked": answer == value,
                    "label": f"{criterion.name}: {label}",
                }
                for value, label in self.score_values
            ],
        }

    def tree(self, candidate: Candidate) -> str:
        """A board candidate's tree: the same for every viewer, so rendered once per broadcast."""
        return self.once(f"tree:{candidate.pk}", lambda: render_to_string(TREE_TEMPLATE, {"candidate": candidate}))

    @cached_property
    def heatmap_rows(self) -> list[dict]:
        return self.once("heatmap", self.read_heatmap)

    def read_heatmap(self) -> list[dict]:
        """After the scores are revealed: averages and spread per candidate and criterion."""
        if not self.board.scores_revealed:
            return []
        ids = [c.pk for c in self.shared]
        scores = Score.objects.filter(candidate_id__in=ids).values_list("candidate_id", "criterion", "value")
        cells = heatmap(ids, list(scores))
        return [{"candidate": c, "cells": list(zip(CHECKLIST, cells[c.pk], strict=True))} for c in self.shared]

    @cached_property
    def stuck_suggestions(self) -> list[Suggestion]:
        """For the facilitator in converge: which activity to run next, from what the room has."""
        if self.kind != Segment.Kind.CONVERGE:
            return []
        rows = [[cell for _, cell in row["cells"]] for row in self.heatmap_rows]
        return suggestions(game_agreed=bool(self.workshop.game), heatmap=rows)

    @cached_property
    def ranking(self) -> list[dict]:
        return self.once("ranking", self.read_ranking)

    def read_ranking(self) -> list[dict]:
        """After the dots are revealed: candidates by dots, most first."""
        if not self.board.votes_revealed:
            return []
        counts = dict(
            Vote.objects.filter(candidate__in=self.shared)
            .values("candidate")
            .annotate(n=Count("pk"))
            .values_list("candidate", "n")
        )
        rows = [{"candidate": c, "dots": counts.get(c.pk, 0)} for c in self.shared]
        return sorted(rows, key=lambda row: -row["dots"])

    @cached_property
    def dots_chart(self) -> list[Bar]:
        """The ranking as bars: the most dots first, equal dots sharing a rank."""
        return bar_chart((str(row["candidate"].pk), row["candidate"].metric_name, row["dots"]) for row in self.ranking)

    @cached_property
    def evaluation_progress(self) -> dict:
        return self.once("evaluation_progress", self.read_evaluation_progress)

    def read_evaluation_progress(self) -> dict:
        """For the facilitator: how many took part, never who gave what."""
        return self.workshop.participants.contributors().aggregate(
            total=Count("pk", distinct=True),
            scored=Count("pk", filter=Q(scores__isnull=False), distinct=True),
            voted=Count("pk", filter=Q(votes__isnull=False), distinct=True),
            dots=Count("votes", distinct=True),
        )

    # Converge: the team's North Star -------------------------------------------------

    @cached_property
    def north_star(self) -> NorthStar | None:
        return self.once("north_star", self.read_north_star)

    def read_north_star(self) -> NorthStar | None:
        north_star = (
            NorthStar.objects.filter(workshop=self.workshop)
            .select_related("statement", "statement__proxy", "greenfield_input")
            .prefetch_related(
                Prefetch(
                    "statement__inputs",
                    queryset=Input.objects.select_related("proxy").annotate(opportunity_count=Count("opportunities")),
                ),
                "runners_up",
                "built_from",
                "initiatives__item",
            )
            .first()
        )
        if north_star is not None:
            north_star.statement.hints = []
        return north_star

    @property
    def greenfield_open(self) -> bool:
        return self.north_star is not None and self.north_star.greenfield_open(timezone.now())

    @property
    def start_rows(self) -> list[dict]:
        return [{"candidate": candidate, "dots": None} for candidate in self.shared]

    @property
    def game_choices(self):
        return NorthStar.Game.choices

    @property
    def definition_form(self) -> DefinitionForm | None:
        north_star = self.north_star
        if north_star is None:
            return None
        return DefinitionForm(
            initial=DefinitionForm.initial_for(north_star.definition_answers, north_star.company_stage),
            auto_id=f"definition-{north_star.pk}-%s",
        )


# The regions and the part metrics adds to the workshop's live pages -------------------------


def candidates_part(live: LiveState) -> CandidatesView:
    current = live.current
    return CandidatesView(
        live.viewer,
        current.kind if current else None,
        live.shared,
        projector_page=current.projector_page if current else 1,
    )


def candidates_audience(live: LiveState, page: Page) -> tuple | None:
    if not live.candidates.is_active or not live.workshop.is_live:
        return ("closed",)
    if page != Page.PARTICIPANT:
        return ()
    if live.current is not None and live.current.kind == Segment.Kind.CONVERGE:
        return (live.viewer.may_contribute, live.viewer.is_observer)
    return None  # their drafts, their pair, their ratings and dots


def pairwork_audience(live: LiveState, page: Page) -> tuple | None:
    if not live.workshop.is_live or live.current is None or live.current.kind != Segment.Kind.PAIR_SHARE:
        return ("closed",)
    return None  # their pair's work


def register_live_regions() -> None:
    """Called once from MetricsConfig.ready."""
    add_live_part("candidates", candidates_part)
    # The pair's shared editor first: on a participant's page it comes before the partners' drafts.
    add_region(
        AddedRegion(
            name="pairwork",
            template="metrics/_pairwork.html",
            pages=(Page.PARTICIPANT,),
            column="main",
            opens_in=frozenset({Segment.Kind.PAIR_SHARE}),
            audience=pairwork_audience,
        )
    )
    add_region(
        AddedRegion(
            name="candidates",
            template="metrics/_candidates.html",
            pages=(Page.FACILITATE, Page.PARTICIPANT, Page.PRESENT),
            column="main",
            opens_in=frozenset(CANDIDATE_KINDS),
            audience=candidates_audience,
        )
    )
    add_region(
        AddedRegion(
            name="progress",
            template="metrics/_progress.html",
            pages=(Page.FACILITATE, Page.PRESENT),
            column="side",
            opens_in=None,
            audience=lambda live, page: (),  # counts only, the same for every facilitator
        )
    )
    add_region(
        AddedRegion(
            name="dots",
            template="metrics/_dots_part.html",
            pages=(Page.PARTICIPANT,),
            column="main",
            opens_in=frozenset({Segment.Kind.EVALUATE}),
            audience=lambda live, page: None,  # their own dots
            # What a dot changes on the voter's other tabs; the candidates region carries it otherwise.
            inside="candidates",
        )
    )
