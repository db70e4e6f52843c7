"""Second, real databases for SQL sources (the fixtures are in conftest.py): what their tables hold."""

import os

import psycopg
import pymysql

PG = os.environ.get("SQL_SOURCE_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
MARIADB = {"host": "127.0.0.1", "port": 3306, "user": "root", "password": ""}
SALES = [("2026-03-02", 10), ("2026-03-04", 5), ("2026-03-09", 7)]


def postgres_rows(url: str) -> int:
    with psycopg.connect(url) as db:
        row = db.execute("SELECT count(*) FROM sales").fetchone()
        assert row is not None
        return row[0]


def mariadb_rows(url: str) -> int:
    name = url.rsplit("/", 1)[1]
    db = pymysql.connect(**MARIADB, database=name)
    with db.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sales")
        row = cursor.fetchone()
    db.close()
    assert row is not None
    return row[0]
