"""`python manage.py seed_demo`: a finished workshop and its adopted North Star to click through.

Everything is made the way the app makes it: the agenda from the 120-minute template,
walked segment by segment with the model's own moves (so planned against actual time
is real), dots placed through `place_dot`, the team's North Star copied from the
winning pair's candidate as the facilitator's "start from this candidate" does, and
version 1 recorded at adoption. The command refuses to run a second time: the demo
facilitator's address is taken then, and their password was printed only once.
"""

import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, Team
from library.models import Bet, NorthStarVersion, adoption_note
from library.snapshot import snapshot_of
from metrics.converge import place_dot
from metrics.models import Candidate, CandidateBoard, Initiative, Input, NorthStar, Opportunity, Pair, PairMember, Score
from workshops.agenda import AGENDA_TEMPLATES
from workshops.checklist import CHECKLIST
from workshops.models import Game, GamePick, Note, Participant, Workshop

EMAIL = "demo.facilitator@example.com"
COLLEAGUE = "demo.colleague@example.com"
TEAM = "TableTime product team"
TITLE = "TableTime North Star workshop"
PRODUCT = "TableTime, a restaurant booking app"
PEOPLE = ["Amara", "Ben", "Chloé", "Dev", "Elif", "Farid"]
GAME_PICKS = ["transaction", "transaction", "attention", "transaction", "productivity", "transaction"]
OPENING_NOTES = [
    "Our work felt worth it when the no-show reminder cut empty tables by a third.",
    "We ship a lot of features; I can't say which ones restaurants renew for.",
    "Diners love the app, but do restaurants fill more tables because of it?",
]
TERRIBLE = [
    ("Number of app downloads", "It rises with ad spend whether anyone books or not."),
    ("Minutes spent browsing menus", "More time can mean diners cannot find a table."),
]
# Each pair's candidate: metric, definition, inputs (name, definition, heuristic).
PAIR_CANDIDATES = [
    (
        "Honoured bookings per week",
        "Bookings where the diners showed up and were seated, counted per week across all restaurants.",
        [
            ("Diners booking", "Distinct diners who make at least one booking in the week.", "breadth"),
            ("Repeat diners", "Diners who book again within 30 days of a visit.", "frequency"),
            ("Show-up rate", "Share of bookings where the party arrives.", "efficiency"),
            ("Tables offered", "Tables restaurants open for booking through TableTime each week.", "depth"),
        ],
    ),
    (
        "Weekly seated covers",
        "People seated at a table booked through TableTime, per week.",
        [
            ("Bookings made", "Bookings completed in the week.", "breadth"),
            ("Party size", "Average number of people per booking.", "depth"),
            ("Seated share", "Share of bookings that end with the party seated.", "efficiency"),
        ],
    ),
    (
        "Restaurants with a full Friday",
        "Restaurants whose Friday evening tables offered on TableTime are all booked.",
        [
            ("Restaurants listed", "Restaurants offering tables on Friday evening.", "breadth"),
            ("Friday demand", "Booking requests for Friday evening per listed table.", "depth"),
            ("Late cancellations", "Share of Friday bookings cancelled on the day.", "efficiency"),
        ],
    ),
]
# Each person's dots, by candidate (one dot per candidate, three each at most).
DOTS = [(0, 1, 2), (0, 1), (0, 2), (0, 1, 2), (0, 1), (0,)]
INITIATIVES = [("No-show reminders by text", 2), ("Table map redesign", 3), ("Loyalty points", None)]
OPPORTUNITIES = {
    0: ["Suggest a nearby restaurant when the first choice is full", "Let groups book together from one link"],
    1: ["Remind diners of a place they loved a month later"],
}
BETS = [
    (2, Bet.Level.OPPORTUNITY, "Text reminders two hours before", "Reminders lift the show-up rate by 5 points."),
    (1, Bet.Level.INTERVENTION, "“Book again” after the visit", "A one-tap rebooking link brings diners back sooner."),
]


class Command(BaseCommand):
    help = "Create a finished demo workshop with an adopted North Star, and print how to sign in to see it."

    def handle(self, *args, **options) -> None:
        users = get_user_model().objects
        if users.filter(email__in=[EMAIL, COLLEAGUE]).exists():
            raise CommandError(
                f"The demo is already there: sign in as {EMAIL}. Its password was printed the first time; "
                f"set a new one with `python manage.py changepassword {EMAIL}`."
            )
        password = secrets.token_urlsafe(12)
        with transaction.atomic():
            facilitator = users.create_user(email=EMAIL, password=password, display_name="Dana (demo facilitator)")
            workshop = seed(facilitator)
        self.stdout.write(self.style.SUCCESS(f"Created “{workshop.title}” and its North Star for {TEAM}."))
        self.stdout.write(f"Sign in at /accounts/login/ as {EMAIL} with the password {password}")
        self.stdout.write(f"Then open /library/ or the workshop's record at /workshops/{workshop.code}/record/")


def seed(facilitator) -> Workshop:
    team = Team.objects.create(name=TEAM)
    team.add_member(facilitator, role=Membership.Role.OWNER)
    team.add_member(get_user_model().objects.create_user(email=COLLEAGUE, display_name="Sam (demo colleague)"))
    workshop = Workshop.objects.create(title=TITLE, product=PRODUCT, facilitator=facilitator, team=team)
    workshop.add_segments(AGENDA_TEMPLATES["120"][1])
    segments = list(workshop.segments.all())

    # The workshop ran this morning; each segment took about what was planned.
    now = timezone.now()
    clock = now - timedelta(minutes=sum(s.planned_minutes for s in segments) + 30)
    workshop.start(clock)
    people = [Participant.objects.create(workshop=workshop, display_name=name, joined_at=clock) for name in PEOPLE]
    for segment in segments:
        if segment != workshop.current_segment:
            workshop.go_to(segment, clock)
        if work := SEGMENT_WORK.get(segment.kind):
            work(workshop, people, clock)
        clock += timedelta(minutes=segment.planned_minutes, seconds=(segment.position % 3 - 1) * 90)
    workshop.end(clock)
    return workshop


def game(workshop: Workshop, people: list[Participant], now) -> None:
    for person, pick in zip(people, GAME_PICKS, strict=True):
        GamePick.objects.create(workshop=workshop, participant=person, game=pick, picked_at=now)
    workshop.picks_revealed_at = now + timedelta(minutes=5)
    workshop.game = Game.TRANSACTION
    workshop.game_reason = "Restaurants pay us when a booked table is filled."
    workshop.save(update_fields=["picks_revealed_at", "game", "game_reason"])


def opening(workshop: Workshop, people: list[Participant], now) -> None:
    for person, text in zip(people, OPENING_NOTES, strict=False):
        Note.objects.create(workshop=workshop, board=Note.Board.OPENING, author=person, text=text, created_at=now)


def good_bad(workshop: Workshop, people: list[Participant], now) -> None:
    for person, (text, why) in zip(people[3:], TERRIBLE, strict=False):
        Note.objects.create(workshop=workshop, board=Note.Board.TERRIBLE, author=person, text=text, why=why)


def pair_share(workshop: Workshop, people: list[Participant], now) -> None:
    """Three pairs, each bringing one candidate with its inputs to the board."""
    CandidateBoard.objects.create(workshop=workshop, dots_per_person=3)
    for number, (metric, definition, inputs) in enumerate(PAIR_CANDIDATES, start=1):
        pair = Pair.objects.create(workshop=workshop, number=number, created_at=now)
        for person in people[2 * (number - 1) : 2 * number]:
            PairMember.objects.create(pair=pair, participant=person)
        candidate = Candidate.objects.create(
            workshop=workshop, pair=pair, metric_name=metric, metric_definition=definition, shared_at=now
        )
        for position, (name, text, heuristic) in enumerate(inputs):
            Input.objects.create(
                candidate=candidate, position=position, name=name, definition=text, heuristic=heuristic
            )


def evaluate(workshop: Workshop, people: list[Participant], now) -> None:
    """Everyone rates every candidate on the checklist, then places their three dots; both are revealed."""
    board = CandidateBoard.objects.get(workshop=workshop)
    board.revealed_at = now
    candidates = list(Candidate.objects.on_board(board))
    for rank, candidate in enumerate(candidates):
        for p, person in enumerate(people):
            for c, criterion in enumerate(CHECKLIST):
                # The first candidate does best; people disagree here and there.
                value = max(0, min(2, 2 - rank + ((p + c) % 3 == 0) - ((p * c) % 5 == 4)))
                Score.objects.create(candidate=candidate, participant=person, criterion=criterion.key, value=value)
    for person, picks in zip(people, DOTS, strict=True):
        for index in picks:
            place_dot(person, candidates[index], board)
    board.scores_revealed_at = now + timedelta(minutes=8)
    board.votes_revealed_at = now + timedelta(minutes=12)
    board.save(update_fields=["revealed_at", "scores_revealed_at", "votes_revealed_at"])


def converge(workshop: Workshop, people: list[Participant], now) -> None:
    """The team starts its North Star from the winning candidate, tests its inputs and adopts it."""
    board = CandidateBoard.objects.get(workshop=workshop)
    winner, *others = Candidate.objects.on_board(board)
    statement = Candidate.objects.create(
        workshop=workshop,
        is_team=True,
        metric_name=winner.metric_name,
        metric_definition=winner.metric_definition,
        observation="diners who actually sit down at the table they booked",
        measure="honoured bookings each week",
    )
    inputs = [
        Input.objects.create(
            candidate=statement, position=i, name=x.name, definition=x.definition, heuristic=x.heuristic
        )
        for i, x in enumerate(winner.inputs.all())
    ]
    north_star = NorthStar.objects.create(
        workshop=workshop,
        statement=statement,
        game=workshop.game,
        business_results="More restaurants renew their subscription, and diners book through us first.",
        open_questions="Do walk-ins seated from the waiting list count?",
        information_needed="Show-up data from the pilot restaurants (Amara, by next sprint).",
        adopted_at=now + timedelta(minutes=8),
    )
    north_star.built_from.add(winner)
    north_star.runners_up.add(*others)
    for index, texts in OPPORTUNITIES.items():
        for person, text in zip(people, texts, strict=False):
            Opportunity.objects.create(item=inputs[index], participant=person, text=text)
    for name, position in INITIATIVES:
        item = inputs[position] if position is not None else None
        Initiative.objects.create(north_star=north_star, name=name, item=item)
    version = NorthStarVersion.objects.record(
        north_star,
        snapshot_of(north_star),
        author=workshop.facilitator,
        note=adoption_note(north_star),
        at=north_star.adopted_at,
    )
    for index, level, title, hypothesis in BETS:
        Bet.objects.create(
            north_star=north_star,
            input_key=version.data.inputs[index].key,
            level=level,
            title=title,
            hypothesis=hypothesis,
            status=Bet.Status.IN_PROGRESS if level == Bet.Level.OPPORTUNITY else Bet.Status.NEXT,
            created_by=workshop.facilitator,
        )


# What the group does in each kind of segment (the others are talks and practice with nothing kept).
SEGMENT_WORK = {
    "opening": opening,
    "game": game,
    "good-bad": good_bad,
    "pair-share": pair_share,
    "evaluate": evaluate,
    "converge": converge,
}
