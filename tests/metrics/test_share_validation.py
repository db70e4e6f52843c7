import pytest
from django.urls import reverse

from metrics.models import Candidate
from tests.factories import candidate_with_inputs


def share(client, workshop, candidate):
    return client.post(
        reverse("metrics:candidate_share", args=[workshop.code, candidate.pk]), headers={"HX-Request": "true"}
    )


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        (2, "A North Star needs at least 3 inputs; this one has 2."),
        (6, "Keep it to at most 5 inputs; this one has 6. Which matter most?"),
    ],
)
def test_sharing_needs_three_to_five_inputs(brainstorm, join, inputs, message):
    grace = join(brainstorm, "Grace")
    candidate = candidate_with_inputs(inputs, workshop=brainstorm, author=brainstorm.participants.get())

    response = share(grace, brainstorm, candidate)

    assert message in response.text
    candidate.refresh_from_db()
    assert candidate.shared_at is None


def test_drafts_outside_three_to_five_inputs_are_marked_but_kept(brainstorm, join):
    grace = join(brainstorm, "Grace")
    candidate_with_inputs(2, workshop=brainstorm, author=brainstorm.participants.get())

    page = grace.get(brainstorm.get_participant_url()).text

    assert "A North Star needs at least 3 inputs; this one has 2." in page


def test_sharing_needs_a_name_and_definitions(brainstorm, join):
    grace = join(brainstorm, "Grace")
    candidate = candidate_with_inputs(
        3, workshop=brainstorm, author=brainstorm.participants.get(), metric_definition=""
    )
    candidate.inputs.filter(position=1).update(definition="")

    response = share(grace, brainstorm, candidate)

    assert "Say precisely how the metric is measured (its definition)." in response.text
    assert "Input 2 needs a name and a definition." in response.text


def test_a_complete_candidate_is_shared(brainstorm, join):
    grace = join(brainstorm, "Grace")
    candidate = candidate_with_inputs(4, workshop=brainstorm, author=brainstorm.participants.get())

    share(grace, brainstorm, candidate)

    assert Candidate.objects.get(pk=candidate.pk).shared_at is not None
