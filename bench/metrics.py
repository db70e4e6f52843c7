"""`make bench-metrics`: the figures of a North Star's numbers, one section at a time.

    python -m bench.metrics                 # 1,000,000 CSV rows
    python -m bench.metrics --rows 2000     # a quick look

Database: BENCH_DATABASE_URL if set; else the server of DATABASE_URL with a database of its
own (`northstar_benchmetrics`, created and migrated here); else a SQLite file
`bench-metrics.sqlite3`. Each section is a module with `run(database_url, ...) -> dict`
whose keys join one results dict, printed as a table and written to
bench/results-metrics.json.
"""

import argparse
import json
import os
import secrets
import sys
from pathlib import Path
from urllib.parse import urlparse

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = BASE_DIR / "bench" / "results-metrics.json"
BENCH_DB_NAME = "northstar_benchmetrics"
SECTIONS = ("import", "scorecard", "push")


def bench_database_url() -> str:
    from bench.run import bench_database_url as on_the_bench_server

    return on_the_bench_server(BENCH_DB_NAME, "bench-metrics.sqlite3")


def django_environment(database_url: str) -> dict:
    """Production settings on the bench's database: what every section and its children run with."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "northstar.settings",
            "DATABASE_URL": database_url,
            "DEBUG": "0",  # no query log growing through a million rows
            "SECRET_KEY": env.get("SECRET_KEY") or secrets.token_urlsafe(50),
            "NORTHSTAR_SECRETS_KEY": env.get("NORTHSTAR_SECRETS_KEY") or secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "SECURE_HSTS_SECONDS": "0",
            # Pages rendered in this process (the scorecard's query count) find static files as tests do.
            "STATIC_FROM_FINDERS": "1",
            "LOG_LEVEL": env.get("LOG_LEVEL", "WARNING"),
        }
    )
    return env


def setup_django(database_url: str) -> None:
    from bench.run import create_postgres_database

    if database_url.startswith(("postgres://", "postgresql://")):
        create_postgres_database(database_url)
    os.environ.update(django_environment(database_url))
    sys.path.insert(0, str(BASE_DIR))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def table(results: dict) -> str:
    width = max(len(name) for name in results)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in results.items() if not isinstance(value, dict))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the CSV file to import")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--sections", default=",".join(SECTIONS), help=f"comma-separated, from: {', '.join(SECTIONS)}")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    database_url = bench_database_url()
    setup_django(database_url)
    from bench import metrics_import, metrics_push, metrics_scorecard

    results: dict = {"database": urlparse(database_url).scheme}
    # Each section adds its keys; new sections go here and in SECTIONS.
    wanted = {name.strip() for name in args.sections.split(",") if name.strip()}
    if "import" in wanted:
        results.update(metrics_import.run(database_url, rows=args.rows))
    if "scorecard" in wanted:
        results.update(metrics_scorecard.run(database_url))
    if "push" in wanted:
        results.update(metrics_push.run(database_url))
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    print(f"written to {args.output}")


if __name__ == "__main__":
    main()
