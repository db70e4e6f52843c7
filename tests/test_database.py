"""The database settings read from DATABASE_URL, and what they do on PostgreSQL."""

import pytest
from django.conf import settings
from django.db import connection

from northstar.settings import database_from_url
from tests.factories import WorkshopFactory
from workshops.models import workshop_with_code

ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]


def test_postgres_binds_parameters_on_the_server_and_prepares_repeated_statements():
    options = database_from_url("postgres://app:secret@db.internal:5433/northstar")["OPTIONS"]
    assert options["server_side_binding"] is True
    assert options["prepare_threshold"] == 5


def test_url_options_arrive_typed():
    options = database_from_url(
        "postgres://db.internal/northstar?prepare_threshold=none&server_side_binding=false&sslmode=require"
        "&connect_timeout=3"
    )["OPTIONS"]
    assert options["prepare_threshold"] is None  # behind a pooler that cannot keep prepared statements
    assert options["server_side_binding"] is False
    assert options["sslmode"] == "require"
    assert options["connect_timeout"] == 3


@pytest.mark.skipif(not ON_POSTGRES, reason="prepared statements are PostgreSQL's")
@pytest.mark.django_db
def test_a_read_repeated_on_one_connection_is_planned_once_by_postgres():
    workshop = WorkshopFactory()
    for _ in range(6):
        assert workshop_with_code(workshop.code).pk == workshop.pk
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('FROM "workshops_workshop"' in sql and '"code" = $1' in sql for sql in prepared), prepared
