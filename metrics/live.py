"""What each viewer may see of the candidates right now. Drafts never leave their authors' pages
before they are shared: every list here is filtered for the viewer on the server."""

from functools import cached_property

from django.db.models import Count, Prefetch, Q

from workshops.access import Viewer
from workshops.models import Participant

from .checklist import CHECKLIST, HEURISTICS
from .models import MAX_INPUTS, Candidate, CandidateBoard, Pair, PairMember
from .vanity import vanity_hints

CANDIDATE_KINDS = ("brainstorm", "pair-share", "evaluate", "converge")


class CandidatesView:
    checklist = CHECKLIST
    heuristics = HEURISTICS
    max_inputs = MAX_INPUTS

    def __init__(self, viewer: Viewer, segment_kind: str | None) -> None:
        self.viewer = viewer
        self.workshop = viewer.workshop
        self.kind = segment_kind

    @property
    def is_active(self) -> bool:
        return self.kind in CANDIDATE_KINDS

    @cached_property
    def board(self) -> CandidateBoard:
        return CandidateBoard.objects.filter(workshop=self.workshop).first() or CandidateBoard(workshop=self.workshop)

    @property
    def me(self) -> Participant | None:
        return self.viewer.participant

    @cached_property
    def mine(self) -> list[Candidate]:
        if self.me is None:
            return []
        return self.with_hints(Candidate.objects.filter(author=self.me).with_inputs())

    def with_hints(self, candidates) -> list[Candidate]:
        candidates = list(candidates)
        for candidate in candidates:
            candidate.hints = vanity_hints(candidate.metric_name, candidate.metric_definition)
        return candidates

    @cached_property
    def my_pair(self) -> Pair | None:
        if self.me is None:
            return None
        membership = PairMember.objects.filter(participant=self.me).select_related("pair").first()
        return membership.pair if membership else None

    @cached_property
    def partners(self) -> list[Participant]:
        if self.my_pair is None:
            return []
        return [
            m.participant
            for m in self.my_pair.members.select_related("participant").order_by("participant__display_name")
            if m.participant_id != self.me.pk
        ]

    @cached_property
    def partner_candidates(self) -> list[tuple[Participant, list[Candidate]]]:
        """Inside a pair, partners see each other's drafts: that is the point of pairing."""
        if not self.partners:
            return []
        candidates = Candidate.objects.filter(author__in=self.partners).with_inputs()
        by_author: dict[int, list[Candidate]] = {}
        for candidate in candidates:
            by_author.setdefault(candidate.author_id, []).append(candidate)
        return [(partner, by_author.get(partner.pk, [])) for partner in self.partners]

    @cached_property
    def pair_candidates(self) -> list[Candidate]:
        if self.my_pair is None:
            return []
        return self.with_hints(Candidate.objects.filter(pair=self.my_pair).with_inputs())

    @cached_property
    def progress(self) -> list[dict]:
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
        return list(
            Pair.objects.filter(workshop=self.workshop).prefetch_related(
                Prefetch("members", queryset=PairMember.objects.select_related("participant"))
            )
        )

    @cached_property
    def unpaired(self) -> list[Participant]:
        return list(
            self.workshop.participants.contributors().filter(pair_membership__isnull=True).order_by("display_name")
        )

    @cached_property
    def shared(self) -> list[Candidate]:
        """The board. Empty for everyone until the facilitator reveals it."""
        if not self.board.is_revealed:
            return []
        candidates = list(
            Candidate.objects.on_board(self.board)
            .with_inputs()
            .select_related("author")
            .prefetch_related(
                Prefetch("pair__members", queryset=PairMember.objects.select_related("participant")),
                "merged_from",
            )
        )
        for candidate in candidates:
            candidate.board_authors = self.authors(candidate)
        return candidates

    @cached_property
    def shared_count(self) -> int:
        return Candidate.objects.filter(workshop=self.workshop, shared_at__isnull=False).count()

    def authors(self, candidate: Candidate) -> str:
        if self.board.anonymous:
            return ""
        if candidate.pair_id:
            return " & ".join(m.participant.display_name for m in candidate.pair.members.all())
        return candidate.author.display_name if candidate.author else ""
