import secrets
from datetime import datetime, timedelta
from typing import Self

from django.conf import settings
from django.db import connection, models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from accounts.models import Team

from .content import WARM_UP_PRODUCT, WORKSHEET_FIELDS, worksheet_rows

# No 0/O, 1/I/L: a code read aloud or copied from a projector must not be misread.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_join_code(raw: str) -> str:
    """Accept what people type: lower case, spaces and dashes ("k7pm-q3xa")."""
    return "".join(ch for ch in raw.upper() if ch.isalnum())


class Game(models.TextChoices):
    """The three kinds of value exchange a product can win by."""

    ATTENTION = "attention", "Attention"
    TRANSACTION = "transaction", "Transaction"
    PRODUCTIVITY = "productivity", "Productivity"


class WorkshopQuerySet(models.QuerySet):
    def for_facilitator(self, user) -> "WorkshopQuerySet":
        """Workshops this user may run: their own, co-facilitated ones, and their teams' workshops."""
        return self.filter(
            models.Q(facilitator=user) | models.Q(co_facilitators=user) | models.Q(team__memberships__user=user)
        ).distinct()

    def search(self, text: str) -> "WorkshopQuerySet":
        if not text:
            return self
        return self.filter(models.Q(title__icontains=text) | models.Q(product__icontains=text))

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
    co_facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="co_facilitated_workshops"
    )
    # Null only for rows older than teams; save() fills it with the facilitator's team.
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="workshops")
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    current_segment = models.ForeignKey("Segment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # Bumped by every change; clients compare it to notice a missed update.
    version = models.PositiveBigIntegerField(default=0, editable=False)

    # Identify the game: picks stay hidden until the facilitator reveals them.
    picks_revealed_at = models.DateTimeField(null=True, blank=True)
    game = models.CharField("the team's game", max_length=20, choices=Game.choices, blank=True)
    game_reason = models.CharField("why this game", max_length=200, blank=True)

    # Warm-up: blank product fields fall back to the built-in example product.
    warm_up_name = models.CharField("warm-up product", max_length=80, blank=True)
    warm_up_summary = models.CharField("what the product does", max_length=300, blank=True)
    warm_up_business_model = models.CharField("how it makes money", max_length=300, blank=True)
    warm_up_show_example = models.BooleanField(default=False)
    warm_up_show_all = models.BooleanField(default=False)
    # The size the groups were last formed with: forming them again offers the same.
    warm_up_group_size = models.PositiveSmallIntegerField("people per group", default=4)

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if not self.code:
            self.code = self._unused_code()
        if self.team_id is None and self.facilitator_id is not None:
            self.team = Team.default_for(self.facilitator)
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
    def staff_group_name(self) -> str:
        """The group of the facilitators' and the projector's tabs alone (see workshops.broadcast)."""
        return f"workshop-{self.pk}.staff"

    def own_group_name(self, participant_id: int) -> str:
        """The group of one participant's tabs: what only their own pages show (see workshops.broadcast)."""
        return f"workshop-{self.pk}.participant-{participant_id}"

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

    def get_record_url(self) -> str:
        return reverse("library:record", args=[self.code])

    @property
    def is_upcoming(self) -> bool:
        return self.state == self.State.DRAFT

    @property
    def picks_revealed(self) -> bool:
        return self.picks_revealed_at is not None

    @property
    def warm_up_product(self) -> dict[str, str]:
        """The warm-up product, or the built-in one where the facilitator left a field blank."""
        return {
            "name": self.warm_up_name or WARM_UP_PRODUCT["name"],
            "product": self.warm_up_summary or WARM_UP_PRODUCT["product"],
            "business_model": self.warm_up_business_model or WARM_UP_PRODUCT["business_model"],
        }

    def bump_version(self) -> int:
        """Count a change; call inside the transaction that makes it.

        The update locks the row until commit, so concurrent writers get consecutive numbers.
        """
        # One statement that returns what it updated (PostgreSQL, and SQLite since 3.35); the
        # ORM's update() cannot. The table name is the model's, quoted; the id is a parameter.
        table = connection.ops.quote_name(Workshop._meta.db_table)
        sql = f"UPDATE {table} SET version = version + 1 WHERE id = %s RETURNING version"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.pk])
            self.version = cursor.fetchone()[0]
        return self.version

    def agenda(self) -> list["Segment"]:
        """The segments in their order, each knowing this workshop."""
        segments = list(self.segments.all())
        for segment in segments:
            segment.workshop = self
        return segments

    def worksheets(self) -> list["WarmUpGroup"]:
        """The warm-up groups in order, each with its active members by name (one read for both)."""
        members = Participant.objects.active().order_by(Lower("display_name"))
        return list(self.warm_up_groups.prefetch_related(models.Prefetch("members", queryset=members)))

    def roster(self) -> list["Participant"]:
        """Everyone still in the workshop, by name, with whether a tab of theirs is open now."""
        people = list(self.participants.active().with_presence(Connection.live_since()).order_by(Lower("display_name")))
        for person in people:
            person.workshop = self
        return people

    @property
    def is_live(self) -> bool:
        return self.state == self.State.LIVE

    def split_into_groups(self, size: int) -> list["WarmUpGroup"]:
        """Start the warm-up groups afresh: contributors shuffled into groups of about `size`."""
        people = list(self.participants.contributors())
        secrets.SystemRandom().shuffle(people)
        self.warm_up_groups.all().delete()
        if self.warm_up_group_size != size:
            self.warm_up_group_size = size
            Workshop.objects.filter(pk=self.pk).update(warm_up_group_size=size)
        count = max(1, -(-len(people) // size))
        groups = WarmUpGroup.objects.bulk_create(WarmUpGroup(workshop=self, number=n + 1) for n in range(count))
        for index, person in enumerate(people):
            person.warm_up_group = groups[index % count]
        Participant.objects.bulk_update(people, ["warm_up_group"])
        return groups

    def add_segments(self, plans) -> None:
        start = self.segments.count()
        Segment.objects.bulk_create(
            Segment(
                workshop=self,
                position=start + index,
                kind=plan.kind,
                title=plan.title,
                planned_minutes=plan.minutes,
                facilitator_notes=plan.notes,
            )
            for index, plan in enumerate(plans)
        )

    def insert_next(self, plan) -> "Segment":
        """Put a segment right after the current one (at the end before the start), so it runs next."""
        self.renumber_segments()
        segments = list(self.segments.all())
        here = next((s.position for s in segments if s.pk == self.current_segment_id), len(segments) - 1)
        self.segments.filter(position__gt=here).update(position=models.F("position") + 1)
        return Segment.objects.create(
            workshop=self,
            position=here + 1,
            kind=plan.kind,
            title=plan.title,
            planned_minutes=plan.minutes,
            facilitator_notes=plan.notes,
        )

    def planned_minutes(self) -> int:
        return sum(segment.planned_minutes for segment in self.segments.all())

    def start(self, now: datetime) -> None:
        """Go live on the first segment. Call on a row locked with select_for_update."""
        first = self.segments.first()
        self.state = self.State.LIVE
        self.started_at = self.started_at or now
        self.save(update_fields=["state", "started_at"])
        if first is not None:
            self.go_to(first, now)

    def go_to(self, segment: "Segment | None", now: datetime) -> None:
        """Leave the current segment (its timer pauses, its time is counted) and enter another."""
        current = self.current_segment
        if current is not None and current != segment:
            current.leave(now)
        self.current_segment = segment
        self.save(update_fields=["current_segment"])
        if segment is not None and segment != current:
            segment.enter(now)

    def end(self, now: datetime) -> None:
        self.go_to(None, now)
        self.state = self.State.ENDED
        self.ended_at = now
        self.save(update_fields=["state", "ended_at"])

    def neighbour_segment(self, step: int, segments: list["Segment"] | None = None) -> "Segment | None":
        """The segment `step` places away from the current one (or the first, before the start).

        `segments` is the agenda if already read. The current one is set from it, so that
        `go_to` leaves that very object without another read.
        """
        if segments is None:
            segments = list(self.segments.all())
        if not segments:
            return None
        if self.current_segment_id is None:
            return segments[0] if step > 0 else None
        here = [segment.pk for segment in segments].index(self.current_segment_id)
        self.current_segment = segments[here]
        index = here + step
        return segments[index] if 0 <= index < len(segments) else None

    def renumber_segments(self) -> None:
        for position, segment in enumerate(self.segments.all()):
            if segment.position != position:
                Segment.objects.filter(pk=segment.pk).update(position=position)


class Segment(models.Model):
    """One agenda item. Its timer is data: a run start, the seconds banked before it, extra time."""

    class Kind(models.TextChoices):
        OPENING = "opening", "Opening discussion"
        GAME = "game", "Identify the game"
        GOOD_BAD = "good-bad", "Good and bad North Stars"
        STRUCTURE = "structure", "Structure of a North Star"
        WARM_UP = "warm-up", "Warm-up on another product"
        BRAINSTORM = "brainstorm", "Silent brainstorm"
        PAIR_SHARE = "pair-share", "Pair and share"
        EVALUATE = "evaluate", "Share and evaluate"
        CONVERGE = "converge", "Converge"
        VALUE_EXCHANGE = "value-exchange", "Key value exchanges"
        CORE_VALUE = "core-value", "Core value exchange"
        BELIEFS = "beliefs", "Beliefs"
        VISION = "vision", "Product vision"
        CUSTOM = "custom", "Custom"

    class TimerState(models.TextChoices):
        IDLE = "idle", "Not started"
        RUNNING = "running", "Running"
        PAUSED = "paused", "Paused"

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="segments")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CUSTOM)
    title = models.CharField(max_length=80)
    planned_minutes = models.PositiveSmallIntegerField(default=10)
    facilitator_notes = models.TextField(blank=True, max_length=2000)

    timer_running_since = models.DateTimeField(null=True, blank=True)
    timer_banked_seconds = models.FloatField(default=0)
    timer_extra_seconds = models.IntegerField(default=0)

    # Time the group actually spent here, over every visit.
    actual_seconds = models.FloatField(default=0)
    entered_at = models.DateTimeField(null=True, blank=True)
    nudged_at = models.DateTimeField(null=True, blank=True)
    # Which screenful of this segment's work the projector shows (see workshops/paging.py).
    projector_page = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def duration_seconds(self) -> int:
        return max(self.planned_minutes * 60 + self.timer_extra_seconds, 0)

    @property
    def timer_state(self) -> str:
        if self.timer_running_since is not None:
            return self.TimerState.RUNNING
        return self.TimerState.PAUSED if self.timer_banked_seconds > 0 else self.TimerState.IDLE

    def elapsed_seconds(self, now: datetime) -> float:
        running = (now - self.timer_running_since).total_seconds() if self.timer_running_since else 0
        return self.timer_banked_seconds + running

    def remaining_seconds(self, now: datetime) -> float:
        """Negative once time is up: that is the overrun."""
        return self.duration_seconds - self.elapsed_seconds(now)

    @property
    def deadline(self) -> datetime | None:
        if self.timer_running_since is None:
            return None
        return self.timer_running_since + timedelta(seconds=self.duration_seconds - self.timer_banked_seconds)

    def spent_seconds(self, now: datetime) -> float:
        here = (now - self.entered_at).total_seconds() if self.entered_at else 0
        return self.actual_seconds + here

    def start_timer(self, now: datetime) -> None:
        if changed := self.run_timer(now):
            self.save(update_fields=changed)

    def pause_timer(self, now: datetime) -> None:
        if changed := self.stop_timer(now):
            self.save(update_fields=changed)

    def run_timer(self, now: datetime) -> list[str]:
        """Start the timer in memory (if it is not running); the fields to save."""
        if self.timer_running_since is not None:
            return []
        self.timer_running_since = now
        return ["timer_running_since"]

    def stop_timer(self, now: datetime) -> list[str]:
        """Pause the timer in memory, banking its time (if it runs); the fields to save."""
        if self.timer_running_since is None:
            return []
        self.timer_banked_seconds = self.elapsed_seconds(now)
        self.timer_running_since = None
        return ["timer_running_since", "timer_banked_seconds"]

    def reset_timer(self, now: datetime) -> None:
        self.timer_banked_seconds = 0
        self.timer_extra_seconds = 0
        self.timer_running_since = now if self.timer_running_since else None
        self.save(update_fields=["timer_running_since", "timer_banked_seconds", "timer_extra_seconds"])

    def add_minutes(self, minutes: int) -> None:
        # Never below zero in total: removing more than is left ends the time, not the segment.
        self.timer_extra_seconds = max(self.timer_extra_seconds + minutes * 60, -self.planned_minutes * 60)
        self.save(update_fields=["timer_extra_seconds"])

    def show_page(self, number: int) -> None:
        """Put this page of the segment's work on the projector (the wall shows the last if there are fewer)."""
        self.projector_page = number
        self.save(update_fields=["projector_page"])

    def enter(self, now: datetime) -> None:
        """Become the current segment; its timer starts (or runs on). One write."""
        self.entered_at = now
        self.nudged_at = None
        self.save(update_fields=["entered_at", "nudged_at", *self.run_timer(now)])

    def leave(self, now: datetime) -> None:
        """Stop being the current segment: its timer pauses and its time is counted. One write."""
        changed = self.stop_timer(now)
        self.actual_seconds = self.spent_seconds(now)
        self.entered_at = None
        self.save(update_fields=["actual_seconds", "entered_at", *changed])


class Discipline(models.TextChoices):
    """The parts of the product and business a workshop should hear from (optional when joining)."""

    PRODUCT = "product", "Product management"
    DESIGN = "design", "Design and research"
    ENGINEERING = "engineering", "Engineering"
    DATA = "data", "Data and analytics"
    FINANCE = "finance", "Finance"
    SALES = "sales", "Sales"
    MARKETING = "marketing", "Marketing"
    CUSTOMERS = "customers", "Support and customer success"
    LEADERSHIP = "leadership", "Leadership"


class ParticipantQuerySet(models.QuerySet):
    def active(self) -> "ParticipantQuerySet":
        return self.filter(removed_at__isnull=True)

    def contributors(self) -> "ParticipantQuerySet":
        """Those who submit, score and vote: not observers, not removed."""
        return self.active().exclude(role=Participant.Role.OBSERVER)

    def with_presence(self, since: datetime | None = None) -> "ParticipantQuerySet":
        live = Connection.objects.live(since)
        return self.annotate(online=Exists(live.filter(participant=OuterRef("pk"))))


class Participant(models.Model):
    # Set by ParticipantQuerySet.with_presence: whether a tab of theirs is open now.
    online: bool

    class Role(models.TextChoices):
        PARTICIPANT = "participant", "Participant"
        OBSERVER = "observer", "Observer"
        CO_FACILITATOR = "co-facilitator", "Co-facilitator"

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="participants")
    display_name = models.CharField(max_length=40)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PARTICIPANT)
    discipline = models.CharField("what you do", max_length=20, choices=Discipline.choices, blank=True)
    joined_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)
    warm_up_group = models.ForeignKey(
        "WarmUpGroup", on_delete=models.SET_NULL, null=True, blank=True, related_name="members"
    )

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

    @property
    def is_observer(self) -> bool:
        return self.role == self.Role.OBSERVER

    @property
    def is_co_facilitator(self) -> bool:
        return self.role == self.Role.CO_FACILITATOR


class Ready(models.Model):
    """A participant's "I'm done" in one segment."""

    segment = models.ForeignKey(Segment, on_delete=models.CASCADE, related_name="readies")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="readies")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint("segment", "participant", name="one_ready_per_participant_and_segment")]

    def __str__(self) -> str:
        return f"{self.participant} is done with {self.segment}"


class ConnectionQuerySet(models.QuerySet):
    def live(self, since: datetime | None = None) -> "ConnectionQuerySet":
        """Sockets that reported since then (by default Connection.live_since()); a crashed server's rows age out."""
        return self.filter(seen_at__gte=since or Connection.live_since())

    def prune(self, now: datetime | None = None) -> set[int]:
        """Delete the rows of tabs that stopped reporting; the workshops they were in.

        A server that dies without a clean disconnect (kill -9, a lost machine) leaves its
        tabs' rows behind. They stopped counting as online when they went stale; deleting
        them keeps the table to the sockets that exist. A row whose heartbeat comes in
        between the two statements is kept: the DELETE checks its age again.
        """
        stale = self.filter(seen_at__lt=Connection.live_since(now))
        workshops = set(stale.values_list("workshop_id", flat=True).distinct())
        if workshops:
            stale.delete()
        return workshops

    def of_session(self, session_key: str) -> "ConnectionQuerySet":
        """The live sockets one browser session holds, whatever server process holds them."""
        return self.live().filter(session_key=session_key)


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
    # The browser session that opened it: one session may hold only so many sockets.
    session_key = models.CharField(max_length=40, blank=True, db_index=True)
    connected_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ConnectionQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.page} socket for {self.participant or self.user}"

    @staticmethod
    def live_since(now: datetime | None = None) -> datetime:
        """A tab that has not reported since then is gone (its server crashed or lost it)."""
        return (now or timezone.now()) - timedelta(seconds=settings.PRESENCE_STALE_SECONDS)


def workshop_with_code(code: str, *, lock: bool = False) -> "Workshop | None":
    """The workshop and its facilitator, or None. With `lock` its row stays locked until the transaction ends."""
    workshops = Workshop.objects.select_related("facilitator")
    if lock:
        workshops = workshops.select_for_update(of=("self",))
    return workshops.filter(code=code).first()


class Note(models.Model):
    """A short sticky note on one of the workshop's shared boards."""

    class Board(models.TextChoices):
        OPENING = "opening", "Opening discussion"
        TERRIBLE = "terrible", "Terrible North Stars"

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="notes")
    board = models.CharField(max_length=20, choices=Board.choices)
    author = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="notes")
    text = models.CharField(max_length=200)
    # Only on the terrible North Stars board: what makes it bad.
    why = models.CharField("why it is bad", max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["workshop", "board", "created_at"])]

    def __str__(self) -> str:
        return self.text


class GamePick(models.Model):
    """One participant's answer to "which game are we playing?"; hidden from others until the reveal."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="game_picks")
    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="game_pick")
    game = models.CharField(max_length=20, choices=Game.choices)
    picked_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.participant} picks {self.get_game_display()}"


class WarmUpGroup(models.Model):
    """A small group in the warm-up, and the worksheet its members fill in together."""

    WORKSHEET_FIELDS = ["game", "metric", "breadth", "depth", "frequency", "efficiency", "other", "impact"]

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="warm_up_groups")
    number = models.PositiveSmallIntegerField()
    game = models.CharField(max_length=20, choices=Game.choices, blank=True)
    metric = models.CharField("North Star Metric", max_length=300, blank=True)
    breadth = models.CharField(max_length=300, blank=True)
    depth = models.CharField(max_length=300, blank=True)
    frequency = models.CharField(max_length=300, blank=True)
    efficiency = models.CharField(max_length=300, blank=True)
    other = models.CharField("other inputs", max_length=300, blank=True)
    impact = models.CharField("business impact", max_length=300, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint("workshop", "number", name="unique_group_number_per_workshop")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return f"Group {self.number}"

    @property
    def rows(self) -> list[tuple[str, str]]:
        values = {name: getattr(self, name) for name in self.WORKSHEET_FIELDS}
        values["game"] = self.get_game_display()
        return worksheet_rows(values)

    @property
    def text_fields(self) -> list[tuple[str, str, str, str]]:
        """The written fields (all but the game) as (name, label, prompt, value), for the shared form."""
        return [(key, label, prompt, getattr(self, key)) for key, label, prompt in WORKSHEET_FIELDS if key != "game"]

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in self.WORKSHEET_FIELDS)


class ValueExchange(models.Model):
    """A moment on the customer's journey where they give something and get value back."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="value_exchanges")
    text = models.CharField("value exchange", max_length=120)
    # Null when a facilitator wrote it down for the room.
    added_by = models.ForeignKey(Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text


class ExchangeRating(models.Model):
    """How much value one participant thinks an exchange carries: 0 (little) to 3 (the most)."""

    class Value(models.IntegerChoices):
        LITTLE = 0, "Little value"
        SOME = 1, "Some value"
        MUCH = 2, "Much value"
        MOST = 3, "The most value"

    exchange = models.ForeignKey(ValueExchange, on_delete=models.CASCADE, related_name="ratings")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="exchange_ratings")
    value = models.PositiveSmallIntegerField(choices=Value.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint("exchange", "participant", name="one_rating_per_exchange_and_participant")
        ]

    def __str__(self) -> str:
        return f"{self.participant} rates {self.exchange}: {self.value}"


class RowOfWorkshop(models.Model):
    """An activity's state in a row of its own, one per workshop (not columns on Workshop).

    A workshop that never runs the activity has none; the first save makes it.
    """

    workshop: "models.OneToOneField[Workshop, Workshop]"

    class Meta:
        abstract = True

    @classmethod
    def of(cls, workshop: Workshop) -> Self:
        """The workshop's row, or an unsaved empty one."""
        return cls._default_manager.filter(workshop=workshop).first() or cls(workshop=workshop)


class CoreValue(RowOfWorkshop):
    """The core value exchange: one sentence the team agrees on, and whether its poll is revealed.

    A row of its own (not columns on Workshop): a workshop that never runs the activity has none.
    """

    workshop = models.OneToOneField(Workshop, on_delete=models.CASCADE, primary_key=True, related_name="core_value")
    gets = models.CharField("customers get", max_length=150, blank=True)
    when = models.CharField("when", max_length=150, blank=True)
    poll_revealed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.statement

    @property
    def poll_revealed(self) -> bool:
        return self.poll_revealed_at is not None

    @property
    def statement(self) -> str:
        if not self.gets:
            return ""
        when = f" when {self.when}" if self.when else ""
        return f"Customers get {self.gets}{when}."


class Disappointment(models.TextChoices):
    """How customers would feel if the core value exchange disappeared."""

    VERY = "very", "Very disappointed"
    SOMEWHAT = "somewhat", "Somewhat disappointed"
    NOT = "not", "Not disappointed"


class PollAnswer(models.Model):
    """One participant's anonymous answer to the disappointment poll; nobody sees it but its author."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="poll_answers")
    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="poll_answer")
    answer = models.CharField(max_length=10, choices=Disappointment.choices)
    answered_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.participant}: {self.get_answer_display()}"


class Preparation(RowOfWorkshop):
    """What the facilitator prepares before the start: the pre-read participants see in the lobby.

    A row of its own (not columns on Workshop): a workshop that is never prepared has none.
    """

    workshop = models.OneToOneField(Workshop, on_delete=models.CASCADE, primary_key=True, related_name="preparation")
    pre_read = models.TextField("pre-read", max_length=2000, blank=True)

    def __str__(self) -> str:
        return f"Preparation of {self.workshop}"


class BeliefTemplate(models.TextChoices):
    COMPETITORS = "competitors", "About competitors"
    TECHNOLOGY = "technology", "Changes in technology"
    WHY_WE_WIN = "why-we-win", "Why we win"
    BEHAVIOUR = "behaviour", "What drives customers"
    FOCUS = "focus", "Where focus buys leeway"


class Belief(models.Model):
    """One participant's completed belief template; only its author sees it until the reveal."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="beliefs")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="beliefs")
    template = models.CharField(max_length=20, choices=BeliefTemplate.choices)
    text = models.CharField(max_length=300)
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["written_at", "pk"]
        constraints = [models.UniqueConstraint("participant", "template", name="one_belief_per_template")]

    def __str__(self) -> str:
        return self.text


class BeliefBoard(RowOfWorkshop):
    """Whether the workshop's beliefs are revealed. A row of its own, made by the first reveal."""

    workshop = models.OneToOneField(Workshop, on_delete=models.CASCADE, primary_key=True, related_name="belief_board")
    revealed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Beliefs of {self.workshop}"

    @property
    def is_revealed(self) -> bool:
        return self.revealed_at is not None


class Vision(RowOfWorkshop):
    """The product vision the group wrote or reviewed, in the classic fill-in shape; kept with the workshop."""

    PARTS = ["for_whom", "who_need", "product_is", "that", "unlike", "we"]

    workshop = models.OneToOneField(Workshop, on_delete=models.CASCADE, primary_key=True, related_name="vision")
    for_whom = models.CharField("for", max_length=150, blank=True)
    who_need = models.CharField("who need", max_length=150, blank=True)
    product_is = models.CharField("the product is", max_length=150, blank=True)
    that = models.CharField("that", max_length=150, blank=True)
    unlike = models.CharField("unlike", max_length=150, blank=True)
    we = models.CharField("we", max_length=150, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.statement

    @property
    def statement(self) -> str:
        """The vision as one paragraph; empty until every part is written."""
        if not all(getattr(self, part) for part in self.PARTS):
            return ""
        return (
            f"For {self.for_whom}, who need {self.who_need}, {self.product_is} is a product that {self.that}. "
            f"Unlike {self.unlike}, we {self.we}."
        )
