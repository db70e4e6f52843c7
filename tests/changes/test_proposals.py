"""Changing the North Star is a proposal: a member proposes with reasons and evidence, an owner decides."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from changes.models import Proposal
from library.models import Bet, NorthStarVersion
from measures.models import Measure
from tests.library.helpers import adopted_north_star, client_for, member_of

pytestmark = pytest.mark.django_db


def proposal_data(north_star, **changes):
    """The proposal form as the page fills it, with `changes` applied."""
    current = north_star.versions.last().data
    data = {
        "rationale": "Diners who book but never come cost restaurants more than empty tables.",
        "metric_name": current.metric_name,
        "metric_definition": current.metric_definition,
        "game": current.game,
        "business_results": current.business_results,
        "inputs-TOTAL_FORMS": str(len(current.inputs) + 1),
        "inputs-INITIAL_FORMS": str(len(current.inputs)),
        "evidence-TOTAL_FORMS": "3",
        "evidence-INITIAL_FORMS": "0",
    }
    for index, row in enumerate(current.inputs):
        data |= {
            f"inputs-{index}-key": row.key,
            f"inputs-{index}-name": row.name,
            f"inputs-{index}-definition": row.definition,
            f"inputs-{index}-heuristic": row.heuristic,
        }
    return data | changes


@pytest.fixture
def north_star():
    star = adopted_north_star()
    # Adopted long enough ago that a change is not "too soon" unless a test says so.
    NorthStarVersion.objects.filter(north_star=star).update(created_at=timezone.now() - timedelta(days=200))
    return star


def propose(client, north_star, **changes):
    return client.post(reverse("changes:proposal_new", args=[north_star.key]), proposal_data(north_star, **changes))


def test_a_member_proposes_a_change_with_evidence_and_what_it_affects(north_star):
    member = member_of(north_star.team)
    first_input = north_star.versions.last().data.inputs[0]
    measure = Measure.objects.create(north_star=north_star, node_key=first_input.key, node_name=first_input.name)
    bet = Bet.objects.create(north_star=north_star, input_key=first_input.key, title="One-step booking", hypothesis="h")
    correlation = reverse("measures:correlation", args=[north_star.key])

    response = propose(
        client_for(member),
        north_star,
        metric_name="Honoured bookings per week",
        suggested_evidence=[f"correlation|{correlation}"],
        **{"evidence-0-url": "https://wiki.example.com/checkup-march", "evidence-0-label": "March checkup flags"},
        affected_inputs=[first_input.key],
        affected_measures=[measure.pk],
        affected_bets=[bet.pk],
    )

    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url()
    assert proposal.status == Proposal.Status.OPEN
    assert proposal.proposed_by == member
    assert proposal.data.metric_name == "Honoured bookings per week"
    assert [(e.kind, e.url) for e in proposal.evidence.all()] == [
        ("correlation", correlation),
        ("link", "https://wiki.example.com/checkup-march"),
    ]
    assert proposal.affected_inputs == [first_input.key]
    assert list(proposal.affected_measures.all()) == [measure]
    assert list(proposal.affected_bets.all()) == [bet]
    page = client_for(member).get(proposal.get_absolute_url()).content.decode()
    assert "March checkup flags" in page
    assert "One-step booking" in page
    assert "Metric renamed" in page
    assert "A team owner decides on this proposal." in page
    assert north_star.versions.count() == 1  # nothing changes until an owner approves


def test_a_proposal_needs_its_rationale(north_star):
    response = propose(client_for(north_star.workshop.facilitator), north_star, rationale="", metric_name="Other")

    assert response.status_code == 400
    assert "a change needs its reason" in response.content.decode()
    assert not Proposal.objects.exists()


def test_an_evidence_link_must_be_a_web_address(north_star):
    response = propose(
        client_for(north_star.workshop.facilitator),
        north_star,
        metric_name="Other",
        **{"evidence-0-url": "javascript:alert(1)"},
    )

    assert response.status_code == 400
    assert not Proposal.objects.exists()


def test_a_proposal_that_changes_nothing_is_refused_with_a_reason(north_star):
    response = propose(client_for(north_star.workshop.facilitator), north_star)

    assert response.status_code == 400
    assert "This proposes no change" in response.content.decode()


def test_a_member_who_is_not_an_owner_cannot_approve(north_star):
    member = member_of(north_star.team)
    propose(client_for(member), north_star, metric_name="Honoured bookings per week")
    proposal = Proposal.objects.get()

    response = client_for(member).post(reverse("changes:approve", args=[north_star.key, proposal.pk]))

    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.OPEN
    assert north_star.versions.count() == 1


def test_a_stranger_cannot_even_see_a_proposal(north_star):
    propose(client_for(north_star.workshop.facilitator), north_star, metric_name="Honoured bookings per week")
    proposal = Proposal.objects.get()
    stranger = client_for(member_of(adopted_north_star().team))

    assert stranger.get(proposal.get_absolute_url()).status_code == 404
    assert stranger.post(reverse("changes:approve", args=[north_star.key, proposal.pk])).status_code == 404


def test_the_owner_approves_and_the_change_becomes_the_next_version_with_its_rationale(north_star):
    member, owner = member_of(north_star.team), north_star.workshop.facilitator
    propose(client_for(member), north_star, metric_name="Honoured bookings per week")
    proposal = Proposal.objects.get()

    response = client_for(owner).post(reverse("changes:approve", args=[north_star.key, proposal.pk]))

    assert response.status_code == 302
    version = north_star.versions.last()
    assert version.number == 2
    assert version.metric_name == "Honoured bookings per week"
    assert version.note == "Diners who book but never come cost restaurants more than empty tables."
    assert version.author == owner
    assert version.source == "proposal"
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by, proposal.version) == (Proposal.Status.APPROVED, owner, version)


def test_a_proposal_cannot_be_approved_twice(north_star):
    owner = north_star.workshop.facilitator
    propose(client_for(owner), north_star, metric_name="Honoured bookings per week")
    proposal = Proposal.objects.get()
    url = reverse("changes:approve", args=[north_star.key, proposal.pk])

    client_for(owner).post(url)
    response = client_for(owner).post(url, follow=True)

    assert "already approved" in response.content.decode()
    assert north_star.versions.count() == 2


def test_a_proposal_written_before_another_change_is_not_approved_over_it(north_star):
    owner = north_star.workshop.facilitator
    propose(client_for(owner), north_star, metric_name="First idea")
    propose(client_for(owner), north_star, metric_name="Second idea")
    first, second = Proposal.objects.order_by("pk")
    client_for(owner).post(reverse("changes:approve", args=[north_star.key, second.pk]))

    response = client_for(owner).post(reverse("changes:approve", args=[north_star.key, first.pk]), follow=True)

    assert "changed after this proposal was written" in response.content.decode()
    assert north_star.versions.last().metric_name == "Second idea"


def test_the_owner_may_decline_and_nothing_changes(north_star):
    owner = north_star.workshop.facilitator
    propose(client_for(member_of(north_star.team)), north_star, metric_name="Other")
    proposal = Proposal.objects.get()

    client_for(owner).post(reverse("changes:decline", args=[north_star.key, proposal.pk]))

    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DECLINED
    assert north_star.versions.count() == 1


def test_proposing_within_90_days_of_the_last_change_shows_a_warning():
    north_star = adopted_north_star()
    NorthStarVersion.objects.filter(north_star=north_star).update(created_at=timezone.now() - timedelta(days=30))
    client = client_for(north_star.workshop.facilitator)

    form = client.get(reverse("changes:proposal_new", args=[north_star.key])).content.decode()
    propose(client, north_star, metric_name="Other")
    page = client.get(Proposal.objects.get().get_absolute_url()).content.decode()

    assert "The North Star last changed 30 days ago" in form
    assert "within 90 days" in page
    assert "last changed 30 days before this" in page  # the advice says it too


def test_no_warning_a_quarter_after_the_last_change(north_star):
    client = client_for(north_star.workshop.facilitator)

    form = client.get(reverse("changes:proposal_new", args=[north_star.key])).content.decode()
    propose(client, north_star, metric_name="Other")
    page = client.get(Proposal.objects.get().get_absolute_url()).content.decode()

    assert "Changed recently" not in form
    assert "within 90 days" not in page


def test_the_changes_page_checks_the_current_tree(north_star):
    page = client_for(north_star.workshop.facilitator).get(reverse("changes:proposals", args=[north_star.key]))

    text = page.content.decode()
    assert "A check of the current North Star" in text
    assert "Nobody owns the input “Diners booking”" in text


def test_the_changes_page_says_when_the_revisit_by_date_has_passed():
    north_star = adopted_north_star()
    snapshot = north_star.versions.last().snapshot | {
        "revisit": {"stage": "early", "by": "2020-01-31"},
        "definition_answers": {"revisit_signal": "Renewals fall while tables rise."},
    }
    NorthStarVersion.objects.record(north_star, snapshot, note="Dates set.", source="edit")

    page = client_for(north_star.workshop.facilitator).get(reverse("changes:proposals", args=[north_star.key]))

    text = page.content.decode()
    assert "The revisit-by date, 31 January 2020, has passed" in text
    assert "Signal to revisit: Renewals fall while tables rise." in text
