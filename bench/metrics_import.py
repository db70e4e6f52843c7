"""The CSV import's section of `make bench-metrics`: our import beside PostgreSQL's own COPY.

A North Star with six nodes gets a CSV of `rows` lines: three years of days, many rows per
node and day (nodes named by key and by name, some dates as times with an offset). The same
file is loaded twice:
- COPY into a plain temporary table `raw(date text, node text, value text)`: the physical floor;
- our import, preview then commit (measures.csv_import.read and .commit, what the views call),
  in a child process of its own, which reports its peak resident memory.
`import_to_copy` is the ratio of the two. A second import of the same file must change nothing.
"""

import datetime as dt
import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

EMAIL = "numbers@bench-metrics.invalid"
TEAM_NAME = "Bench numbers"
INPUT_NAMES = ["Diners booking", "Repeat visits", "Tables filled", "Reviews written"]
DAYS = 3 * 365 + 1
FIRST_DAY = dt.date(2023, 1, 2)
COPY_BLOCK = 1024 * 1024


def prepare() -> tuple[str, int]:
    """A fresh North Star with results, a metric and four inputs; its key and its member's id."""
    from django.contrib.auth import get_user_model

    from accounts.models import Membership, Team
    from library.models import NorthStarVersion
    from library.snapshot import snapshot_of
    from measures.models import Upload
    from metrics.models import Candidate, Input, NorthStar

    stale = NorthStar.objects.filter(team__name=TEAM_NAME)
    statements = list(stale.values_list("statement_id", flat=True))
    Upload.objects.filter(north_star__in=stale).delete()
    stale.delete()
    Candidate.objects.filter(pk__in=statements).delete()
    Team.objects.filter(name=TEAM_NAME).delete()
    get_user_model().objects.filter(email=EMAIL).delete()

    user = get_user_model().objects.create(email=EMAIL, display_name="Bench")
    team = Team.objects.create(name=TEAM_NAME, time_zone="Europe/Berlin")
    Membership.objects.create(team=team, user=user, role=Membership.Role.OWNER)
    statement = Candidate.objects.create(is_team=True, metric_name="Honoured tables per week", metric_definition="d")
    Input.objects.bulk_create(
        Input(candidate=statement, position=n, name=name, definition="d") for n, name in enumerate(INPUT_NAMES)
    )
    north_star = NorthStar.objects.create(
        team=team, statement=statement, business_results="More renewals.", adopted_at=dt.datetime.now(dt.UTC)
    )
    NorthStarVersion.objects.record(north_star, snapshot_of(north_star), author=user, note="Bench")
    return north_star.key, user.pk


def write_file(path: Path, rows: int, key: str) -> int:
    """The CSV, streamed to disk; its size in bytes."""
    from measures.board import current_snapshot, tree_nodes
    from metrics.models import NorthStar

    nodes = tree_nodes(current_snapshot(NorthStar.objects.get(key=key)))
    # Half the nodes by key, half by name in another case, as people write them.
    names = [node.key if n % 2 == 0 else node.name.upper() for n, node in enumerate(nodes)]
    per_day = max(1, rows // DAYS)
    with path.open("w", newline="") as out:
        out.write("date,node,value\n")
        block = []
        for i in range(rows):
            day = FIRST_DAY + dt.timedelta(days=min(i // (per_day * 1), DAYS - 1))
            node = names[i % len(names)]
            date = f"{day.isoformat()}T23:30:00+00:00" if i % len(names) == 3 else day.isoformat()
            # Amounts as they come from a till: nearly every one differs.
            block.append(f"{date},{node},{(i * 7919) % 999_983}.{i % 100:02d}\n")
            if len(block) == 10_000:
                out.write("".join(block))
                block.clear()
        out.write("".join(block))
    return path.stat().st_size


def copy_seconds(database_url: str, path: Path) -> float | None:
    """PostgreSQL's COPY of the same file into a plain temporary table; None on SQLite."""
    if not database_url.startswith(("postgres://", "postgresql://")):
        return None
    import psycopg

    from bench.run import libpq_url

    with psycopg.connect(libpq_url(database_url.replace("postgres://", "postgresql://", 1))) as conn:
        conn.execute("CREATE TEMP TABLE raw(date text, node text, value text)")
        started = time.perf_counter()
        with (
            conn.cursor() as cursor,
            cursor.copy("COPY raw FROM STDIN WITH (FORMAT csv, HEADER true)") as copy,
            path.open("rb") as stream,
        ):
            while block := stream.read(COPY_BLOCK):
                copy.write(block)
        conn.commit()
        elapsed = time.perf_counter() - started
        loaded = conn.execute("SELECT count(*) FROM raw").fetchone()
    assert loaded is not None
    return elapsed


def import_in_child(database_url: str, path: Path, key: str, user_id: int) -> dict:
    from bench.metrics import BASE_DIR, django_environment

    finished = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench.metrics_import", str(path), key, str(user_id)],
        cwd=BASE_DIR,
        env=django_environment(database_url),
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    if finished.returncode != 0:
        raise SystemExit(f"The import failed:\n{finished.stdout}{finished.stderr}")
    return json.loads(finished.stdout.strip().splitlines()[-1])


def run(database_url: str, *, rows: int = 1_000_000) -> dict:
    from django.conf import settings

    key, user_id = prepare()
    directory = Path(settings.NUMBERS_UPLOAD_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"bench-{secrets.token_hex(8)}.csv"
    try:
        size = write_file(path, rows, key)
        copy_s = copy_seconds(database_url, path)
        first = import_in_child(database_url, path, key, user_id)
        again = import_in_child(database_url, path, key, user_id)
    finally:
        path.unlink(missing_ok=True)
    import_s = round(first["preview_s"] + first["commit_s"], 3)
    return {
        "import_rows": rows,
        "import_file_mb": round(size / 1024 / 1024, 1),
        "copy_s": round(copy_s, 3) if copy_s is not None else None,
        "import_s": import_s,
        "import_preview_s": first["preview_s"],
        "import_commit_s": first["commit_s"],
        "import_to_copy": round(import_s / copy_s, 2) if copy_s else None,
        "import_peak_rss_mb": first["peak_rss_mb"],
        "import_values": first["counts"],
        "import_again_values": again["counts"],
        "import_again_s": round(again["preview_s"] + again["commit_s"], 3),
    }


def child(path: Path, key: str, user_id: int) -> dict:
    """Preview then commit, as the views do, in a process of its own; its timings and peak memory."""
    import resource

    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from measures.csv_import import commit, read
    from measures.models import Upload
    from metrics.models import NorthStar

    north_star = NorthStar.objects.select_related("team").get(key=key)
    user = get_user_model().objects.get(pk=user_id)
    upload = Upload.objects.create(
        token=secrets.token_urlsafe(24), north_star=north_star, uploaded_by=user, file_name=path.name
    )
    started = time.perf_counter()
    preview = read(north_star, path)
    preview_s = time.perf_counter() - started
    started = time.perf_counter()
    reading, counts = commit(upload, path, user)
    commit_s = time.perf_counter() - started
    assert preview.refused == reading.refused == 0, reading.refusals[:5]
    return {
        "preview_s": round(preview_s, 3),
        "commit_s": round(commit_s, 3),
        # ru_maxrss is in kilobytes on Linux.
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "counts": {"rows": reading.rows, "new": counts.new, "changed": counts.changed, "unchanged": counts.unchanged},
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "northstar.settings")
    print(json.dumps(child(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]))))
