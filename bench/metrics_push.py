"""From a push through the API to an open scorecard: how long until the new value is on screen.

`run(database_url)` prepares the scorecard bench's North Star (6 nodes, 3 years of weekly
values), makes a push token for its team, starts daphne as production does and opens
`readers` scorecards, each with its live socket. Then it pushes `pushes` new values of the
North Star Metric through `POST /api/north-stars/<key>/values/`, one after the other, and
times each from the moment the request leaves to the moment each socket has received a
frame carrying the new value. It returns `push_to_socket_p95_ms` (and p50, max) over every
socket and push, and `push_answer_p95_ms`, the API's own answer time.

Pushes stay under the API's limit of 60 a minute per token. The target (issue 23): p95
under 100 ms. `bench/metrics.py` calls `run`; alone: `python -m bench.metrics_push`.
"""

import asyncio
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.metrics_scorecard import Server, environment, percentile, prepare, setup_django

TARGET_P95_MS = 100
LATEST_WEEK = dt.date(2024, 1, 1) + dt.timedelta(weeks=52 * 3 - 1)


def token_for(key: str) -> str:
    from measures.models import ApiToken
    from metrics.models import NorthStar

    north_star = NorthStar.objects.select_related("team").get(key=key)
    _, secret = ApiToken.issue(team=north_star.team, name="Bench", north_star=north_star, created_by=None)
    return secret


async def push_and_watch(base: str, socket_url: str, cookie: dict, key: str, secret: str, readers: int, pushes: int):
    import aiohttp

    arrivals: list[float] = []
    answers: list[float] = []
    origin = {"Origin": base}
    async with aiohttp.ClientSession(cookies=cookie) as session:
        sockets = [await session.ws_connect(socket_url, headers=origin) for _ in range(readers)]
        for socket in sockets:
            await socket.receive(timeout=10)  # the whole scorecard, sent on connect

        async def seen(socket, wanted: str, started: float) -> None:
            while True:
                message = await socket.receive(timeout=10)
                if message.type != aiohttp.WSMsgType.TEXT:
                    raise RuntimeError(f"The scorecard's socket ended: {message.type}.")
                if wanted in message.data:
                    arrivals.append((time.perf_counter() - started) * 1000)
                    return

        api = aiohttp.ClientSession()  # a team's own system: no cookies, a bearer token
        try:
            for number in range(pushes):
                value = 300 + number
                body = {"values": [{"node": "metric", "date": LATEST_WEEK.isoformat(), "value": value}]}
                started = time.perf_counter()
                watchers = [asyncio.create_task(seen(socket, f"{value} tables", started)) for socket in sockets]
                async with api.post(
                    f"{base}/api/north-stars/{key}/values/",
                    json=body,
                    headers={"Authorization": f"Bearer {secret}"},
                ) as answer:
                    if answer.status != 200:
                        raise RuntimeError(f"The push API answered {answer.status}: {await answer.text()}")
                    answers.append((time.perf_counter() - started) * 1000)
                await asyncio.gather(*watchers)
                # Under the API's limit of 60 pushes a minute per token.
                await asyncio.sleep(max(0.0, 1.05 - (time.perf_counter() - started)))
        finally:
            await api.close()
        for socket in sockets:
            await socket.close()
    return arrivals, answers


def run(database_url: str, readers: int = 10, pushes: int = 50) -> dict[str, Any]:
    env = environment(database_url)
    setup_django(env)
    from django.conf import settings
    from django.db import connections

    key, cookie = prepare()
    secret = token_for(key)
    connections.close_all()
    with tempfile.TemporaryDirectory(prefix="northstar-push-") as tmp:
        server = Server(env, Path(tmp))
        server.start()
        try:
            socket_url = f"ws://127.0.0.1:{server.port}/ws/north-stars/{key}/scorecard/"
            arrivals, answers = asyncio.run(
                push_and_watch(
                    server.url, socket_url, {settings.SESSION_COOKIE_NAME: cookie}, key, secret, readers, pushes
                )
            )
        finally:
            server.stop()
    ordered, answered = sorted(arrivals), sorted(answers)
    p95 = percentile(ordered, 0.95)
    return {
        "push_to_socket_p50_ms": percentile(ordered, 0.50),
        "push_to_socket_p95_ms": p95,
        "push_to_socket_max_ms": round(ordered[-1], 2),
        "push_answer_p95_ms": percentile(answered, 0.95),
        "push_count": pushes,
        "push_sockets": readers,
        "push_target_p95_ms": TARGET_P95_MS,
        "push_to_socket_holds": p95 < TARGET_P95_MS,
    }


if __name__ == "__main__":
    from bench.run import bench_database_url

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    print(json.dumps(run(bench_database_url()), indent=2))
