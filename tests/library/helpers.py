from django.test import Client
from django.utils import timezone

from accounts.models import Team
from library.models import NorthStarVersion, adoption_note
from library.snapshot import snapshot_of
from metrics.models import Candidate, Input, NorthStar
from tests.factories import UserFactory, WorkshopFactory
from workshops.models import Workshop

INPUTS = [
    ("Diners booking", "People who book a table in a week.", "breadth"),
    ("Repeat visits", "Diners who come back within 30 days.", "frequency"),
    ("Tables filled", "Share of offered tables that get a booking.", "depth"),
]


def ended_workshop(**kwargs) -> Workshop:
    now = timezone.now()
    return WorkshopFactory.create(state=Workshop.State.ENDED, started_at=now, ended_at=now, **kwargs)


def adopted_north_star(workshop: Workshop | None = None, inputs=INPUTS, **fields) -> NorthStar:
    """An ended workshop's team North Star, adopted, with its version 1."""
    workshop = workshop or ended_workshop()
    statement = Candidate.objects.create(
        workshop=workshop,
        is_team=True,
        metric_name=fields.pop("metric_name", "Honoured tables per week"),
        metric_definition=fields.pop("metric_definition", "Bookings where the diners showed up, per week."),
    )
    for position, (name, definition, heuristic) in enumerate(inputs):
        Input.objects.create(
            candidate=statement, position=position, name=name, definition=definition, heuristic=heuristic
        )
    north_star = NorthStar.objects.create(
        workshop=workshop,
        statement=statement,
        game="transaction",
        business_results=fields.pop("business_results", "More restaurants renew their subscription."),
        adopted_at=timezone.now(),
        **fields,
    )
    NorthStarVersion.objects.record(
        north_star, snapshot_of(north_star), author=workshop.facilitator, note=adoption_note(north_star)
    )
    return north_star


def member_of(team: Team, **kwargs):
    user = UserFactory.create(**kwargs)
    team.add_member(user)
    return user


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
