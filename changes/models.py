"""A proposal to change the North Star: the new state, why, the evidence, what it touches, and the decision.

Changing the North Star is deliberate: any member proposes, a team owner decides, and the
approval records the new version with the proposal's rationale as what the team learned.
"""

from datetime import datetime

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from library.models import NorthStarVersion
from library.snapshot import Snapshot
from measures.models import Measure
from metrics.models import NorthStar

from .advice import QUARTER
from .evidence import evidence_kind

SOURCE_PROPOSAL = "proposal"


class ProposalRefused(Exception):
    """Why a decision cannot be taken, in words for the person who tried."""


class Proposal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Waiting for a team owner"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"

    north_star = models.ForeignKey(NorthStar, on_delete=models.CASCADE, related_name="proposals")
    # The version it was written against: approving after another change would silently undo that one.
    base_number = models.PositiveIntegerField()
    base_created_at = models.DateTimeField()
    snapshot = models.JSONField()
    rationale = models.TextField(max_length=4000)
    affected_inputs = models.JSONField(default=list, blank=True)
    affected_measures = models.ManyToManyField(Measure, blank=True, related_name="+")
    affected_bets = models.ManyToManyField("library.Bet", blank=True, related_name="+")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.ForeignKey(NorthStarVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Proposal for {self.north_star}"

    def get_absolute_url(self) -> str:
        return reverse("changes:proposal", args=[self.north_star.key, self.pk])

    @property
    def data(self) -> Snapshot:
        return Snapshot(self.snapshot)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def soon_after_last_change(self) -> bool:
        """Proposed within 90 days of the version it changes: worth a warning, never a refusal."""
        return self.created_at - self.base_created_at < QUARTER

    @property
    def days_since_last_change(self) -> int:
        return (self.created_at - self.base_created_at).days

    def approve(self, user, *, at: datetime | None = None) -> NorthStarVersion:
        """Record the proposed state as the next version, with the rationale as what the team learned."""
        with transaction.atomic():
            proposal = self.decidable()
            version = NorthStarVersion.objects.record(
                proposal.north_star, proposal.snapshot, author=user, note=proposal.rationale, source=SOURCE_PROPOSAL
            )
            proposal.decide(self.Status.APPROVED, user, at, version)
        self.refresh_from_db()
        return version

    def decline(self, user, *, at: datetime | None = None) -> None:
        with transaction.atomic():
            self.decidable().decide(self.Status.DECLINED, user, at, None)
        self.refresh_from_db()

    def decidable(self) -> "Proposal":
        """This proposal, locked, if it can still be decided; otherwise ProposalRefused says why."""
        # The North Star's row first, as NorthStarVersion.objects.record takes it: two owners approving
        # two proposals at once queue here, so the second sees the first's version and is refused.
        list(NorthStar.objects.select_for_update().filter(pk=self.north_star_id).values_list("pk", flat=True))
        proposal = Proposal.objects.select_for_update(of=("self",)).select_related("north_star").get(pk=self.pk)
        if not proposal.is_open:
            raise ProposalRefused(f"This proposal is already {proposal.get_status_display().lower()}.")
        latest = proposal.north_star.versions.order_by("-number").first()
        if latest is None or latest.number != proposal.base_number:
            raise ProposalRefused(
                f"The North Star changed after this proposal was written (it is now at version "
                f"{latest.number if latest else 0}). Propose the change again from the current version."
            )
        return proposal

    def decide(self, status: str, user, at: datetime | None, version: NorthStarVersion | None) -> None:
        self.status, self.decided_by, self.decided_at, self.version = status, user, at or timezone.now(), version
        self.save(update_fields=["status", "decided_by", "decided_at", "version"])


class Evidence(models.Model):
    """A link the proposal rests on: the correlation report, a checkup flag, a review decision, any page."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="evidence")
    # A key from changes/evidence.py; kept as text so apps added later bring their own kinds.
    kind = models.CharField(max_length=30)
    url = models.CharField(max_length=500)
    label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.label or self.url

    @property
    def kind_label(self) -> str:
        return evidence_kind(self.kind).label
