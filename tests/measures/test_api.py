"""The push API: a team's token writes a North Star's values, all or nothing, and every answer is JSON."""

import asyncio
import datetime as dt
import hashlib
import json
import re
import threading
from decimal import Decimal

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import get_channel_layer
from django.db import connection
from django.test import Client

from measures.api import PUSHES_PER_TOKEN
from measures.broadcast import group_name
from measures.models import ApiToken, Measure, Value
from tests.library.helpers import adopted_north_star, client_for, ended_workshop, member_of

pytestmark = pytest.mark.django_db

NOT_FOUND = {"error": "No North Star with this key that this token may write to."}


def token_for(north_star, *, scope=None, name="Nightly job"):
    owner = north_star.workshop.facilitator
    return ApiToken.issue(team=north_star.team, name=name, north_star=scope, created_by=owner)


def push(key: str, body, secret: str | None, *, content_type="application/json", client=None):
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return (client or Client()).post(
        f"/api/north-stars/{key}/values/", data=data, content_type=content_type, headers=headers
    )


def kept(north_star) -> dict[tuple[str, dt.date], Decimal]:
    rows = Value.objects.filter(measure__north_star=north_star).select_related("measure")
    return {(row.measure.node_key, row.period_start): row.value for row in rows}


def first_input_key(north_star) -> str:
    return north_star.versions.last().data.inputs[0].key


def test_a_push_saves_values_in_their_weeks_and_the_same_push_again_changes_nothing():
    north_star = adopted_north_star()
    _, secret = token_for(north_star)
    key = first_input_key(north_star)
    body = {
        "values": [
            {"node": "metric", "date": "2026-03-04", "value": 1234.5},
            {"node": key, "date": "2026-03-04", "value": "80"},
            {"node": "repeat visits", "date": "2026-03-10", "value": 12},
        ]
    }

    answer = push(north_star.key, body, secret)

    assert answer.status_code == 200
    assert answer.json() == {"new": 3, "changed": 0, "unchanged": 0}
    repeat_key = north_star.versions.last().data.inputs[1].key
    assert kept(north_star) == {
        ("metric", dt.date(2026, 3, 2)): Decimal("1234.5"),
        (key, dt.date(2026, 3, 2)): Decimal("80"),
        (repeat_key, dt.date(2026, 3, 9)): Decimal("12"),
    }
    assert set(Value.objects.values_list("source", flat=True)) == {Value.Source.API}
    assert Measure.objects.get(north_star=north_star, node_key=repeat_key).node_name == "Repeat visits"
    assert ApiToken.objects.get().last_used_at is not None

    again = push(north_star.key, body, secret)

    assert again.json() == {"new": 0, "changed": 0, "unchanged": 3}


def test_values_for_one_week_combine_and_a_single_row_needs_no_list():
    north_star = adopted_north_star()
    _, secret = token_for(north_star)
    rows = [{"node": "metric", "date": day, "value": 10} for day in ("2026-03-02", "2026-03-05", "2026-03-08")]

    assert push(north_star.key, rows, secret).json() == {"new": 1, "changed": 0, "unchanged": 0}
    assert kept(north_star) == {("metric", dt.date(2026, 3, 2)): Decimal("30")}

    single = push(north_star.key, {"node": "metric", "date": "2026-03-02", "value": 31}, secret)

    assert single.json() == {"new": 0, "changed": 1, "unchanged": 0}
    assert kept(north_star) == {("metric", dt.date(2026, 3, 2)): Decimal("31")}


def test_a_timestamp_with_an_offset_falls_in_the_teams_week():
    north_star = adopted_north_star()
    north_star.team.time_zone = "Europe/Berlin"
    north_star.team.save()
    _, secret = token_for(north_star)
    body = {
        "values": [
            # 23:30 on Sunday in Berlin: still the week of Monday 2 March.
            {"node": "metric", "date": "2026-03-08T22:30:00Z", "value": 1},
            # 20:30 on Sunday in New York is 02:30 on Monday in Berlin: the next week.
            {"node": "results", "date": "2026-03-08T20:30:00-05:00", "value": 2},
            # A month alone is its first day.
            {"node": "metric", "date": "2026-04", "value": 3},
        ]
    }

    assert push(north_star.key, body, secret).status_code == 200
    assert kept(north_star) == {
        ("metric", dt.date(2026, 3, 2)): Decimal("1"),
        ("results", dt.date(2026, 3, 9)): Decimal("2"),
        ("metric", dt.date(2026, 3, 30)): Decimal("3"),
    }


def test_a_name_two_nodes_share_must_be_given_by_key():
    twins = [("Bookings", "Web bookings.", "breadth"), ("bookings", "Phone bookings.", "breadth")]
    north_star = adopted_north_star(inputs=twins)
    _, secret = token_for(north_star)
    phone = north_star.versions.last().data.inputs[1].key

    refused = push(north_star.key, {"node": "BOOKINGS", "date": "2026-03-02", "value": 5}, secret)
    by_key = push(north_star.key, {"node": phone, "date": "2026-03-02", "value": 5}, secret)

    assert refused.json()["problems"] == [
        {"index": 0, "field": "node", "message": "Several nodes are called “BOOKINGS”: name it by its key."}
    ]
    assert by_key.status_code == 200
    assert kept(north_star) == {(phone, dt.date(2026, 3, 2)): Decimal("5")}


def test_a_token_for_one_north_star_cannot_write_another_of_the_team():
    north_star = adopted_north_star()
    sibling = adopted_north_star(ended_workshop(facilitator=north_star.workshop.facilitator))
    assert sibling.team == north_star.team
    _, narrow = token_for(north_star, scope=north_star)
    _, wide = token_for(north_star, name="Warehouse")
    row = {"node": "metric", "date": "2026-03-02", "value": 5}

    refused = push(sibling.key, row, narrow)

    assert refused.status_code == 404
    assert refused.json() == NOT_FOUND
    assert push(north_star.key, row, narrow).status_code == 200
    assert push(sibling.key, row, wide).status_code == 200
    assert len(kept(sibling)) == 1


def test_another_teams_north_star_looks_like_a_missing_one():
    north_star = adopted_north_star()
    theirs = adopted_north_star()
    _, secret = token_for(north_star)
    row = {"node": "metric", "date": "2026-03-02", "value": 5}

    other_team = push(theirs.key, row, secret)
    missing = push("nosuchkey", row, secret)
    malformed = push("a%00b", row, secret)

    assert other_team.status_code == missing.status_code == malformed.status_code == 404
    assert other_team.json() == missing.json() == malformed.json() == NOT_FOUND
    assert not Value.objects.exists()


def test_a_revoked_token_is_refused_and_writes_nothing():
    north_star = adopted_north_star()
    token, secret = token_for(north_star)
    token.revoke()

    answer = push(north_star.key, {"node": "metric", "date": "2026-03-02", "value": 5}, secret)

    assert answer.status_code == 401
    assert "revoked" in answer.json()["error"]
    assert answer["WWW-Authenticate"].startswith("Bearer")
    assert not Value.objects.exists()


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Bearer",
        "Bearer nsk_notatoken",
        "Basic dXNlcjpwYXNz",
        "Bearer nsk_\u00e9\u00e9",
        "Bearer nsk_abcdefgh\x00ij",
    ],
)
def test_a_missing_or_unknown_token_is_refused_with_a_challenge(authorization):
    north_star = adopted_north_star()
    token_for(north_star)
    headers = {"Authorization": authorization} if authorization else {}

    answer = Client().post(
        f"/api/north-stars/{north_star.key}/values/",
        data=json.dumps({"node": "metric", "date": "2026-03-02", "value": 5}),
        content_type="application/json",
        headers=headers,
    )

    assert answer.status_code == 401
    assert answer["Content-Type"] == "application/json"
    assert answer["WWW-Authenticate"].startswith('Bearer realm="North Star Workshop"')
    assert answer.json()["error"]
    assert not Value.objects.exists()


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("{", "not valid JSON"),
        ('{"values": [1, }', "not valid JSON"),
        (b"\xff\xfe\x00{", "could not be read"),
        ("[" * 100_000, "could not be read"),
        ('{"node": "metric", "date": "2026-03-02", "value": NaN}', "could not be read"),
        (" \n", "empty"),
        ('"just text"', "list of values"),
        ('{"values": {"node": "metric"}}', "list of values"),
        ('{"values": []}', "empty"),
        ('{"values": [], "extra": 1}', "Unknown field"),
    ],
)
def test_a_body_that_is_not_the_expected_json_is_explained(body, words):
    north_star = adopted_north_star()
    _, secret = token_for(north_star)

    answer = push(north_star.key, body, secret)

    assert answer.status_code == 400
    assert answer["Content-Type"] == "application/json"
    assert words in answer.json()["error"]
    assert not Value.objects.exists()


def test_one_bad_row_saves_nothing_and_every_problem_is_listed():
    north_star = adopted_north_star()
    _, secret = token_for(north_star)
    body = {
        "values": [
            {"node": "metric", "date": "2026-03-02", "value": 5},
            {"node": "Diners booking", "date": "2026-03-02", "value": "lots"},
            {"node": "metric", "value": 5},
            {"node": "Hours of sunshine", "date": "2026-03-02", "value": "lots"},
            "metric,2026-03-02,5",
            {"node": "metric", "date": "02/03/2026", "value": True},
            {"node": "metric", "date": "2026-03-02", "value": 5, "unit": "tables"},
            {"node": "met\x00ric", "date": "1066-10-14", "value": "1e400"},
        ]
    }

    answer = push(north_star.key, body, secret)

    assert answer.status_code == 400
    result = answer.json()
    assert "nothing was saved" in result["error"]
    where = {(item["index"], item["field"]) for item in result["problems"]}
    assert where == {
        (1, "value"),
        (2, "date"),
        (3, "node"),
        (3, "value"),
        (4, None),
        (5, "date"),
        (5, "value"),
        (6, None),
        (7, "node"),
        (7, "date"),
        (7, "value"),
    }
    messages = " ".join(item["message"] for item in result["problems"])
    assert "“lots” is not a number" in messages
    assert "No node “Hours of sunshine”" in messages
    assert "Unknown field “unit”" in messages
    assert not Value.objects.exists()
    assert not Measure.objects.exists()  # not even the measures the good rows would have made
    assert ApiToken.objects.get().last_used_at is not None  # the list shows the system still calls


def test_other_methods_types_and_sizes_are_refused_in_json():
    north_star = adopted_north_star()
    _, secret = token_for(north_star)
    url = f"/api/north-stars/{north_star.key}/values/"
    auth = {"Authorization": f"Bearer {secret}"}

    read = Client().get(url, headers=auth)
    form = Client().post(url, {"node": "metric", "date": "2026-03-02", "value": "5"}, headers=auth)
    huge = push(north_star.key, {"values": [{"node": "metric", "date": "2026-03-02", "value": 1}] * 30_000}, secret)
    no_slash = Client().post(url.rstrip("/"), "{}", content_type="application/json", headers=auth)

    assert read.status_code == 405
    assert read["Allow"] == "POST"
    assert form.status_code == 415
    assert huge.status_code == 413
    assert no_slash.status_code == 404
    for answer in (read, form, huge, no_slash):
        assert answer["Content-Type"] == "application/json"
        assert answer.json()["error"]
    assert not Value.objects.exists()


def test_too_many_pushes_wait_their_turn():
    north_star = adopted_north_star()
    _, secret = token_for(north_star)
    row = {"node": "metric", "date": "2026-03-02", "value": 5}
    client = Client()

    answers = [push(north_star.key, row, secret, client=client) for _ in range(PUSHES_PER_TOKEN.attempts + 1)]

    assert {answer.status_code for answer in answers[:-1]} == {200}
    assert answers[-1].status_code == 429
    assert answers[-1]["Retry-After"] == str(PUSHES_PER_TOKEN.seconds)
    assert "Too many requests" in answers[-1].json()["error"]


def test_open_scorecards_are_told_after_a_push(django_capture_on_commit_callbacks):
    north_star = adopted_north_star()
    _, secret = token_for(north_star)
    layer = get_channel_layer()

    def send() -> None:
        with django_capture_on_commit_callbacks(execute=True):
            push(north_star.key, {"node": "metric", "date": "2026-03-02", "value": 5}, secret)

    async def listen() -> dict:
        channel = await layer.new_channel()
        await layer.group_add(group_name(north_star.key), channel)
        try:
            await sync_to_async(send)()
            return await asyncio.wait_for(layer.receive(channel), timeout=5)
        finally:
            await layer.group_discard(group_name(north_star.key), channel)

    assert async_to_sync(listen)()["type"] == "numbers.changed"


# The team's token page.


def make_token(client: Client, team, **fields):
    return client.post(f"/teams/{team.slug}/api-tokens/", {"name": "Warehouse export", "north_star": "", **fields})


def test_the_token_page_shows_a_new_secret_once_and_keeps_only_its_hash():
    north_star = adopted_north_star()
    owner = client_for(north_star.workshop.facilitator)

    made = make_token(owner, north_star.team, north_star=north_star.pk)

    assert made.status_code == 200
    assert "no-store" in made["Cache-Control"]
    page = made.content.decode()
    assert "it will not be shown again" in page
    assert f"/api/north-stars/{north_star.key}/values/" in page  # the team's one North Star, in the example
    secret = re.search(r'value="(nsk_[A-Za-z0-9_-]+)"', page)[1]
    token = ApiToken.objects.get()
    assert token.north_star == north_star
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    stored = ApiToken.objects.values_list().get()
    assert not any(secret in str(column) for column in stored)
    assert not any(secret[4:20] in str(column) for column in stored)

    later = owner.get(f"/teams/{north_star.team.slug}/api-tokens/").content.decode()

    assert secret not in later
    assert f"{token.shown_prefix}…" in later
    assert "Warehouse export" in later
    assert push(north_star.key, {"node": "metric", "date": "2026-03-02", "value": 5}, secret).status_code == 200


def test_a_token_needs_a_name_and_a_north_star_of_the_team():
    north_star = adopted_north_star()
    owner = client_for(north_star.workshop.facilitator)

    unnamed = make_token(owner, north_star.team, name="  ")
    elsewhere = make_token(owner, north_star.team, north_star=adopted_north_star().pk)

    assert unnamed.status_code == elsewhere.status_code == 400
    assert "No token was made" in unnamed.content.decode()
    assert "Choose one of the team’s North Stars" in elsewhere.content.decode()
    assert not ApiToken.objects.exists()


def test_members_see_the_tokens_and_only_owners_make_and_revoke_them():
    north_star = adopted_north_star()
    team = north_star.team
    token, secret = token_for(north_star)
    member = client_for(member_of(team))
    owner = client_for(north_star.workshop.facilitator)
    stranger = client_for(member_of(adopted_north_star().team))
    revoke = f"/teams/{team.slug}/api-tokens/{token.pk}/revoke/"

    page = member.get(f"/teams/{team.slug}/api-tokens/").content.decode()
    assert "Nightly job" in page
    assert "Make the token" not in page
    assert make_token(member, team).status_code == 403
    assert member.post(revoke).status_code == 403
    assert stranger.get(f"/teams/{team.slug}/api-tokens/").status_code == 404
    assert stranger.post(revoke).status_code == 404
    assert ApiToken.objects.count() == 1
    assert ApiToken.objects.get().revoked_at is None

    assert owner.post(revoke).status_code == 302

    assert ApiToken.objects.get().revoked_at is not None
    assert "Revoked on" in owner.get(f"/teams/{team.slug}/api-tokens/").content.decode()
    assert push(north_star.key, {"node": "metric", "date": "2026-03-02", "value": 5}, secret).status_code == 401


def test_the_numbers_hub_links_to_the_token_page():
    north_star = adopted_north_star()
    page = client_for(member_of(north_star.team)).get(f"/north-stars/{north_star.key}/numbers/")
    assert f"/teams/{north_star.team.slug}/api-tokens/" in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_same_push_sent_twice_at_once_saves_each_period_once():
    north_star = adopted_north_star()
    _, secret = token_for(north_star)
    answers: list[int] = []

    def send(week: dt.date, ready: threading.Barrier) -> None:
        try:
            ready.wait()
            answers.append(push(north_star.key, {"node": "metric", "date": str(week), "value": 7}, secret).status_code)
        finally:
            connection.close()

    weeks = [dt.date(2026, 1, 5) + dt.timedelta(weeks=n) for n in range(5)]
    for week in weeks:
        ready = threading.Barrier(2)
        pair = [threading.Thread(target=send, args=(week, ready)) for _ in range(2)]
        for thread in pair:
            thread.start()
        for thread in pair:
            thread.join()

    assert set(answers) == {200}
    assert kept(north_star) == {("metric", week): Decimal("7") for week in weeks}
