"""The dot limit holds under concurrency: enforced by a row lock and a unique slot, not by the browser."""

import random
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from metrics.converge import DotRefused, place_dot, take_dot
from metrics.models import Vote
from tests.metrics.evaluation_helpers import evaluating_workshop

pytestmark = [pytest.mark.reliability, pytest.mark.django_db(transaction=True)]


def fire(requests: list[tuple[Client, dict]], url: str, threads: int = 8) -> list[int]:
    """Send the requests from several threads at once; return the status codes."""
    statuses: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(threads)
    chunks = [requests[i::threads] for i in range(threads)]

    def worker(chunk):
        start.wait()
        try:
            for client, data in chunk:
                status = client.post(url, data).status_code
                with lock:
                    statuses.append(status)
        finally:
            connection.close()

    workers = [threading.Thread(target=worker, args=(chunk,)) for chunk in chunks]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in workers), "a request hung (deadlock?)"
    return statuses


def test_fifty_concurrent_dots_from_one_participant_record_exactly_the_limit():
    workshop, clients, shared = evaluating_workshop(candidates=3, several_dots_per_candidate=True)
    url = reverse("metrics:vote", args=[workshop.code])
    grace = clients["Grace"]

    statuses = fire([(grace, {"candidate": shared[i % 3].pk, "action": "place"}) for i in range(50)], url)

    assert statuses.count(302) == 50, "refusals are answered calmly, never with an error"
    assert Vote.objects.filter(participant__display_name="Grace").count() == 3


def test_two_participants_at_once_each_get_exactly_their_limit():
    workshop, clients, shared = evaluating_workshop(candidates=3, several_dots_per_candidate=True)
    url = reverse("metrics:vote", args=[workshop.code])
    requests = [(clients[name], {"candidate": shared[i % 3].pk}) for i in range(25) for name in ("Grace", "Linus")]

    fire(requests, url)

    for name in ("Grace", "Linus"):
        assert Vote.objects.filter(participant__display_name=name).count() == 3


def test_a_storm_of_places_and_take_backs_never_leaves_the_limits() -> None:
    workshop, clients, shared = evaluating_workshop(candidates=2, several_dots_per_candidate=True)
    url = reverse("metrics:vote", args=[workshop.code])
    rng = random.Random(7)
    actions = [rng.choice(["place", "take"]) for _ in range(500)]
    observed: list[int] = []

    def watch(stop: threading.Event):
        while not stop.is_set():
            observed.append(Vote.objects.filter(participant__display_name="Grace").count())
        connection.close()

    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(stop,))
    watcher.start()
    fire([(clients["Grace"], {"candidate": shared[0].pk, "action": a}) for a in actions], url)
    stop.set()
    watcher.join()

    final = Vote.objects.filter(participant__display_name="Grace").count()
    assert 0 <= final <= 3
    assert observed
    assert all(0 <= count <= 3 for count in observed)
    slots = sorted(Vote.objects.values_list("slot", flat=True))
    assert len(slots) == len(set(slots)) == final


def test_the_final_count_is_places_minus_take_backs():
    workshop, _, shared = evaluating_workshop(candidates=2, several_dots_per_candidate=True)
    board = workshop.candidate_board
    grace = workshop.participants.get(display_name="Grace")
    rng = random.Random(11)
    actions = [rng.choice(["place", "take"]) for _ in range(200)]
    outcomes = {"placed": 0, "taken": 0}
    lock = threading.Lock()

    def act(chunk):
        try:
            for action in chunk:
                candidate = shared[rng.randrange(2)]
                try:
                    done = (
                        take_dot(grace, candidate) if action == "take" else place_dot(grace, candidate, board)
                    ).changed
                except DotRefused:
                    done = False
                if done:
                    with lock:
                        outcomes["placed" if action == "place" else "taken"] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(actions[i::6],)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert Vote.objects.filter(participant=grace).count() == outcomes["placed"] - outcomes["taken"]
    assert outcomes["placed"] >= 3
