"""`make bench-move`: what one move of the group costs the server, in one process, without load.

    python -m bench.move --participants 15 --moves 200

`make bench` times a facilitator's click from the POST to every laptop under the load of
50 workshops, and compares it with a bare `group_send`. This splits the same move into
its two parts and measures each in CPU time, alone, so a change to either shows as a number
that does not swing with the machine's moment:

- request: the facilitator's "Next segment" POST through Django's ASGI handler, as the
  server runs it (middleware, session, permission, the locked write, the commit, the
  notice handed to the channel layer, the facilitator's own answer);
- round: what the consumers of one process do with that notice: every participant tab of
  the workshop renders the regions the notice names, sharing the notice's renders
  (`workshops.renders.SharedRenders`), as the server does;
- shared: the same round for one tab. The rest of the round, divided by the other tabs, is
  what each further tab adds.

The notice is the one the view sent, read back from the channel layer, so the round
renders exactly the regions and version a move announces. The workshop moves through the
segments `make bench`'s fan-out covers and back. Database and layer as in `make bench`.
"""

import argparse
import asyncio
import gzip
import json
import os
import statistics
import time
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.run import BASE_DIR, prepare, setup_django

RESULTS = BASE_DIR / "bench" / "results-move.json"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", "-P", type=int, default=int(os.environ.get("P", 15)))
    parser.add_argument("--moves", type=int, default=200, help="moves measured (half forward, half back)")
    parser.add_argument("--span", type=int, default=4, help="segments walked before turning back (as the fan-out)")
    parser.add_argument("--cpu", default="0", help="the core to run on (SERVER_CPU); empty: the scheduler decides")
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.participants < 2:
        parser.error("--participants must be 2 or more: the per-tab cost compares rounds of one and of all")
    if not 1 <= args.span <= 7:
        parser.error("--span must be 1 to 7 (the 120-minute agenda has 9 segments)")
    # What setup_django reads, as `make bench` passes it.
    args.workers, args.static_from_finders = 1, True
    return args


class Statements:
    """Counts the SQL statements sent from every thread (each has its own connection)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def watch(self, sender, connection, **kwargs) -> None:
        if self not in connection.execute_wrappers:
            connection.execute_wrappers.append(self)


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


class Mover:
    """One workshop of `participants`, its facilitator's requests and its participants' tabs."""

    def __init__(self, workshop: dict, layer, channel: str) -> None:
        from django.conf import settings
        from django.contrib.auth.models import AnonymousUser
        from django.contrib.sessions.backends.db import SessionStore
        from django.core.asgi import get_asgi_application

        from workshops.access import Page
        from workshops.consumers import WorkshopConsumer
        from workshops.models import Connection, Workshop

        self.workshop = workshop
        self.layer = layer
        self.channel = channel
        self.http = get_asgi_application()
        self.position = 0
        self.cookie = (
            f"{settings.SESSION_COOKIE_NAME}={workshop['facilitator_session']}; "
            f"{settings.CSRF_COOKIE_NAME}={workshop['csrf']}"
        )
        model = Workshop.objects.get(pk=workshop["id"])
        self.tabs = []
        for n, person in enumerate(workshop["participants"]):
            tab = WorkshopConsumer()
            tab.scope = {
                "session": SessionStore(person["session"]),
                "user": AnonymousUser(),
                "url_route": {"kwargs": {"code": workshop["code"], "page": Page.PARTICIPANT}},
            }
            tab.page = Page.PARTICIPANT
            viewer = tab.lookup_viewer(workshop["code"])
            assert viewer is not None, f"participant {n} has no viewer"
            tab.viewer = viewer
            self.tabs.append(tab)
            # Connected, as a real tab is: the roster shows who is here.
            Connection.objects.create(
                workshop=model, participant=viewer.participant, channel_name=f"bench-move-{n}", page=tab.page
            )

    async def request(self, direction: str) -> tuple[float, str]:
        """The facilitator's click: its CPU time and the segment the answer shows."""
        segments = self.workshop["segments"]
        body = urlencode({"from_segment": segments[self.position]["id"], "direction": direction}).encode()
        path = f"/workshops/{self.workshop['code']}/go/"
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": b"",
            "root_path": "",
            "server": ("127.0.0.1", 8000),
            "client": ("127.0.0.1", 50000),
            "headers": [
                (b"host", b"127.0.0.1:8000"),
                (b"origin", b"http://127.0.0.1:8000"),
                (b"cookie", self.cookie.encode()),
                (b"x-csrftoken", self.workshop["csrf"].encode()),
                (b"hx-request", b"true"),
                (b"accept-encoding", b"gzip"),
                (b"content-type", b"application/x-www-form-urlencoded"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
        sent: list[Mapping[str, Any]] = []
        received: list[bytes] = []

        async def receive() -> dict:
            if not received:
                received.append(body)
                return {"type": "http.request", "body": body, "more_body": False}
            await asyncio.Event().wait()  # the client stays connected
            return {"type": "http.disconnect"}

        async def send(message: Mapping[str, Any]) -> None:
            sent.append(message)

        started = time.process_time()
        await self.http(scope, receive, send)
        cpu = time.process_time() - started
        status = sent[0]["status"]
        answer = b"".join(message.get("body", b"") for message in sent[1:])
        if answer[:2] == b"\x1f\x8b":
            answer = gzip.decompress(answer)
        self.position += 1 if direction == "next" else -1
        title = segments[self.position]["title"]
        if status != 200 or f">{escape(title, quote=False)}<" not in answer.decode():
            raise SystemExit(f"bench-move: the move to {title!r} did not happen ({status})")
        return cpu, title

    async def notice(self) -> dict:
        """The notice the move sent, as every tab of the workshop receives it."""
        while True:
            message = await asyncio.wait_for(self.layer.receive(self.channel), 10)
            if message.get("type") == "workshop.changed" and message.get("version") is not None:
                return message

    async def round(self, notice: dict, tabs: list, title: str) -> tuple[float, int]:
        """Every tab renders the notice's regions in one round: CPU time, bytes per tab."""
        started = time.process_time()
        pages = await asyncio.gather(*(tab.render(notice["regions"], notice["version"], notice["id"]) for tab in tabs))
        cpu = time.process_time() - started
        shown = f'id="now-title" class="now-title">{escape(title, quote=False)}<'
        for html in pages:
            if shown not in html:
                raise SystemExit(f"bench-move: a tab was not shown {title!r}")
        return cpu, sum(len(html) for html in pages) // len(tabs)


async def measure(args, workshop: dict) -> dict:
    from channels.layers import get_channel_layer
    from django.db.backends.signals import connection_created

    from workshops.models import Workshop

    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.group_add(Workshop(pk=workshop["id"]).group_name, channel)
    mover = await asyncio.to_thread(Mover, workshop, layer, channel)
    statements = Statements()
    connection_created.connect(statements.watch)
    kinds = {s["title"]: s["kind"] for s in workshop["segments"]}
    moves: dict[str, dict[str, list]] = {}
    step = 0
    for n in range(args.moves + 2 * args.span):  # the first lap warms every path up
        direction = "next" if (n // args.span) % 2 == 0 else "previous"
        before = kinds[workshop["segments"][mover.position]["title"]]
        counted = statements.count
        request_cpu, title = await mover.request(direction)
        request_statements = statements.count - counted
        notice = await mover.notice()
        counted = statements.count
        round_cpu, size = await mover.round(notice, mover.tabs, title)
        round_statements = statements.count - counted
        shared_cpu, _ = await mover.round(notice, mover.tabs[:1], title)
        if n < 2 * args.span:
            continue
        step += 1
        move = moves.setdefault(f"{before} → {kinds[title]}", {})
        for key, value in (
            ("request_ms", request_cpu * 1000),
            ("round_ms", round_cpu * 1000),
            ("shared_ms", shared_cpu * 1000),
            ("request_statements", request_statements),
            ("round_statements", round_statements),
            ("bytes_per_tab", size),
        ):
            move.setdefault(key, []).append(value)
    tabs = len(mover.tabs)

    def summary(samples: dict) -> dict:
        out = {key: median(values) for key, values in samples.items()}
        out["per_tab_ms"] = round((out["round_ms"] - out["shared_ms"]) / (tabs - 1), 3)
        out["move_ms"] = round(out["request_ms"] + out["round_ms"], 3)
        out["count"] = len(samples["round_ms"])
        return out

    every: dict[str, list] = {}
    for samples in moves.values():
        for key, values in samples.items():
            every.setdefault(key, []).extend(values)
    return {
        "parameters": {"participants": tabs, "moves": step, "span": args.span, "cpu": args.cpu or None},
        "moves": {name: summary(samples) for name, samples in moves.items()},
        "all": summary(every),
    }


def table(results: dict) -> str:
    p = results["parameters"]
    lines = [
        f"one move, in one process, no load: P={p['participants']}, {p['moves']} moves, CPU ms (median)",
        f"{'move':<26} {'request':>8} {'round':>7} {'shared':>7} {'per tab':>8} {'move':>6} "
        f"{'SQL req':>7} {'SQL round':>9} {'KB/tab':>6}",
    ]
    rows = [*results["moves"].items(), ("all", results["all"])]
    for name, r in rows:
        lines.append(
            f"{name:<26} {r['request_ms']:>8.2f} {r['round_ms']:>7.2f} {r['shared_ms']:>7.2f} {r['per_tab_ms']:>8.3f} "
            f"{r['move_ms']:>6.2f} {r['request_statements']:>7g} {r['round_statements']:>9g} "
            f"{r['bytes_per_tab'] / 1024:>6.1f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    from northstar.serve import pin_to_one_core

    pin_to_one_core(args.cpu)  # before any thread starts, as northstar.serve does
    setup_django(args)
    workshop = prepare(1, args.participants, 1)[0]
    results = asyncio.run(measure(args, workshop))
    output = args.output or RESULTS
    output.write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    print(f"written to {output.relative_to(BASE_DIR) if output.is_relative_to(BASE_DIR) else output}")


if __name__ == "__main__":
    main()
