import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accounts", "0001_initial"), ("workshops", "0003_activities"), ("metrics", "0002_evaluate_and_converge")]
AFTER = [("metrics", "0004_teams_for_existing_work")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_every_existing_facilitator_gets_a_team_and_their_workshops_move_to_it():
    old = migrate(BEFORE)
    User, Workshop = old.get_model("accounts", "User"), old.get_model("workshops", "Workshop")
    Candidate, NorthStar = old.get_model("metrics", "Candidate"), old.get_model("metrics", "NorthStar")
    ada = User.objects.create(email="ada@example.com", display_name="Ada")
    bob = User.objects.create(email="bob@example.com")
    first = Workshop.objects.create(title="One", product="P", code="AAAAAAAA", facilitator=ada)
    Workshop.objects.create(title="Two", product="P", code="BBBBBBBB", facilitator=ada)
    Workshop.objects.create(title="Three", product="P", code="CCCCCCCC", facilitator=bob)
    statement = Candidate.objects.create(workshop=first, is_team=True, metric_name="M")
    NorthStar.objects.create(workshop=first, statement=statement)

    new = migrate(AFTER)
    Team, Workshop = new.get_model("accounts", "Team"), new.get_model("workshops", "Workshop")
    NorthStar = new.get_model("metrics", "NorthStar")

    ada_team = Team.objects.get(memberships__user__email="ada@example.com")
    assert ada_team.name == "Ada’s team"
    assert set(Workshop.objects.filter(team=ada_team).values_list("title", flat=True)) == {"One", "Two"}
    assert Team.objects.get(memberships__user__email="bob@example.com").name == "bob’s team"
    north_star = NorthStar.objects.get()
    assert north_star.team_id == ada_team.pk
    assert north_star.key

    migrate(migrate_leaf_nodes())


def migrate_leaf_nodes():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
