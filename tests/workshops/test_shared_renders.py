"""A broadcast renders a region once for everyone who sees the same thing, and never shares more.

When a change reaches the tabs of a workshop, each tab renders its regions with one
memo for the whole broadcast (workshops.live.audience decides who may share a render).
These tests render every region of every page, in every segment, for viewers in every
situation (picked or not, done or not, grouped, paired, observing, co-facilitating), once
with one memo for all of them and once with a memo of their own, and require the same
text: a shared render may save work, never show one person what another sees.
"""

import pytest
from django.utils import timezone

from metrics.models import Candidate
from tests.factories import ParticipantFactory, UserFactory, WorkshopFactory, candidate_with_inputs
from tests.workshops.test_query_counts import fill_every_board
from workshops.access import Page, Viewer
from workshops.agenda import ACTIVITY_PLANS, AGENDA_TEMPLATES
from workshops.live import page_regions, render_regions
from workshops.models import (
    Belief,
    BeliefBoard,
    CoreValue,
    ExchangeRating,
    GamePick,
    Note,
    Participant,
    PollAnswer,
    Ready,
    Segment,
    ValueExchange,
    Workshop,
)
from workshops.renders import SharedRenders

KINDS = [
    "opening",
    "game",
    "good-bad",
    "structure",
    "warm-up",
    "brainstorm",
    "pair-share",
    "evaluate",
    "converge",
    "value-exchange",
    "core-value",
    "beliefs",
    "vision",
]


def room() -> tuple[Workshop, dict[str, Participant]]:
    """A live workshop with people in every situation a region can tell apart."""
    workshop = WorkshopFactory.create()
    workshop.add_segments(AGENDA_TEMPLATES["120"][1])
    workshop.add_segments([ACTIVITY_PLANS[kind] for kind in ("value-exchange", "core-value", "beliefs", "vision")])
    workshop.start(timezone.now())
    names = ["Ada", "Bo", "Cy", "Di", "Ed"]
    people = {name: ParticipantFactory.create(workshop=workshop, display_name=name) for name in names}
    people["Obi"] = ParticipantFactory.create(workshop=workshop, display_name="Obi", role=Participant.Role.OBSERVER)
    people["Cof"] = ParticipantFactory.create(
        workshop=workshop, display_name="Cof", role=Participant.Role.CO_FACILITATOR
    )
    workshop.split_into_groups(2)
    contributors = [people[name] for name in names]
    fill_every_board(workshop, contributors)
    # Some picked a game (differently), some did not; a personal draft with words in it.
    GamePick.objects.create(workshop=workshop, participant=people["Ada"], game="attention")
    GamePick.objects.create(workshop=workshop, participant=people["Bo"], game="transaction")
    Note.objects.create(
        workshop=workshop, board=Note.Board.TERRIBLE, author=people["Cy"], text="Page views", why="Only goes up"
    )
    candidate_with_inputs(3, workshop=workshop, author=people["Bo"], metric_name="Bo's secret draft")
    # Someone rated an exchange, answered the poll, wrote a belief; others did not.
    exchange = ValueExchange.objects.create(workshop=workshop, text="Book a table")
    ExchangeRating.objects.create(exchange=exchange, participant=people["Ada"], value=3)
    PollAnswer.objects.create(workshop=workshop, participant=people["Bo"], answer="very")
    Belief.objects.create(
        workshop=workshop, participant=people["Cy"], template="competitors", text="Cy's secret belief"
    )
    return workshop, people


def viewers(workshop: Workshop, people: dict[str, Participant], page: Page) -> list[Viewer]:
    fresh = Workshop.objects.select_related("facilitator").get(pk=workshop.pk)
    if page == Page.PARTICIPANT:
        return [Viewer(fresh, participant=person) for name, person in people.items() if name != "Cof"]
    co_facilitator = UserFactory.create()
    fresh.co_facilitators.add(co_facilitator)
    return [
        Viewer(fresh, user=fresh.facilitator, is_facilitator=True),
        Viewer(fresh, user=co_facilitator, is_facilitator=True),
        Viewer(fresh, participant=people["Cof"], is_facilitator=True),
    ]


def assert_shared_renders_match(workshop: Workshop, people: dict[str, Participant]) -> None:
    now = timezone.now()
    for page in Page:
        tabs = viewers(workshop, people, page)
        for region in page_regions(page):
            shared = SharedRenders(reads={"now": now})
            together = [render_regions(v, page, [region], version=7, shared=shared) for v in tabs]
            alone = [
                render_regions(v, page, [region], version=7, shared=SharedRenders(reads={"now": now})) for v in tabs
            ]
            for viewer, mine, reference in zip(tabs, together, alone, strict=True):
                assert mine == reference, f"{page} {region} for {viewer.name} differs when shared"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("revealed", [False, True], ids=["hidden", "revealed"])
def test_every_region_looks_the_same_shared_or_alone(db, kind, revealed):
    workshop, people = room()
    workshop.picks_revealed_at = timezone.now() if revealed else None
    workshop.save(update_fields=["picks_revealed_at"])
    CoreValue.objects.create(workshop=workshop, gets="a table", poll_revealed_at=workshop.picks_revealed_at)
    BeliefBoard.objects.create(workshop=workshop, revealed_at=workshop.picks_revealed_at)
    segment = workshop.segments.get(kind=kind)
    workshop.go_to(segment, timezone.now())
    for name in ("Ada", "Cy"):
        Ready.objects.create(segment=segment, participant=people[name])

    assert_shared_renders_match(workshop, people)


def test_an_ended_workshop_looks_the_same_shared_or_alone(db):
    workshop, people = room()
    workshop.end(timezone.now())
    workshop.save()

    assert_shared_renders_match(workshop, people)


def test_a_broadcast_renders_each_shared_region_once_for_the_whole_room(db, django_assert_max_num_queries):
    workshop, people = room()
    workshop.go_to(workshop.segments.get(kind=Segment.Kind.GAME), timezone.now())
    tabs = viewers(workshop, people, Page.PARTICIPANT)
    shared = SharedRenders()
    first = render_regions(tabs[0], Page.PARTICIPANT, ["stage", "now", "agenda"], shared=shared)
    with django_assert_max_num_queries(0):
        for viewer in tabs[1:]:
            render_regions(viewer, Page.PARTICIPANT, ["stage", "now", "agenda"], shared=shared)

    # now and agenda once; the game stage once per (contributor or observer, their own pick).
    assert len([audience for audience in shared.html if audience.region == "stage"]) == 4
    assert len([audience for audience in shared.html if audience.region in ("now", "agenda")]) == 2
    assert "You picked Attention" in first


@pytest.mark.parametrize("kind", ["brainstorm", "pair-share", "evaluate"])
def test_a_broadcast_shows_each_participant_exactly_their_own_page(db, kind):
    # A broadcast reads the whole room's drafts, pairs, ratings and dots once, and each tab
    # picks its own from that read. What it renders must be what that person's own page shows,
    # read for them alone: nobody else's draft, rating or dot.
    workshop, people = room()
    segment = workshop.segments.get(kind=kind)
    workshop.go_to(segment, timezone.now())
    tabs = viewers(workshop, people, Page.PARTICIPANT)
    shared = SharedRenders()
    for viewer in tabs:
        together = render_regions(viewer, Page.PARTICIPANT, ["candidates", "pairwork"], shared=shared)
        alone = render_regions(viewer, Page.PARTICIPANT, ["candidates", "pairwork"])
        assert together == alone, f"{kind}: {viewer.name} sees something else in a broadcast"
    # The draft's name is in its editor's field (escaped there): Bo's page only.
    bo, ada = (render_regions(tab, Page.PARTICIPANT, ["candidates"], shared=shared) for tab in (tabs[1], tabs[0]))
    assert ("secret draft" in bo) == (kind != "evaluate")  # unshared: not on the board
    if kind == "brainstorm":  # a private draft (in pair-share a partner may see it)
        assert "secret draft" not in ada


def test_a_tree_rendered_once_for_the_room_still_shows_what_people_typed_as_text(db):
    # Each board tree is rendered once per broadcast and placed into every tab's page as it is:
    # what its authors typed must already be escaped in it.
    workshop, people = room()
    workshop.go_to(workshop.segments.get(kind="evaluate"), timezone.now())
    candidate = Candidate.objects.filter(workshop=workshop, shared_at__isnull=False).first()
    candidate.metric_name = "<script>alert('evil')</script>"
    candidate.metric_definition = '"><img src=x onerror=alert(1)>'
    candidate.save()
    shared = SharedRenders()
    for viewer in viewers(workshop, people, Page.PARTICIPANT):
        for html in (
            render_regions(viewer, Page.PARTICIPANT, ["candidates"], shared=shared),
            render_regions(viewer, Page.PARTICIPANT, ["candidates"]),
        ):
            assert "<script>alert" not in html
            assert "<img src=x" not in html
            if viewer.may_contribute:
                assert "&lt;script&gt;alert(&#x27;evil&#x27;)&lt;/script&gt;" in html
