"""What an ended workshop leaves behind, gathered for its record page."""

from collections import Counter
from functools import cached_property

from django.db.models import Count, Prefetch

from metrics.evaluation import heatmap
from metrics.models import Candidate, CandidateBoard, NorthStar, PairMember, Score
from metrics.vanity import vanity_hints
from workshops.charts import Bar, bar_chart
from workshops.checklist import CHECKLIST
from workshops.models import Game, Note, WarmUpGroup, Workshop

from .models import NorthStarVersion


class WorkshopRecord:
    checklist = CHECKLIST

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop

    @cached_property
    def participants(self):
        return list(self.workshop.participants.active().order_by("display_name"))

    @cached_property
    def agenda(self) -> list[dict]:
        rows = []
        for segment in self.workshop.segments.all():
            actual = round(segment.actual_seconds / 60)
            rows.append(
                {
                    "segment": segment,
                    "planned": segment.planned_minutes,
                    "actual": actual,
                    "visited": segment.actual_seconds > 0,
                    "over": actual - segment.planned_minutes,
                }
            )
        return rows

    @cached_property
    def game_picks(self) -> list[Bar]:
        """The picks as the live reveal showed them: the three games in their usual order."""
        counts = Counter(self.workshop.game_picks.values_list("game", flat=True))
        return bar_chart(((value, label, counts.get(value, 0)) for value, label in Game.choices), ranked=False)

    @property
    def picked(self) -> int:
        return sum(bar.count for bar in self.game_picks)

    @cached_property
    def opening_notes(self):
        """What people wrote on the opening discussion's board: why the team is here."""
        return list(self.workshop.notes.filter(board=Note.Board.OPENING))

    @cached_property
    def warm_up_groups(self) -> list[WarmUpGroup]:
        """The warm-up's worksheets that have anything written on them, with who wrote them."""
        return [group for group in self.workshop.worksheets() if not group.is_empty]

    @cached_property
    def anti_examples(self):
        return list(self.workshop.notes.filter(board=Note.Board.TERRIBLE).select_related("author"))

    @cached_property
    def board(self) -> CandidateBoard | None:
        return CandidateBoard.objects.filter(workshop=self.workshop).first()

    @cached_property
    def candidates(self) -> list[Candidate]:
        """Every candidate shared with the group, with its dots; names only where the board showed names."""
        candidates = list(
            Candidate.objects.filter(workshop=self.workshop, shared_at__isnull=False, is_team=False)
            .with_inputs()
            .select_related("author")
            .prefetch_related(Prefetch("pair__members", queryset=PairMember.objects.select_related("participant")))
            .annotate(dots=Count("votes", distinct=True))
        )
        anonymous = self.board is not None and self.board.anonymous
        for candidate in candidates:
            candidate.board_authors = "" if anonymous else self._authors(candidate)
            candidate.hints = vanity_hints(candidate.metric_name, candidate.metric_definition)
        return candidates

    @staticmethod
    def _authors(candidate: Candidate) -> str:
        if candidate.pair is not None:  # read with the candidates (prefetched), as are its members
            return " & ".join(m.participant.display_name for m in candidate.pair.members.all())
        return candidate.author.display_name if candidate.author else ""

    @cached_property
    def dots_chart(self) -> list[Bar]:
        """The shared candidates by their dots, ranked as the room saw them after the reveal."""
        return bar_chart((str(c.pk), c.metric_name, c.dots) for c in self.candidates)

    @cached_property
    def heatmap_rows(self) -> list[dict]:
        ids = [c.pk for c in self.candidates]
        scores = Score.objects.filter(candidate_id__in=ids).values_list("candidate_id", "criterion", "value")
        cells = heatmap(ids, list(scores))
        return [{"candidate": c, "cells": list(zip(CHECKLIST, cells[c.pk], strict=True))} for c in self.candidates]

    @cached_property
    def north_star(self) -> NorthStar | None:
        return (
            NorthStar.objects.filter(workshop=self.workshop)
            .select_related("statement")
            .prefetch_related("statement__inputs__opportunities", "initiatives__item", "built_from", "runners_up")
            .first()
        )

    @cached_property
    def adopted_version(self) -> NorthStarVersion | None:
        """The North Star as the workshop adopted it (later versions live on its own page)."""
        if self.north_star is None:
            return None
        return self.north_star.versions.order_by("number").first()

    @cached_property
    def greenfield(self) -> list[dict]:
        if self.north_star is None:
            return []
        return [
            {"input": item, "opportunities": list(item.opportunities.all())}
            for item in self.north_star.statement.inputs.all()
        ]
