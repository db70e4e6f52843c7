"""`manage.py seed_demo` leaves a finished workshop and an adopted North Star a newcomer can sign in to and read."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from library.models import Bet, NorthStarVersion
from metrics.models import Candidate, NorthStar, Score, Vote
from workshops.models import Workshop

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def signed_in(output: str) -> Client:
    credentials = re.search(r"as (\S+@\S+) with the password (\S+)", output)
    assert credentials, "the output prints the credentials"
    email, password = credentials.groups()
    client = Client()
    assert client.login(username=email, password=password), "the printed credentials sign in"
    return client


def test_it_creates_a_finished_workshop_and_its_adopted_north_star():
    seed()

    workshop = Workshop.objects.get(title="TableTime North Star workshop")
    assert workshop.is_ended
    assert workshop.team.name == "TableTime product team"
    assert workshop.participants.count() == 6
    assert all(segment.actual_seconds > 0 for segment in workshop.segments.all()), "every segment ran"
    assert Candidate.objects.filter(workshop=workshop, pair__isnull=False, shared_at__isnull=False).count() == 3
    assert Score.objects.filter(participant__workshop=workshop).count() == 3 * 6 * 7
    assert Vote.objects.filter(participant__workshop=workshop).count() == 13
    north_star = NorthStar.objects.get(workshop=workshop)
    assert north_star.is_adopted
    assert str(north_star) == "Honoured bookings per week"
    assert north_star.statement.inputs.count() == 4
    assert north_star.runners_up.count() == 2
    assert NorthStarVersion.objects.get(north_star=north_star).number == 1
    assert Bet.objects.filter(north_star=north_star).count() == 2


def test_the_facilitator_signs_in_with_the_printed_password_and_reads_the_library_and_the_record():
    client = signed_in(seed())
    workshop = Workshop.objects.get(title="TableTime North Star workshop")

    library = client.get("/library/", follow=True)
    record = client.get(f"/workshops/{workshop.code}/record/")

    assert library.status_code == 200
    assert "TableTime product team" in library.text
    assert "Honoured bookings per week" in library.text
    assert record.status_code == 200
    assert "TableTime North Star workshop" in record.text
    assert "Honoured bookings per week" in record.text
    assert "Amara" in record.text


def test_a_second_run_refuses_and_changes_nothing():
    seed()

    with pytest.raises(CommandError, match="already there"):
        seed()

    assert Workshop.objects.count() == 1
    assert NorthStar.objects.count() == 1
