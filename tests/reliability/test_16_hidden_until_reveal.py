"""Test 16: nothing a participant or the projector receives shows others' picks, ratings or dots before
their reveal, and an anonymous board never shows who wrote a candidate, to anyone."""

from html.parser import HTMLParser

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django.urls import reverse

from tests.factories import workshop_at
from tests.metrics.evaluation_helpers import evaluating_workshop
from tests.sockets import connected, drain, facilitator_client, join_as

pytestmark = [pytest.mark.reliability, pytest.mark.asyncio, pytest.mark.usefixtures("async_db")]

PICKS_SHOWN = ("How the group picked", "bar-value", "picks from")
RATINGS_SHOWN = ("How the group rated each candidate", 'class="heat ')
DOTS_SHOWN = ('id="ranking-title"', "ranking-count")


class RegionText(HTMLParser):
    """The text inside the element with a given id (the candidates region), wherever it sits in a page or frame."""

    def __init__(self, element_id: str) -> None:
        super().__init__()
        self.element_id, self.depth = element_id, 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag not in {"input", "br", "img", "meta", "link"}
        elif dict(attrs).get("id") == self.element_id:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def candidates_text(html: str) -> str:
    parser = RegionText("candidates")
    parser.feed(html)
    return " ".join(parser.parts)


async def get(client: Client, url: str) -> str:
    return (await sync_to_async(client.get)(url)).content.decode()


async def post(client: Client, url: str, data=None) -> None:
    await sync_to_async(client.post)(url, data or {})


def leaks(texts: list[str], markers: tuple[str, ...]) -> list[str]:
    return [marker for marker in markers for text in texts if marker in text]


async def test_game_picks_stay_hidden_from_everyone_until_the_reveal():
    workshop = await sync_to_async(workshop_at)("game")
    ada, bea = await join_as(workshop, "Ada"), await join_as(workshop, "Bea")
    facilitator = await facilitator_client(workshop)
    present = reverse("workshops:present", args=[workshop.code])

    async with (
        connected(f"/ws/workshops/{workshop.code}/participant/", bea) as bea_socket,
        connected(f"/ws/workshops/{workshop.code}/present/", facilitator) as projector,
        connected(f"/ws/workshops/{workshop.code}/facilitate/", facilitator) as facilitate,
    ):
        await drain(bea_socket), await drain(projector), await drain(facilitate)
        await post(ada, reverse("workshops:game_pick", args=[workshop.code]), {"game": "productivity"})
        seen = [*await drain(bea_socket), *await drain(projector), *await drain(facilitate)]
        seen += [await get(bea, workshop.get_participant_url()), await get(facilitator, present)]
        seen.append(await get(facilitator, workshop.get_absolute_url()))

        assert any("1 of 2 have picked" in text for text in seen), "the count of picks is public"
        assert not leaks(seen, PICKS_SHOWN)
        assert not [text for text in seen if "You picked Productivity" in text]

        await post(facilitator, reverse("workshops:game_reveal", args=[workshop.code]))
        after = [*await drain(bea_socket), *await drain(projector)]

    assert leaks(after, ("How the group picked",))
    assert "1 pick (100%)" in await get(bea, workshop.get_participant_url())


async def test_ratings_and_dots_stay_hidden_until_each_reveal():
    workshop, clients, shared = await sync_to_async(evaluating_workshop)()
    grace, linus, facilitator = clients["Grace"], clients["Linus"], clients["facilitator"]
    present = reverse("workshops:present", args=[workshop.code])

    async with (
        connected(f"/ws/workshops/{workshop.code}/participant/", linus) as linus_socket,
        connected(f"/ws/workshops/{workshop.code}/present/", facilitator) as projector,
    ):
        await drain(linus_socket), await drain(projector)
        await post(grace, reverse("metrics:score", args=[workshop.code]), {"candidate": shared[0].pk, "value": "2"})
        for candidate in shared:
            await post(grace, reverse("metrics:vote", args=[workshop.code]), {"candidate": candidate.pk})
        seen = [*await drain(linus_socket), *await drain(projector)]
        seen += [await get(linus, workshop.get_participant_url()), await get(facilitator, present)]

        assert not leaks(seen, RATINGS_SHOWN + DOTS_SHOWN)
        assert "3 of 3 dots left." in seen[-2], "Linus sees only his own, untouched dots"

        await post(facilitator, reverse("metrics:reveal", args=[workshop.code, "scores"]))
        after_scores = [*await drain(linus_socket), *await drain(projector)]
        assert leaks(after_scores, RATINGS_SHOWN)
        assert not leaks(after_scores, DOTS_SHOWN)

        await post(facilitator, reverse("metrics:reveal", args=[workshop.code, "votes"]))
        after_votes = [*await drain(linus_socket), *await drain(projector)]

    assert leaks(after_votes, DOTS_SHOWN)
    assert "1 dot" in await get(linus, workshop.get_participant_url())


@pytest.mark.parametrize("anonymous", [True, False])
async def test_an_anonymous_board_never_names_authors(anonymous):
    workshop, clients, _ = await sync_to_async(evaluating_workshop)(anonymous=anonymous)
    grace, facilitator = clients["Grace"], clients["facilitator"]
    pages = [
        (grace, workshop.get_participant_url()),
        (facilitator, reverse("workshops:present", args=[workshop.code])),
        (facilitator, workshop.get_absolute_url()),
    ]

    async with connected(f"/ws/workshops/{workshop.code}/participant/", grace) as socket:
        await drain(socket)
        await post(facilitator, reverse("metrics:reveal", args=[workshop.code, "scores"]))
        await post(facilitator, reverse("metrics:reveal", args=[workshop.code, "votes"]))
        boards = [candidates_text(frame) for frame in await drain(socket)]
    boards += [candidates_text(await get(client, url)) for client, url in pages]

    named = [text for text in boards if "Grace" in text or "Linus" in text]
    if anonymous:
        assert boards
        assert not named
    else:
        # The same check finds the names when the board is not anonymous: it can fail.
        assert len(named) >= len(pages)
