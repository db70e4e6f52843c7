import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

# No 0/O, 1/I/L: a code read aloud or copied from a projector must not be misread.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_join_code(raw: str) -> str:
    """Accept what people type: lower case, spaces and dashes ("k7pm-q3xa")."""
    return "".join(ch for ch in raw.upper() if ch.isalnum())


class WorkshopQuerySet(models.QuerySet):
    def for_facilitator(self, user) -> "WorkshopQuerySet":
        return self.filter(facilitator=user)

    def live(self) -> "WorkshopQuerySet":
        return self.filter(state=Workshop.State.LIVE)


class Workshop(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Not started"
        LIVE = "live", "Live"
        ENDED = "ended", "Ended"

    title = models.CharField(max_length=120)
    product = models.CharField("product it is about", max_length=120)
    code = models.CharField("join code", max_length=CODE_LENGTH, unique=True, editable=False)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="facilitated_workshops"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # Bumped by every change; clients compare it to notice a missed update.
    version = models.PositiveBigIntegerField(default=0, editable=False)

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if not self.code:
            self.code = self._unused_code()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("workshops:facilitate", args=[self.code])

    @staticmethod
    def _unused_code() -> str:
        while True:
            code = new_join_code()
            if not Workshop.objects.filter(code=code).exists():
                return code

    @property
    def group_name(self) -> str:
        """The channel-layer group every open tab of this workshop listens on."""
        return f"workshop-{self.pk}"

    @property
    def display_code(self) -> str:
        return f"{self.code[:4]}-{self.code[4:]}"

    @property
    def is_ended(self) -> bool:
        return self.state == self.State.ENDED

    def get_join_url(self) -> str:
        return reverse("workshops:join", args=[self.code])

    def get_participant_url(self) -> str:
        return reverse("workshops:participate", args=[self.code])

    def bump_version(self) -> None:
        """Count a change; call inside the transaction that makes it."""
        Workshop.objects.filter(pk=self.pk).update(version=F("version") + 1)

    def roster(self) -> models.QuerySet["Participant"]:
        return self.participants.with_presence().order_by(Lower("display_name"))


class ParticipantQuerySet(models.QuerySet):
    def with_presence(self) -> "ParticipantQuerySet":
        return self.annotate(online=Exists(Connection.objects.live().filter(participant=OuterRef("pk"))))


class Participant(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="participants")
    display_name = models.CharField(max_length=40)
    joined_at = models.DateTimeField(default=timezone.now)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["joined_at"]
        constraints = [
            models.UniqueConstraint(
                "workshop",
                Lower("display_name"),
                name="unique_display_name_per_workshop",
                violation_error_message="Someone in this workshop already uses that name.",
            )
        ]

    def __str__(self) -> str:
        return self.display_name


class ConnectionQuerySet(models.QuerySet):
    def live(self) -> "ConnectionQuerySet":
        """Sockets that reported recently; rows left by a crashed server age out."""
        return self.filter(seen_at__gte=timezone.now() - timedelta(seconds=settings.PRESENCE_STALE_SECONDS))


class Connection(models.Model):
    """One open browser tab. Presence lives here, not in a server process."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="connections")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, null=True, blank=True, related_name="connections"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    channel_name = models.CharField(max_length=200, unique=True)
    page = models.CharField(max_length=20)
    connected_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ConnectionQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.page} socket for {self.participant or self.user}"
