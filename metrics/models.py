"""North Star content: candidates (a metric with its inputs), pairs, and the board they are shared on.

One structure serves every stage: a participant's private draft, a pair's
candidate, a candidate shared with the group.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from accounts.models import new_slug
from workshops.models import Participant, Workshop

MIN_INPUTS = 3
MAX_INPUTS = 5
# A draft may hold a few more while its authors weigh them (the page says to keep five); no more.
MAX_DRAFT_INPUTS = MAX_INPUTS + 3
MAX_DOTS = 10


class Heuristic(models.TextChoices):
    BREADTH = "breadth", "Breadth"
    DEPTH = "depth", "Depth"
    FREQUENCY = "frequency", "Frequency"
    EFFICIENCY = "efficiency", "Efficiency"
    OTHER = "other", "Other"


class CandidateBoard(models.Model):
    """A workshop's settings and state for collecting and sharing candidates."""

    workshop = models.OneToOneField(Workshop, on_delete=models.CASCADE, related_name="candidate_board")
    anonymous = models.BooleanField(
        "share candidates without names",
        default=False,
        help_text="Choose before the brainstorm: the board then never shows who wrote what.",
    )
    include_individual = models.BooleanField(
        "also show individual candidates", default=False, help_text="Pair candidates are always shown."
    )
    revealed_at = models.DateTimeField(null=True, blank=True)
    dots_per_person = models.PositiveSmallIntegerField(
        "dots per person", default=3, validators=[MinValueValidator(1), MaxValueValidator(MAX_DOTS)]
    )
    several_dots_per_candidate = models.BooleanField("allow several dots on one candidate", default=False)
    scores_revealed_at = models.DateTimeField(null=True, blank=True)
    votes_revealed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Candidate board of {self.workshop}"

    @property
    def scores_revealed(self) -> bool:
        return self.scores_revealed_at is not None

    @property
    def votes_revealed(self) -> bool:
        return self.votes_revealed_at is not None

    @property
    def is_revealed(self) -> bool:
        return self.revealed_at is not None

    @classmethod
    def for_workshop(cls, workshop: Workshop) -> "CandidateBoard":
        board, _ = cls.objects.get_or_create(workshop=workshop)
        return board


class Pair(models.Model):
    """Two (or three) participants refining candidates together."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="pairs")
    number = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["number", "pk"]

    def __str__(self) -> str:
        return f"Pair {self.number}"


class PairMember(models.Model):
    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="members")
    # A participant belongs to one workshop, so this keeps everyone in at most one pair.
    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="pair_membership")

    def __str__(self) -> str:
        return f"{self.participant} in {self.pair}"


class CandidateQuerySet(models.QuerySet):
    def on_board(self, board: CandidateBoard) -> "CandidateQuerySet":
        """What the group sees once the board is revealed: shared, not merged away or marked duplicate."""
        shared = self.filter(workshop_id=board.workshop_id, shared_at__isnull=False, merged_into__isnull=True)
        if not board.include_individual:
            shared = shared.filter(pair__isnull=False)
        return shared.filter(duplicate_of__isnull=True)

    def with_inputs(self) -> "CandidateQuerySet":
        """With the inputs and the proxy marks the editor and the board show, read in two queries."""
        return self.select_related("proxy").prefetch_related(
            models.Prefetch("inputs", queryset=Input.objects.select_related("proxy"))
        )


class Candidate(models.Model):
    # Set by the live view before a draft is shown: what sounds like a vanity metric in it.
    hints: list[str]
    # Annotated by the record's query: how many dots the group placed on it.
    dots: int
    # Null only for a team's North Star imported from a file: it comes from no workshop here.
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, null=True, blank=True, related_name="candidates")
    author = models.ForeignKey(Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="candidates")
    pair = models.ForeignKey(Pair, on_delete=models.SET_NULL, null=True, blank=True, related_name="candidates")

    observation = models.CharField("I would see more of…", max_length=300, blank=True)
    measure = models.CharField("…which we could measure by", max_length=300, blank=True)
    metric_name = models.CharField("North Star Metric name", max_length=80, blank=True)
    metric_definition = models.TextField("definition", max_length=500, blank=True)

    # The team's North Star as it is built and adopted (not a person's or a pair's candidate).
    is_team = models.BooleanField(default=False)
    shared_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_from"
    )
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="duplicates"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CandidateQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(author__isnull=True) | models.Q(pair__isnull=True),
                name="candidate_belongs_to_a_person_or_a_pair",
            )
        ]

    def __str__(self) -> str:
        return self.metric_name or "Untitled candidate"

    @property
    def function_statement(self) -> str:
        """The "metric is a function of ..." sentence, from the inputs as they stand."""
        names = [item.name for item in self.inputs.all() if item.name]
        if not self.metric_name or not names:
            return ""
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"We believe {self.metric_name} is a function of {listed}."

    @property
    def proxy_mark(self) -> "Proxy | None":
        """The metric's proxy mark, if it is measured by a stand-in for now (read with the candidate when
        the query selects "proxy", as the board's and the worksheet's do)."""
        try:
            return self.proxy
        except Proxy.DoesNotExist:
            return None

    @property
    def is_pair_candidate(self) -> bool:
        return self.pair_id is not None

    @property
    def is_started(self) -> bool:
        return bool(self.metric_name or self.metric_definition or self.observation or self.measure)

    def input_count_problem(self, count: int | None = None) -> str:
        count = len(self.inputs.all()) if count is None else count
        if count < MIN_INPUTS:
            return f"A North Star needs at least {MIN_INPUTS} inputs; this one has {count}."
        if count > MAX_INPUTS:
            return f"Keep it to at most {MAX_INPUTS} inputs; this one has {count}. Which matter most?"
        return ""

    @property
    def input_count_message(self) -> str:
        return self.input_count_problem()

    @property
    def may_add_input(self) -> bool:
        return len(self.inputs.all()) < MAX_DRAFT_INPUTS

    @property
    def may_take_input(self) -> bool:
        """Whether an input copied in has somewhere to go: an empty row, or room for one more."""
        return self.may_add_input or any(row.is_blank for row in self.inputs.all())

    def share_problems(self) -> list[str]:
        """What stands between this candidate and the shared board, in words a person understands."""
        problems = []
        if not self.metric_name.strip():
            problems.append("Give the metric a name.")
        if not self.metric_definition.strip():
            problems.append("Say precisely how the metric is measured (its definition).")
        inputs = list(self.inputs.all())
        if problem := self.input_count_problem(len(inputs)):
            problems.append(problem)
        for number, item in enumerate(inputs, start=1):
            if not item.name.strip() or not item.definition.strip():
                problems.append(f"Input {number} needs a name and a definition.")
        return problems


class Input(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="inputs")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=80, blank=True)
    definition = models.CharField(max_length=300, blank=True)
    heuristic = models.CharField(max_length=12, choices=Heuristic.choices, blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name or "Untitled input"

    @property
    def is_blank(self) -> bool:
        """A row nobody has written in yet."""
        return not (self.name or self.definition or self.heuristic)

    # Form field names inside a candidate's form: "i12-name", "i12-definition", "i12-heuristic".
    @property
    def name_field(self) -> str:
        return f"i{self.pk}-name"

    @property
    def definition_field(self) -> str:
        return f"i{self.pk}-definition"

    @property
    def proxy_mark(self) -> "Proxy | None":
        """This input's proxy mark, if it is measured by a stand-in for now."""
        try:
            return self.proxy
        except Proxy.DoesNotExist:
            return None

    @property
    def proxy_node(self) -> str:
        """How the candidate editor names this input when marking it as a proxy."""
        return f"i{self.pk}"


class Score(models.Model):
    """One participant's rating of one candidate on one checklist criterion."""

    class Value(models.IntegerChoices):
        NO = 0, "No"
        PARTLY = 1, "Partly"
        YES = 2, "Yes"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="scores")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField(max_length=20)
    value = models.PositiveSmallIntegerField(choices=Value.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint("candidate", "participant", "criterion", name="one_score_per_criterion"),
            models.CheckConstraint(condition=models.Q(value__lte=2), name="score_is_no_partly_or_yes"),
        ]

    def __str__(self) -> str:
        return f"{self.participant} rates {self.candidate} {self.get_value_display()} on {self.criterion}"


class Vote(models.Model):
    """One dot. Each person's dots fill numbered slots, so the database itself refuses a dot too many."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    slot = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint("participant", "slot", name="one_dot_per_slot"),
            models.CheckConstraint(
                condition=models.Q(slot__gte=1) & models.Q(slot__lte=MAX_DOTS), name="dot_slot_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"Dot {self.slot} of {self.participant} on {self.candidate}"


class NorthStar(models.Model):
    """The team's North Star: built from candidates in a workshop, adopted, then revised in versions."""

    class Game(models.TextChoices):
        ATTENTION = "attention", "Attention"
        TRANSACTION = "transaction", "Transaction"
        PRODUCTIVITY = "productivity", "Productivity"

    workshop = models.OneToOneField(
        Workshop, on_delete=models.SET_NULL, null=True, blank=True, related_name="north_star"
    )
    # Its own link to the team: an imported North Star has no workshop.
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="north_stars"
    )
    # In URLs instead of the id.
    key = models.SlugField(max_length=12, unique=True, default=new_slug, editable=False)
    statement = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")
    game = models.CharField(max_length=15, choices=Game.choices, blank=True)
    business_results = models.TextField("business results it should lead to", max_length=1000, blank=True)
    open_questions = models.TextField(max_length=2000, blank=True)
    information_needed = models.TextField("information we still need", max_length=2000, blank=True)
    built_from = models.ManyToManyField(Candidate, blank=True, related_name="built_into")
    runners_up = models.ManyToManyField(Candidate, blank=True, related_name="runner_up_for")
    created_at = models.DateTimeField(default=timezone.now)
    adopted_at = models.DateTimeField(null=True, blank=True)
    # Greenfield test: which input the group is generating opportunities for, and until when.
    greenfield_input = models.ForeignKey(Input, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    greenfield_ends_at = models.DateTimeField(null=True, blank=True)
    # The precise-definition questions (metrics/definition.py) answered while converging,
    # {question key: answer}, and the company's stage, which sets the revisit-by date.
    definition_answers = models.JSONField(default=dict, blank=True)
    company_stage = models.CharField(max_length=10, blank=True)

    def __str__(self) -> str:
        return self.statement.metric_name or "Untitled North Star"

    def save(self, *args, **kwargs) -> None:
        if self.team_id is None and self.workshop_id is not None:
            self.team_id = Workshop.objects.filter(pk=self.workshop_id).values_list("team_id", flat=True).first()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("library:north_star", args=[self.key])

    def greenfield_open(self, now) -> bool:
        return (
            self.greenfield_input_id is not None
            and self.greenfield_ends_at is not None
            and now < self.greenfield_ends_at
        )

    @property
    def is_adopted(self) -> bool:
        return self.adopted_at is not None


class Opportunity(models.Model):
    """Greenfield test: an opportunity a participant sees to move one input."""

    item = models.ForeignKey(Input, on_delete=models.CASCADE, related_name="opportunities")
    participant = models.ForeignKey(Participant, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.text


class Initiative(models.Model):
    """Roadmap check: current work, linked to the input it moves, or to none."""

    north_star = models.ForeignKey(NorthStar, on_delete=models.CASCADE, related_name="initiatives")
    name = models.CharField(max_length=120)
    item = models.ForeignKey(Input, on_delete=models.SET_NULL, null=True, blank=True, related_name="initiatives")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


class Proxy(models.Model):
    """A metric or input the team measures by a stand-in for now, until the instrumentation exists.

    Exactly one of `candidate` (its North Star Metric) and `item` (one of its inputs) is set.
    """

    candidate = models.OneToOneField(Candidate, on_delete=models.CASCADE, null=True, blank=True, related_name="proxy")
    item = models.OneToOneField(Input, on_delete=models.CASCADE, null=True, blank=True, related_name="proxy")
    stands_for = models.CharField("what it stands in for", max_length=200)
    missing = models.CharField("instrumentation still missing", max_length=200, blank=True)
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(candidate__isnull=True, item__isnull=False)
                | models.Q(candidate__isnull=False, item__isnull=True),
                name="proxy_of_a_metric_or_an_input",
            )
        ]

    def __str__(self) -> str:
        return f"Proxy for {self.stands_for}"

    @property
    def node_name(self) -> str:
        if self.item is not None:
            return self.item.name
        return self.candidate.metric_name if self.candidate else ""

    @classmethod
    def carry(cls, statement: Candidate, sources) -> int:
        """Copy the proxy marks of `sources` (the candidates a team's North Star was built from) onto it.

        The metric's mark goes to the statement's metric; an input's mark goes to the statement's
        input of the same name (case and spacing aside), since the facilitator may have reordered,
        renamed or dropped inputs while converging. A node already marked keeps its own mark.
        Returns how many marks were copied.
        """
        copied = 0
        own_inputs = {" ".join(item.name.split()).casefold(): item for item in statement.inputs.all() if item.name}
        for source in sources:
            mark = cls.objects.filter(candidate=source).first()
            if mark is not None and not cls.objects.filter(candidate=statement).exists():
                cls.objects.create(candidate=statement, stands_for=mark.stands_for, missing=mark.missing)
                copied += 1
            for mark in cls.objects.filter(item__candidate=source).select_related("item"):
                name = mark.item.name if mark.item is not None else ""
                target = own_inputs.get(" ".join(name.split()).casefold())
                if target is not None and not cls.objects.filter(item=target).exists():
                    cls.objects.create(item=target, stands_for=mark.stands_for, missing=mark.missing)
                    copied += 1
        return copied
