"""The live regions of each page, rendered the same way by views and by the consumer.

Every region is a named partial of its page template whose root element has a
stable id. A view renders them into the page; the consumer renders the ones an
event names and sends them as out-of-band swaps.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from . import content
from .access import Page, Viewer
from .charts import Bar, bar_chart
from .forms import (
    BeliefsForm,
    CoreValueForm,
    GameDecisionForm,
    NoteForm,
    ValueExchangeForm,
    VisionForm,
    WarmUpProductForm,
    WarmUpSplitForm,
)
from .models import (
    Belief,
    BeliefBoard,
    CoreValue,
    Disappointment,
    ExchangeRating,
    Game,
    GamePick,
    Note,
    Participant,
    PollAnswer,
    Preparation,
    Ready,
    Segment,
    ValueExchange,
    Vision,
    WarmUpGroup,
    Workshop,
)
from .paging import WallPage, wall_page
from .renders import Audience, SharedRenders, read_once

PAGE_TEMPLATES = {
    Page.FACILITATE: "workshops/facilitate.html",
    Page.PARTICIPANT: "workshops/participant.html",
    Page.PRESENT: "workshops/present.html",
}

# The workshop's own regions of each page, in page order. Later apps add theirs after
# "warmup" (see `add_region`); `page_regions` gives the whole list.
OWN_PAGE_REGIONS = {
    Page.FACILITATE: ["state", "now", "stage", "board", "warmup", "ready", "agenda", "roster", "finish"],
    Page.PARTICIPANT: ["now", "stage", "board", "warmup", "ready", "agenda", "roster"],
    Page.PRESENT: ["now", "stage", "board", "warmup", "ready"],
}

# Sent with every push: the change counter the browser checks for gaps.
VERSION_TEMPLATE = "workshops/_version.html"
# Sent with every answer to a person's own click: pushes rendered before it are out of date.
ANSWER_VERSION_TEMPLATE = "workshops/_answer_version.html"

# What to re-render after each kind of change.
OWN_SEGMENT_CHANGED = ("state", "now", "stage", "board", "warmup", "ready", "agenda", "finish")
GAME_CHANGED = ("stage",)
DECISION_CHANGED = ("stage", "now")
BOARD_CHANGED = ("board",)
WARM_UP_CHANGED = ("warmup",)
EXCHANGES_CHANGED = ("stage",)

# The ranked chart of value exchanges shows this many at most; the brainstorm carries the first few.
TOP_EXCHANGES = 6
EXCHANGE_PROMPTS = 3

# How many notes the projector shows at once, beside the segment's prompt (static/css/present.css).
NOTES_PER_WALL_PAGE = 12

# The segments that have a shared board of notes.
BOARD_OF_SEGMENT: dict[str, str] = {
    Segment.Kind.OPENING: Note.Board.OPENING,
    Segment.Kind.GOOD_BAD: Note.Board.TERRIBLE,
}

# What every segment shows; the other regions of `segment_changed()` open only in segments of
# their kinds (see `move_regions`), or change only when the workshop starts or ends ("state",
# "finish").
EVERY_SEGMENT_REGIONS = ("now", "stage", "ready", "agenda")
TIMER_CHANGED = ("now", "agenda")
AGENDA_CHANGED = ("agenda", "now")
ROSTER_CHANGED = ("roster", "ready")

# Regions that look the same to every viewer of a page: on a broadcast they are
# rendered once per change and page, then shared by every tab (see `audience` below).
SHARED_REGIONS = {"now", "agenda", "state", "finish"}


# Regions and parts later apps add ----------------------------------------------------------
#
# Apps depend one way: workshops knows nothing of metrics. A later app that shows something
# on the live pages registers it here (from its AppConfig.ready): a region with its template,
# the pages and segment kinds it appears in, and who shares its render; and the parts of the
# live state its templates read as `live.<name>`.


@dataclass(frozen=True)
class AddedRegion:
    name: str  # the region's name and its root element's id
    template: str
    pages: tuple[Page, ...]
    column: str  # "main" or "side": where the facilitator's and participants' pages put it
    # Segment kinds whose entering or leaving can change it; None: every segment's.
    opens_in: frozenset[str] | None
    # Who sees the same HTML (see `audience`): traits shared by everyone who does, or
    # None when the viewer sees their own work in it.
    audience: "Callable[[LiveState, Page], tuple | None]"
    # A part of another region (its name) that a notice may redraw alone: it is never placed in
    # the page or sent with it (the region around it carries it), and no move announces it.
    inside: str | None = None


_added_regions: dict[str, AddedRegion] = {}
_live_parts: dict[str, "Callable[[LiveState], Any]"] = {}


def add_region(region: AddedRegion) -> None:
    _added_regions[region.name] = region


def add_live_part(name: str, build: "Callable[[LiveState], Any]") -> None:
    """Templates reach `build(live)` as `live.<name>`, computed once per LiveState."""
    _live_parts[name] = build


def placed_regions() -> list[AddedRegion]:
    """The regions later apps add that stand on their own in the pages (not parts of others)."""
    return [region for region in _added_regions.values() if region.inside is None]


def page_regions(page: Page) -> list[str]:
    own = OWN_PAGE_REGIONS[page]
    at = own.index("warmup") + 1
    return [*own[:at], *(r.name for r in placed_regions() if page in r.pages), *own[at:]]


def part_regions(page: Page) -> list[str]:
    """Parts of this page's regions that a notice may name to redraw them alone."""
    return [r.name for r in _added_regions.values() if r.inside is not None and page in r.pages]


def added_regions(page: Page) -> list[AddedRegion]:
    """The regions later apps add to this page, in page order (the page templates include them)."""
    return [region for region in placed_regions() if page in region.pages]


def segment_changed() -> tuple[str, ...]:
    """Everything a move between segments, a start or an end can change."""
    return (*OWN_SEGMENT_CHANGED[:5], *(r.name for r in placed_regions()), *OWN_SEGMENT_CHANGED[5:])


def every_segment_regions() -> tuple[str, ...]:
    added = tuple(region.name for region in placed_regions() if region.opens_in is None)
    return (*EVERY_SEGMENT_REGIONS, *added)


def kind_regions(kind: str) -> set[str]:
    """The regions that segments of this kind open, beyond what every segment shows."""
    regions = set()
    if kind in BOARD_OF_SEGMENT:
        regions.add("board")
    if kind == Segment.Kind.WARM_UP:
        regions.add("warmup")
    for region in placed_regions():
        if region.opens_in is not None and kind in region.opens_in:
            regions.add(region.name)
    return regions


def move_regions(left: Segment | None, entered: Segment | None) -> tuple[str, ...]:
    """What a move between two segments of a live workshop can change.

    A region that neither segment opens looks closed before and after the move: sending it
    again would only cost a render and the bytes to every tab. (Starting and ending a
    workshop change more: they announce `segment_changed()`.)
    tests/workshops/test_move_regions.py renders every region on both sides of every move.
    """
    changed = segment_changed()
    if left is None or entered is None:
        return changed
    opened = kind_regions(left.kind) | kind_regions(entered.kind)
    every = every_segment_regions()
    return tuple(r for r in changed if r in every or r in opened)


def room(workshop: Workshop, shared: SharedRenders | None = None) -> list[Participant]:
    """Everyone still in the workshop, with whether they are connected: once per broadcast.

    The same read finds each tab's viewer (see consumers.py) and fills the roster.
    """
    return read_once(shared, "roster", workshop.roster)


class Roster:
    """Who has joined and who is connected now; computed on first use."""

    def __init__(self, workshop: Workshop, shared: SharedRenders | None = None) -> None:
        self.workshop = workshop
        self.shared = shared

    @cached_property
    def people(self) -> list[Participant]:
        return room(self.workshop, self.shared)

    @property
    def total(self) -> int:
        return len(self.people)

    @property
    def online_count(self) -> int:
        return sum(1 for person in self.people if person.online)


class LiveState:
    """The workshop as one viewer sees it right now. Every part is computed on first use.

    `shared` is a memo for one broadcast: the tabs of a workshop that render the same
    change read the workshop-wide parts (agenda, roster, ready marks) once between them.
    """

    def __init__(self, viewer: Viewer, now: datetime | None = None, shared: SharedRenders | None = None) -> None:
        self.viewer = viewer
        self.workshop = viewer.workshop
        self.shared = shared
        self.now = now or read_once(shared, "now", timezone.now)

    def __getattr__(self, name: str) -> Any:
        """A part a later app added (`add_live_part`), built on first use."""
        build = _live_parts.get(name)
        if build is None:
            raise AttributeError(name)
        value = self.__dict__[name] = build(self)
        return value

    @cached_property
    def segments(self) -> list[Segment]:
        return read_once(self.shared, "segments", self.workshop.agenda)

    @cached_property
    def current(self) -> Segment | None:
        current_id = self.workshop.current_segment_id
        return next((s for s in self.segments if s.pk == current_id), None)

    @cached_property
    def current_index(self) -> int | None:
        return self.segments.index(self.current) if self.current else None

    @cached_property
    def previous(self) -> Segment | None:
        index = self.current_index
        return self.segments[index - 1] if index else None

    @cached_property
    def next(self) -> Segment | None:
        if self.current is None:
            return None
        index = self.segments.index(self.current) + 1
        return self.segments[index] if index < len(self.segments) else None

    @cached_property
    def planned_minutes(self) -> int:
        return sum(segment.planned_minutes for segment in self.segments)

    @cached_property
    def now_ms(self) -> int:
        """The server's clock when this render was made, for what the browser counts on from there."""
        return int(self.now.timestamp() * 1000)

    @cached_property
    def timer(self) -> dict | None:
        segment = self.current
        if segment is None:
            return None
        remaining = segment.remaining_seconds(self.now)
        return {
            "state": segment.timer_state,
            "remaining": remaining,
            "deadline_ms": int(segment.deadline.timestamp() * 1000) if segment.deadline else "",
            "server_now_ms": int(self.now.timestamp() * 1000),
            "duration": segment.duration_seconds,
            "is_up": remaining <= 0,
            "extra_minutes": segment.timer_extra_seconds // 60,
        }

    @cached_property
    def agenda_rows(self) -> list[dict]:
        rows = []
        for segment in self.segments:
            spent = segment.spent_seconds(self.now)
            rows.append(
                {
                    "segment": segment,
                    "is_current": segment == self.current,
                    "is_done": self.current_index is not None and self.segments.index(segment) < self.current_index,
                    "spent_seconds": spent,
                    "over_seconds": spent - segment.planned_minutes * 60,
                    # The group is in it now: its actual time goes on counting in the browser.
                    "counting": segment == self.current and segment.entered_at is not None,
                }
            )
        return rows

    @cached_property
    def schedule(self) -> dict:
        """Planned against actual for the whole workshop, and where the finish now lands."""
        planned = self.planned_minutes * 60
        spent = sum(row["spent_seconds"] for row in self.agenda_rows)
        remaining = 0.0
        for row in self.agenda_rows:
            segment = row["segment"]
            if row["is_current"]:
                remaining += max(segment.remaining_seconds(self.now), 0)
            elif not row["is_done"] and segment.spent_seconds(self.now) == 0:
                remaining += segment.planned_minutes * 60
        projected = spent + remaining
        started = self.workshop.started_at
        ended = self.workshop.ended_at
        ran = (ended - started).total_seconds() if started and ended else None
        return {
            "planned_seconds": planned,
            "spent_seconds": spent,
            "projected_seconds": projected,
            "drift_seconds": projected - planned,
            "projected_finish": started + timedelta(seconds=projected) if started else None,
            # Once it has ended: how long it really took, start to end, against the plan.
            "ran_seconds": ran,
            "ran_drift_seconds": ran - planned if ran is not None else None,
        }

    @cached_property
    def ready(self) -> dict | None:
        segment = self.current
        if segment is None:
            return None
        contributors = [p for p in self.roster.people if not p.is_observer]
        done_ids = read_once(
            self.shared,
            "ready",
            lambda: set(Ready.objects.filter(segment=segment).values_list("participant_id", flat=True)),
        )
        done = [p for p in contributors if p.pk in done_ids]
        working = [p for p in contributors if p.pk not in done_ids]
        me = self.viewer.participant
        return {
            "done": done,
            "working": working,
            "total": len(contributors),
            "i_am_done": me is not None and me.pk in done_ids,
            "nudged": segment.nudged_at is not None,
        }

    @cached_property
    def roster(self) -> Roster:
        return Roster(self.workshop, self.shared)

    segment_kinds = Segment.Kind.choices
    exchange_values = ExchangeRating.Value.choices
    poll_choices = Disappointment.choices
    content = content

    # Boards -------------------------------------------------------------------

    @cached_property
    def board(self) -> str | None:
        """The board of the current segment, if it has one."""
        if self.current is None or not self.workshop.is_live:
            return None
        return BOARD_OF_SEGMENT.get(self.current.kind)

    @cached_property
    def notes(self) -> list[Note]:
        if self.board is None:
            return []
        # The same for everyone: read once per broadcast.
        return read_once(
            self.shared, "notes", lambda: list(self.workshop.notes.filter(board=self.board).select_related("author"))
        )

    @cached_property
    def wall_notes(self) -> WallPage[Note]:
        """The notes on the projector now: the page of them the facilitator put up."""
        return self.wall(self.notes, NOTES_PER_WALL_PAGE)

    def wall(self, items: list, size: int) -> WallPage:
        """The page of `items` the facilitator put on the projector for the current segment."""
        return wall_page(items, size, self.current.projector_page if self.current else 1)

    # Identify the game ------------------------------------------------------------

    def _picks_by_participant(self) -> dict[int, str]:
        # Everyone's pick, read once per broadcast. The leading underscore keeps it out of
        # templates' reach: they get only what `picks` lets this viewer know.
        return read_once(
            self.shared,
            "picks",
            lambda: dict(
                GamePick.objects.filter(workshop=self.workshop, participant__removed_at__isnull=True).values_list(
                    "participant_id", "game"
                )
            ),
        )

    @cached_property
    def picks(self) -> dict:
        """What this viewer may know about the picks.

        Before the reveal: only their own pick and how many have picked. The counts
        per game are not even computed then, so no template can leak them.
        """
        everyone = self._picks_by_participant()
        me = self.viewer.participant
        mine = everyone.get(me.pk) if me else None
        contributors = sum(1 for person in self.roster.people if not person.is_observer)
        if not self.workshop.picks_revealed:
            return {"mine": mine, "picked": len(everyone), "total": contributors, "revealed": False, "bars": []}
        counts = Counter(everyone.values())
        picked = sum(counts.values())
        bars = bar_chart(((value, label, counts.get(value, 0)) for value, label in Game.choices), ranked=False)
        return {"mine": mine, "picked": picked, "total": contributors, "revealed": True, "bars": bars}

    # Key value exchanges -------------------------------------------------------------

    @cached_property
    def value_exchanges(self) -> list[ValueExchange]:
        return read_once(self.shared, "value_exchanges", lambda: list(self.workshop.value_exchanges.all()))

    def _exchange_ratings(self) -> list[tuple[int, int, int]]:
        # (exchange, participant, value) from the people who rate now: observers and removed people do
        # not count, even if they rated before their role changed. Templates get only what follows.
        return read_once(
            self.shared,
            "exchange_ratings",
            lambda: list(
                ExchangeRating.objects.filter(exchange__workshop=self.workshop, participant__removed_at__isnull=True)
                .exclude(participant__role=Participant.Role.OBSERVER)
                .values_list("exchange_id", "participant_id", "value")
            ),
        )

    @cached_property
    def my_exchange_ratings(self) -> dict[int, int]:
        me = self.viewer.participant
        if me is None:
            return {}
        return {exchange: value for exchange, who, value in self._exchange_ratings() if who == me.pk}

    @cached_property
    def exchange_rows(self) -> list[dict]:
        """Each exchange with this viewer's own rating (None when they have not rated it)."""
        mine = self.my_exchange_ratings
        return [{"exchange": e, "mine": mine.get(e.pk)} for e in self.value_exchanges]

    @cached_property
    def exchange_chart(self) -> dict:
        """The exchanges ranked by their total rating: the top few, and how many people rated."""
        totals: Counter[int] = Counter()
        raters = set()
        for exchange, who, value in self._exchange_ratings():
            totals[exchange] += value
            raters.add(who)
        bars = bar_chart((str(e.pk), e.text, totals.get(e.pk, 0)) for e in self.value_exchanges)
        return {"bars": bars[:TOP_EXCHANGES], "raters": len(raters)}

    @cached_property
    def exchange_prompts(self) -> list[Bar]:
        """The exchanges the group rated highest, carried into a brainstorm as prompts."""
        return [bar for bar in self.exchange_chart["bars"] if bar.count > 0][:EXCHANGE_PROMPTS]

    # Beliefs ----------------------------------------------------------------------------

    @cached_property
    def belief_board(self) -> BeliefBoard:
        return read_once(self.shared, "belief_board", lambda: BeliefBoard.of(self.workshop))

    def _beliefs(self) -> list[tuple[int, str, str]]:
        # Everyone's beliefs, read once per broadcast. Templates get only what `beliefs` lets them know.
        return read_once(
            self.shared,
            "beliefs",
            lambda: list(
                Belief.objects.filter(workshop=self.workshop, participant__removed_at__isnull=True)
                .exclude(participant__role=Participant.Role.OBSERVER)
                .values_list("participant_id", "template", "text")
            ),
        )

    @cached_property
    def beliefs(self) -> dict:
        """What this viewer may know of the beliefs.

        Before the reveal: their own, and how many people have written any. The others' texts
        are not even grouped then, so no template can leak them. After: every belief by
        template, without names.
        """
        rows = self._beliefs()
        me = self.viewer.participant
        mine = {template: text for who, template, text in rows if me is not None and who == me.pk}
        contributors = sum(1 for person in self.roster.people if not person.is_observer)
        found: dict[str, Any] = {
            "mine": mine,
            "written": len({who for who, _, _ in rows}),
            "total": contributors,
            "revealed": self.belief_board.is_revealed,
            "groups": [],
        }
        if found["revealed"]:
            found["groups"] = [
                {"name": name, "sentence": sentence, "texts": [text for _, t, text in rows if t == key]}
                for key, name, sentence in content.BELIEF_TEMPLATES
            ]
        return found

    @cached_property
    def beliefs_form(self) -> BeliefsForm:
        """The viewer's own beliefs in the form they edit."""
        return BeliefsForm(initial=self.beliefs["mine"])

    @cached_property
    def vision(self) -> Vision:
        return read_once(self.shared, "vision", lambda: Vision.of(self.workshop))

    @cached_property
    def vision_form(self) -> VisionForm:
        return VisionForm(instance=self.vision)

    @cached_property
    def pre_read(self) -> str:
        """What the facilitator asked participants to read before the start (shown in the lobby)."""
        return read_once(self.shared, "pre_read", lambda: Preparation.of(self.workshop).pre_read)

    # Core value exchange: the disappointment poll ---------------------------------------

    @cached_property
    def core_value(self) -> CoreValue:
        return read_once(self.shared, "core_value", lambda: CoreValue.of(self.workshop))

    def _poll_answers(self) -> dict[int, str]:
        # Everyone's answer, read once per broadcast; templates get only what `poll` lets them know.
        return read_once(
            self.shared,
            "poll_answers",
            lambda: dict(
                PollAnswer.objects.filter(workshop=self.workshop, participant__removed_at__isnull=True)
                .exclude(participant__role=Participant.Role.OBSERVER)
                .values_list("participant_id", "answer")
            ),
        )

    @cached_property
    def poll(self) -> dict:
        """What this viewer may know of the poll: their own answer and how many answered; the chart once revealed."""
        everyone = self._poll_answers()
        me = self.viewer.participant
        mine = everyone.get(me.pk) if me else None
        contributors = sum(1 for person in self.roster.people if not person.is_observer)
        found: dict[str, Any] = {
            "mine": mine,
            "answered": len(everyone),
            "total": contributors,
            "revealed": False,
            "bars": [],
        }
        if self.core_value.poll_revealed:
            counts = Counter(everyone.values())
            rows = ((value, label, counts.get(value, 0)) for value, label in Disappointment.choices)
            found |= {"revealed": True, "bars": bar_chart(rows, ranked=False)}
        return found

    # Warm-up ----------------------------------------------------------------------

    @cached_property
    def is_warm_up(self) -> bool:
        return self.current is not None and self.current.kind == Segment.Kind.WARM_UP and self.workshop.is_live

    @cached_property
    def warm_up_groups(self) -> list[WarmUpGroup]:
        return read_once(self.shared, "warm_up_groups", self.workshop.worksheets)

    @cached_property
    def my_group(self) -> WarmUpGroup | None:
        me = self.viewer.participant
        if me is None or me.is_observer or me.warm_up_group_id is None:
            return None
        return next((group for group in self.warm_up_groups if group.pk == me.warm_up_group_id), None)

    @cached_property
    def my_group_mates(self) -> list[Participant]:
        me = self.viewer.participant
        if self.my_group is None or me is None:
            return []
        return [person for person in self.my_group.members.all() if person.pk != me.pk]

    @cached_property
    def ungrouped(self) -> list[Participant]:
        return [p for p in self.roster.people if not p.is_observer and p.warm_up_group_id is None]

    @cached_property
    def example_rows(self) -> list[tuple[str, str]]:
        return content.worksheet_rows(content.WARM_UP_EXAMPLE)

    @property
    def stage_template(self) -> str:
        if self.workshop.is_ended:
            return "workshops/stages/ended.html"
        if self.current is None:
            return "workshops/stages/waiting.html"
        return f"workshops/stages/{self.current.kind}.html"


def blank_forms(workshop: Workshop) -> dict:
    """The forms the live regions show, unbound: the same for every viewer of one broadcast."""
    product = workshop.warm_up_product
    product_initial = {
        "warm_up_name": product["name"],
        "warm_up_summary": product["product"],
        "warm_up_business_model": product["business_model"],
    }
    return {
        # Unbound forms cost no queries; a view that failed validation passes its bound form instead.
        "note_form": NoteForm(),
        "exchange_form": ValueExchangeForm(),
        "core_value_form": CoreValueForm(),
        "decision_form": GameDecisionForm(instance=workshop),
        "product_form": WarmUpProductForm(instance=workshop, initial=product_initial),
        "split_form": WarmUpSplitForm(initial={"group_size": workshop.warm_up_group_size}),
    }


def page_context(
    viewer: Viewer, page: Page, shared: SharedRenders | None = None, live: LiveState | None = None
) -> dict:
    live = live or LiveState(viewer, shared=shared)
    workshop = viewer.workshop
    return {
        "workshop": workshop,
        "viewer": viewer,
        "page": page,
        "live": live,
        "roster": live.roster,
        # The regions later apps add, in page order: the page templates include them.
        "added_regions": added_regions(page),
        **read_once(shared, "forms", lambda: blank_forms(workshop)),
    }


# Who sees the same region -----------------------------------------------------------------
#
# During a broadcast every tab of a workshop renders the same regions of the same state.
# Most of what a participant sees is what every other participant in the same situation
# sees (an observer or not, done or not, which game they picked). `audience` names that
# situation; the tabs that share it share one render. Anything that shows a viewer their
# own work (drafts, pair, ratings, their group's worksheet, "(you)") is rendered for them
# alone: `None`. When in doubt, None: a wrong key would show one person another's work.
# tests/workshops/test_shared_renders.py renders every region of every page, segment and
# kind of viewer both ways and requires the same text.

PERSONAL = None


def audience(live: LiveState, page: Page, region: str) -> Audience | None:
    """Who sees the same HTML of this region as this viewer; None: this viewer alone."""
    traits = region_traits(live, page, region)
    return None if traits is PERSONAL else Audience(page.value, region, traits)


def region_traits(live: LiveState, page: Page, region: str) -> tuple | None:
    viewer = live.viewer
    if region in SHARED_REGIONS:
        return ()
    added = _added_regions.get(region)
    if added is not None:
        return added.audience(live, page)
    who = (viewer.may_contribute, viewer.is_observer)
    if region == "board":
        return who
    if region == "ready":
        ready = live.ready
        return (*who, bool(ready and ready["i_am_done"]))
    if region == "roster":
        # Everyone's name, with "(you)" beside the viewer's own.
        return (viewer.participant.pk if viewer.participant else None,)
    if region == "stage":
        if live.workshop.is_ended:
            return PERSONAL  # the viewer's own saved North Stars
        if live.current is not None and live.current.kind == Segment.Kind.GAME:
            return (*who, live.picks["mine"])
        if live.current is not None and live.current.kind == Segment.Kind.VALUE_EXCHANGE and page == Page.PARTICIPANT:
            return PERSONAL  # their own ratings
        if live.current is not None and live.current.kind == Segment.Kind.BELIEFS and page == Page.PARTICIPANT:
            return PERSONAL  # their own beliefs
        if live.current is not None and live.current.kind == Segment.Kind.CORE_VALUE:
            return (*who, live.poll["mine"])
        return who
    if region == "warmup":
        if not live.is_warm_up:
            return ("closed",)
        if page != Page.PARTICIPANT or viewer.is_observer or live.my_group is None:
            return who
        return PERSONAL  # their group's worksheet and who they share it with
    return PERSONAL


def render_regions(
    viewer: Viewer,
    page: Page,
    regions: Iterable[str] | None = None,
    version: int | None = None,
    shared: SharedRenders | None = None,
    answer: bool = False,
) -> str:
    """Render the named regions (all of the page's when None) for this viewer, ready for OOB swaps.

    A full render carries the workshop's version; a render for a notice carries the
    notice's version, so the browser can tell when it missed one. With `shared` (one
    notice's, see workshops/renders.py) workshop-wide data is read once and each region is
    rendered once per audience for every tab of that notice.
    An `answer` (to the viewer's own request) carries the version it shows, so the
    browser can drop a push that was rendered before it and arrives after it.
    """
    every = page_regions(page)
    asked = None if regions is None else set(regions)
    wanted = every if asked is None else [r for r in [*every, *part_regions(page)] if r in asked]
    if regions is None:
        version = viewer.workshop.version
    if not wanted and version is None:
        return ""
    template = PAGE_TEMPLATES[page]
    live = LiveState(viewer, shared=shared)
    context = None

    def render_for_viewer(region: str) -> str:
        nonlocal context
        context = context or page_context(viewer, page, shared, live)
        added = _added_regions.get(region)
        if added is not None:
            return render_to_string(added.template, context)
        return render_to_string(f"{template}#{region}", context)

    def render(region: str) -> str:
        if shared is None:
            return render_for_viewer(region)
        return shared.render(audience(live, page, region), lambda: render_for_viewer(region))

    html = "".join(render(region) for region in wanted)
    if version is not None:
        html += render_to_string(VERSION_TEMPLATE, {"version": version, "full": regions is None})
    if answer:
        html += answer_version(viewer.workshop)
    return html


def answer_version(workshop: Workshop) -> str:
    return render_to_string(ANSWER_VERSION_TEMPLATE, {"version": workshop.version})
