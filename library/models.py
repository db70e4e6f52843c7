"""After the workshop: the versions of a team's North Star, the bets placed on its inputs, and share links.

A version is a JSON snapshot, not a copy of the Candidate and Input rows: a
snapshot cannot be edited by accident through the workshop's own forms, it
keeps its shape when the models change, and it is the same document that the
JSON export writes, so history, diff, export and import share one format.
"""

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import new_token
from metrics.models import NorthStar

from .snapshot import Snapshot, snapshot_of


class VersionQuerySet(models.QuerySet):
    def latest_first(self) -> "VersionQuerySet":
        return self.order_by("-number")

    def record(
        self, north_star: NorthStar, snapshot: dict, *, author=None, note: str = "", at=None, source: str = ""
    ) -> "NorthStarVersion":
        """Save the next version. Numbers come from a count taken under the North Star's row lock."""
        with transaction.atomic():
            NorthStar.objects.select_for_update().filter(pk=north_star.pk).first()
            last = self.filter(north_star=north_star).aggregate(n=models.Max("number"))["n"] or 0
            return self.create(
                north_star=north_star,
                number=last + 1,
                snapshot=snapshot,
                note=note,
                author=author,
                author_name=author.name if author else "",
                created_at=at or timezone.now(),
                source=source or SOURCE_WORKSHOP,
            )

    def catch_up(self, north_star: NorthStar) -> None:
        """Make the history complete for what happened inside the workshop.

        Version 1 is recorded when the team adopts; a North Star adopted before
        versions existed gets it here. While every version so far came from the
        workshop, later edits there (the facilitator may still tidy the wording
        before the end) become a new version instead of changing an old one.
        """
        if not north_star.is_adopted:
            return
        versions = list(self.filter(north_star=north_star))
        if versions and any(version.source != SOURCE_WORKSHOP for version in versions):
            return
        current = snapshot_of(north_star)
        if not versions:
            self.record(
                north_star,
                current,
                author=north_star.workshop.facilitator if north_star.workshop else None,
                note=adoption_note(north_star),
                at=north_star.adopted_at,
            )
        elif versions[-1].snapshot != current:
            self.record(north_star, current, note="Changed in the workshop after it was adopted.")


SOURCE_WORKSHOP = "workshop"
SOURCE_EDIT = "edit"
SOURCE_IMPORT = "import"


def adoption_note(north_star: NorthStar) -> str:
    if north_star.workshop:
        return f"Adopted in the workshop “{north_star.workshop.title}”."
    return "Adopted."


def record_adoption(sender, north_star: NorthStar, author=None, **kwargs) -> None:
    """Version 1 of the team's history: the North Star as adopted (metrics.signals.north_star_adopted)."""
    NorthStarVersion.objects.record(north_star, snapshot_of(north_star), author=author, note=adoption_note(north_star))


def catch_up_ended_workshop(sender, workshop, **kwargs) -> None:
    """Edits made in the workshop after adoption become a version when it ends (workshops.signals)."""
    for north_star in NorthStar.objects.filter(workshop=workshop).select_related("statement", "workshop"):
        NorthStarVersion.objects.catch_up(north_star)


class NorthStarVersion(models.Model):
    """One state of a North Star, never changed once saved. The highest number is the current one."""

    north_star = models.ForeignKey(NorthStar, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    note = models.TextField("what did we learn?", max_length=2000, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    # Kept as text too, so the name survives the account and travels with an export.
    author_name = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # "workshop" for versions taken from the workshop's statement; "edit" for the team's later edits.
    source = models.CharField(max_length=10, default=SOURCE_WORKSHOP)

    objects = VersionQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint("north_star", "number", name="one_version_number_per_north_star")]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.metric_name}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            # History is never rewritten: a change is a new version.
            raise ValueError("A saved version cannot be changed; save a new version instead.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("library:version", args=[self.north_star.key, self.number])

    @property
    def who(self) -> str:
        return self.author.name if self.author else (self.author_name or "the workshop")

    @property
    def data(self) -> Snapshot:
        return Snapshot(self.snapshot)

    @property
    def metric_name(self) -> str:
        return self.data.metric_name


class Bet(models.Model):
    """Work connected to an input: an opportunity or an intervention the team bets will move it."""

    class Level(models.IntegerChoices):
        INPUT = 1, "Level 1 · input bet"
        OPPORTUNITY = 2, "Level 2 · opportunity"
        INTERVENTION = 3, "Level 3 · intervention"

    class Status(models.TextChoices):
        NEXT = "next", "Next"
        IN_PROGRESS = "in-progress", "In progress"
        IN_REVIEW = "in-review", "In review"
        DONE = "done", "Done"

    north_star = models.ForeignKey(NorthStar, on_delete=models.CASCADE, related_name="bets")
    # The input's key in the versions' snapshots: stable across renames and new versions.
    input_key = models.CharField(max_length=40)
    level = models.PositiveSmallIntegerField(choices=Level.choices, default=Level.OPPORTUNITY)
    title = models.CharField(max_length=120)
    hypothesis = models.CharField(max_length=400)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEXT)
    link = models.URLField(max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["level", "created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class ShareLink(models.Model):
    """A read-only link to one North Star for people outside the tool, until someone revokes it."""

    north_star = models.ForeignKey(NorthStar, on_delete=models.CASCADE, related_name="share_links")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Share link for {self.north_star}"

    def get_absolute_url(self) -> str:
        return reverse("library:shared", args=[self.token])

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Division(models.Model):
    """The division (a separate product line) a North Star belongs to: a team with several product lines
    may keep one North Star per line, on purpose. A row of its own, absent for a North Star in none."""

    north_star = models.OneToOneField(NorthStar, on_delete=models.CASCADE, primary_key=True, related_name="division")
    name = models.CharField("division", max_length=80)

    def __str__(self) -> str:
        return self.name
