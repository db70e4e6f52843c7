"""A North Star's recurring review: a series of meetings, each with a frozen scorecard.

A series says when the team meets (weekly, every two weeks or monthly, on a weekday at a
local time in a time zone). Each occurrence is one meeting: it freezes the scorecard as of
its date, so a value corrected later does not change what the meeting saw. During the
meeting a facilitator steps through the items while everyone follows; members vote their
confidence in each input (hidden until revealed), record decisions and raise actions. An
action stays on every next occurrence's list until someone closes it.
"""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from metrics.models import NorthStar

from . import schedule


class ReviewSeries(models.Model):
    class Cadence(models.TextChoices):
        WEEKLY = schedule.WEEKLY, "Every week"
        FORTNIGHTLY = schedule.FORTNIGHTLY, "Every two weeks"
        MONTHLY = schedule.MONTHLY, "Every month (its first such weekday)"

    class Weekday(models.IntegerChoices):
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"
        SATURDAY = 5, "Saturday"
        SUNDAY = 6, "Sunday"

    north_star = models.OneToOneField(NorthStar, on_delete=models.CASCADE, related_name="review_series")
    cadence = models.CharField("how often", max_length=12, choices=Cadence.choices, default=Cadence.WEEKLY)
    weekday = models.PositiveSmallIntegerField("on", choices=Weekday.choices, default=Weekday.MONDAY)
    time_of_day = models.TimeField("at (local time)", default=dt.time(10, 0))
    time_zone = models.CharField("time zone", max_length=64, default="UTC")
    first_day = models.DateField("from")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "review series"

    def __str__(self) -> str:
        return f"{self.get_cadence_display()} on {self.get_weekday_display()} at {self.time_of_day:%H:%M}"

    def next_start(self, after: dt.datetime) -> dt.datetime:
        return schedule.next_meeting(
            self.cadence, self.weekday, self.time_of_day, self.time_zone, self.first_day, after
        )

    def local_day(self, moment: dt.datetime) -> dt.date:
        from zoneinfo import ZoneInfo

        return moment.astimezone(ZoneInfo(self.time_zone)).date()

    def upcoming(self) -> "Occurrence | None":
        return self.occurrences.filter(state=Occurrence.State.UPCOMING).order_by("starts_at").first()

    def schedule_next(self, now: dt.datetime | None = None) -> "Occurrence":
        """The next meeting, made if the series has none waiting; its preparation is queued with it.

        It follows the last meeting held or planned, and lies in the future.
        """
        waiting = self.upcoming()
        if waiting is not None:
            return waiting
        now = now or timezone.now()
        last = self.occurrences.order_by("-starts_at").first()
        after = max(now, last.starts_at) if last is not None else now
        starts_at = self.next_start(after)
        number = (last.number + 1) if last is not None else 1
        occurrence = Occurrence.objects.create(
            series=self, number=number, starts_at=starts_at, as_of=self.local_day(starts_at)
        )
        from .tasks import queue_preparation

        queue_preparation(occurrence)
        return occurrence


class Occurrence(models.Model):
    class State(models.TextChoices):
        UPCOMING = "upcoming", "Upcoming"
        LIVE = "live", "Live"
        ENDED = "ended", "Held"

    series = models.ForeignKey(ReviewSeries, on_delete=models.CASCADE, related_name="occurrences")
    number = models.PositiveIntegerField()
    starts_at = models.DateTimeField()
    as_of = models.DateField(help_text="The scorecard is frozen as of this day.")
    state = models.CharField(max_length=8, choices=State.choices, default=State.UPCOMING)
    snapshot = models.JSONField(null=True, blank=True)
    frozen_at = models.DateTimeField(null=True, blank=True)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    step = models.PositiveSmallIntegerField(default=0)
    revealed = models.JSONField(default=list, blank=True)  # input keys whose votes are shown
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [models.UniqueConstraint("series", "number", name="one_occurrence_per_number")]

    def __str__(self) -> str:
        return f"Review {self.number} on {self.as_of:%-d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:occurrence", args=[self.series.north_star.key, self.number])

    @property
    def north_star(self) -> NorthStar:
        return self.series.north_star

    @property
    def group_name(self) -> str:
        return f"review-{self.pk}"

    @property
    def is_live(self) -> bool:
        return self.state == self.State.LIVE

    @property
    def has_ended(self) -> bool:
        return self.state == self.State.ENDED

    def freeze(self, snapshot: dict) -> bool:
        """Keep `snapshot` as what this meeting sees, unless one is kept already. True if this call kept it."""
        kept = Occurrence.objects.filter(pk=self.pk, frozen_at=None).update(snapshot=snapshot, frozen_at=timezone.now())
        if kept:
            self.refresh_from_db(fields=["snapshot", "frozen_at"])
        return bool(kept)

    def carried_actions(self) -> models.QuerySet["Action"]:
        """Actions from earlier meetings still open, and those closed during this one."""
        return (
            Action.objects.filter(series_id=self.series_id, raised_in__starts_at__lt=self.starts_at)
            .filter(Q(closed_in=None) | Q(closed_in=self))
            .select_related("owner", "raised_in")
            .order_by("raised_in__starts_at", "pk")
        )

    def new_actions(self) -> models.QuerySet["Action"]:
        return self.actions_raised.select_related("owner").order_by("pk")

    def move(self, leaving: int, to: int, last: int) -> bool:
        """Go from item `leaving` to item `to`; a second click naming the same item does nothing."""
        if not 0 <= to <= last:
            return False
        return bool(Occurrence.objects.filter(pk=self.pk, step=leaving, state=self.State.LIVE).update(step=to))

    def reveal(self, key: str) -> None:
        with transaction.atomic():
            row = Occurrence.objects.select_for_update().get(pk=self.pk)
            if key not in row.revealed:
                row.revealed = [*row.revealed, key]
                row.save(update_fields=["revealed"])
            self.revealed = row.revealed


class Action(models.Model):
    series = models.ForeignKey(ReviewSeries, on_delete=models.CASCADE, related_name="actions")
    raised_in = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="actions_raised")
    text = models.CharField(max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    due = models.DateField(null=True, blank=True)
    closed_in = models.ForeignKey(
        Occurrence, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions_closed"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:40]

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Decision(models.Model):
    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="decisions")
    text = models.CharField(max_length=500)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:40]


class Vote(models.Model):
    """A member's confidence in one input, 1 to 5: nobody sees it until the facilitator reveals that input."""

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="votes")
    input_key = models.CharField(max_length=40)
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])

    class Meta:
        constraints = [models.UniqueConstraint("occurrence", "input_key", "voter", name="one_vote_per_input")]

    def __str__(self) -> str:
        return f"{self.input_key}: {self.score}"


class Reminder(models.Model):
    """One email to one owner before one meeting: the notes they still owe. Sent once."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        NOT_NEEDED = "not-needed", "Not needed: every note was written"
        FAILED = "failed", "Could not be sent"

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="reminders")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint("occurrence", "owner", name="one_reminder_per_owner")]

    def __str__(self) -> str:
        return f"{self.owner} for {self.occurrence}"
