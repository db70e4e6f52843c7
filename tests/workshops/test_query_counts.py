"""Pages and broadcast renders cost a fixed number of queries, however many people joined.

Every region a consumer renders runs once per open tab on each change, so an N+1
there multiplies by the size of the room. These counts are the ones measured when
the benchmark (`make bench`) was written; a change that adds a query should say why.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from metrics.models import CandidateBoard, NorthStar, Score, Vote
from metrics.pairing import make_pairs
from tests.factories import ParticipantFactory, WorkshopFactory, candidate_with_inputs
from workshops.access import Page, Viewer, remember_participant
from workshops.agenda import AGENDA_TEMPLATES
from workshops.live import page_regions, render_regions
from workshops.models import Connection, Note, Ready, Workshop
from workshops.renders import SharedRenders

# No region may cost more than this for one viewer, whatever the segment. The heaviest is the
# facilitator's converge builder: the North Star with its inputs, sources, runners-up and
# initiatives, beside the revealed board.
REGION_BUDGET = 14
# session, the participant with their workshop (one read), segments, roster, ready marks, the opening notes board.
PARTICIPANT_PAGE_QUERIES = 6
# session, user, workshop, participant lookup by session, co-facilitators, segments, roster, ready marks, notes.
FACILITATOR_PAGE_QUERIES = 8
# The facilitator's "Next": session, user, the workshop locked, its segments; leave one, point the
# workshop at the next, enter it, count the change; the savepoint around it. The answer reuses them.
MOVE_QUERIES = 10

ROOM_SIZES = [2, 12]


def live_workshop_with(workshop: Workshop, people: int) -> list:
    """A live workshop on the 120-minute agenda; half the room is online and done."""
    workshop.add_segments(AGENDA_TEMPLATES["120"][1])
    workshop.start(timezone.now())
    participants = [ParticipantFactory.create(workshop=workshop) for _ in range(people)]
    assert workshop.current_segment_id is not None, "the workshop has started"
    for person in participants[::2]:
        Ready.objects.create(segment_id=workshop.current_segment_id, participant=person)
        Connection.objects.create(workshop=workshop, participant=person, channel_name=f"c{person.pk}", page="x")
    return participants


def viewer_for(workshop: Workshop, page: Page, participant=None) -> Viewer:
    fresh = Workshop.objects.select_related("facilitator").get(pk=workshop.pk)
    if page == Page.PARTICIPANT:
        return Viewer(fresh, participant=participant)
    return Viewer(fresh, user=workshop.facilitator, is_facilitator=True)


@pytest.mark.parametrize("people", ROOM_SIZES)
def test_the_participant_page_takes_a_fixed_number_of_queries(workshop, people, django_assert_num_queries):
    participants = live_workshop_with(workshop, people)
    client = Client()
    session = client.session
    remember_participant(session, participants[0])
    session.save()
    with django_assert_num_queries(PARTICIPANT_PAGE_QUERIES):
        response = client.get(workshop.get_participant_url())
    assert response.status_code == 200


@pytest.mark.parametrize("people", ROOM_SIZES)
def test_the_facilitator_page_takes_a_fixed_number_of_queries(workshop, people, django_assert_num_queries):
    live_workshop_with(workshop, people)
    client = Client()
    client.force_login(workshop.facilitator)
    with django_assert_num_queries(FACILITATOR_PAGE_QUERIES):
        response = client.get(workshop.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("people", ROOM_SIZES)
def test_moving_the_group_on_takes_a_fixed_number_of_queries(workshop, people, django_assert_num_queries):
    live_workshop_with(workshop, people)
    client = Client()
    client.force_login(workshop.facilitator)
    here = workshop.current_segment
    data = {"from_segment": here.pk, "direction": "next"}
    with django_assert_num_queries(MOVE_QUERIES):
        response = client.post(reverse("workshops:go", args=[workshop.code]), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    workshop.refresh_from_db()
    assert workshop.current_segment.position == here.position + 1
    # The answer shows where the group is now, from the objects the move wrote.
    assert workshop.current_segment.title in response.content.decode()


def region_queries(kind: str, people: int, page: Page) -> dict[str, int]:
    """Queries per region for one viewer, in a room of `people` with work on every board."""
    workshop = WorkshopFactory.create()
    participants = live_workshop_with(workshop, people)
    fill_every_board(workshop, participants)
    workshop.go_to(workshop.segments.get(kind=kind), timezone.now())
    viewer = viewer_for(workshop, page, participants[0])
    counts = {}
    for region in page_regions(page):
        with CaptureQueriesContext(connection) as context:
            html = render_regions(viewer, page, [region])
        assert f'id="{region}"' in html
        counts[region] = len(context.captured_queries)
    return counts


def fill_every_board(workshop: Workshop, participants: list) -> None:
    """Notes, picks, drafts, pairs, shared candidates, ratings, dots and a team North Star: one of each per person."""
    board = CandidateBoard.objects.create(
        workshop=workshop, revealed_at=timezone.now(), scores_revealed_at=timezone.now()
    )
    pairs = make_pairs(workshop)
    for number, person in enumerate(participants):
        Note.objects.create(workshop=workshop, board=Note.Board.OPENING, author=person, text=f"Note {number}")
        candidate_with_inputs(3, workshop=workshop, author=person)
        shared = candidate_with_inputs(3, workshop=workshop, pair=pairs[number % len(pairs)])
        shared.shared_at = timezone.now()
        shared.save()
        Score.objects.create(candidate=shared, participant=person, criterion="value", value=2)
        Vote.objects.create(candidate=shared, participant=person, slot=1)
    statement = candidate_with_inputs(3, workshop=workshop, is_team=True)
    NorthStar.objects.create(workshop=workshop, statement=statement)
    assert board.is_revealed


@pytest.mark.parametrize("page", [Page.PARTICIPANT, Page.FACILITATE, Page.PRESENT])
@pytest.mark.parametrize("kind", ["opening", "game", "warm-up", "brainstorm", "pair-share", "evaluate", "converge"])
def test_each_broadcast_render_costs_the_same_however_many_people_and_candidates(db, kind, page):
    small, large = (region_queries(kind, people, page) for people in ROOM_SIZES)

    assert small == large
    assert max(small.values()) <= REGION_BUDGET, small


@pytest.mark.parametrize("people", ROOM_SIZES)
def test_tabs_rendering_one_broadcast_read_the_workshop_once(workshop, people, django_assert_num_queries):
    participants = live_workshop_with(workshop, people)
    shared = SharedRenders()
    first, second = (viewer_for(workshop, Page.PARTICIPANT, person) for person in participants[:2])
    with django_assert_num_queries(4):  # segments, roster, ready marks, the opening notes board
        mine = render_regions(first, Page.PARTICIPANT, None, shared=shared)
    with django_assert_num_queries(0):
        theirs = render_regions(second, Page.PARTICIPANT, None, shared=shared)
    # What differs per viewer is still rendered for each: their own "(you)" and "I'm done" state.
    assert mine != theirs
    assert mine.count("(you)") == theirs.count("(you)") == 1
    assert "You said you are done" in mine
    assert "You said you are done" not in theirs
    # The regions nobody sees differently are the same text, rendered once.
    assert render_regions(first, Page.PARTICIPANT, ["now", "agenda"], shared=shared) == render_regions(
        second, Page.PARTICIPANT, ["now", "agenda"], shared=shared
    )


@pytest.mark.parametrize("people", ROOM_SIZES)
def test_tabs_of_one_notice_find_their_viewers_in_one_read(workshop, people, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore

    from workshops.consumers import WorkshopConsumer

    participants = live_workshop_with(workshop, people)
    tabs = []
    for person in participants:
        session = SessionStore()
        remember_participant(session, person)
        session.save()
        session = SessionStore(session_key=session.session_key)
        session.items()  # a socket reads its session once, when it connects
        tab = WorkshopConsumer()
        tab.scope = {"user": AnonymousUser(), "session": session}
        tabs.append(tab)
    shared = SharedRenders()

    with django_assert_num_queries(2):  # the workshop, who is still in the room
        viewers = [tab.lookup_viewer(workshop.code, shared) for tab in tabs]

    assert [viewer.participant for viewer in viewers] == participants


def room_notice_queries(kind: str, people: int) -> tuple[int, list[str]]:
    """Queries for one broadcast of the candidates and pair-work regions to every participant's tab."""
    workshop = WorkshopFactory.create()
    participants = live_workshop_with(workshop, people)
    fill_every_board(workshop, participants)
    workshop.go_to(workshop.segments.get(kind=kind), timezone.now())
    shared = SharedRenders()
    tabs = [viewer_for(workshop, Page.PARTICIPANT, person) for person in participants]
    with CaptureQueriesContext(connection) as context:
        pages = [render_regions(tab, Page.PARTICIPANT, ["candidates", "pairwork"], shared=shared) for tab in tabs]
    return len(context.captured_queries), pages


@pytest.mark.parametrize("kind", ["brainstorm", "pair-share", "evaluate"])
def test_one_notice_reads_everyones_own_work_once_for_the_whole_room(db, kind):
    # Each tab renders its own drafts, pair, ratings and dots: read once for all the tabs of a
    # notice, not once per tab (a room of 15 moving into the brainstorm was 30 reads of drafts).
    (small, _), (large, pages) = (room_notice_queries(kind, people) for people in ROOM_SIZES)

    assert small == large
    assert len(set(pages)) == len(pages)  # still each their own
