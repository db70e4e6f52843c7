"""Marking a candidate's metric or an input as "proxy for now" in the workshop, and carrying it into the North Star."""

from django.urls import reverse
from django.utils import timezone

from metrics.models import Candidate, NorthStar, Proxy
from tests.library.helpers import client_for, member_of
from tests.metrics.evaluation_helpers import evaluating_workshop
from tests.metrics.test_drafts import new_candidate

HTMX = {"HX-Request": "true"}


def mark(client, workshop, candidate, node="metric", stands_for="tables honoured", missing="", **extra):
    return client.post(
        reverse("metrics:candidate_proxy", args=[workshop.code, candidate.pk]),
        {"proxy": f"mark:{node}", f"proxy-{node}-stands_for": stands_for, f"proxy-{node}-missing": missing},
        **extra,
    )


def test_the_author_marks_a_drafts_metric_as_a_proxy_and_the_editor_says_so(brainstorm, join):
    grace = join(brainstorm, "Grace")
    candidate = new_candidate(grace, brainstorm)

    response = mark(grace, brainstorm, candidate, stands_for="diners who came back", headers=HTMX)

    assert response.status_code == 200
    assert list(Proxy.objects.values_list("candidate", "stands_for")) == [(candidate.pk, "diners who came back")]
    page = grace.get(brainstorm.get_participant_url()).text
    assert "Proxy for now: stands in for diners who came back." in page
    assert "No longer a proxy: the metric" in page


def test_an_input_is_marked_updated_and_unmarked(brainstorm, join):
    grace = join(brainstorm, "Grace")
    candidate = new_candidate(grace, brainstorm)
    item = candidate.inputs.first()
    node = f"i{item.pk}"

    mark(grace, brainstorm, candidate, node=node, stands_for="bookings", missing="no link to visits")
    mark(grace, brainstorm, candidate, node=node, stands_for="honoured bookings", missing="")
    assert list(Proxy.objects.values_list("item", "stands_for", "missing")) == [(item.pk, "honoured bookings", "")]
    assert "Mark input 2 as a proxy" in grace.get(brainstorm.get_participant_url()).text

    grace.post(reverse("metrics:candidate_proxy", args=[brainstorm.code, candidate.pk]), {"proxy": f"unmark:{node}"})

    assert not Proxy.objects.exists()


def test_a_mark_without_what_it_stands_for_is_refused_in_words(brainstorm, join):
    grace = join(brainstorm, "Grace")
    candidate = new_candidate(grace, brainstorm)

    answer = mark(grace, brainstorm, candidate, stands_for="   ", headers=HTMX)
    assert answer.status_code == 200
    assert "Say what the proxy stands in for" in answer.text
    assert f'id="c{candidate.pk}-proxy-metric-status"' in answer.text

    without_js = mark(grace, brainstorm, candidate, stands_for="x" * 201, follow=True)
    assert "Keep it short: at most 200 characters. It has 201." in without_js.text
    assert not Proxy.objects.exists()


def test_an_unknown_node_or_someone_elses_draft_is_not_found(brainstorm, join):
    grace, linus = join(brainstorm, "Grace"), join(brainstorm, "Linus")
    candidate = new_candidate(grace, brainstorm)

    assert mark(grace, brainstorm, candidate, node="i999999").status_code == 404
    assert mark(grace, brainstorm, candidate, node="elsewhere").status_code == 404
    assert mark(linus, brainstorm, candidate).status_code == 404
    assert not Proxy.objects.exists()


def test_a_private_drafts_mark_is_seen_only_by_its_author_until_it_is_shared(brainstorm, join):
    grace, linus = join(brainstorm, "Grace"), join(brainstorm, "Linus")
    facilitator = client_for(brainstorm.facilitator)
    candidate = new_candidate(grace, brainstorm)
    mark(grace, brainstorm, candidate, stands_for="a secret stand-in")

    assert "a secret stand-in" not in linus.get(brainstorm.get_participant_url()).text
    assert "a secret stand-in" not in facilitator.get(brainstorm.get_absolute_url()).text


def test_a_shared_candidates_marks_show_on_the_board_to_everyone(db):
    workshop, clients, (first, _) = evaluating_workshop()
    item = first.inputs.first()

    mark(clients["Grace"], workshop, first, stands_for="bookings made")
    mark(clients["Grace"], workshop, first, node=f"i{item.pk}", stands_for="first visits", missing="no guest ids")

    page = clients["Linus"].get(workshop.get_participant_url()).text
    assert "<strong>Proxy for now</strong>, standing in for bookings made." in page
    assert "<strong>Proxy for now</strong>, standing in for first visits. Still missing: no guest ids." in page


def test_the_marks_of_the_candidates_it_was_built_from_become_the_adopted_north_stars(db):
    workshop, clients, (first, _) = evaluating_workshop()
    workshop.go_to(workshop.segments.get(kind="converge"), timezone.now())
    items = list(first.inputs.all())
    mark(clients["Grace"], workshop, first, stands_for="bookings made")
    clients["facilitator"].post(reverse("metrics:north_star_start", args=[workshop.code]), {"candidate": first.pk})
    north_star = NorthStar.objects.select_related("statement").get(workshop=workshop)
    # Visible while converging: the team's North Star shows the mark it was copied with.
    assert "standing in for bookings made." in clients["Linus"].get(workshop.get_participant_url()).text

    # A mark made after the copy is carried at adoption, onto the input of the same name.
    mark(clients["Linus"], workshop, first, node=f"i{items[1].pk}", stands_for="second visits", missing="loyalty ids")
    clients["facilitator"].post(reverse("metrics:north_star_adopt", args=[workshop.code]))

    north_star.refresh_from_db()
    assert north_star.is_adopted
    statement = north_star.statement
    assert Proxy.objects.get(candidate=statement).stands_for == "bookings made"
    own_item = statement.inputs.get(name=items[1].name)
    assert Proxy.objects.get(item=own_item).missing == "loyalty ids"
    assert Candidate.objects.get(pk=first.pk).proxy_mark is not None  # the candidate keeps its own
    html = client_for(member_of(north_star.team)).get(north_star.get_absolute_url()).text
    assert f"<strong>{own_item.name}</strong> stands in for second visits. Still missing: loyalty ids." in html
