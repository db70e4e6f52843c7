"""Guessing join codes is limited per address, and a refusal says nothing about any code."""

import re

from django.test import Client
from django.urls import reverse

from northstar.ratelimit import Limit
from workshops import views
from workshops.models import Participant
from workshops.views import JOIN_MISSES, JOIN_POSTS


def without_tokens(response) -> str:
    """The page as a person reads it: the per-response CSRF token, script nonces and request id taken out."""
    text = re.sub(r"[A-Za-z0-9]{64}|nonce=\"[^\"]*\"", "", response.text)
    return text.replace(response["X-Request-ID"], "")


def guess(client: Client, code: str = "ZZZZ-ZZZZ"):
    return client.post(reverse("workshops:join_with_code"), {"code": code})


def test_wrong_codes_are_refused_calmly_after_the_limit(client, db):
    for _ in range(JOIN_MISSES.attempts):
        assert guess(client).status_code == 200

    response = guess(client)

    assert response.status_code == 429
    assert "Too many attempts in a short time" in response.text
    assert "Please wait 10 minutes" in response.text
    assert response["Retry-After"] == "600"


def test_once_limited_a_valid_code_gets_the_same_answer_as_a_wrong_one(client, workshop):
    for _ in range(JOIN_MISSES.attempts):
        guess(client)

    right, wrong = guess(client, workshop.code), guess(client)
    link = client.get(workshop.get_join_url())
    lookup = client.get(reverse("workshops:join_with_code"), {"code": workshop.code})

    assert right.status_code == wrong.status_code == link.status_code == lookup.status_code == 429
    assert without_tokens(right) == without_tokens(wrong)
    assert workshop.title not in link.text


def test_unknown_codes_in_join_links_count_too(client, db):
    for _ in range(JOIN_MISSES.attempts):
        assert client.get(reverse("workshops:join", args=["ZZZZZZZZ"])).status_code == 404

    assert client.get(reverse("workshops:join", args=["YYYYYYYY"])).status_code == 429


def test_the_limit_is_per_address(client, workshop):
    for _ in range(JOIN_MISSES.attempts):
        guess(client)

    elsewhere = Client(REMOTE_ADDR="192.0.2.7")
    response = elsewhere.post(reverse("workshops:join_with_code"), {"code": workshop.code})

    assert response.status_code == 302


def test_a_whole_room_behind_one_address_can_join(workshop):
    # 40 laptops behind an office router: each finds the code, then gives a name.
    for number in range(40):
        laptop = Client(REMOTE_ADDR="198.51.100.1")
        assert laptop.post(reverse("workshops:join_with_code"), {"code": workshop.code}).status_code == 302
        assert laptop.post(workshop.get_join_url(), {"display_name": f"Person {number}"}).status_code == 302

    assert Participant.objects.filter(workshop=workshop).count() == 40


def test_a_flood_of_join_posts_is_stopped(client, workshop, monkeypatch):
    monkeypatch.setattr(views, "JOIN_POSTS", Limit(JOIN_POSTS.name, attempts=10, seconds=JOIN_POSTS.seconds))
    for _ in range(10):
        client.post(workshop.get_join_url(), {"display_name": ""})

    response = client.post(workshop.get_join_url(), {"display_name": "One too many"})

    assert response.status_code == 429
    assert not Participant.objects.filter(display_name="One too many").exists()


def test_a_stranger_on_the_participant_page_is_sent_to_the_join_page_whether_or_not_the_code_exists(client, workshop):
    known = client.get(workshop.get_participant_url())
    unknown = client.get(reverse("workshops:participate", args=["ZZZZZZZZ"]))

    assert known.status_code == unknown.status_code == 302
    assert unknown.url == reverse("workshops:join", args=["ZZZZZZZZ"])
