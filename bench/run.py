"""`make bench`: start the real server, prepare W live workshops, drive them, report.

    python -m bench.run --workshops 50 --participants 15 --workers 1
    python -m bench.run --curve 1,10,50,100

The orchestrator prepares the data with the ORM (users, W live workshops on the
120-minute agenda, P participants each with a real database session), starts one
or two daphne processes serving the production app (bench/asgi.py adds only the
baselines' bare ping and bare action), runs one load-generator process (bench/loadgen.py) and
turns its raw measurements into bench/results.json and a table.

Database: BENCH_DATABASE_URL if set; else the server of DATABASE_URL with a
database of its own (`northstar_benchrun`, created and migrated here); else a
SQLite file `bench.sqlite3`. Bench data is wiped and recreated on every run.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlparse, urlunparse

from northstar.daphne_process import DaphneProcess

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = BASE_DIR / "bench" / "results.json"
CURVE_RESULTS = BASE_DIR / "bench" / "results-curve.json"
BENCH_DB_NAME = "northstar_benchrun"
EMAIL_DOMAIN = "bench.invalid"
SESSION_PREFIX = "bench"

# The targets (2-core machine, PostgreSQL + Redis, W=50, P=15).
TARGET_FANOUT_P95_MS = 150
TARGET_RATIO_P95 = 2.0
TARGET_ACTION_P95_MS = 100
TARGET_PAGE_BYTES = 60 * 1024
TARGET_TTFB_P95_MS = 50
TARGET_SOCKET_KB = 100


def bench_database_url(name: str = BENCH_DB_NAME, sqlite_file: str = "bench.sqlite3") -> str:
    """BENCH_DATABASE_URL; else a database `name` on DATABASE_URL's PostgreSQL server; else a SQLite file."""
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    if os.environ.get("DATABASE_URL"):
        parsed = urlparse(os.environ["DATABASE_URL"])
        if parsed.scheme in {"postgres", "postgresql"}:
            # namedtuple's documented _replace: the same server and credentials, another database.
            return urlunparse(parsed._replace(path=f"/{name}"))
    return f"sqlite:///{BASE_DIR / sqlite_file}"


# DATABASE_URL options that Django's backend reads, which libpq would refuse.
DJANGO_ONLY_OPTIONS = {"server_side_binding", "prepare_threshold"}


def libpq_url(url: str) -> str:
    """The URL as libpq takes it: DATABASE_URL without the options only Django's backend reads."""
    parsed = urlparse(url)
    query = [(k, v) for k, v in parse_qsl(parsed.query) if k not in DJANGO_ONLY_OPTIONS]
    return urlunparse(parsed._replace(query=urlencode(query)))


def create_postgres_database(url: str) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = urlunparse(parsed._replace(path="/postgres", scheme="postgresql"))
    with psycopg.connect(libpq_url(admin), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def server_environment(args) -> dict:
    """What daphne and this process run with: production settings, plain http on loopback."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",  # the production settings plus the bench URL
            "DATABASE_URL": bench_database_url(),
            "DEBUG": "0",
            "SECRET_KEY": env.get("SECRET_KEY") or secrets.token_urlsafe(50),
            "NORTHSTAR_SECRETS_KEY": env.get("NORTHSTAR_SECRETS_KEY") or secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "SECURE_HSTS_SECONDS": "0",
            "CHANNEL_LAYER_PREFIX": env.get("BENCH_CHANNEL_LAYER_PREFIX") or f"northstar-bench-{os.getpid()}",
            "LOG_LEVEL": env.get("LOG_LEVEL", "WARNING"),
            "STATIC_FROM_FINDERS": "1" if args.static_from_finders else "0",
        }
    )
    return env


# Data -----------------------------------------------------------------------------


def prepare(workshops: int, participants: int, workers: int) -> list[dict]:
    """W live workshops on the 120-minute agenda, P participants each, every one with a real session."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.db import transaction
    from django.utils import timezone

    from metrics.models import Candidate, CandidateBoard, Input
    from workshops.access import SESSION_PARTICIPANTS
    from workshops.agenda import AGENDA_TEMPLATES
    from workshops.models import Participant, Workshop

    user_model = get_user_model()
    Workshop.objects.filter(facilitator__email__endswith=f"@{EMAIL_DOMAIN}").delete()
    user_model.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").delete()
    Session.objects.filter(session_key__startswith=SESSION_PREFIX).delete()

    now = timezone.now()
    expires = now + timedelta(days=1)
    store = SessionStore()
    password = make_password(secrets.token_urlsafe(16))  # hashed once: the bench never signs in by form
    users = user_model.objects.bulk_create(
        user_model(email=f"facilitator{i}@{EMAIL_DOMAIN}", display_name=f"Facilitator {i}", password=password)
        for i in range(workshops)
    )
    plan, sessions = [], []

    def session_for(data: dict) -> str:
        key = SESSION_PREFIX + secrets.token_hex(14)
        sessions.append(Session(session_key=key, session_data=store.encode(data), expire_date=expires))
        return key

    for i, user in enumerate(users):
        with transaction.atomic():
            workshop = Workshop.objects.create(title=f"Bench workshop {i}", product="Bench", facilitator=user)
            workshop.add_segments(AGENDA_TEMPLATES["120"][1])
            workshop.start(now)
            people = Participant.objects.bulk_create(
                Participant(workshop=workshop, display_name=f"Person {j + 1}") for j in range(participants)
            )
            # Everyone has a private draft to autosave; three shared candidates wait on a
            # revealed board for the dot votes.
            drafts = Candidate.objects.bulk_create(Candidate(workshop=workshop, author=person) for person in people)
            shared = Candidate.objects.bulk_create(
                Candidate(workshop=workshop, author=people[k % len(people)], metric_name=f"Shared {k}", shared_at=now)
                for k in range(3)
            )
            Input.objects.bulk_create(
                Input(candidate=candidate, position=n, name=f"Input {n}", definition="d")
                for candidate in drafts + shared
                for n in range(3)
            )
            CandidateBoard.objects.create(workshop=workshop, include_individual=True, revealed_at=now)
        segments = list(workshop.segments.all())
        # With two servers most of a workshop's sockets live on its home server and
        # its facilitator posts to the other one, as behind a load balancer.
        home = i % workers
        away = (home + 1) % workers
        on_away = participants // 3 if workers > 1 else 0
        plan.append(
            {
                "id": workshop.pk,
                "code": workshop.code,
                "segments": [{"id": s.pk, "title": s.title, "kind": s.kind} for s in segments],
                "board": [candidate.pk for candidate in shared],
                "current": 0,
                "post_server": away,
                "csrf": secrets.token_hex(16),
                "facilitator_session": session_for(
                    {
                        SESSION_KEY: str(user.pk),
                        BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                        HASH_SESSION_KEY: user.get_session_auth_hash(),
                    }
                ),
                "participants": [
                    {
                        "session": session_for({SESSION_PARTICIPANTS: {str(workshop.pk): person.pk}}),
                        "server": away if j < on_away else home,
                        "draft": drafts[j].pk,
                    }
                    for j, person in enumerate(people)
                ],
            }
        )
    Session.objects.bulk_create(sessions, batch_size=500)
    return plan


def local_postgres(url: str) -> bool:
    """Whether the database is a PostgreSQL server on this machine, whose CPU the bench can read."""
    parsed = urlparse(url)
    return parsed.scheme in {"postgres", "postgresql"} and (parsed.hostname or "localhost") in {
        "localhost",
        "127.0.0.1",
        "::1",
    }


def tidy_database(url: str) -> None:
    """Start every run from the same database: the last run's rows gone for good, statistics fresh.

    Each run deletes the previous run's data and writes its own. Where autovacuum is off (as
    on these machines), the dead rows piled up run after run, every read stepped over more of
    them, and the figures drifted; a server with autovacuum on would have cleaned them up.
    """
    if not url.startswith(("postgres://", "postgresql://")):
        return
    import psycopg

    with psycopg.connect(libpq_url(url), autocommit=True) as conn:  # libpq reads postgres:// and postgresql://
        conn.execute("VACUUM ANALYZE")


# Servers --------------------------------------------------------------------------


class Server(DaphneProcess):
    """One daphne process serving bench/asgi.py (the production app plus the bare ping)."""

    def __init__(self, env: dict, logdir: Path, core: int | None = None) -> None:
        super().__init__("bench.asgi:application", logdir)
        # Each server on a core of its own, as the README says to run them (SERVER_CPU).
        self.env = env if core is None else {**env, "SERVER_CPU": str(core)}

    def environment(self) -> dict:
        return self.env

    def pid(self) -> int:
        assert self.process is not None, "the server was started"
        return self.process.pid

    def problems(self) -> list[str]:
        """Errors the server logged: every traceback and ERROR line counts."""
        lines = self.log.read_text(errors="replace").splitlines() if self.log.exists() else []
        # The exception itself ("SomeError: message") says more than the word Traceback.
        exception = re.compile(r"^[A-Za-z_.]+(Error|Exception|Warning): ")
        return [line for line in lines if " ERROR " in line or exception.match(line)]


# Numbers --------------------------------------------------------------------------


def summary(samples: list[float] | None) -> dict | None:
    if samples is None:
        return None
    ordered = sorted(samples)

    def pick(q: float) -> float | None:
        if not ordered:
            return None
        return round(ordered[min(len(ordered) - 1, max(0, int(q * len(ordered) + 0.5) - 1))], 2)

    return {
        "p50_ms": pick(0.50),
        "p95_ms": pick(0.95),
        "p99_ms": pick(0.99),
        "max_ms": round(ordered[-1], 2) if ordered else None,
        "count": len(ordered),
    }


def results_from(args, raw: dict, servers: list[Server], load: dict, elapsed: float) -> dict:
    from django.conf import settings

    layer = settings.CHANNEL_LAYERS["default"]
    layer_config = layer.get("CONFIG")
    if not isinstance(layer_config, dict):
        layer_config = {}
    fanout, baseline = summary(raw["fanout_ms"]), summary(raw["baseline_ms"])
    action = summary(raw["baseline_action_ms"])
    page = raw["page"]
    ttfb = summary(page["ttfb_ms"])
    page_bytes = page["document_bytes"] + sum(page["asset_bytes"].values())
    before, after = sum(raw["rss_before_kb"]), sum(raw["rss_after_kb"])
    per_socket = round((after - before) / raw["sockets"], 1) if raw["sockets"] else None
    server_problems = [line for server in servers for line in server.problems()]
    errors = len(raw["errors"]) + len(server_problems)
    missed = sum(raw["missed"].values())
    notes = list(raw["notes"])
    if raw["errors"]:
        notes.append(f"load generator errors (first 5): {raw['errors'][:5]}")
    if server_problems:
        notes.append(f"server log errors (first 5): {server_problems[:5]}")
    db = settings.DATABASES["default"]
    results = {
        "parameters": {
            "workshops": args.workshops,
            "participants": args.participants,
            "workers": args.workers,
            "pinned": args.pin,
            "rounds": args.rounds,
            "period_s": args.period,
            "phases": args.phases or "all",
            "sockets": raw["sockets"],
        },
        "database": {"vendor": "postgresql" if "postgresql" in db["ENGINE"] else "sqlite", "name": str(db["NAME"])},
        "channel_layer": {
            "backend": layer["BACKEND"],
            "prefix": layer_config.get("prefix"),
            "capacity": layer_config.get("capacity"),
        },
        "fanout": fanout,
        "baseline": baseline,
        "baseline_action": action,
        "burst": summary(raw["burst_ms"]),
        "autosave": summary(raw["autosave_ms"]),
        "vote": summary(raw["vote_ms"]),
        "ratio_p95": ratio_p95(fanout, baseline),
        "ratio_p95_action": ratio_p95(fanout, action),
        "page": {
            "bytes": page_bytes,
            "ttfb_p95_ms": ttfb["p95_ms"] if ttfb else None,
            "document_bytes": page["document_bytes"],
            "asset_bytes": page["asset_bytes"],
            "ttfb": ttfb,
        },
        "server_cpu": server_cpu(raw.get("server_cpu", {})),
        "memory_per_socket_kb": per_socket,
        "memory": {"rss_before_kb": raw["rss_before_kb"], "rss_after_kb": raw["rss_after_kb"]},
        "errors": errors,
        "missed_updates": missed,
        "missed_by_phase": raw["missed"],
        "frames_received": raw["frames"],
        "connect_seconds": round(raw["connect_seconds"], 2),
        "connect_retries": raw["connect_retries"],
        "settle_seconds": round(raw["settle_seconds"], 1),
        "machine": {"cpus": os.cpu_count(), "load_before": load["before"], "load_after": os.getloadavg()},
        "elapsed_seconds": round(elapsed, 1),
        "notes": notes,
    }
    results["targets"] = targets(results)
    return results


def ratio_p95(fanout: dict | None, baseline: dict | None) -> float | None:
    if fanout and baseline and fanout["p95_ms"] and baseline["p95_ms"]:
        return round(fanout["p95_ms"] / baseline["p95_ms"], 2)
    return None


def server_cpu(phases: dict) -> dict:
    """Each phase's server CPU (every server process, all threads) per HTTP request it took.

    Latency on a busy machine swings with whatever else runs there; the CPU a request costs
    the server, fan-out to every socket included, moves only with the code. The fan-out's
    figure against the baseline's is the app's own work on top of the bare stack.
    """
    out = {}
    for name, block in phases.items():
        requests = block["requests"]
        per = round(block["seconds"] * 1000 / requests, 2) if requests else None
        out[name] = {"seconds": block["seconds"], "requests": requests, "ms_per_request": per}
        # Time the kernel spent for the servers (system calls, page faults); mostly sockets.
        # A share far above the other phases' is worth a look (strace -c -f -p <pid>).
        if block.get("kernel_seconds") is not None and block["seconds"]:
            out[name]["kernel_share"] = round(block["kernel_seconds"] / block["seconds"], 2)
        database = block.get("database_seconds")
        if database is not None and requests:
            out[name]["database_seconds"] = database
            out[name]["database_ms_per_request"] = round(database * 1000 / requests, 2)
    fanout, baseline = out.get("fanout", {}).get("ms_per_request"), out.get("baseline", {}).get("ms_per_request")
    if fanout and baseline:
        out["fanout_to_baseline"] = round(fanout / baseline, 2)
    action = out.get("baseline_action", {}).get("ms_per_request")
    if fanout and action:
        out["fanout_to_baseline_action"] = round(fanout / action, 2)
    return out


def targets(r: dict) -> dict:
    def below(block: dict | None, limit: float) -> bool | None:
        return None if not block or block["p95_ms"] is None else block["p95_ms"] < limit

    page = r["page"]
    measured_page = page["document_bytes"] > 0

    return {
        "fanout_p95_under_150ms": below(r["fanout"], TARGET_FANOUT_P95_MS),
        "ratio_p95_at_most_2": None if r["ratio_p95"] is None else r["ratio_p95"] <= TARGET_RATIO_P95,
        "ratio_p95_action_at_most_2": None
        if r["ratio_p95_action"] is None
        else r["ratio_p95_action"] <= TARGET_RATIO_P95,
        "autosave_p95_under_100ms": below(r["autosave"], TARGET_ACTION_P95_MS),
        "vote_p95_under_100ms": below(r["vote"], TARGET_ACTION_P95_MS),
        "page_at_most_60kb": page["bytes"] <= TARGET_PAGE_BYTES if measured_page else None,
        "ttfb_p95_under_50ms": below(page["ttfb"], TARGET_TTFB_P95_MS) if measured_page else None,
        "memory_per_socket_under_100kb": r["memory_per_socket_kb"] is not None
        and r["memory_per_socket_kb"] < TARGET_SOCKET_KB,
        "no_errors_no_missed_updates": r["errors"] == 0 and r["missed_updates"] == 0,
    }


def verdict(passed: bool | None) -> str:
    return "n/a" if passed is None else ("pass" if passed else "FAIL")


def per_phase(cpu: dict, key: str, show=str) -> str:
    """Each phase's `key` where the phase has it, as "fanout 9.6, vote 3.4"."""
    return ", ".join(
        f"{name} {show(block[key])}"
        for name, block in cpu.items()
        if isinstance(block, dict) and block.get(key) is not None
    )


def cpu_line(cpu: dict) -> str:
    ratio = "".join(
        f" (fan-out / {name} {cpu[key]})"
        for name, key in (("baseline", "fanout_to_baseline"), ("baseline_action", "fanout_to_baseline_action"))
        if key in cpu
    )
    line = "server CPU per request (ms): " + per_phase(cpu, "ms_per_request") + ratio
    for label, key, show in (
        ("database CPU per request (ms)", "database_ms_per_request", str),
        ("server CPU spent in the kernel", "kernel_share", "{:.0%}".format),
    ):
        if figures := per_phase(cpu, key, show):
            line += f"\n{label}: {figures}"
    return line


def table(r: dict) -> str:
    p = r["parameters"]
    lines = [
        f"W={p['workshops']} P={p['participants']} WORKERS={p['workers']}{' pinned' if p.get('pinned') else ''} "
        f"sockets={p['sockets']} "
        f"db={r['database']['vendor']} layer={r['channel_layer']['backend'].rsplit('.', 1)[-1]} "
        f"load={r['machine']['load_before'][0]:.2f}->{r['machine']['load_after'][0]:.2f}",
        f"{'':15} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'count':>6}",
    ]
    for name in ("fanout", "baseline", "baseline_action", "burst", "autosave", "vote"):
        block = r[name]
        if block is None:
            lines.append(f"{name:15} {'not measured':>8}")
            continue
        cells = " ".join(
            f"{'-' if block[k] is None else block[k]:>8}" for k in ("p50_ms", "p95_ms", "p99_ms", "max_ms")
        )
        lines.append(f"{name:15} {cells} {block['count']:>6}")
    lines += [
        f"ratio_p95 (fanout/baseline): {r['ratio_p95']}   "
        f"ratio_p95_action (fanout/baseline_action): {r['ratio_p95_action']}",
        f"page: {r['page']['bytes']} bytes transferred (document {r['page']['document_bytes']}), "
        f"TTFB p95 {r['page']['ttfb_p95_ms']} ms",
        cpu_line(r["server_cpu"]),
        f"memory per socket: {r['memory_per_socket_kb']} KB",
        f"errors: {r['errors']}   missed updates: {r['missed_updates']}   "
        f"connect retries: {r['connect_retries']} ({r['connect_seconds']} s to connect all, "
        f"{r['settle_seconds']} s to settle)",
        "targets: " + ", ".join(f"{k}={verdict(v)}" for k, v in r["targets"].items()),
    ]
    lines += [f"note: {note}" for note in r["notes"]]
    return "\n".join(lines)


# Orchestration --------------------------------------------------------------------


def setup_django(args) -> dict:
    env = server_environment(args)
    if args.workers > 1 and not env.get("REDIS_URL"):
        raise SystemExit("WORKERS=2 needs REDIS_URL: two processes share only a Redis channel layer.")
    if env["DATABASE_URL"].startswith(("postgres://", "postgresql://")):
        create_postgres_database(env["DATABASE_URL"])
    os.environ.update(env)
    sys.path.insert(0, str(BASE_DIR))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    if not args.static_from_finders:
        call_command("collectstatic", verbosity=0, interactive=False)
    return env


def run_once(args, env: dict) -> dict:
    from django.db import connections

    load = {"before": os.getloadavg()}
    started = time.perf_counter()
    plan_workshops = prepare(args.workshops, args.participants, args.workers)
    connections.close_all()
    tidy_database(env["DATABASE_URL"])
    with tempfile.TemporaryDirectory(prefix="northstar-bench-") as tmp:
        tmpdir = Path(tmp)
        servers = [Server(env, tmpdir, n if args.pin else None) for n in range(args.workers)]
        try:
            for server in servers:
                server.start(wait=False)
            for server in servers:
                server.wait_ready()
            from django.conf import settings

            plan = {
                "servers": [{"url": s.url, "pid": s.pid()} for s in servers],
                "workshops": plan_workshops,
                "rounds": args.rounds,
                "period": args.period,
                "timeout": args.timeout,
                "page_samples": args.page_samples,
                "phases": args.phases.split(",") if args.phases else None,
                "session_cookie": settings.SESSION_COOKIE_NAME,
                "csrf_cookie": settings.CSRF_COOKIE_NAME,
                "local_postgres": local_postgres(env["DATABASE_URL"]),
            }
            plan_path, out_path = tmpdir / "plan.json", tmpdir / "measurements.json"
            plan_path.write_text(json.dumps(plan))
            subprocess.run(  # noqa: S603
                [sys.executable, "-m", "bench.loadgen", str(plan_path), str(out_path)],
                cwd=BASE_DIR,
                env=env,
                check=True,
            )
            raw = json.loads(out_path.read_text())
        finally:
            for server in servers:
                server.stop()
            keep_logs(servers)
        return results_from(args, raw, servers, load, time.perf_counter() - started)


LOGS = BASE_DIR / "bench" / "logs"


def keep_logs(servers: list[Server]) -> None:
    """A server that logged errors leaves its whole log in bench/logs/, tracebacks included."""
    if not any(server.problems() for server in servers):
        return
    LOGS.mkdir(exist_ok=True)
    for n, server in enumerate(servers):
        if server.log.exists():
            shutil.copyfile(server.log, LOGS / f"server-{n}.log")
    print(f"bench: server logs kept in {LOGS.relative_to(BASE_DIR)}/", file=sys.stderr)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workshops", "-W", type=int, default=int(os.environ.get("W", 50)))
    parser.add_argument("--participants", "-P", type=int, default=int(os.environ.get("P", 15)))
    parser.add_argument("--workers", type=int, choices=(1, 2), default=int(os.environ.get("WORKERS", 1)))
    parser.add_argument("--rounds", type=int, default=4, help="segment changes per workshop in the fan-out (max 7)")
    parser.add_argument("--period", type=float, default=1.0, help="seconds between one workshop's actions")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds a socket may take before it missed")
    parser.add_argument("--page-samples", type=int, default=100)
    parser.add_argument("--curve", help="comma-separated W values, e.g. 1,10,50,100")
    parser.add_argument(
        "--phases",
        default=os.environ.get("PHASES"),
        help="comma-separated phases to run (baseline,baseline_action,fanout,burst,autosave,vote,page); default all",
    )
    parser.add_argument(
        "--no-pin",
        dest="pin",
        action="store_false",
        help="leave the servers to the scheduler instead of giving each a core (SERVER_CPU); PIN=0 in make",
    )
    parser.add_argument("--output", type=Path, default=None)
    parser.add_argument("--static-from-finders", action="store_true", help="skip collectstatic (tests)")
    args = parser.parse_args(argv)
    if not 1 <= args.rounds <= 7:
        parser.error("--rounds must be 1 to 7: the 120-minute agenda has 9 segments and the burst needs one")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    # Stopped from outside: still stop the servers (run_once's finally).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    env = setup_django(args)
    if not args.curve:
        results = run_once(args, env)
        output = args.output or RESULTS
        output.write_text(json.dumps(results, indent=2) + "\n")
        print(table(results))
        print(f"written to {output}")
        return
    curve: list[dict] = []
    output = args.output or CURVE_RESULTS
    for w in [int(value) for value in args.curve.split(",")]:
        if curve and not holds(curve[-1]):
            print(f"W={w} skipped: W={curve[-1]['parameters']['workshops']} did not hold (errors or missed updates)")
            break
        args.workshops = w
        results = run_once(args, env)
        curve.append(results)
        output.write_text(json.dumps(curve, indent=2) + "\n")
        print(table(results), end="\n\n", flush=True)
    print(curve_table(curve))
    print(f"written to {output}")


def holds(results: dict) -> bool:
    """Every socket connected and heard every change: worth trying a larger W."""
    return results["errors"] == 0 and results["missed_updates"] == 0


def curve_table(curve: list[dict]) -> str:
    lines = [
        f"{'W':>4} {'sockets':>7} {'fanout p95':>10} {'base p95':>9} {'ratio':>6} {'action p95':>10} "
        f"{'ratio':>6} {'burst p95':>9} "
        f"{'ttfb p95':>8} {'KB/sock':>7} {'errors':>6} {'missed':>6}"
    ]
    for r in curve:
        lines.append(
            f"{r['parameters']['workshops']:>4} {r['parameters']['sockets']:>7} {r['fanout']['p95_ms']!s:>10} "
            f"{r['baseline']['p95_ms']!s:>9} {r['ratio_p95']!s:>6} {r['baseline_action']['p95_ms']!s:>10} "
            f"{r['ratio_p95_action']!s:>6} {r['burst']['p95_ms']!s:>9} "
            f"{r['page']['ttfb_p95_ms']!s:>8} {r['memory_per_socket_kb']!s:>7} "
            f"{r['errors']:>6} {r['missed_updates']:>6}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
