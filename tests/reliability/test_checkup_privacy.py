"""Checkup privacy: no answer and no distribution reaches any browser while fewer than three have answered.

Captured as the brainstorm's privacy test captures a workshop: every frame a watching
member's socket receives, and every page and export a member can open, are read for
anything that would show a rating or a comment.
"""

import datetime as dt

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from checkups.models import Checkup
from tests.checkups.helpers import answer_data, opened, team_with_members
from tests.library.helpers import client_for
from tests.sockets import connected, drain

pytestmark = [pytest.mark.reliability, pytest.mark.asyncio, pytest.mark.usefixtures("async_db")]

COMMENT = "Only Bea would say this"
# What a page shows once results are out: a distribution's summary and bars, the comments,
# the strategy's bars and the trend heatmap.
SHOWN = ("Median", "average", 'class="bar-fill', COMMENT, "checkup-comments", "trend-caption", "people)")


def leaks(texts: list[str]) -> list[str]:
    return [marker for marker in SHOWN for text in texts if marker in text]


async def get(client: Client, url: str) -> str:
    return (await sync_to_async(client.get)(url)).content.decode()


async def post(client: Client, url: str, data=None) -> int:
    return (await sync_to_async(client.post)(url, data or {})).status_code


def setting_up():
    north_star, members = team_with_members(4)
    checkup = opened(north_star, members[0])
    return north_star, checkup, [client_for(member) for member in members]


async def everything_a_member_opens(client: Client, north_star, checkup) -> list[str]:
    urls = [
        reverse("checkups:checkups", args=[north_star.key]),
        reverse("checkups:results", args=[north_star.key, checkup.number]),
        checkup.get_absolute_url(),
        north_star.get_absolute_url(),
        reverse("library:export_markdown", args=[north_star.key]),
        reverse("library:export_json", args=[north_star.key]),
    ]
    return [await get(client, url) for url in urls]


async def test_two_answers_never_reach_a_browser_before_or_after_the_close():
    north_star, checkup, (ada, bea, cy, dan) = await sync_to_async(setting_up)()
    path = f"/ws/north-stars/{north_star.key}/checkups/{checkup.number}/"
    results = reverse("checkups:results", args=[north_star.key, checkup.number])

    async with connected(path, dan) as dan_socket, connected(path, ada) as ada_socket:
        await drain(dan_socket), await drain(ada_socket)
        await post(ada, checkup.get_absolute_url(), answer_data(checkup, score=2))
        await post(bea, checkup.get_absolute_url(), answer_data(checkup, score=5, comment=COMMENT))
        seen = [*await drain(dan_socket), *await drain(ada_socket)]
        assert any("2 people have answered" in frame for frame in seen), "the count is public"

        assert await post(ada, reverse("checkups:close", args=[north_star.key, checkup.number])) == 302
        after_close = [*await drain(dan_socket), *await drain(ada_socket)]
        assert any("stay hidden" in frame for frame in after_close)
        seen += after_close

    for client in (ada, bea, cy, dan):
        seen += await everything_a_member_opens(client, north_star, checkup)
    assert "2 people have answered" in await get(bea, results)
    assert not leaks(seen)


async def test_the_same_capture_finds_the_results_once_three_answered_and_it_closed():
    north_star, checkup, (ada, bea, cy, dan) = await sync_to_async(setting_up)()
    path = f"/ws/north-stars/{north_star.key}/checkups/{checkup.number}/"

    async with connected(path, dan) as dan_socket:
        await drain(dan_socket)
        for client in (ada, bea, cy):
            await post(client, checkup.get_absolute_url(), answer_data(checkup, comment=COMMENT))
        while_open = await drain(dan_socket)
        while_open += await everything_a_member_opens(dan, north_star, checkup)
        assert any("3 people have answered" in frame for frame in while_open)
        # Three answers, but the checkup is still open: a fourth answer would tell who said what.
        assert not leaks(while_open)

        await post(ada, reverse("checkups:close", args=[north_star.key, checkup.number]))
        after = await drain(dan_socket)

    # The capture can fail: once closed with three answers, the frames carry the results.
    assert leaks(after)
    assert COMMENT in " ".join(after)


async def test_an_open_results_page_shows_the_results_when_the_deadline_passes():
    north_star, checkup, (ada, bea, cy, dan) = await sync_to_async(setting_up)()
    await Checkup.objects.filter(pk=checkup.pk).aupdate(mode="async", deadline=timezone.now() + dt.timedelta(hours=1))
    for client in (ada, bea, cy):
        await post(client, checkup.get_absolute_url(), answer_data(checkup, comment=COMMENT))
    await Checkup.objects.filter(pk=checkup.pk).aupdate(deadline=timezone.now() + dt.timedelta(seconds=1))
    path = f"/ws/north-stars/{north_star.key}/checkups/{checkup.number}/"

    async with connected(path, dan) as dan_socket:
        before = await drain(dan_socket, quiet=0.2)
        assert not leaks(before)
        at_deadline = await dan_socket.receive_from(timeout=4)

    assert COMMENT in at_deadline
