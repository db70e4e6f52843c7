"""Every facilitator gets a personal team, their workshops move to it, and North Stars follow their workshops."""

import secrets

from django.db import migrations

ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"


def random_slug() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(10))


def forwards(apps, schema_editor) -> None:
    User = apps.get_model("accounts", "User")
    Team = apps.get_model("accounts", "Team")
    Membership = apps.get_model("accounts", "Membership")
    Workshop = apps.get_model("workshops", "Workshop")
    NorthStar = apps.get_model("metrics", "NorthStar")

    facilitator_ids = Workshop.objects.filter(team__isnull=True).values_list("facilitator_id", flat=True).distinct()
    for user in User.objects.filter(pk__in=list(facilitator_ids)):
        membership = Membership.objects.filter(user=user).order_by("joined_at", "pk").first()
        if membership is not None:
            team = membership.team
        else:
            name = user.display_name or user.email.split("@")[0]
            team = Team.objects.create(name=f"{name}’s team"[:80], slug=random_slug())
            Membership.objects.create(team=team, user=user, role="owner")
        Workshop.objects.filter(facilitator=user, team__isnull=True).update(team=team)

    for north_star in NorthStar.objects.all():
        if north_star.team_id is None and north_star.workshop_id is not None:
            north_star.team_id = Workshop.objects.get(pk=north_star.workshop_id).team_id
        if not north_star.key:
            north_star.key = random_slug()
        north_star.save(update_fields=["team", "key"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_teams"),
        ("workshops", "0004_workshop_team"),
        ("metrics", "0003_north_star_team_and_key"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
