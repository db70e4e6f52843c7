"""`make soak`: one 15-person workshop at a real room's pace for half an hour, against one server.

    python -m bench.soak --minutes 30 --participants 15

What a long workshop does to a server that a short benchmark cannot show: memory that
creeps, connections or presence rows that are never given back. The room runs through
the real HTTP and WebSocket paths, as `make bench` does (same data, same server, same
load-generator plumbing): every participant autosaves their draft every 5 s, the
facilitator moves the group on once a minute (round the agenda, then again), and while
the group is in "Share and evaluate" everyone rates a candidate and places and takes back
a dot. Every minute the soak notes the server's resident memory.

At the end it reports the memory growth after the first five minutes (target: under 10%),
the open sockets, the presence rows the database holds for them (target: equal), the
database connections the server holds, the requests sent and any errors. Results go to
bench/results-soak.json. Database and channel layer as in `make bench`.
"""

import argparse
import asyncio
import json
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

import aiohttp

from bench.loadgen import LoadGenerator
from bench.run import BASE_DIR, Server, prepare, setup_django, tidy_database

RESULTS = BASE_DIR / "bench" / "results-soak.json"
AUTOSAVE_SECONDS = 5.0
WARM_UP_MINUTES = 5
TARGET_MEMORY_GROWTH = 0.10


class Soak(LoadGenerator):
    """The bench's load generator, driving one workshop at a realistic pace for a while."""

    def __init__(self, plan: dict, seconds: float, move_every: float, sample_every: float) -> None:
        super().__init__(plan)
        self.seconds = seconds
        self.move_every = move_every
        self.sample_every = sample_every
        self.memory: list[tuple[float, int]] = []  # (seconds since the start, server RSS in KB)
        self.started = self.ends = time.perf_counter()
        self.kinds: Counter[str] = Counter()  # requests answered as expected, by kind
        self.moves = 0  # the facilitator's moves begun so far

    async def jump(self, session, w: int, target: int) -> None:
        self.moves += 1
        await super().jump(session, w, target)

    async def timed_post(self, session, phase: str, url: str, data: dict, headers: dict, ok: set[int]) -> float | None:
        ms = await super().timed_post(session, phase, url, data, headers, ok)
        if ms is not None:
            self.kinds[phase] += 1
        return ms

    async def soak(self, session: aiohttp.ClientSession) -> None:
        self.started = time.perf_counter()
        self.ends = self.started + self.seconds
        await asyncio.gather(
            self.sampler(),
            self.facilitator(session),
            *(self.typist(session, j, person) for j, person in enumerate(self.workshops[0]["participants"])),
        )

    def left(self) -> float:
        return self.ends - time.perf_counter()

    async def sampler(self) -> None:
        while self.left() > 0:
            self.memory.append((round(time.perf_counter() - self.started, 1), self.rss_kb()[0]))
            await asyncio.sleep(min(self.sample_every, max(self.left(), 0)))
        self.memory.append((round(time.perf_counter() - self.started, 1), self.rss_kb()[0]))

    async def facilitator(self, session: aiohttp.ClientSession) -> None:
        segments = self.workshops[0]["segments"]
        while self.left() > self.move_every:
            await asyncio.sleep(self.move_every)
            await self.jump(session, 0, (self.position[0] + 1) % len(segments))

    def in_evaluate(self) -> bool:
        workshop = self.workshops[0]
        return workshop["segments"][self.position[0]]["kind"] == "evaluate"

    async def typist(self, session: aiohttp.ClientSession, j: int, person: dict) -> None:
        workshop = self.workshops[0]
        server = self.servers[person["server"]]
        base = f"{server['url']}/w/{workshop['code']}"
        headers = self.htmx_headers(0, person["session"], server)
        await asyncio.sleep(random.uniform(0, AUTOSAVE_SECONDS))
        n = 0
        while self.left() > 0:
            n += 1
            text = f"Weekly honoured bookings, take {n} by person {j}"
            data = {"field": "metric_definition", "metric_definition": text}
            await self.timed_post(session, "autosave", f"{base}/candidates/{person['draft']}/", data, headers, {200})
            if self.in_evaluate() and n % 3 == 0:
                candidate = str(random.choice(workshop["board"]))
                # "value" is the checklist's first criterion (expresses value): no, partly or yes.
                rating = {"candidate": candidate, "value": random.choice("012")}
                await self.evaluate_post(session, "rating", f"{base}/scores/", rating, headers)
                for action in ("place", "take"):
                    dot = {"candidate": candidate, "action": action}
                    await self.evaluate_post(session, "dot", f"{base}/votes/", dot, headers)
            await asyncio.sleep(min(AUTOSAVE_SECONDS, max(self.left(), 0)))

    async def evaluate_post(self, session, kind: str, url: str, data: dict, headers: dict) -> None:
        """A rating or a dot. Sent as the group moves on, it is refused (403), as it would be for a person."""
        moves = self.moves
        self.sent += 1
        try:
            async with session.post(url, data=data, headers=headers) as response:
                await response.read()
                status = response.status
        except Exception as exc:
            self.error(f"{kind}: {url} failed: {exc!r}")
            return
        if status == 200:
            self.kinds[kind] += 1
        elif status == 403 and self.moves != moves:
            self.kinds[f"{kind} refused as the group moved on"] += 1
        else:
            self.error(f"{kind}: {url} answered {status}")

    async def run_soak(self, count_rows) -> dict:
        connector = aiohttp.TCPConnector(limit=0)
        timeout = aiohttp.ClientTimeout(total=60)
        async with aiohttp.ClientSession(
            connector=connector, timeout=timeout, cookie_jar=aiohttp.DummyCookieJar()
        ) as session:
            await self.warm_up(session)
            await self.open_all(session)
            await self.quiet()
            await self.soak(session)
            await self.quiet()
            open_sockets = sum(1 for sock in self.sockets if sock.ws is not None and not sock.ws.closed)
            rows = await count_rows()
            await self.close_all()
        return {"open_sockets": open_sockets, **rows}


def growth_after_warm_up(memory: list[tuple[float, int]], warm_up_seconds: float) -> float | None:
    """Resident memory at the end against the first sample after the warm-up, as a fraction."""
    after = [kb for at, kb in memory if at >= warm_up_seconds]
    if len(after) < 2:
        return None
    return round((after[-1] - after[0]) / after[0], 4)


def database_rows(workshop_id: int, server_pid: int):
    """What the database holds for the room's sockets and for the server's connections."""
    from asgiref.sync import sync_to_async
    from django.db import connection

    from workshops.models import Connection

    def count() -> dict:
        rows = Connection.objects.filter(workshop_id=workshop_id, participant__isnull=False).count()
        connections = None
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
                connections = cursor.fetchone()[0] - 1  # not this one
        return {"presence_rows": rows, "database_connections": connections}

    return sync_to_async(count, thread_sensitive=True)


def run(args) -> dict:
    env = setup_django(args)
    from django.conf import settings
    from django.db import connections

    workshop = prepare(1, args.participants, 1)[0]
    connections.close_all()
    tidy_database(env["DATABASE_URL"])
    with tempfile.TemporaryDirectory(prefix="northstar-soak-") as tmp:
        server = Server(env, Path(tmp), 0 if args.pin else None)
        server.start()
        try:
            plan = {
                "servers": [{"url": server.url, "pid": server.pid()}],
                "workshops": [workshop],
                "timeout": 10.0,
                "session_cookie": settings.SESSION_COOKIE_NAME,
                "csrf_cookie": settings.CSRF_COOKIE_NAME,
            }
            soak = Soak(plan, args.minutes * 60, args.move_every, args.sample_every)
            ends = asyncio.run(soak.run_soak(database_rows(workshop["id"], server.pid())))
            problems = server.problems()
        finally:
            server.stop()
    warm_up = min(WARM_UP_MINUTES * 60, args.minutes * 60 / 2)
    growth = growth_after_warm_up(soak.memory, warm_up)
    return {
        "minutes": args.minutes,
        "participants": args.participants,
        "requests": soak.sent,
        "answered": dict(soak.kinds),
        "memory_kb": soak.memory,
        "memory_growth_after_warm_up": growth,
        **ends,
        "errors": soak.errors,
        "server_problems": problems[:20],
        "targets": {
            "memory_growth_under_10_percent": growth is not None and growth < TARGET_MEMORY_GROWTH,
            "presence_rows_equal_open_sockets": ends["presence_rows"] == ends["open_sockets"],
            "no_errors": not soak.errors and not problems,
        },
    }


def report(r: dict) -> str:
    growth = r["memory_growth_after_warm_up"]
    first, last = r["memory_kb"][0][1], r["memory_kb"][-1][1]
    verdicts = ", ".join(f"{name}={'pass' if ok else 'FAIL'}" for name, ok in r["targets"].items())
    return "\n".join(
        [
            f"soak: {r['minutes']:g} min, {r['participants']} participants, {r['requests']} requests "
            f"(answered: {', '.join(f'{kind} {n}' for kind, n in sorted(r['answered'].items()))})",
            f"server memory: {first / 1024:.1f} MB at the start, {last / 1024:.1f} MB at the end, "
            f"growth after the warm-up {growth * 100:.1f}%"
            if growth is not None
            else "growth: too short to tell",
            f"open sockets {r['open_sockets']}, presence rows {r['presence_rows']}, "
            f"database connections {r['database_connections']}",
            f"errors: {len(r['errors'])}, server problems: {len(r['server_problems'])}",
            f"targets: {verdicts}",
        ]
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--participants", type=int, default=15)
    parser.add_argument("--move-every", type=float, default=60.0, help="seconds between the facilitator's moves")
    parser.add_argument("--sample-every", type=float, default=60.0, help="seconds between memory samples")
    parser.add_argument("--no-pin", dest="pin", action="store_false", help="leave the server to the scheduler")
    parser.add_argument("--output", type=Path, default=None)
    parser.add_argument("--static-from-finders", action="store_true", help="serve static files without collectstatic")
    parser.set_defaults(workers=1)  # what bench.run's set-up reads: one server
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    results = run(args)
    output = args.output or RESULTS
    output.write_text(json.dumps(results, indent=2) + "\n")
    print(report(results))
    print(f"written to {output}")


if __name__ == "__main__":
    main()
