"""Work-in-progress limits hold when many people move cards at once: the North Star's row lock, not the browser."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from bets.models import ColumnLimit
from library.models import Bet
from tests.bets.helpers import board_with_a_member, column
from tests.library.helpers import client_for

pytestmark = [pytest.mark.reliability, pytest.mark.django_db(transaction=True)]

TRYING = Bet.Status.IN_PROGRESS


def post_at_once(requests: list[tuple[Client, str, dict]], threads: int = 10) -> list[int]:
    """Send the posts from several threads released together; return the status codes."""
    statuses: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(threads)

    def worker(chunk):
        start.wait()
        try:
            for client, url, data in chunk:
                status = client.post(url, data).status_code
                with lock:
                    statuses.append(status)
        finally:
            connection.close()

    workers = [threading.Thread(target=worker, args=(requests[i::threads],)) for i in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in workers), "a request hung (deadlock?)"
    return statuses


def test_fifty_parallel_moves_into_a_column_with_limit_three_land_exactly_three():
    north_star, member, _, _, cards = board_with_a_member(interventions=50)
    ColumnLimit.objects.create(north_star=north_star, level=Bet.Level.INTERVENTION, status=TRYING, limit=3)
    browsers = [client_for(member) for _ in range(10)]
    requests = [
        (browsers[index % 10], reverse("bets:move", args=[north_star.key, card.pk]), {"status": TRYING})
        for index, card in enumerate(cards)
    ]

    statuses = post_at_once(requests)

    assert statuses.count(302) == 50, "refusals are answered calmly, never with an error"
    assert len(column(north_star, Bet.Level.INTERVENTION, TRYING)) == 3
    ranks = sorted(north_star.bets.filter(level=Bet.Level.INTERVENTION).values_list("rank", flat=True))
    assert ranks == list(range(1, 51)), "the ranking stays a ranking"


def test_moves_in_and_out_at_once_never_pass_the_limit():
    north_star, member, _, _, cards = board_with_a_member(interventions=12)
    ColumnLimit.objects.create(north_star=north_star, level=Bet.Level.INTERVENTION, status=TRYING, limit=3)
    browsers = [client_for(member) for _ in range(6)]
    requests = [
        (browsers[i % 6], reverse("bets:move", args=[north_star.key, card.pk]), {"status": status})
        for i, card in enumerate(cards)
        for status in (TRYING, Bet.Status.NEXT, TRYING)
    ]
    observed: list[int] = []
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            observed.append(Bet.objects.filter(north_star=north_star, level=3, status=TRYING).count())
        connection.close()

    watcher = threading.Thread(target=watch)
    watcher.start()
    post_at_once(requests, threads=6)
    stop.set()
    watcher.join()

    assert observed
    assert all(count <= 3 for count in observed)
    assert len(column(north_star, Bet.Level.INTERVENTION, TRYING)) <= 3
