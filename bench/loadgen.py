"""The load generator: one asyncio process, W x P real WebSocket connections, real HTTP posts.

It knows nothing of Django. The orchestrator (bench/run.py) hands it a plan (servers,
workshops, segment titles, session cookies) as JSON and gets raw measurements back:

    python -m bench.loadgen plan.json measurements.json

Every latency is taken the same way: from the moment the HTTP POST that causes a push
is sent to the moment a participant's socket receives the frame that carries it.
"""

import asyncio
import contextlib
import gzip
import json
import os
import random
import re
import sys
import time
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import aiohttp

# What a browser sends; the server picks what it can (whitenoise: brotli or gzip files).
ACCEPT_ENCODING = "gzip, deflate, br, zstd"
CONNECT_ATTEMPTS = 5
# Sockets opening at once: people arrive over a minute or two, not all in the same second.
CONNECT_CONCURRENCY = 10
# Every phase, in the order run() takes them; `--phases` picks some (profiling one at a time).
PHASES = ("baseline", "baseline_action", "fanout", "burst", "autosave", "vote", "page")
ASSET_RE = re.compile(r'<(?:script[^>]+src|link[^>]+href)="(/static/[^"]+)"')


def cpu_ticks(stat: str) -> tuple[str, int, int]:
    """From /proc/<pid>/stat: a process's name and the CPU it has used, in clock ticks.

    First all of it (user + system), then the kernel's part: the system calls and page faults.
    """
    name, rest = stat.split("(", 1)[1].rsplit(")", 1)
    fields = rest.split()
    utime, stime = int(fields[11]), int(fields[12])
    return name, utime + stime, stime


@dataclass
class Socket:
    workshop: int
    index: int
    server: int
    cookie: str
    ws: aiohttp.ClientWebSocketResponse | None = None
    reader: asyncio.Task | None = None
    frames: int = 0


@dataclass
class Pending:
    """One push the load generator waits for: which text marks it, when its POST left."""

    key: str
    sockets: int
    t0: float = 0.0
    got: dict[int, float] = field(default_factory=dict)
    done: asyncio.Event = field(default_factory=asyncio.Event)


class LoadGenerator:
    def __init__(self, plan: dict) -> None:
        self.plan = plan
        self.servers = plan["servers"]
        self.workshops = plan["workshops"]
        self.timeout = plan["timeout"]
        self.sockets: list[Socket] = []
        self.pending: dict[int, list[Pending]] = {}
        self.errors: list[str] = []
        self.missed: dict[str, int] = {}
        self.closing = False
        self.connect_retries = 0
        self.last_frame = time.perf_counter()
        self.position = {w: ws["current"] for w, ws in enumerate(self.workshops)}
        self.autosave_during_votes: list[float] = []
        # HTTP requests sent so far, and each phase's server CPU with the requests it took.
        self.sent = 0
        self.server_cpu: dict[str, dict] = {}

    # Plumbing ---------------------------------------------------------------------

    def phase(self, name: str) -> None:
        """Say which phase starts (on stderr), so a profiler can be pointed at one."""
        print(f"bench: {name} phase starts", file=sys.stderr, flush=True)

    def error(self, message: str) -> None:
        self.errors.append(message)
        if len(self.errors) <= 20:
            print(f"bench error: {message}", file=sys.stderr)

    def cookies(self, session_key: str, csrf: str | None = None) -> str:
        parts = [f"{self.plan['session_cookie']}={session_key}"]
        if csrf:
            parts.append(f"{self.plan['csrf_cookie']}={csrf}")
        return "; ".join(parts)

    def cpu_seconds(self) -> tuple[float, float]:
        """CPU the servers have used so far (all their threads), from /proc: all of it, and the kernel's part."""
        used = [cpu_ticks(Path(f"/proc/{server['pid']}/stat").read_text())[1:] for server in self.servers]
        tick = os.sysconf("SC_CLK_TCK")
        return sum(total for total, _ in used) / tick, sum(kernel for _, kernel in used) / tick

    def database_ticks(self) -> dict[int, int]:
        """CPU ticks so far of each PostgreSQL process on this machine (empty for SQLite or a remote server).

        The database shares the machine's cores with the servers: what it spends on a request
        is latency the servers' own CPU figure does not show.
        """
        if not self.plan.get("local_postgres"):
            return {}
        ticks = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError):
                name, used, _ = cpu_ticks(stat.read_text())
                if name == "postgres":
                    ticks[int(stat.parent.name)] = used
        return ticks

    def database_seconds(self, before: dict[int, int]) -> float:
        """Database CPU since `before`: processes that started since count from zero."""
        now = self.database_ticks()
        return sum(ticks - before.get(pid, 0) for pid, ticks in now.items()) / os.sysconf("SC_CLK_TCK")

    def rss_kb(self) -> list[int]:
        sizes = []
        for server in self.servers:
            status = Path(f"/proc/{server['pid']}/status").read_text()
            rss = re.search(r"VmRSS:\s+(\d+) kB", status)
            assert rss, f"no VmRSS in /proc/{server['pid']}/status"
            sizes.append(int(rss.group(1)))
        return sizes

    async def quiet(self, seconds: float = 1.5, limit: float = 300.0) -> float:
        """Wait until no socket has received anything for `seconds` (backlogs drain); return the wait."""
        started = time.perf_counter()
        while time.perf_counter() < started + limit:
            if time.perf_counter() - self.last_frame >= seconds:
                break
            await asyncio.sleep(0.1)
        return time.perf_counter() - started

    # Sockets ----------------------------------------------------------------------

    async def connect(self, session: aiohttp.ClientSession, sock: Socket) -> None:
        server = self.servers[sock.server]
        code = self.workshops[sock.workshop]["code"]
        url = server["url"].replace("http", "ws", 1) + f"/ws/workshops/{code}/participant/"
        headers = {"Origin": server["url"], "Cookie": self.cookies(sock.cookie)}
        # A browser whose handshake fails reconnects (htmx's ws extension backs off and
        # retries); so does this, and each retry is counted in the results.
        for attempt in range(CONNECT_ATTEMPTS):
            try:
                sock.ws = await session.ws_connect(url, headers=headers, max_msg_size=0, autoping=True, heartbeat=None)
                break
            except Exception as exc:
                if attempt == CONNECT_ATTEMPTS - 1:
                    self.error(f"socket {sock.workshop}/{sock.index} did not connect: {exc!r}")
                    return
                self.connect_retries += 1
                await asyncio.sleep(0.5 * 2**attempt + random.uniform(0, 0.5))
        sock.reader = asyncio.create_task(self.read(sock))

    async def read(self, sock: Socket) -> None:
        ws = sock.ws
        assert ws is not None, "read() follows a connection"
        async for message in ws:
            now = time.perf_counter()
            self.last_frame = now
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            sock.frames += 1
            for pending in self.pending.get(sock.workshop, ()):
                if sock.index not in pending.got and pending.key in message.data:
                    pending.got[sock.index] = now - pending.t0
                    if len(pending.got) == pending.sockets:
                        pending.done.set()
        if not self.closing:
            self.error(f"socket {sock.workshop}/{sock.index} was dropped (close code {ws.close_code})")

    async def open_all(self, session: aiohttp.ClientSession) -> None:
        for w, workshop in enumerate(self.workshops):
            for index, participant in enumerate(workshop["participants"]):
                self.sockets.append(Socket(w, index, participant["server"], participant["session"]))
        gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

        async def one(sock: Socket) -> None:
            async with gate:
                await self.connect(session, sock)

        await asyncio.gather(*(one(sock) for sock in self.sockets))

    async def close_all(self) -> None:
        self.closing = True
        await asyncio.gather(*(sock.ws.close() for sock in self.sockets if sock.ws), return_exceptions=True)
        await asyncio.gather(*(sock.reader for sock in self.sockets if sock.reader), return_exceptions=True)
        await self.servers_idle()

    async def servers_idle(self, limit: float = 30.0) -> None:
        """Wait until the servers stop using CPU: each closed socket's consumer still leaves its groups.

        A server stopped in the middle of that clean-up cancels it and logs an error per socket.
        """
        deadline = time.perf_counter() + limit
        last, _ = self.cpu_seconds()
        while time.perf_counter() < deadline:
            await asyncio.sleep(0.5)
            now, _ = self.cpu_seconds()
            if now - last < 0.02:
                return
            last = now

    # One measured push --------------------------------------------------------------

    async def push(self, phase: str, w: int, key: str, post) -> list[float]:
        """Run `post` (which sends the HTTP request) and time every socket of workshop `w` until it sees `key`."""
        connected = sum(1 for s in self.sockets if s.workshop == w and s.ws is not None)
        pending = Pending(key=key, sockets=connected)
        self.pending.setdefault(w, []).append(pending)
        try:
            pending.t0 = time.perf_counter()
            try:
                await post()
            except Exception as exc:
                self.error(f"{phase}: workshop {w}: request failed: {exc!r}")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(pending.done.wait(), self.timeout)
        finally:
            self.pending[w].remove(pending)
        self.missed[phase] = self.missed.get(phase, 0) + pending.sockets - len(pending.got)
        return [seconds * 1000 for seconds in pending.got.values()]

    def other_server(self, w: int) -> dict:
        """Where a workshop's POSTs go: with two servers, not where most of its sockets are."""
        return self.servers[self.workshops[w]["post_server"]]

    async def ping(self, session: aiohttp.ClientSession, w: int, seq: str) -> list[float]:
        server = self.other_server(w)
        url = f"{server['url']}/bench/ping/{self.workshops[w]['id']}/?seq={seq}"

        async def post() -> None:
            self.sent += 1
            async with session.post(url) as response:
                if response.status != 204:
                    self.error(f"ping to workshop {w} answered {response.status}")

        return await self.push("baseline", w, f'data-seq="{seq}"', post)

    async def act(self, session: aiohttp.ClientSession, w: int, seq: str) -> list[float]:
        """The facilitator posts to the bare action view: a locked write, then the same 2 KB frame on commit."""
        workshop = self.workshops[w]
        server = self.other_server(w)
        url = f"{server['url']}/bench/action/{workshop['id']}/?seq={seq}"
        headers = self.htmx_headers(w, workshop["facilitator_session"], server)

        async def post() -> None:
            self.sent += 1
            async with session.post(url, headers=headers) as response:
                await response.read()
                if response.status != 204:
                    self.error(f"baseline_action: action in workshop {w} answered {response.status}")

        return await self.push("baseline_action", w, f'data-seq="{seq}"', post)

    async def advance(self, session: aiohttp.ClientSession, w: int, phase: str) -> list[float]:
        """The facilitator clicks "Next segment" (an htmx POST, as the page sends it)."""
        workshop = self.workshops[w]
        segments = workshop["segments"]
        here = self.position[w]
        if here + 1 >= len(segments):
            self.error(f"{phase}: workshop {w} has no next segment left")
            return []
        server = self.other_server(w)
        url = f"{server['url']}/workshops/{workshop['code']}/go/"
        headers = self.htmx_headers(w, workshop["facilitator_session"], server)
        data = {"from_segment": str(segments[here]["id"]), "direction": "next"}
        title = segments[here + 1]["title"]

        async def post() -> None:
            self.sent += 1
            async with session.post(url, data=data, headers=headers) as response:
                answer = await response.text()
                if response.status != 200:
                    self.error(f"{phase}: advance in workshop {w} answered {response.status}")
                elif f">{escape(title, quote=False)}<" not in answer:
                    # The facilitator's own answer shows where the group is now: the move did not happen.
                    self.error(f"{phase}: workshop {w} did not move to {title!r}")

        self.position[w] = here + 1
        key = f'id="now-title" class="now-title">{escape(title, quote=False)}<'
        return await self.push(phase, w, key, post)

    # Phases -------------------------------------------------------------------------

    async def spread(self, session, rounds: int, period: float, action) -> list[float]:
        """Every workshop acts once per period, workshops spread evenly over the period so they overlap."""
        count = len(self.workshops)
        start = time.perf_counter() + 0.2
        samples: list[float] = []

        async def workshop_loop(w: int) -> None:
            offset = period * w / count + random.uniform(0, period / count)
            for r in range(rounds):
                delay = start + r * period + offset - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                samples.extend(await action(session, w, r))

        await asyncio.gather(*(workshop_loop(w) for w in range(count)))
        return samples

    async def baseline(self, session) -> list[float]:
        return await self.spread(
            session, self.plan["rounds"], self.plan["period"], lambda s, w, r: self.ping(s, w, f"{w}-{r}")
        )

    async def baseline_action(self, session) -> list[float]:
        return await self.spread(
            session, self.plan["rounds"], self.plan["period"], lambda s, w, r: self.act(s, w, f"action-{w}-{r}")
        )

    async def fanout(self, session) -> list[float]:
        return await self.spread(
            session, self.plan["rounds"], self.plan["period"], lambda s, w, r: self.advance(s, w, "fanout")
        )

    async def burst(self, session) -> list[float]:
        """All facilitators click within the same 100 ms (workshops that start on the hour)."""
        start = time.perf_counter() + 0.2

        async def one(w: int) -> list[float]:
            await asyncio.sleep(max(start + random.uniform(0, 0.1) - time.perf_counter(), 0))
            return await self.advance(session, w, "burst")

        results = await asyncio.gather(*(one(w) for w in range(len(self.workshops))))
        return [ms for samples in results for ms in samples]

    # Actions under load: participants' own writes, timed from request to response.

    def htmx_headers(self, w: int, session_key: str, server: dict) -> dict:
        """What a page's htmx POST carries: the session, the CSRF token in cookie and header, the origin."""
        csrf = self.workshops[w]["csrf"]
        return {
            "Cookie": self.cookies(session_key, csrf),
            "X-CSRFToken": csrf,
            "Origin": server["url"],
            "HX-Request": "true",
        }

    async def timed_post(self, session, phase: str, url: str, data: dict, headers: dict, ok: set[int]) -> float | None:
        t0 = time.perf_counter()
        self.sent += 1
        try:
            async with session.post(url, data=data, headers=headers) as response:
                await response.read()
                if response.status not in ok:
                    self.error(f"{phase}: {url} answered {response.status}")
                    return None
        except Exception as exc:
            self.error(f"{phase}: {url} failed: {exc!r}")
            return None
        return (time.perf_counter() - t0) * 1000

    async def autosave(self, session) -> tuple[list[float], str | None]:
        """Every participant autosaves their private draft every 5 s, all workshops at once."""
        rounds, period = self.plan.get("autosave_rounds", 3), self.plan.get("autosave_period", 5.0)
        samples: list[float] = []
        start = time.perf_counter() + 0.2

        async def typist(w: int, j: int, person: dict) -> None:
            server = self.servers[person["server"]]
            url = f"{server['url']}/w/{self.workshops[w]['code']}/candidates/{person['draft']}/"
            headers = self.htmx_headers(w, person["session"], server)
            offset = random.uniform(0, period)
            for r in range(rounds):
                await asyncio.sleep(max(start + r * period + offset - time.perf_counter(), 0))
                text = f"Weekly honoured bookings, draft {r} by person {j}"
                data = {"field": "metric_definition", "metric_definition": text}
                ms = await self.timed_post(session, "autosave", url, data, headers, {200})
                if ms is not None:
                    samples.append(ms)

        await asyncio.gather(
            *(typist(w, j, p) for w, ws in enumerate(self.workshops) for j, p in enumerate(ws["participants"]))
        )
        return samples, None

    async def vote(self, session) -> tuple[list[float] | None, str | None]:
        """The group moves to "Share and evaluate"; everyone places a dot and takes it back, while drafts autosave."""
        moves = []
        for w, workshop in enumerate(self.workshops):
            target = next(i for i, s in enumerate(workshop["segments"]) if s["kind"] == "evaluate")
            moves.append(self.jump(session, w, target))
        await asyncio.gather(*moves)
        await self.quiet()
        samples: list[float] = []

        # People vote when they have made up their minds, not all in the same instant (the burst
        # phase is that case): each places a dot and takes it back somewhere in the autosave window.
        window = self.plan.get("autosave_rounds", 3) * self.plan.get("autosave_period", 5.0)

        async def voter(w: int, person: dict) -> None:
            server = self.servers[person["server"]]
            url = f"{server['url']}/w/{self.workshops[w]['code']}/votes/"
            headers = self.htmx_headers(w, person["session"], server)
            await asyncio.sleep(random.uniform(0, window - 1))
            for action in ("place", "take"):
                data = {"candidate": str(random.choice(self.workshops[w]["board"])), "action": action}
                ms = await self.timed_post(session, "vote", url, data, headers, {200})
                if ms is not None:
                    samples.append(ms)

        voting = asyncio.gather(*(voter(w, p) for w, ws in enumerate(self.workshops) for p in ws["participants"]))
        autosaving = self.autosave(session)
        _, (autosaves, _) = await asyncio.gather(voting, autosaving)
        self.autosave_during_votes = autosaves
        return samples, None

    async def jump(self, session, w: int, target: int) -> None:
        """The facilitator clicks "Go to" on a segment of the agenda (not measured)."""
        workshop = self.workshops[w]
        server = self.other_server(w)
        headers = self.htmx_headers(w, workshop["facilitator_session"], server)
        data = {
            "from_segment": str(workshop["segments"][self.position[w]]["id"]),
            "to_segment": str(workshop["segments"][target]["id"]),
        }
        self.sent += 1
        async with session.post(
            f"{server['url']}/workshops/{workshop['code']}/go/", data=data, headers=headers
        ) as response:
            await response.read()
        self.position[w] = target

    async def page(self, session) -> dict:
        """Participant page: bytes a browser transfers (document + assets, compressed) and TTFB."""
        server = self.servers[0]
        people = [(w, p) for w, ws in enumerate(self.workshops) for p in ws["participants"]]
        headers = {"Accept-Encoding": ACCEPT_ENCODING}

        async def get(path: str, cookie: str | None = None) -> tuple[float, int, bytes]:
            extra = {"Cookie": self.cookies(cookie)} if cookie else {}
            self.sent += 1
            t0 = time.perf_counter()
            async with session.get(server["url"] + path, headers=headers | extra, auto_decompress=False) as response:
                ttfb = time.perf_counter() - t0
                body = await response.read()
                if response.status != 200:
                    self.error(f"GET {path} answered {response.status}")
                return ttfb * 1000, response.status, body

        w, person = people[0]
        _, _, document = await get(f"/w/{self.workshops[w]['code']}/", person["session"])
        assets = {}
        # The document arrives compressed as a browser asks for it; its links are read from the plain text.
        text = gzip.decompress(document) if document[:2] == b"\x1f\x8b" else document
        for path in dict.fromkeys(ASSET_RE.findall(text.decode(errors="replace"))):
            assets[path] = len((await get(path))[2])

        samples = self.plan["page_samples"]
        gate = asyncio.Semaphore(4)
        ttfbs: list[float] = []

        async def timed(w: int, person: dict) -> None:
            async with gate:
                ms, _, _ = await get(f"/w/{self.workshops[w]['code']}/", person["session"])
                ttfbs.append(ms)

        picks = [people[i % len(people)] for i in range(samples)]
        await asyncio.gather(*(timed(w, person) for w, person in picks))
        return {"document_bytes": len(document), "asset_bytes": assets, "ttfb_ms": ttfbs}

    async def run(self) -> dict:
        connector = aiohttp.TCPConnector(limit=0, force_close=False)
        timeout = aiohttp.ClientTimeout(total=60)
        out: dict = {"notes": []}
        async with aiohttp.ClientSession(
            connector=connector, timeout=timeout, cookie_jar=aiohttp.DummyCookieJar()
        ) as session:
            await self.warm_up(session)
            await asyncio.sleep(1)
            out["rss_before_kb"] = self.rss_kb()
            started = time.perf_counter()
            await self.open_all(session)
            out["connect_seconds"] = time.perf_counter() - started
            # Every socket that opens tells the room (a roster notice): let that storm drain first.
            out["settle_seconds"] = await self.quiet()
            out["rss_after_kb"] = self.rss_kb()
            out["sockets"] = sum(1 for s in self.sockets if s.ws is not None)
            phases = set(self.plan.get("phases") or PHASES)
            out.update(
                {f"{name}_ms": [] for name in ("baseline", "baseline_action", "fanout", "burst", "autosave", "vote")}
            )
            out["page"] = {"document_bytes": 0, "asset_bytes": {}, "ttfb_ms": []}
            if "baseline" in phases:
                out["baseline_ms"] = await self.measured("baseline", self.baseline(session))
            if "baseline_action" in phases:
                out["baseline_action_ms"] = await self.measured("baseline_action", self.baseline_action(session))
            if "fanout" in phases:
                out["fanout_ms"] = await self.measured("fanout", self.fanout(session))
            if "burst" in phases:
                out["burst_ms"] = await self.measured("burst", self.burst(session))
            # Autosaves alone, then votes while everyone keeps autosaving.
            if "autosave" in phases:
                out["autosave_ms"], _ = await self.measured("autosave", self.autosave(session))
            if "vote" in phases:
                out["vote_ms"], _ = await self.measured("vote", self.vote(session))
                out["autosave_ms"] += self.autosave_during_votes
            if "page" in phases:
                out["page"] = await self.measured("page", self.page(session), settle=False)
            await self.close_all()
        out["errors"] = self.errors
        out["missed"] = self.missed
        out["frames"] = sum(s.frames for s in self.sockets)
        out["connect_retries"] = self.connect_retries
        out["server_cpu"] = self.server_cpu
        return out

    async def measured(self, name: str, work, settle: bool = True):
        """Run one phase, then let its backlog drain; note the CPU it cost and the requests it took."""
        self.phase(name)
        (cpu, kernel), database, sent = self.cpu_seconds(), self.database_ticks(), self.sent
        result = await work
        if settle:
            await self.quiet()
        cpu_after, kernel_after = self.cpu_seconds()
        self.server_cpu[name] = {
            "seconds": round(cpu_after - cpu, 3),
            "kernel_seconds": round(kernel_after - kernel, 3),
            "database_seconds": round(self.database_seconds(database), 3) if database else None,
            "requests": self.sent - sent,
        }
        return result

    async def warm_up(self, session) -> None:
        """Load templates and code paths in every server before memory is read."""
        workshop = self.workshops[0]
        person = workshop["participants"][0]
        for i, server in enumerate(self.servers):
            sock = Socket(0, -1, i, person["session"])
            await self.connect(session, sock)
            if sock.ws is not None:
                self.closing = True
                await sock.ws.close()
                if sock.reader is not None:
                    await sock.reader
                self.closing = False
            async with session.get(
                f"{server['url']}/w/{workshop['code']}/", headers={"Cookie": self.cookies(person["session"])}
            ) as response:
                await response.read()
        await self.quiet(seconds=0.5)


def main() -> None:
    plan = json.loads(Path(sys.argv[1]).read_text())
    result = asyncio.run(LoadGenerator(plan).run())
    Path(sys.argv[2]).write_text(json.dumps(result))


if __name__ == "__main__":
    main()
