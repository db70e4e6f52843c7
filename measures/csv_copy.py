"""Reading a CSV of values on PostgreSQL: COPY into a temporary table, then check it in SQL.

The rules are those of csv_import, applied by the same Python functions, but once per
distinct text rather than once per row: every distinct node, date and value text is
resolved in Python and its answer put beside the rows in a small temporary table. SQL then
joins, groups by node and period, and finds the first refused rows; averages and the
too-large check are done in Python on the groups (csv_import.finish), as on the other road.

A line's number is its row's place in the file plus the header's line, which holds while
every row is one line: a file with a blank line or a ragged row makes COPY fail, and a text
holding a line break is found among the distinct texts; either way `CopyRefused` sends the
file to the line-by-line reader, which names lines exactly.
"""

import csv
import tempfile
from contextlib import ExitStack
from pathlib import Path

import psycopg
from django.db import connection, transaction

from metrics.models import NorthStar

from . import periods
from .csv_import import (
    COLUMNS,
    MAX_ROWS,
    SHOWN_REFUSALS,
    FileProblem,
    NodeRule,
    Reading,
    Refusal,
    Tally,
    check_header,
    find_node,
    finish,
    open_text,
    resolve_day,
    resolve_value,
)
from .models import Measure

COPY_BLOCK = 1024 * 1024

# Each row beside what its node, date and value texts resolved to.
CHECKED_ROWS = """
    FROM pg_temp.numbers_csv_rows r
    JOIN pg_temp.numbers_csv_nodes nd ON nd.text = coalesce(r.node, '')
    JOIN pg_temp.numbers_csv_days d ON d.text = coalesce(r.date, '')
    JOIN pg_temp.numbers_csv_numbers v ON v.text = coalesce(r.value, '')
"""

# The accepted rows by node and period: total, count and last line. Without an ordered
# aggregate, so PostgreSQL groups by hashing instead of sorting a million rows.
GROUPED = f"""
    SELECT key, start, sum(number), count(*), max(n)
    FROM (
        SELECT r.n, nd.key, CASE WHEN nd.grain = %s THEN d.week ELSE d.month END AS start, v.number
        {CHECKED_ROWS}
        WHERE nd.reason IS NULL AND d.reason IS NULL AND v.reason IS NULL
    ) ok
    GROUP BY key, start
"""  # noqa: S608 (constant SQL; the values are parameters)
# Each accepted row's number by its line, for the few nodes whose last value wins.
LAST_WINS = f"""
    SELECT r.n, v.number
    {CHECKED_ROWS}
    WHERE nd.combine = %s AND nd.reason IS NULL AND d.reason IS NULL AND v.reason IS NULL
"""
# The first refused rows and why, in the file's order.
REFUSED = f"""
    SELECT r.n, concat_ws('; ', nd.reason, d.reason, v.reason)
    {CHECKED_ROWS}
    WHERE nd.reason IS NOT NULL OR d.reason IS NOT NULL OR v.reason IS NOT NULL
    ORDER BY r.n
    LIMIT %s
"""


class CopyRefused(Exception):
    """COPY cannot take this file as it is; the line-by-line reader will."""


def header_columns(path: Path) -> list[str]:
    """The columns in the file's order, from its header."""
    try:
        with open_text(path) as stream:
            columns = check_header(next(csv.reader(stream), None))
    except (UnicodeDecodeError, csv.Error):
        raise CopyRefused from None
    return sorted(COLUMNS, key=columns.__getitem__)


def read_with_copy(
    north_star: NorthStar,
    path: Path,
    by_key: dict[str, NodeRule],
    by_name: dict[str, NodeRule | None],
    time_zone: str,
) -> Reading:
    order = header_columns(path)
    reading = Reading(nodes=by_key)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "DROP TABLE IF EXISTS pg_temp.numbers_csv_rows, pg_temp.numbers_csv_nodes, "
            "pg_temp.numbers_csv_days, pg_temp.numbers_csv_numbers"
        )
        cursor.execute(
            "CREATE TEMP TABLE numbers_csv_rows (n bigint GENERATED ALWAYS AS IDENTITY, "
            "date text, node text, value text) ON COMMIT DROP"
        )
        cursor.execute(
            "CREATE TEMP TABLE numbers_csv_nodes (text text, key text, grain text, combine text, reason text) "
            "ON COMMIT DROP"
        )
        cursor.execute(
            "CREATE TEMP TABLE numbers_csv_days (text text, week date, month date, reason text) ON COMMIT DROP"
        )
        cursor.execute("CREATE TEMP TABLE numbers_csv_numbers (text text, number numeric, reason text) ON COMMIT DROP")
        try:
            # psycopg's COPY, on the cursor Django hands out; a savepoint, so a refused COPY leaves nothing.
            with (
                transaction.atomic(),
                cursor.copy(
                    f"COPY numbers_csv_rows ({', '.join(order)}) FROM STDIN WITH (FORMAT csv, HEADER true)"
                ) as copy,
                path.open("rb") as stream,
            ):
                while block := stream.read(COPY_BLOCK):
                    copy.write(block)
        except psycopg.Error:
            raise CopyRefused from None

        cursor.execute("SELECT count(*) FROM numbers_csv_rows")
        reading.rows = cursor.fetchone()[0]
        if reading.rows > MAX_ROWS:
            raise FileProblem(f"The file has more than {MAX_ROWS:,} rows. Split it into smaller files.")

        resolve(
            cursor,
            {
                "numbers_csv_nodes": lambda text: node_row(text, by_key, by_name),
                "numbers_csv_days": lambda text: day_row(text, time_zone),
                "numbers_csv_numbers": value_row,
            },
        )
        # Estimates for the planner; the large table's would cost more than they save.
        cursor.execute("ANALYZE numbers_csv_nodes, numbers_csv_days, numbers_csv_numbers")

        tallies = {}
        cursor.execute(GROUPED, [periods.WEEK])
        for key, start, total, count, last_n in cursor.fetchall():
            tallies[(key, start)] = Tally(total, count, total, last_n + 1)
            reading.accepted += count
        if any(rule.combine == Measure.Combine.LAST for rule in by_key.values()):
            last_lines = {tally.last_line - 1: tally for tally in tallies.values()}
            cursor.execute(LAST_WINS + " AND r.n = ANY(%s)", [Measure.Combine.LAST, list(last_lines)])
            for n, number in cursor.fetchall():
                last_lines[n].last = number
        reading.refused = reading.rows - reading.accepted
        if reading.refused:
            cursor.execute(
                REFUSED,
                [SHOWN_REFUSALS],
            )
            reading.refusals = [Refusal(n + 1, reason) for n, reason in cursor.fetchall()]
    return finish(north_star, reading, tallies)


# Every distinct node, date and value text in one pass over the rows; `which` says the column.
DISTINCT_TEXTS = """
    COPY (
        SELECT GROUPING(node, date, value) AS which, coalesce(node, date, value)
        FROM (SELECT coalesce(node, '') AS node, coalesce(date, '') AS date, coalesce(value, '') AS value
              FROM numbers_csv_rows) r
        GROUP BY GROUPING SETS ((node), (date), (value))
    ) TO STDOUT
"""
# GROUPING's bits are set for the columns a row is not grouped by: node's set leaves date and value.
WHICH = {0b011: "numbers_csv_nodes", 0b101: "numbers_csv_days", 0b110: "numbers_csv_numbers"}


def resolve(cursor, answers: dict) -> None:
    """Each distinct text of each column, resolved in Python, into its small table.

    The texts stream out to temporary files with their answers and back in, so memory stays
    bounded even when every row's text differs.
    """
    with ExitStack() as stack:
        spools = {
            table: stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8", newline=""))
            for table in WHICH.values()
        }
        with cursor.copy(DISTINCT_TEXTS) as copy:
            for which, text in copy.rows():
                if "\n" in text or "\r" in text:
                    raise CopyRefused  # a row over several lines: only the line-by-line reader numbers it right
                table = WHICH[int(which)]
                spools[table].write("\t".join(map(copy_text, (text, *answers[table](text)))) + "\n")
        for table, spool in spools.items():
            spool.seek(0)
            with cursor.copy(f"COPY {table} FROM STDIN") as copy:
                while block := spool.read(COPY_BLOCK):
                    copy.write(block)


def copy_text(value) -> str:
    """A value in COPY's text format; the texts hold no line breaks (resolve refuses those)."""
    if value is None:
        return "\\N"
    return str(value).replace("\\", "\\\\").replace("\t", "\\t")


def node_row(text: str, by_key: dict[str, NodeRule], by_name: dict[str, NodeRule | None]) -> tuple:
    rule = find_node(text, by_key, by_name)
    return (None, None, None, rule) if isinstance(rule, str) else (rule.key, rule.grain, rule.combine, None)


def day_row(text: str, time_zone: str) -> tuple:
    day = resolve_day(text, time_zone)
    if isinstance(day, str):
        return None, None, day
    return periods.period_start(day, periods.WEEK), periods.period_start(day, periods.MONTH), None


def value_row(text: str) -> tuple:
    number = resolve_value(text)
    return (None, number) if isinstance(number, str) else (number, None)
