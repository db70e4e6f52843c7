"""A malformed address or form gets a 400 or a 404 with a human message, never a 500.

Every URL pattern the site serves is found by walking the resolver, so a new page is covered
the day it is added. Each is asked for with plausible values and with garbage in each part of
its address (a NUL byte, an overlong string, non-ASCII text, negative and huge numbers), then
sent GET and POST requests whose every form field holds garbage, NUL included: on PostgreSQL
a NUL in a query parameter makes psycopg raise instead of answering.
"""

import json
import re
from types import SimpleNamespace

import pytest
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import Team
from changes.models import Proposal
from checkups.models import Checkup
from library.exports import export_document
from library.models import Bet, ShareLink
from measures.models import ApiToken
from metrics.forms import CANDIDATE_FIELDS, INPUT_FIELDS, NORTH_STAR_FIELDS
from metrics.models import CandidateBoard, NorthStar
from metrics.pairing import make_pairs
from reviews.frozen import freeze
from reviews.models import Action, Occurrence, ReviewSeries
from tests.factories import NoteFactory, ParticipantFactory, candidate_with_inputs, live_workshop
from tests.library.helpers import adopted_north_star
from workshops.models import ValueExchange, Workshop

GARBAGE_SEGMENTS = ["%00", "a%00b", "x" * 300, "%C3%A9t%C3%A9-%E2%9C%A8-%E5%8C%97", "-1", "0", "9" * 30]
GARBAGE_VALUES = ["a\x00b", "x" * 10_000, "Zoë ✨ 北極星 \u202egnp.exe", "-1", "9" * 30, ""]
PROJECT_APPS = (
    "accounts.",
    "bets.",
    "changes.",
    "checkups.",
    "library.",
    "measures.",
    "metrics.",
    "northstar.",
    "reviews.",
    "workshops.",
)
# What views read besides their forms' fields, and the prefixes formsets use.
EXTRA_FIELDS = [
    "next", "direction", "role", "user", "segment", "done", "hide", "base", "candidate", "action", "field",
    "value", "remove", "input", "text", "name", "owner", "into", "participant", "pair", "other", "membership",
    "revoke", "a", "b", "team", "code", "q", "what", "show", "on", "take",
    "inputs-TOTAL_FORMS", "inputs-INITIAL_FORMS", "inputs-MAX_NUM_FORMS", "inputs-0-name", "inputs-0-key",
    "inputs-0-definition", "inputs-0-heuristic", "inputs-0-DELETE",
    "signal_trace", "comment_trace", "confidence_k1", "strategy",
]  # fmt: skip
# The stages whose pages and forms differ most: garbage is sent to each.
STAGES = ["opening", "game", "warm-up", "brainstorm", "pair-share", "evaluate", "converge"]
ROUTE_PART = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def url_patterns(resolvers=None, prefix: str = "") -> list[str]:
    """Every route of the site as a string with its <converter:name> parts, including included ones."""
    routes = []
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            routes += url_patterns(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            routes.append(route)
    return routes


def route_for_test(route: str) -> str:
    # The admin's catch-all and app list are regular expressions; give them a plausible path.
    return (
        route.replace("^", "")
        .replace("$", "")
        .replace("(?P<url>.*)", "<url>")
        .replace("(?P<app_label>", "<app_label>(")
    )


def field_names() -> list[str]:
    names = set(EXTRA_FIELDS) | set(CANDIDATE_FIELDS) | set(INPUT_FIELDS) | set(NORTH_STAR_FIELDS)
    pending = [forms.BaseForm]
    while pending:
        form = pending.pop()
        pending += form.__subclasses__()
        if form.__module__.startswith(PROJECT_APPS):
            names |= set(getattr(form, "base_fields", {}))
    from metrics.converge import CRITERIA

    return sorted(names | CRITERIA)


ROUTES = sorted({route_for_test(route) for route in url_patterns()})


@pytest.fixture
def world(facilitator):
    """A live workshop its facilitator owns, a joined participant and one of everything an address names."""
    workshop = live_workshop(facilitator=facilitator)
    participant_client = Client(raise_request_exception=True)
    participant_client.post(workshop.get_join_url(), {"display_name": "Grace"})
    participant = workshop.participants.get(display_name="Grace")
    other = ParticipantFactory(workshop=workshop)
    candidate = candidate_with_inputs(workshop=workshop, author=participant)
    pairs = make_pairs(workshop)
    shared = candidate_with_inputs(workshop=workshop, pair=pairs[0], shared_at=timezone.now())
    CandidateBoard.objects.create(workshop=workshop, revealed_at=timezone.now())
    team = Team.default_for(facilitator)
    north_star = adopted_north_star()
    north_star.workshop.team = team
    north_star.workshop.save()
    bet = Bet.objects.create(north_star=north_star, input_key="k1", title="Reminders", hypothesis="If we remind…")
    # Checkup number 1, open, so garbage reaches its forms.
    Checkup.open_for(north_star, mode="live", deadline=None, inputs=[("k1", "Reminders")], by=facilitator)
    NorthStar.objects.filter(pk=north_star.pk).update(team=team)  # the facilitator's team: its pages answer
    series = ReviewSeries.objects.create(north_star=north_star, first_day=timezone.localdate())
    review = Occurrence.objects.create(
        series=series,
        number=1,
        starts_at=timezone.now(),
        as_of=timezone.localdate(),
        state=Occurrence.State.LIVE,
        facilitator=facilitator,
        snapshot=freeze(north_star, timezone.localdate()),
        frozen_at=timezone.now(),
    )
    action = Action.objects.create(series=series, raised_in=review, text="Call them", owner=facilitator)
    facilitator_client = Client()
    facilitator_client.force_login(facilitator)
    plausible = {
        "code": workshop.code,
        "segment_id": workshop.segments.first().pk,
        "participant_id": other.pk,
        "note_id": NoteFactory(workshop=workshop, author=participant).pk,
        "exchange_id": ValueExchange.objects.create(workshop=workshop, text="Book a table").pk,
        "candidate_id": candidate.pk,
        "input_id": candidate.inputs.first().pk,
        "slug": team.slug,
        "key": north_star.key,
        "number": 1,
        "bet_id": bet.pk,
        "token": ShareLink.objects.create(north_star=north_star, created_by=facilitator).token,
        "what": "scores",
        "uidb64": urlsafe_base64_encode(force_bytes(facilitator.pk)),
        "url": "nowhere/",
        "app_label": "accounts",
        "object_id": facilitator.pk,
        "id": facilitator.pk,
        "content_type_id": ContentType.objects.get_for_model(facilitator).pk,
        "node": "metric",
        "token_id": ApiToken.issue(team=team, name="Nightly job", north_star=None, created_by=facilitator)[0].pk,
        "connection": 1,
        "action_id": action.pk,
        "proposal_id": Proposal.objects.create(
            north_star=north_star,
            base_number=1,
            base_created_at=timezone.now(),
            snapshot=north_star.versions.last().snapshot,
            rationale="Renewals fell while tables rose.",
            proposed_by=facilitator,
        ).pk,
    }
    clients = {"anonymous": Client(), "facilitator": facilitator_client, "participant": participant_client}
    lead = Client()  # sets the workshop up stage by stage, whatever the client under test did to its session
    lead.force_login(facilitator)
    return SimpleNamespace(clients=clients, plausible=plausible, workshop=workshop, lead=lead, shared=shared)


def move_to(world, kind: str) -> bool:
    """Bring the workshop (live again, if a garbage request ended it) to its segment of this kind."""
    workshop = Workshop.objects.get(pk=world.workshop.pk)
    segment = workshop.segments.filter(kind=kind).first()
    if segment is None:
        return False
    Workshop.objects.filter(pk=workshop.pk).update(state=Workshop.State.LIVE, ended_at=None)
    workshop.go_to(segment, timezone.now())
    code = workshop.code
    if kind == "warm-up":
        world.lead.post(reverse("workshops:warm_up_split", args=[code]), {"group_size": 3})
    if kind == "converge" and not NorthStar.objects.filter(workshop=workshop).exists():
        world.lead.post(reverse("metrics:north_star_start", args=[code]), {"candidate": world.shared.pk})
    return True


def addresses(route: str, plausible: dict) -> list[str]:
    """The route with plausible values, then with garbage in each of its parts in turn."""
    names = [match["name"] for match in ROUTE_PART.finditer(route)]
    missing = [name for name in names if name not in plausible]
    assert not missing, f"Give {route} a plausible value for {missing} in the world fixture."

    def fill(garbage_at: str | None = None, garbage: str = "") -> str:
        return "/" + ROUTE_PART.sub(lambda m: garbage if m["name"] == garbage_at else str(plausible[m["name"]]), route)

    return [fill(), *(fill(name, garbage) for name in names for garbage in GARBAGE_SEGMENTS)]


@pytest.mark.parametrize("viewer", ["anonymous", "facilitator", "participant"])
@pytest.mark.parametrize("route", ROUTES)
def test_garbage_never_gets_a_server_error(world, route, viewer):
    client, plausible = world.clients[viewer], world.plausible
    client.raise_request_exception = False
    names = field_names()
    failures = []

    def ask(method: str, url: str, data: dict, **headers) -> None:
        with transaction.atomic():  # one failure must not poison the next request's queries
            response = getattr(client, method)(url, data, headers=headers)
            if response.status_code >= 500:
                error = response.exc_info[1] if response.exc_info else response.status_code
                sent = "garbage in every field" if data else "no fields"
                failures.append(f"{method.upper()} {url[:80]!r} {sent}: {error!r}"[:300])
                transaction.set_rollback(True)

    urls = addresses(route, plausible)
    # A live workshop's pages and forms differ by stage: each stage gets NUL and one more kind
    # of garbage in turn, so every kind reaches every such route. Other routes, every kind once.
    stages = STAGES if route.startswith("workshops/") else STAGES[:1]
    for index, kind in enumerate(stages):
        if not move_to(world, kind):
            continue
        values = (
            GARBAGE_VALUES if len(stages) == 1 else {GARBAGE_VALUES[0], GARBAGE_VALUES[index % len(GARBAGE_VALUES)]}
        )
        for value in values:
            body = dict.fromkeys(names, value)
            ask("get", urls[0], body)
            ask("post", urls[0], body)
        ask("post", urls[0], dict.fromkeys(names, "a\x00b"), hx_request="true")
    for url in urls[1:]:
        ask("get", url, {})
        ask("post", url, dict.fromkeys(names, "a\x00b"))

    assert not failures, "\n".join(failures)


# A NUL byte where no form field is: in a query string, in a header the app reads, in an imported file.


def test_a_nul_in_the_library_search_is_explained(facilitator):
    client = Client()
    client.force_login(facilitator)

    response = client.get(Team.default_for(facilitator).get_absolute_url(), {"q": "a\x00b"})

    assert response.status_code == 400
    assert "Null characters are not allowed" in response.text


def test_a_nul_in_a_join_code_in_the_address_is_explained(db):
    response = Client().get(reverse("workshops:join_with_code"), {"code": "K7PM\x00Q3XA"})

    assert response.status_code == 200  # the form again, as for any code that finds no workshop
    assert "Null characters are not allowed" in response.text


@pytest.mark.parametrize("header", ["HX-Current-URL", "Referer", "X-Request-ID", "X-Forwarded-For"])
@pytest.mark.parametrize("value", ["a\x00b", "abcdefgh\x00", "abcdefgh\n", "http://testserver/\x00"])
def test_garbage_in_a_header_is_ignored(world, header, value):
    headers = {header: value, "HX-Request": "true"}
    participant = world.clients["participant"]
    page = world.workshop.get_participant_url()

    for response in (
        world.clients["facilitator"].get(world.workshop.get_absolute_url(), headers=headers),
        participant.get(page, headers=headers),
        participant.post(page, {"x": "x" * 11_000_000}, headers=headers),  # past DATA_UPLOAD_MAX_MEMORY_SIZE
        Client().get("/", headers=headers),
    ):
        assert response.status_code < 500
        assert response["X-Request-ID"] not in value


def import_with(client: Client, team: Team, document: dict):
    upload = SimpleUploadedFile("ns.json", json.dumps(document).encode(), content_type="application/json")
    return client.post(f"{team.get_absolute_url()}import/", {"file": upload})


@pytest.mark.parametrize(
    ("where", "garbage"),
    [("metric name", "Happy\x00 diners"), ("version note", "\x00"), ("bet title", "Re\x00mind"), ("key", "\x00")],
)
def test_a_nul_in_an_imported_file_is_explained(facilitator, where, garbage):
    north_star = adopted_north_star()
    key = north_star.versions.last().data.inputs[0].key
    Bet.objects.create(north_star=north_star, input_key=key, title="Reminders", hypothesis="If we remind…")
    document = export_document(north_star)
    version = document["north_star"]["versions"][0]
    if where == "metric name":
        version["snapshot"]["metric"]["name"] = garbage
    elif where == "version note":
        version["note"] = garbage
    elif where == "bet title":
        document["north_star"]["bets"][0]["title"] = garbage
    else:
        version["snapshot"][garbage] = "extra"
    client = Client()
    client.force_login(facilitator)

    response = import_with(client, Team.default_for(facilitator), document)

    assert response.status_code == 400
    assert "NUL character" in response.text
    assert NorthStar.objects.count() == 1


def test_broken_text_in_an_imported_file_is_explained(facilitator):
    document = export_document(adopted_north_star())
    document["north_star"]["versions"][0]["note"] = "\ud800"
    client = Client()
    client.force_login(facilitator)

    response = import_with(client, Team.default_for(facilitator), document)

    assert response.status_code == 400
    assert "not valid text" in response.text
    assert NorthStar.objects.count() == 1


def test_a_file_nested_too_deeply_to_read_is_explained(facilitator):
    client = Client()
    client.force_login(facilitator)
    upload = SimpleUploadedFile("ns.json", b"[" * 100_000, content_type="application/json")

    response = client.post(f"{Team.default_for(facilitator).get_absolute_url()}import/", {"file": upload})

    assert response.status_code == 400
    assert "could not be read as JSON" in response.text
