"""The numbers on a North Star's tree: a measure per node, its targets, and a value per period.

A node is the North Star Metric itself (key "metric"), the business results it should
lead to ("results"), or one of its inputs (the input's key in the versions' snapshots,
which stays the same through renames and new versions, as bets' keys do). A measure
remembers the node's last name, so the history of an input removed in a later version
stays readable.

A value belongs to a period (the week or month it starts on, in the team's time zone).
When one upload or push carries several values for the same period, they combine by the
measure's rule (add them up, average them, or keep the last) and the result is the
period's value; sending the same values again changes nothing.
"""

import hashlib
import hmac
import re
import secrets
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from library.models import RevocableLink
from metrics.models import NorthStar

from . import periods

METRIC_KEY = "metric"
RESULTS_KEY = "results"

# Values are kept to six decimals, up to a million million million: money, counts and ratios fit.
MAX_DIGITS = 24
DECIMAL_PLACES = 6
LARGEST = Decimal(10) ** (MAX_DIGITS - DECIMAL_PLACES) - 1


class Measure(models.Model):
    class Direction(models.TextChoices):
        UP = "up", "Higher is better"
        DOWN = "down", "Lower is better"

    class Grain(models.TextChoices):
        WEEK = periods.WEEK, "Weekly (weeks start on Monday)"
        MONTH = periods.MONTH, "Monthly"

    class Combine(models.TextChoices):
        SUM = "sum", "Add them up"
        AVERAGE = "average", "Take their average"
        LAST = "last", "Keep the latest one"

    class Missing(models.TextChoices):
        GAP = "gap", "Leave a gap"
        ZERO = "zero", "Count it as zero"
        CARRY = "carry", "Carry the last value forward"

    north_star = models.ForeignKey(NorthStar, on_delete=models.CASCADE, related_name="measures")
    node_key = models.CharField(max_length=40)
    node_name = models.CharField(max_length=200, blank=True)
    unit = models.CharField(max_length=24, blank=True, help_text="For example: diners, %, €, minutes.")
    direction = models.CharField("which way is good", max_length=4, choices=Direction.choices, default=Direction.UP)
    grain = models.CharField("period", max_length=5, choices=Grain.choices, default=Grain.WEEK)
    combine = models.CharField(
        "several values in one period", max_length=7, choices=Combine.choices, default=Combine.SUM
    )
    missing = models.CharField("a period without a value", max_length=5, choices=Missing.choices, default=Missing.GAP)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="owned_measures"
    )
    work_stream = models.CharField("work stream that owns it", max_length=80, blank=True)
    baseline_value = models.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, null=True, blank=True)
    baseline_date = models.DateField(null=True, blank=True)
    # Status bands, as a share of where the plan says the value should be by now.
    on_track_from = models.PositiveSmallIntegerField(
        "on track from (% of plan)", default=100, validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    at_risk_from = models.PositiveSmallIntegerField(
        "at risk from (% of plan)", default=90, validators=[MinValueValidator(0), MaxValueValidator(1000)]
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint("north_star", "node_key", name="one_measure_per_node")]

    def __str__(self) -> str:
        return self.node_name or self.node_key

    @property
    def higher_is_better(self) -> bool:
        return self.direction == self.Direction.UP


class Target(models.Model):
    """Where the team wants the measure to be by a date. Several make a staircase."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="targets")
    value = models.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES)
    due = models.DateField("by")

    class Meta:
        ordering = ["due", "pk"]
        constraints = [models.UniqueConstraint("measure", "due", name="one_target_per_measure_and_date")]

    def __str__(self) -> str:
        return f"{self.value} by {self.due}"


class Value(models.Model):
    class Source(models.TextChoices):
        MANUAL = "manual", "Typed in"
        CSV = "csv", "CSV upload"
        API = "api", "Push API"
        SQL = "sql", "SQL source"

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="values")
    period_start = models.DateField()
    value = models.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES)
    source = models.CharField(max_length=6, choices=Source.choices, default=Source.MANUAL)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["measure", "period_start"]
        constraints = [models.UniqueConstraint("measure", "period_start", name="one_value_per_measure_and_period")]

    def __str__(self) -> str:
        return f"{self.measure}: {self.value} for {self.period_start}"


class VarianceNote(models.Model):
    """Why a period's value is where it is, in its owner's words."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="notes")
    period_start = models.DateField()
    text = models.TextField(max_length=1000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint("measure", "period_start", name="one_note_per_measure_and_period")]

    def __str__(self) -> str:
        return self.text[:40]


# What `ApiToken.issue` hands out; anything else is not looked up at all.
SECRET_SHAPE = re.compile(r"nsk_[A-Za-z0-9_-]{8,100}")


class ApiTokenQuerySet(models.QuerySet):
    def active(self) -> "ApiTokenQuerySet":
        return self.filter(revoked_at=None)


class ApiToken(models.Model):
    """A team's key for pushing values from its own systems.

    Only the SHA-256 of the secret is kept: the secret is shown once, when the token is
    made, and cannot be shown again. The prefix, a few characters of the secret, tells a
    team's tokens apart on the page and narrows the lookup; it is too short to use.
    """

    START = "nsk_"
    PREFIX_LENGTH = 8

    team = models.ForeignKey("accounts.Team", on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=PREFIX_LENGTH, db_index=True)
    secret_hash = models.CharField(max_length=64, unique=True)
    # None: every North Star of the team, today's and later ones.
    north_star = models.ForeignKey(
        NorthStar, on_delete=models.CASCADE, null=True, blank=True, related_name="api_tokens"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.shown_prefix}…)"

    @property
    def shown_prefix(self) -> str:
        return f"{self.START}{self.prefix}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @staticmethod
    def hash_of(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()

    @classmethod
    def issue(cls, *, team, name: str, north_star: NorthStar | None, created_by) -> tuple["ApiToken", str]:
        """A new token and its secret, which the caller shows once and forgets."""
        body = secrets.token_urlsafe(32)
        secret = f"{cls.START}{body}"
        token = cls.objects.create(
            team=team,
            name=name,
            prefix=body[: cls.PREFIX_LENGTH],
            secret_hash=cls.hash_of(secret),
            north_star=north_star,
            created_by=created_by,
        )
        return token, secret

    @classmethod
    def find(cls, secret: str) -> "ApiToken | None":
        """The token this secret belongs to, revoked or not; None for a secret we never issued."""
        if not SECRET_SHAPE.fullmatch(secret):
            return None
        prefix = secret[len(cls.START) :][: cls.PREFIX_LENGTH]
        digest = cls.hash_of(secret)
        for token in cls.objects.filter(prefix=prefix).select_related("team"):
            if hmac.compare_digest(token.secret_hash, digest):
                return token
        return None

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def may_write(self, north_star: NorthStar) -> bool:
        if self.revoked_at is not None or north_star.team_id != self.team_id:
            return False
        return self.north_star_id is None or self.north_star_id == north_star.pk

    def mark_used(self) -> None:
        self.last_used_at = timezone.now()
        ApiToken.objects.filter(pk=self.pk).update(last_used_at=self.last_used_at)


class SqlConnection(models.Model):
    """A team's database that SQL sources read from. The URL (with its password) is kept encrypted.

    Only `where` (engine, host, port, database and user) is ever shown back; the URL itself
    is decrypted only to connect, in measures/sql.py.
    """

    class Engine(models.TextChoices):
        POSTGRESQL = "postgresql", "PostgreSQL"
        MYSQL = "mysql", "MySQL or MariaDB"

    team = models.ForeignKey("accounts.Team", on_delete=models.CASCADE, related_name="sql_connections")
    name = models.CharField(max_length=80)
    engine = models.CharField(max_length=10, choices=Engine.choices)
    url_encrypted = models.TextField()
    where = models.CharField("database", max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint("team", "name", name="one_sql_connection_name_per_team")]

    def __str__(self) -> str:
        return self.name


class SqlSource(models.Model):
    """A node's values read by a query returning (period_start, value) rows, now and on a schedule.

    `next_run_at` is when the next refresh is due: a refresh is claimed by moving it (see
    measures/tasks.py), so two workers handed the same refresh run it once. A failed refresh
    keeps the database's message in `last_error`, counts an attempt and is tried again later;
    the values it had brought in stay.
    """

    class Schedule(models.TextChoices):
        HOURLY = "hourly", "Every hour"
        DAILY = "daily", "Every day"
        MANUAL = "manual", "Only when someone asks"

    measure = models.OneToOneField(Measure, on_delete=models.CASCADE, related_name="sql_source")
    connection = models.ForeignKey(SqlConnection, on_delete=models.CASCADE, related_name="sources")
    query = models.TextField(max_length=5000)
    schedule = models.CharField(max_length=6, choices=Schedule.choices, default=Schedule.DAILY)
    next_run_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_ok_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_result = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"SQL source of {self.measure}"

    @property
    def failing(self) -> bool:
        return bool(self.last_error)


class ScorecardLink(RevocableLink):
    """A read-only, live link to a North Star's scorecard, for a wall screen or a stakeholder, until revoked."""

    north_star = models.ForeignKey(NorthStar, on_delete=models.CASCADE, related_name="scorecard_links")

    def __str__(self) -> str:
        return f"Scorecard link for {self.north_star}"

    def get_absolute_url(self) -> str:
        return reverse("measures:scorecard_shared", args=[self.token])


class Upload(models.Model):
    """A CSV file of values, kept between its preview and its commit.

    The file itself lives on disk under settings.NUMBERS_UPLOAD_DIR, named by the upload's
    unguessable token; only the member who sent it, on its own North Star, may see or commit
    it. Uploads older than a day are removed when the next one arrives.

    `reading` is what the preview made of the file, reduced to one value per node and period
    (values as decimal text) with its counts and refusals, and what that depended on: the
    North Star's version, each node's grain and rule, the team's time zone
    (measures.csv_import.stored). The commit writes it without reading the file again.
    """

    token = models.CharField(max_length=64, unique=True)
    north_star = models.ForeignKey(NorthStar, on_delete=models.CASCADE, related_name="uploads")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    committed_at = models.DateTimeField(null=True, blank=True)
    reading = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name or self.token

    @property
    def path(self) -> Path:
        return Path(settings.NUMBERS_UPLOAD_DIR) / f"{self.token}.csv"

    def discard_file(self) -> None:
        self.path.unlink(missing_ok=True)
