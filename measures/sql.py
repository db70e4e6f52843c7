"""Reading a node's values from a team's own database.

The query runs in a read-only transaction with a statement timeout, on a connection opened
for it and closed after: PostgreSQL through psycopg (a server-side cursor, so the query is one
SELECT and rows arrive in batches), MySQL and MariaDB through PyMySQL (which refuses several
statements at once). Each row is (a date, a number); anything else is refused with the row's
number. Whatever goes wrong comes back as a `SourceError` carrying the database's own message.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation
from urllib.parse import unquote, urlparse

import psycopg
import pymysql
import pymysql.cursors
from django.conf import settings

from . import periods
from .models import DECIMAL_PLACES, LARGEST, SqlConnection, SqlSource, Value
from .secrets import Unreadable, decrypt
from .values import Counts, write

SCHEMES = {
    "postgres": SqlConnection.Engine.POSTGRESQL,
    "postgresql": SqlConnection.Engine.POSTGRESQL,
    "mysql": SqlConnection.Engine.MYSQL,
    "mariadb": SqlConnection.Engine.MYSQL,
}
CONNECT_TIMEOUT_SECONDS = 5


class SourceError(Exception):
    """Why a refresh brought nothing in, in words to show on the node."""


def describe(url: str) -> tuple[str, str]:
    """(engine, where) for a connection URL, where names the database without its password. ValueError if unusable."""
    try:
        parsed = urlparse(url)
        port = parsed.port
    except ValueError:
        raise ValueError("That is not a database URL.") from None
    engine = SCHEMES.get(parsed.scheme.lower())
    if engine is None:
        raise ValueError("The URL should start with postgresql:// or mysql:// (mariadb:// works too).")
    if not parsed.hostname:
        raise ValueError("The URL needs a host, as in postgresql://reader:password@db.example.com:5432/sales.")
    database = unquote(parsed.path.lstrip("/"))
    if not database:
        raise ValueError("The URL needs a database name after the host, as in …/sales.")
    user = unquote(parsed.username or "")
    where = f"{user + '@' if user else ''}{parsed.hostname}{':' + str(port) if port else ''}/{database}"
    return engine, where[:300]


def clean_query(text: str) -> str:
    return text.strip().rstrip(";").strip()


def fetch(connection: SqlConnection, query: str) -> list[tuple]:
    """The query's rows (at most SQL_SOURCE_MAX_ROWS + 1), read in a read-only transaction."""
    try:
        url = decrypt(connection.url_encrypted)
    except Unreadable as problem:
        raise SourceError(str(problem)) from None
    limit = settings.SQL_SOURCE_MAX_ROWS + 1
    if connection.engine == SqlConnection.Engine.POSTGRESQL:
        return _fetch_postgresql(url, clean_query(query), limit)
    return _fetch_mysql(url, clean_query(query), limit)


def _fetch_postgresql(url: str, query: str, limit: int) -> list[tuple]:
    timeout_ms = settings.SQL_SOURCE_TIMEOUT_SECONDS * 1000
    try:
        with psycopg.connect(
            url, connect_timeout=CONNECT_TIMEOUT_SECONDS, application_name="northstar-sql-source"
        ) as db:
            db.read_only = True
            db.execute("SELECT set_config('statement_timeout', %s, true)", [str(timeout_ms)])
            # A named (server-side) cursor is DECLARE … CURSOR FOR <query>: one SELECT, nothing else.
            with db.cursor(name="northstar_source") as cursor:
                cursor.execute(query)
                rows = cursor.fetchmany(limit)
            db.rollback()
            return [tuple(row) for row in rows]
    except psycopg.Error as problem:
        raise SourceError(_first_line(str(problem)) or type(problem).__name__) from None


def _fetch_mysql(url: str, query: str, limit: int) -> list[tuple]:
    parsed = urlparse(url)
    timeout = settings.SQL_SOURCE_TIMEOUT_SECONDS
    try:
        db = pymysql.connect(
            host=parsed.hostname,
            port=parsed.port or 3306,
            user=unquote(parsed.username or ""),
            password=unquote(parsed.password or ""),
            database=unquote(parsed.path.lstrip("/")),
            connect_timeout=CONNECT_TIMEOUT_SECONDS,
            read_timeout=timeout + 10,
            charset="utf8mb4",
            cursorclass=pymysql.cursors.SSCursor,
        )
    except pymysql.MySQLError as problem:
        raise SourceError(_mysql_message(problem)) from None
    try:
        with db.cursor() as cursor:
            if "mariadb" in db.get_server_info().lower():
                cursor.execute("SET SESSION max_statement_time = %s", [timeout])
            else:
                cursor.execute("SET SESSION max_execution_time = %s", [timeout * 1000])
            # Every transaction of this session is read-only, so even a statement that ends one cannot write.
            cursor.execute("SET SESSION TRANSACTION READ ONLY")
            cursor.execute("START TRANSACTION READ ONLY")
            cursor.execute(query)
            rows = cursor.fetchmany(limit)
        db.rollback()
        return [tuple(row) for row in rows]
    except pymysql.MySQLError as problem:
        raise SourceError(_mysql_message(problem)) from None
    finally:
        db.close()


def _mysql_message(problem: Exception) -> str:
    if len(problem.args) >= 2:
        return str(problem.args[1])
    return str(problem) or type(problem).__name__


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def day_of(cell, time_zone: str) -> dt.date:
    if isinstance(cell, dt.datetime | dt.date):
        return periods.local_day(cell, time_zone)
    if isinstance(cell, str):
        try:
            return dt.date.fromisoformat(cell.strip()[:10])
        except ValueError:
            pass
    raise ValueError(f"the first column should be a date, not “{str(cell)[:40]}”")


def number_of(cell) -> Decimal:
    if isinstance(cell, bool) or cell is None:
        raise ValueError("the second column should be a number, not empty")
    try:
        number = Decimal(str(cell).strip()) if not isinstance(cell, Decimal) else cell
    except InvalidOperation:
        raise ValueError(f"the second column should be a number, not “{str(cell)[:40]}”") from None
    if not number.is_finite():
        raise ValueError("the second column should be a number")
    if abs(number) > LARGEST:
        raise ValueError("the number is too large to keep")
    return round(number, DECIMAL_PLACES)


def refresh(source: SqlSource) -> Counts:
    """Run the source's query and write its values. Raises SourceError, having written nothing, if anything is wrong."""
    measure = source.measure
    north_star = measure.north_star
    team = north_star.team
    time_zone = team.time_zone if team is not None else "UTC"
    rows = fetch(source.connection, source.query)
    if len(rows) > settings.SQL_SOURCE_MAX_ROWS:
        raise SourceError(f"The query returned more than {settings.SQL_SOURCE_MAX_ROWS} rows; group it by period.")
    found = []
    for number, row in enumerate(rows, start=1):
        if len(row) < 2:
            raise SourceError(f"Row {number}: the query should return two columns, (period_start, value).")
        try:
            day, value = day_of(row[0], time_zone), number_of(row[1])
        except ValueError as problem:
            raise SourceError(f"Row {number}: {problem}.") from None
        found.append((measure, periods.period_start(day, measure.grain), value))
    return write(north_star, found, source=Value.Source.SQL)
