"""The scorecard's bench: 40 readers on one North Star's scorecard, served by the real server.

`run(database_url)` prepares a North Star with 6 nodes (the metric, the business results
and 4 inputs) and 3 years of weekly values each, imported through the JSON import (so it
also exercises the numbers' restore), signs a member in and starts daphne as production
does. Then 40 readers open the scorecard, each with its live socket connected, and each
loads the page again every 2 s on average (at random moments: about 20 pages a second in
all). It returns:

- `scorecard_ttfb_p95_ms` (and p50, max, count): time to the response's headers of those loads;
- `scorecard_burst_ttfb_p95_ms`: the same when all 40 load the page at the very same moment
  (one process serves them one after the other, so this is about 40 renders' time);
- `scorecard_queries`: the queries one scorecard request makes, counted in this process
  (the count does not grow with the history: tests/measures/test_scorecard.py);
- `scorecard_bytes`: the page's size.

The target (issue 23): TTFB p95 under 50 ms. `bench/metrics.py` calls `run`; on its own:
`python -m bench.metrics_scorecard` with DATABASE_URL pointing at a PostgreSQL server.
"""

import asyncio
import datetime as dt
import json
import os
import random
import secrets
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from northstar.daphne_process import DaphneProcess

TARGET_TTFB_P95_MS = 50
BENCH_EMAIL = "scorecard-reader@bench.invalid"
YEARS = 3
INPUTS = [
    ("Diners booking", "People who book a table in a week.", "breadth"),
    ("Repeat visits", "Diners who come back within 30 days.", "frequency"),
    ("Tables filled", "Share of offered tables that get a booking.", "depth"),
    ("Fast confirmations", "Bookings confirmed within five minutes.", "efficiency"),
]


def environment(database_url: str) -> dict:
    """Production settings, plain http on loopback, the given database, a channel layer of its own."""
    from bench.metrics import django_environment

    return django_environment(database_url) | {"CHANNEL_LAYER_PREFIX": f"northstar-scorecard-bench-{os.getpid()}"}


def setup_django(env: dict) -> None:
    from django.conf import settings

    if settings.configured:
        return
    if env["DATABASE_URL"].startswith(("postgres://", "postgresql://")):
        from bench.run import create_postgres_database

        create_postgres_database(env["DATABASE_URL"])
    os.environ.update(env)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def document(years: int = YEARS) -> dict:
    """A North Star export with its numbers: one value a week for `years` on every node."""
    first = dt.date(2024, 1, 1)  # a Monday
    weeks = 52 * years
    inputs = [
        {"key": f"i{n}", "name": name, "definition": definition, "heuristic": heuristic}
        for n, (name, definition, heuristic) in enumerate(INPUTS, start=1)
    ]
    snapshot = {
        "metric": {"name": "Honoured tables per week", "definition": "Bookings where the diners came."},
        "game": "transaction",
        "business_results": "More restaurants renew their subscription.",
        "open_questions": "",
        "information_needed": "",
        "inputs": inputs,
    }
    nodes = ["metric", "results", *(row["key"] for row in inputs)]
    measures = [
        {
            "node": node,
            "unit": "tables",
            "direction": "up",
            "period": "week",
            "combine": "sum",
            "missing": "gap",
            "baseline": {"value": "100", "date": first.isoformat()},
            "on_track_from": 100,
            "at_risk_from": 90,
            "targets": [
                {"value": str(100 + 40 * year), "by": (first + dt.timedelta(weeks=52 * year)).isoformat()}
                for year in range(1, years + 1)
            ],
            "values": [
                {
                    "period": (first + dt.timedelta(weeks=week)).isoformat(),
                    "value": str(100 + week + (index * 7 + week * 13) % 11),
                    "source": "csv",
                }
                for week in range(weeks)
            ],
            "notes": [],
        }
        for index, node in enumerate(nodes)
    ]
    return {
        "format": "north-star-workshop/north-star",
        "version": 1,
        "north_star": {
            "adopted_at": "2024-01-01T09:00:00+00:00",
            "workshop": None,
            "versions": [{"number": 1, "created_at": "2024-01-01T09:00:00+00:00", "note": "", "snapshot": snapshot}],
            "bets": [],
            "numbers": {"time_zone": "UTC", "measures": measures},
        },
    }


def prepare() -> tuple[str, str]:
    """A fresh bench North Star and a signed-in member: (its key, the session cookie's value)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from accounts.models import Team
    from library.exports import import_document, validate_document
    from metrics.models import NorthStar

    User = get_user_model()
    for old in User.objects.filter(email=BENCH_EMAIL):
        teams = Team.objects.of(old)
        NorthStar.objects.filter(team__in=teams).delete()
        teams.delete()
        old.delete()
    user = User.objects.create_user(email=BENCH_EMAIL, password=secrets.token_urlsafe(20), display_name="Reader")
    team = Team.default_for(user)
    doc = document()
    validate_document(doc)
    north_star = import_document(doc, team, user)
    client = Client()
    client.force_login(user)
    return north_star.key, client.cookies[settings.SESSION_COOKIE_NAME].value


def count_queries(key: str, cookie: str) -> tuple[int, int]:
    """The queries and bytes of one scorecard request, served in this process."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="localhost")
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    client.get(f"/north-stars/{key}/scorecard/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/north-stars/{key}/scorecard/")
    if response.status_code != 200:
        raise RuntimeError(f"The scorecard answered {response.status_code}.")
    return len(queries.captured_queries), len(response.content)


async def read(url: str, socket_url: str, cookie: dict, readers: int, per_reader: int, pace: float) -> dict:
    """Each reader keeps the scorecard open (its live socket connected) and loads the page again
    every `pace` seconds on average; then all of them load it at the same moment, once."""
    import aiohttp

    paced: list[float] = []
    burst: list[float] = []

    async def load(session: aiohttp.ClientSession, into: list[float] | None) -> None:
        started = time.perf_counter()
        async with session.get(url, allow_redirects=False) as response:
            ttfb = (time.perf_counter() - started) * 1000
            if response.status != 200:
                raise RuntimeError(f"The scorecard answered {response.status}.")
            await response.read()
        if into is not None:
            into.append(ttfb)

    async def reader(session: aiohttp.ClientSession) -> None:
        for _ in range(per_reader):
            await asyncio.sleep(random.uniform(0, 2 * pace))
            await load(session, paced)

    origin = {"Origin": url.split("/north-stars/")[0]}
    connector = aiohttp.TCPConnector(limit=readers * 2)
    async with aiohttp.ClientSession(connector=connector, cookies=cookie) as session:
        sockets = [await session.ws_connect(socket_url, headers=origin) for _ in range(readers)]
        for socket in sockets:
            await socket.receive(timeout=10)  # the whole scorecard, sent on connect
        await asyncio.gather(*(load(session, None) for _ in range(readers)))  # warm up
        await asyncio.gather(*(reader(session) for _ in range(readers)))
        await asyncio.sleep(1)
        await asyncio.gather(*(load(session, burst) for _ in range(readers)))
        for socket in sockets:
            await socket.close()
    return {"paced": paced, "burst": burst}


class Server(DaphneProcess):
    def __init__(self, env: dict, logdir: Path) -> None:
        super().__init__("northstar.asgi:application", logdir, prefix="scorecard-")
        self.env = env

    def environment(self) -> dict:
        return self.env


def percentile(ordered: list[float], q: float) -> float:
    return round(ordered[min(len(ordered) - 1, max(0, int(q * len(ordered) + 0.5) - 1))], 2)


def run(database_url: str, readers: int = 40, per_reader: int = 20, pace: float = 2.0) -> dict[str, Any]:
    env = environment(database_url)
    setup_django(env)
    from django.conf import settings
    from django.db import connections

    key, cookie = prepare()
    queries, size = count_queries(key, cookie)
    connections.close_all()
    with tempfile.TemporaryDirectory(prefix="northstar-scorecard-") as tmp:
        server = Server(env, Path(tmp))
        server.start()
        try:
            url = f"{server.url}/north-stars/{key}/scorecard/"
            socket_url = f"ws://127.0.0.1:{server.port}/ws/north-stars/{key}/scorecard/"
            cookies = {settings.SESSION_COOKIE_NAME: cookie}
            samples = asyncio.run(read(url, socket_url, cookies, readers, per_reader, pace))
        finally:
            server.stop()
    ordered = sorted(samples["paced"])
    burst = sorted(samples["burst"])
    p95 = percentile(ordered, 0.95)
    return {
        "scorecard_ttfb_p50_ms": percentile(ordered, 0.50),
        "scorecard_ttfb_p95_ms": p95,
        "scorecard_ttfb_max_ms": round(ordered[-1], 2),
        "scorecard_requests": len(ordered),
        "scorecard_readers": readers,
        "scorecard_reload_every_s": pace,
        "scorecard_burst_ttfb_p95_ms": percentile(burst, 0.95),
        "scorecard_queries": queries,
        "scorecard_bytes": size,
        "scorecard_target_ttfb_p95_ms": TARGET_TTFB_P95_MS,
        "scorecard_ttfb_holds": p95 < TARGET_TTFB_P95_MS,
    }


if __name__ == "__main__":
    from bench.run import bench_database_url

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    print(json.dumps(run(bench_database_url()), indent=2))
