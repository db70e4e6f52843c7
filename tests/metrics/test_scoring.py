from django.urls import reverse

from metrics.evaluation import cell, heatmap
from metrics.models import Score
from tests.metrics.evaluation_helpers import evaluating_workshop


def rate(client, workshop, candidate, **ratings):
    return client.post(reverse("metrics:score", args=[workshop.code]), {"candidate": candidate.pk, **ratings})


def test_a_participant_rates_a_candidate_on_the_checklist(db):
    workshop, clients, (first, _) = evaluating_workshop()

    rate(clients["Grace"], workshop, first, value="2", actionable="1", measurable="0")

    grace = workshop.participants.get(display_name="Grace")
    assert dict(Score.objects.filter(participant=grace).values_list("criterion", "value")) == {
        "value": 2,
        "actionable": 1,
        "measurable": 0,
    }


def test_rating_again_replaces_the_earlier_answer(db):
    workshop, clients, (first, _) = evaluating_workshop()

    rate(clients["Grace"], workshop, first, value="2")
    rate(clients["Grace"], workshop, first, value="0")

    assert list(Score.objects.values_list("value", flat=True)) == [0]


def test_ratings_stay_hidden_from_others_until_the_reveal(db):
    workshop, clients, (first, _) = evaluating_workshop()
    rate(clients["Grace"], workshop, first, value="2", leading="0", actionable="2")

    linus_page = clients["Linus"].get(workshop.get_participant_url()).text
    presenter = clients["facilitator"].get(reverse("workshops:present", args=[workshop.code])).text
    for page in (linus_page, presenter):
        assert "How the group rated each candidate" not in page
        assert 'class="heat ' not in page

    clients["facilitator"].post(reverse("metrics:reveal", args=[workshop.code, "scores"]))

    presenter = clients["facilitator"].get(reverse("workshops:present", args=[workshop.code])).text
    assert "How the group rated each candidate" in presenter
    assert "2.0" in presenter


def test_an_unknown_value_or_criterion_is_refused(db):
    workshop, clients, (first, _) = evaluating_workshop()

    assert rate(clients["Grace"], workshop, first, value="7").status_code == 404
    assert rate(clients["Grace"], workshop, first, charm="2").status_code == 404
    assert not Score.objects.exists()


def test_rating_outside_the_evaluation_is_refused(db):
    workshop, clients, (first, _) = evaluating_workshop()
    clients["facilitator"].post(
        reverse("workshops:go", args=[workshop.code]),
        {"from_segment": workshop.current_segment_id, "direction": "next"},
    )

    assert rate(clients["Grace"], workshop, first, value="2").status_code == 403
    assert not Score.objects.exists()


def test_another_workshops_candidate_cannot_be_rated(db):
    workshop, clients, _ = evaluating_workshop()
    _, _, (foreign, _) = evaluating_workshop()

    assert rate(clients["Grace"], workshop, foreign, value="2").status_code == 404


def test_the_heatmap_averages_and_measures_the_spread():
    rows = [(1, "value", 2), (1, "value", 2), (1, "value", 2), (1, "leading", 0), (1, "leading", 2), (2, "value", 1)]

    cells = heatmap([1, 2], rows)

    value, _strategy, leading, *_ = cells[1]
    assert (value.average, value.spread, value.count, value.disagreement) == (2.0, 0.0, 3, False)
    assert (leading.average, leading.spread, leading.disagreement) == (1.0, 1.0, True)
    assert cells[2][0].average == 1.0
    assert cells[2][1] == cell([])


def test_the_heatmap_marks_where_the_group_disagrees(db):
    workshop, clients, (first, _) = evaluating_workshop()
    rate(clients["Grace"], workshop, first, leading="0")
    rate(clients["Linus"], workshop, first, leading="2")
    clients["facilitator"].post(reverse("metrics:reveal", args=[workshop.code, "scores"]))

    page = clients["Grace"].get(workshop.get_participant_url()).text

    assert "is-split" in page
    assert "± 1.0 · split" in page


def test_a_rating_answers_that_it_is_saved_beside_its_grid(db):
    workshop, clients, (first, _) = evaluating_workshop()

    answer = clients["Grace"].post(
        reverse("metrics:score", args=[workshop.code]),
        {"candidate": first.pk, "value": "2"},
        headers={"HX-Request": "true"},
    )

    status = f'<span id="score-status-{first.pk}" class="save-status" aria-live="polite" hx-swap-oob="true">'
    assert status in answer.text
    assert "Your ratings are saved (" in answer.text
    page = clients["Grace"].get(workshop.get_participant_url()).text
    assert f'<span id="score-status-{first.pk}"' in page  # where the answer goes
