"""The projector as the room sees it: every segment of a full workshop fits the wall, readable from the back."""

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from library.models import NorthStarVersion, adoption_note
from library.snapshot import snapshot_of
from metrics.models import CandidateBoard, Input, NorthStar, Pair, PairMember, Score, Vote
from tests.factories import NoteFactory, ParticipantFactory, candidate_with_inputs, workshop_with_agenda
from workshops.checklist import CHECKLIST
from workshops.models import Game, GamePick, Note, Workshop

PEOPLE = [
    "Amira",
    "Bartholomew",
    "Chen",
    "Dagny",
    "Esperanza",
    "Fitzgerald",
    "Gulnara",
    "Hiroshi",
    "Ingrid",
    "Jean-Baptiste",
    "Kwame",
    "Ludmila",
    "Mateo",
    "Nkechi",
    "Oksana",
    "Priyanka",
]
METRICS = [
    ("Weekly honoured bookings", "Bookings made through us in a week where the diners turned up."),
    ("Monthly repeat diners", "Diners who book a second table through us within thirty days of their first."),
    ("Tables filled from the waitlist", "Cancelled tables we fill again from the waitlist before the service starts."),
    ("Restaurants with a full Friday", "Partner restaurants whose Friday evening is fully booked through us."),
    ("Minutes saved per booking", "How much faster a diner books with us than by phone, averaged over a week."),
    ("Reviews written after a visit", "Diners who rate the restaurant within two days of the table they booked."),
    ("Groups of six or more seated", "Bookings for larger groups that were seated at one table as planned."),
    (
        "Diners who book again in a new city after a first visit",
        "Diners who use us to book a table in a second city within a year of their first booking, counted "
        "once per diner and city, excluding bookings that were cancelled or where nobody turned up. " * 2,
    ),
]
OPENING_NOTES = [
    "Our last release felt worth it when the no-shows dropped",
    "Nobody could say the strategy in one sentence",
    "We ship a lot but cannot see it in revenue",
    "Restaurants tell us the Friday waitlist saves their evening",
    "Support tickets about double bookings are down by half",
    "We argue about features, not about outcomes",
    "The sales team measures something else entirely",
    "Diners love the reminders; owners love the deposits",
    "We never look at numbers after a launch",
    "Half of our bookings come from three cities",
    "It felt worth it when a restaurant thanked us by name",
    "We measure downloads because they are easy to count",
]
# As long as a note may be: the wall cuts it to a few lines rather than grow the card.
LONG_NOTE = (
    "Every quarter we promise the board a number and every quarter we pick a new one because the last one "
    "stopped going up, so nobody here can say which release made diners happier"
)
TERRIBLE = [
    ("App downloads", "Says nothing about a single table booked"),
    ("Number of push notifications sent", "More noise, fewer happy diners"),
    ("Minutes spent in the app", "A booking should be quick, not sticky"),
    ("Total registered users", "Only ever goes up, whatever we do"),
    ("Lines of code shipped", "Effort is not value"),
    ("Page views on the menu pages", "Browsing without booking helps no one"),
    ("Number of restaurants signed up", "An empty partner is still empty"),
    ("Emails opened", "Opening is not dining"),
    ("Features released per quarter", "Output, not outcome"),
    ("Social media followers", "Vanity by definition"),
    ("Searches per session", "Many searches may mean we failed to help"),
    ("Support tickets closed", "Fewer problems would be better"),
]


def full_room() -> Workshop:
    """A 120-minute workshop in full swing: everything each segment can show on the wall is there."""
    now = timezone.now()
    workshop = workshop_with_agenda("120", product="TableTime, a restaurant booking app")
    workshop.start(now)
    people = [ParticipantFactory.create(workshop=workshop, display_name=name) for name in PEOPLE]
    NoteFactory(workshop=workshop, author=people[-1], board=Note.Board.OPENING, text=LONG_NOTE)
    for person, text in zip(people, OPENING_NOTES, strict=False):
        NoteFactory(workshop=workshop, author=person, board=Note.Board.OPENING, text=text)
    for person, (text, why) in zip(people, TERRIBLE, strict=False):
        NoteFactory(workshop=workshop, author=person, board=Note.Board.TERRIBLE, text=text, why=why)
    games = [Game.TRANSACTION, Game.TRANSACTION, Game.PRODUCTIVITY, Game.ATTENTION]
    for index, person in enumerate(people):
        GamePick.objects.create(workshop=workshop, participant=person, game=games[index % len(games)])
    workshop.picks_revealed_at = now
    workshop.game = Game.TRANSACTION
    workshop.game_reason = "Diners come to us to complete a booking, then leave to eat."
    workshop.save(update_fields=["picks_revealed_at", "game", "game_reason"])
    workshop.split_into_groups(4)
    for group in workshop.warm_up_groups.all():
        group.game = Game.TRANSACTION
        group.metric = "Rides completed per week"
        group.breadth = "Riders who book at least once"
        group.frequency = "Rides per rider"
        group.impact = "Commission on every ride"
        group.save()

    board = CandidateBoard.objects.create(
        workshop=workshop, revealed_at=now, scores_revealed_at=now, votes_revealed_at=now, dots_per_person=3
    )
    candidates = []
    for number, (name, definition) in enumerate(METRICS):
        pair = Pair.objects.create(workshop=workshop, number=number + 1)
        for person in people[2 * number : 2 * number + 2]:
            PairMember.objects.create(pair=pair, participant=person)
        candidate = candidate_with_inputs(
            3 + number % 3, workshop=workshop, pair=pair, metric_name=name, metric_definition=definition, shared_at=now
        )
        for item in candidate.inputs.all():
            item.name = f"{name.split()[-1].capitalize()} driver {item.position + 1}"
            item.definition = "Counted each week from the booking log."
            item.save()
        candidates.append(candidate)
    for index, person in enumerate(people):
        for number, candidate in enumerate(candidates):
            for criterion in CHECKLIST:
                Score.objects.create(
                    candidate=candidate, participant=person, criterion=criterion.key, value=(index + number) % 3
                )
        for slot in range(1, board.dots_per_person + 1):
            Vote.objects.create(participant=person, candidate=candidates[(index + slot) % 5], slot=slot)

    statement = candidate_with_inputs(4, workshop=workshop, is_team=True, metric_name=METRICS[0][0])
    for item in statement.inputs.all():
        Input.objects.filter(pk=item.pk).update(name=f"Diners who book {item.position + 1}x a month")
    north_star = NorthStar.objects.create(
        workshop=workshop,
        statement=statement,
        game=Game.TRANSACTION,
        business_results="More commission per restaurant, fewer partners leaving us.",
        open_questions="Do no-shows count against the restaurant or the diner? " * 12,
        information_needed="Last year's no-show rate by city.",
        adopted_at=now,
    )
    north_star.built_from.add(candidates[0])
    north_star.runners_up.add(candidates[1], candidates[2])
    return workshop


def presenter_url(workshop: Workshop) -> str:
    return reverse("workshops:present", args=[workshop.code])


SCREENS = [{"width": 1920, "height": 1080}, {"width": 1280, "height": 720}]

# What overflows the wall: the page scrolls, or something in the work or the segment card ends below
# the screen or under the foot (the ready check), or beyond the right edge.
OUT_OF_THE_SCREEN = """() => {
  const width = window.innerWidth, height = window.innerHeight;
  const foot = document.querySelector(".present-foot");
  const footBox = foot && foot.checkVisibility() ? foot.getBoundingClientRect() : null;
  const out = [];
  for (const element of document.querySelectorAll("#now *, .present-work *, .present-foot *")) {
    const box = element.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1 || !element.checkVisibility()) continue;
    const bottom = footBox && !element.closest("#now, .present-foot") ? footBox.top : height;
    if (box.bottom > bottom + 1 || box.right > width + 1) {
      out.push(`${element.tagName.toLowerCase()}.${element.className} "${element.textContent.trim().slice(0, 40)}"`);
    }
  }
  const root = document.documentElement;
  const size = [root.scrollWidth, root.scrollHeight];
  return {scrolls: size[0] > width || size[1] > height, size, out: out.slice(0, 5)};
}"""

# The prompts and body text of the work: what the room reads together.
BODY_TEXT = """() => [...document.querySelectorAll(
  "#stage > p:not(.muted), #stage > ol:not(.checklist) > li, #stage > blockquote, .heatmap-key"
)].filter((element) => element.checkVisibility()).map((element) => ({
  text: element.textContent.trim().slice(0, 40), px: parseFloat(getComputedStyle(element).fontSize),
}))"""


def look_at(page: Page, workshop: Workshop, title: str) -> None:
    page.goto(presenter_url(workshop))
    expect(page.get_by_role("status").filter(has_text="Live")).to_be_visible()
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()


def assert_fits(page: Page, where: str) -> None:
    seen = page.evaluate(OUT_OF_THE_SCREEN)
    assert not seen["scrolls"], f"{where}: the wall scrolls ({seen})"
    assert not seen["out"], f"{where}: these end off the screen or under the foot: {seen['out']}"


def test_every_segment_of_a_full_workshop_fits_the_wall_and_reads_from_the_back(signed_in):
    workshop = full_room()
    page = signed_in(workshop.facilitator)
    board = CandidateBoard.objects.get(workshop=workshop)
    # Evaluate twice: the board of trees while people rate, then the ratings and dots once revealed.
    moments = []
    for segment in workshop.agenda():
        if segment.kind == "evaluate":
            moments.append((segment, True))
        moments.append((segment, False))
    for segment, rating in moments:
        workshop.go_to(segment, timezone.now())
        revealed_at = None if rating else timezone.now()
        CandidateBoard.objects.filter(pk=board.pk).update(scores_revealed_at=revealed_at, votes_revealed_at=revealed_at)
        for screen in SCREENS:
            where = f"{segment.title}{' (rating)' if rating else ''} at {screen['width']}x{screen['height']}"
            page.set_viewport_size(screen)
            look_at(page, workshop, segment.title)
            assert_fits(page, where)
            text = page.locator("body").inner_text()
            # One title for the segment, and nothing of a segment the room has left.
            assert text.count(segment.title) == 1, where
            if segment.kind in ("evaluate", "converge"):
                assert "Drafting progress" not in text, where
            if screen["width"] == 1920:
                body = page.evaluate(BODY_TEXT)
                assert body, f"{where}: no prompt or body text on the wall"
                small = [element for element in body if element["px"] < 28]
                assert not small, f"{where}: smaller than 28px: {small}"

    # And the end: the North Star the group adopted, as its tree, with the room's thanks, on one screen.
    north_star = NorthStar.objects.get(workshop=workshop)
    NorthStarVersion.objects.record(
        north_star, snapshot_of(north_star), author=workshop.facilitator, note=adoption_note(north_star)
    )
    workshop.end(timezone.now())
    for screen in SCREENS:
        where = f"The end at {screen['width']}x{screen['height']}"
        page.set_viewport_size(screen)
        page.goto(presenter_url(workshop))
        expect(page.get_by_role("heading", name="The workshop has ended")).to_be_visible()
        ending = page.get_by_role("region", name=f"Our North Star: {METRICS[0][0]}")
        expect(ending, where).to_be_visible()
        expect(ending.get_by_role("figure"), where).to_contain_text("Diners who book 4x a month")
        expect(ending.get_by_text("Thank you for building it together."), where).to_be_visible()
        expect(ending.get_by_role("heading", name="Open questions"), where).to_be_visible()
        assert_fits(page, where)
        if screen["width"] == 1920:
            lead = ending.locator(".lead").evaluate("(element) => parseFloat(getComputedStyle(element).fontSize)")
            assert lead >= 28, f"{where}: the thanks are {lead}px"


def test_the_facilitator_steps_the_projector_through_a_board_too_big_for_one_screen(signed_in):
    workshop = full_room()
    workshop.go_to(workshop.segments.get(kind="evaluate"), timezone.now())
    CandidateBoard.objects.filter(workshop=workshop).update(scores_revealed_at=None, votes_revealed_at=None)
    facilitator = signed_in(workshop.facilitator)
    facilitator.goto(workshop.get_absolute_url())
    projector = facilitator.context.new_page()
    projector.set_viewport_size(SCREENS[1])
    look_at(projector, workshop, "Share and evaluate")
    expect(projector.get_by_text("1 of 2", exact=True)).to_be_visible()
    expect(projector.get_by_role("heading", name="Weekly honoured bookings")).to_be_visible()
    expect(projector.get_by_role("heading", name="Reviews written after a visit")).to_have_count(0)

    pager = facilitator.get_by_role("group", name="Projector pages")
    expect(pager).to_contain_text("Projector: page 1 of 2")
    pager.get_by_role("button", name="Next page").click()
    expect(projector.get_by_text("2 of 2", exact=True)).to_be_visible()
    expect(projector.get_by_role("heading", name="Reviews written after a visit")).to_be_visible()
    expect(projector.get_by_role("heading", name="Weekly honoured bookings")).to_have_count(0)
    expect(pager).to_contain_text("Projector: page 2 of 2")
    expect(pager.get_by_role("button", name="Next page")).to_be_disabled()
    assert_fits(projector, "the second page of the board")

    # The page is kept on the segment: a reload of the projector shows the same one.
    projector.reload()
    expect(projector.get_by_text("2 of 2", exact=True)).to_be_visible()
    pager.get_by_role("button", name="Previous page").click()
    expect(projector.get_by_text("1 of 2", exact=True)).to_be_visible()
    assert workshop.segments.get(kind="evaluate").projector_page == 1
