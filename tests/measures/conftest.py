"""Fixtures for the measures tests: a PostgreSQL and a MariaDB database of their own, with a sales table."""

import os
from collections.abc import Iterator

import psycopg
import pymysql
import pytest

from .sql_databases import MARIADB, PG, SALES


@pytest.fixture
def postgres_url() -> Iterator[str]:
    name = f"northstar_sqlsource_test_{os.getpid()}"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(f"{PG}/{name}", autocommit=True) as db:
        db.execute("CREATE TABLE sales (day date, amount numeric)")
        # A function that writes: a query can call it, and only the read-only transaction stops it.
        db.execute("CREATE FUNCTION forget_sales() RETURNS int LANGUAGE sql AS 'DELETE FROM sales; SELECT 1'")
        for day, amount in SALES:
            db.execute("INSERT INTO sales VALUES (%s, %s)", [day, amount])
    yield f"{PG}/{name}"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def mariadb_url() -> Iterator[str]:
    name = f"northstar_sqlsource_test_{os.getpid()}"
    db = pymysql.connect(**MARIADB, autocommit=True)
    with db.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
        cursor.execute(f"CREATE DATABASE `{name}`")
        cursor.execute(f"CREATE TABLE `{name}`.sales (day date, amount decimal(12, 2))")
        cursor.execute(f"USE `{name}`")
        cursor.executemany("INSERT INTO sales VALUES (%s, %s)", SALES)
    yield f"mysql://root@127.0.0.1:3306/{name}"
    with db.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
    db.close()
