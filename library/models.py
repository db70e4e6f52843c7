"""After the workshop: the versions of a team's North Star, the bets placed on its inputs, and share links.

A version is a JSON snapshot, not a copy of the Candidate and Input rows: a
snapshot cannot be edited by accident through the workshop's own forms, it
keeps its shape when the models change, and it is the same document that the
JSON export writes, so history, diff, export and import share one format.
"""

import datetime as dt

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


# How far ahead a bet of each level is reviewed by default (the Playbook's horizons, their short end).
REVIEW_HORIZON_DAYS = {0: 365, 1: 91, 2: 30, 3: 14}


class BetLevelProblem(ValueError):
    """A bet placed where its level may not hang: the message says where it may."""


class Bet(models.Model):
    """Work connected to the North Star, as a one-pager: results (0), input (1), opportunity (2), intervention (3).

    The bets form a tree: an intervention hangs off an opportunity, an opportunity off its
    input (and, where the team wrote one, that input's level-1 bet), a level-1 bet may hang
    off a level-0 bet that links the North Star to business results. `check_level` holds
    those rules; `rank` is the force-ranked order of the bets of one level on the board.
    """

    class Level(models.IntegerChoices):
        RESULTS = 0, "Level 0 · business results"
        INPUT = 1, "Level 1 · input bet"
        OPPORTUNITY = 2, "Level 2 · opportunity"
        INTERVENTION = 3, "Level 3 · intervention"

    class Status(models.TextChoices):
        NEXT = "next", "Next"
        IN_PROGRESS = "in-progress", "In progress"
        IN_REVIEW = "in-review", "In review"
        DONE = "done", "Done"

    class Direction(models.TextChoices):
        UP = "up", "Up"
        DOWN = "down", "Down"

    class Outcome(models.TextChoices):
        WORKED = "worked", "It worked"
        DID_NOT = "did-not", "It did not"
        CANNOT_TELL = "cannot-tell", "Cannot tell"

    north_star = models.ForeignKey(NorthStar, on_delete=models.CASCADE, related_name="bets")
    # The input's key in the versions' snapshots: stable across renames and new versions. Empty at level 0.
    input_key = models.CharField(max_length=40, blank=True)
    level = models.PositiveSmallIntegerField(choices=Level.choices, default=Level.OPPORTUNITY)
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    rank = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=120)
    hypothesis = models.CharField(max_length=400)
    # The opportunity, defined before the feature.
    problem = models.CharField(max_length=600, blank=True)
    for_whom = models.CharField(max_length=200, blank=True)
    evidence = models.CharField(max_length=600, blank=True)
    # The expected effect on the input: direction, size (in the input's unit), by when.
    expected_direction = models.CharField(max_length=4, choices=Direction.choices, default=Direction.UP)
    expected_size = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    expected_by = models.DateField(null=True, blank=True)
    owner = models.CharField("owner or team", max_length=120, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEXT)
    link = models.URLField(max_length=500, blank=True)
    started_on = models.DateField(null=True, blank=True)
    review_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    learning = models.CharField(max_length=1000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["level", "rank", "created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if self.review_on is None:
            self.review_on = self.default_review_on(self.level, timezone.localdate())
        super().save(*args, **kwargs)

    @staticmethod
    def default_review_on(level: int, start: dt.date) -> dt.date:
        return start + dt.timedelta(days=REVIEW_HORIZON_DAYS[level])

    def check_level(self) -> None:
        """Raise BetLevelProblem unless the bet hangs where its level may; takes its parent's input."""
        parent = self.parent
        if self.level == self.Level.RESULTS:
            if parent is not None:
                raise BetLevelProblem("A level-0 bet links the North Star to business results: it hangs off nothing.")
            self.input_key = ""
            return
        if parent is not None:
            if parent.north_star_id != self.north_star_id:
                raise BetLevelProblem("A bet can only hang off a bet of the same North Star.")
            if parent.level != self.level - 1:
                raise BetLevelProblem(
                    f"A level-{self.level} bet hangs off a level-{self.level - 1} bet, not a level-{parent.level} one."
                )
            if self.level >= 2:
                self.input_key = parent.input_key
        elif self.level == self.Level.INTERVENTION:
            raise BetLevelProblem("An intervention (level 3) hangs off an opportunity (level 2): choose one.")
        if not self.input_key:
            raise BetLevelProblem(f"A level-{self.level} bet needs the input it should move.")


class RevocableLink(models.Model):
    """A read-only link with an unguessable token, good until someone revokes it."""

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ShareLink(RevocableLink):
    """A read-only link to one North Star for people outside the tool, until someone revokes it."""

    north_star = models.ForeignKey(NorthStar, on_delete=models.CASCADE, related_name="share_links")

    def __str__(self) -> str:
        return f"Share link for {self.north_star}"

    def get_absolute_url(self) -> str:
        return reverse("library:shared", args=[self.token])


class Division(models.Model):
    """The division (a separate product line) a North Star belongs to: a team with several product lines
    may keep one North Star per line, on purpose. A row of its own, absent for a North Star in none."""

    north_star = models.OneToOneField(NorthStar, on_delete=models.CASCADE, primary_key=True, related_name="division")
    name = models.CharField("division", max_length=80)

    def __str__(self) -> str:
        return self.name
