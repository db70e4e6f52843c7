"""The SQL source pages: owners connect databases and set queries; members see states and ask for refreshes."""

import pytest
from django_tasks_db.models import DBTaskResult

from accounts.models import Membership
from measures.models import SqlConnection, SqlSource
from measures.tasks import refresh_source
from tests.library.helpers import adopted_north_star, client_for, member_of

pytestmark = pytest.mark.django_db


def owner_of(team):
    user = member_of(team)
    Membership.objects.filter(team=team, user=user).update(role=Membership.Role.OWNER)
    return user


def test_an_owner_connects_a_database_and_the_password_never_comes_back(postgres_url):
    north_star = adopted_north_star()
    owner = client_for(owner_of(north_star.team))
    url = postgres_url.replace("postgres@", "postgres:hush-hush-42@")

    answer = owner.post(f"/north-stars/{north_star.key}/numbers/sql/", {"name": "Sales", "url": url})
    page = owner.get(f"/north-stars/{north_star.key}/numbers/sql/").content.decode()

    assert answer.status_code == 302
    connection = SqlConnection.objects.get()
    assert connection.engine == "postgresql"
    assert "hush-hush-42" not in connection.url_encrypted
    assert "Sales" in page
    assert connection.where in page
    assert "hush-hush-42" not in page


def test_a_url_that_is_not_a_database_is_refused_with_a_reason():
    north_star = adopted_north_star()
    owner = client_for(owner_of(north_star.team))

    answer = owner.post(
        f"/north-stars/{north_star.key}/numbers/sql/", {"name": "Sales", "url": "https://example.com/x"}
    )

    assert answer.status_code == 400
    assert "should start with postgresql://" in answer.content.decode()
    assert "Sales" in answer.content.decode()  # the name typed stays in the form
    assert not SqlConnection.objects.exists()


def test_members_who_are_not_owners_cannot_connect_databases_and_strangers_see_nothing():
    north_star = adopted_north_star()
    member = client_for(member_of(north_star.team))
    stranger = client_for(member_of(adopted_north_star().team))
    data = {"name": "Sales", "url": "postgresql://a@b/c"}

    assert member.post(f"/north-stars/{north_star.key}/numbers/sql/", data).status_code == 403
    assert "Only the team's owners" in member.get(f"/north-stars/{north_star.key}/numbers/sql/").content.decode()
    assert stranger.get(f"/north-stars/{north_star.key}/numbers/sql/").status_code == 404
    assert stranger.get(f"/north-stars/{north_star.key}/numbers/nodes/metric/sql/").status_code == 404
    assert not SqlConnection.objects.exists()


def test_an_owner_sets_a_query_and_its_first_refresh_is_queued(postgres_url):
    north_star = adopted_north_star()
    owner = client_for(owner_of(north_star.team))
    owner.post(f"/north-stars/{north_star.key}/numbers/sql/", {"name": "Sales", "url": postgres_url})
    connection = SqlConnection.objects.get()

    answer = owner.post(
        f"/north-stars/{north_star.key}/numbers/nodes/metric/sql/",
        {"connection": connection.pk, "query": "SELECT day, amount FROM sales;", "schedule": "hourly"},
    )

    assert answer.status_code == 302
    source = SqlSource.objects.get()
    assert source.query == "SELECT day, amount FROM sales"
    assert source.measure.node_key == "metric"
    queued = DBTaskResult.objects.get(status="READY")
    assert queued.task_path == "measures.tasks.refresh_source"
    page = owner.get(f"/north-stars/{north_star.key}/numbers/nodes/metric/sql/").content.decode()
    assert "Not run yet." in page


def test_every_member_sees_a_failing_source_with_the_databases_message_and_may_refresh_it(postgres_url):
    north_star = adopted_north_star()
    owner = client_for(owner_of(north_star.team))
    owner.post(f"/north-stars/{north_star.key}/numbers/sql/", {"name": "Sales", "url": postgres_url})
    owner.post(
        f"/north-stars/{north_star.key}/numbers/nodes/metric/sql/",
        {
            "connection": SqlConnection.objects.get().pk,
            "query": "SELECT day, amount FROM no_such_table",
            "schedule": "daily",
        },
    )
    source = SqlSource.objects.get()
    assert source.next_run_at is not None
    refresh_source.call(source.pk, source.next_run_at.isoformat())
    member = client_for(member_of(north_star.team))

    hub = member.get(f"/north-stars/{north_star.key}/numbers/").content.decode()
    node = member.get(f"/north-stars/{north_star.key}/numbers/nodes/metric/sql/").content.decode()
    refreshed = member.post(f"/north-stars/{north_star.key}/numbers/nodes/metric/sql/refresh/")

    for page in (hub, node):
        assert "Failing." in page
        assert "relation &quot;no_such_table&quot; does not exist" in page
    assert "Save and refresh" not in node  # members see the state, not the query's form
    assert refreshed.status_code == 302
    # Queued: the first refresh (run here by hand instead), the retry after its failure, the one asked for.
    assert DBTaskResult.objects.filter(status="READY").count() == 3


def test_a_member_cannot_change_the_query():
    north_star = adopted_north_star()
    member = client_for(member_of(north_star.team))

    answer = member.post(
        f"/north-stars/{north_star.key}/numbers/nodes/metric/sql/", {"query": "SELECT 1, 2", "schedule": "daily"}
    )

    assert answer.status_code == 403
    assert not SqlSource.objects.exists()
