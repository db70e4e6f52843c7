"""Checkups: a team asks itself, anonymously, whether its North Star still works.

A checkup is open until it is closed: a live one when whoever runs it closes it, an
asynchronous one at its deadline (read from the clock on every request, so no task is
needed) or earlier if closed by hand.

Anonymity is in the shape of the tables. An `Answer` holds the ratings and nothing about
who gave them: no user, no time, and a random id, so neither its key nor its place in a
list follows the order people answered in. `Answered` is the separate marker that a member
has answered this checkup (so nobody answers twice); it holds no ratings and no time. No
column joins one table to the other. docs/architecture.md, "Checkups", says why.
"""

import uuid

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from metrics.models import NorthStar

# Distributions are shown from this many answers: fewer could single out one person's ratings.
MIN_ANSWERS = 3


class CheckupQuerySet(models.QuerySet):
    def of(self, north_star: NorthStar) -> "CheckupQuerySet":
        return self.filter(north_star=north_star)

    def open_at(self, now) -> "CheckupQuerySet":
        return self.filter(closed_at=None).filter(models.Q(deadline=None) | models.Q(deadline__gt=now))


class Checkup(models.Model):
    class Mode(models.TextChoices):
        LIVE = "live", "Live, together in a meeting"
        ASYNC = "async", "Over a few days, with a deadline"

    north_star = models.ForeignKey(NorthStar, on_delete=models.CASCADE, related_name="checkups")
    number = models.PositiveIntegerField()
    mode = models.CharField(max_length=5, choices=Mode.choices, default=Mode.ASYNC)
    # The inputs asked about, as [key, name] pairs of the version current when it opened:
    # the questions stay the same while the North Star is revised.
    inputs = models.JSONField(default=list)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = CheckupQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint("north_star", "number", name="one_checkup_number_per_north_star")]

    def __str__(self) -> str:
        return f"Checkup {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("checkups:checkup", args=[self.north_star.key, self.number])

    @property
    def group_name(self) -> str:
        return f"checkup-{self.pk}"

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.closed_at is None and (self.deadline is None or now < self.deadline)

    def ended_at(self, now=None):
        """When answering stopped, or None while it is open: a passed deadline closes it by itself."""
        if self.is_open(now):
            return None
        if self.closed_at is not None and (self.deadline is None or self.closed_at < self.deadline):
            return self.closed_at
        return self.deadline

    def close(self, now=None) -> bool:
        """Stop answering now. Closing twice, or after the deadline, changes nothing."""
        now = now or timezone.now()
        if not self.is_open(now):
            return False
        self.closed_at = now
        self.save(update_fields=["closed_at"])
        return True

    @property
    def input_names(self) -> dict[str, str]:
        return dict(self.inputs)

    @classmethod
    def open_for(cls, north_star: NorthStar, *, mode: str, deadline, inputs, by) -> "Checkup":
        with transaction.atomic():
            NorthStar.objects.select_for_update().filter(pk=north_star.pk).first()
            last = cls.objects.of(north_star).aggregate(n=models.Max("number"))["n"] or 0
            return cls.objects.create(
                north_star=north_star,
                number=last + 1,
                mode=mode,
                deadline=deadline if mode == cls.Mode.ASYNC else None,
                inputs=[[key, name] for key, name in inputs],
                opened_by=by,
            )


def random_id() -> uuid.UUID:
    return uuid.uuid4()


class Answer(models.Model):
    """One person's ratings, with nothing that says whose or when."""

    id = models.UUIDField(primary_key=True, default=random_id, editable=False)
    checkup = models.ForeignKey(Checkup, on_delete=models.CASCADE, related_name="answers")
    # {signal key: 1..5}; {input key: 1..5}; {signal key: text}.
    signals = models.JSONField(default=dict)
    confidence = models.JSONField(default=dict)
    comments = models.JSONField(default=dict)
    strategy = models.CharField(max_length=6)

    class Meta:
        # By the random id: a list of answers never tells who answered first.
        ordering = ["id"]

    def __str__(self) -> str:
        return f"An answer to {self.checkup}"


class Answered(models.Model):
    """That a member has answered a checkup: kept apart from the answer and never joined to it."""

    checkup = models.ForeignKey(Checkup, on_delete=models.CASCADE, related_name="answered")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint("checkup", "user", name="one_answer_per_member_and_checkup")]

    def __str__(self) -> str:
        return f"{self.user} answered {self.checkup}"
