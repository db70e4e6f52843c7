"""The scorecard page: what a member, a wall screen and a read-only link see, and who writes notes."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from measures.board import read_nodes
from measures.models import ScorecardLink, VarianceNote
from tests.library.helpers import adopted_north_star, client_for, member_of
from tests.measures.scorecards import MONDAY, measured, weekly

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    north_star = adopted_north_star()
    owner = member_of(north_star.team, display_name="Ada")
    metric = measured(
        north_star,
        "metric",
        unit="tables",
        owner=owner,
        work_stream="Growth",
        targets=[("100", dt.date(2026, 1, 12))],
    )
    weekly(north_star, metric, ["80", "95"])
    results = measured(north_star, "results", unit="€")
    weekly(north_star, results, ["1000", "500"])
    return north_star, owner, metric


def scorecard_text(client, north_star) -> str:
    page = client.get(f"/north-stars/{north_star.key}/scorecard/")
    assert page.status_code == 200
    return page.content.decode()


def test_a_member_sees_each_nodes_value_change_target_status_and_owner(board):
    north_star, _owner, _ = board
    text = scorecard_text(client_for(member_of(north_star.team)), north_star)
    assert "Honoured tables per week" in text
    assert "95 tables" in text
    assert "Up 15 tables (18.8%) on the period before" in text
    assert "(better)" in text
    assert "95% of target" in text
    assert "At risk" in text  # 95 against a plan of 100, with "at risk" from 90%
    assert "100 tables by 12 Jan 2026" in text
    assert "Ada" in text
    assert "Growth" in text
    assert "Leave a gap" in text
    assert "Not measured yet" in text  # inputs without a measure are listed too


def test_the_biggest_movers_come_first(board):
    north_star, owner, _ = board
    text = scorecard_text(client_for(owner), north_star)
    movers = text[text.index("Biggest movers") :]
    assert movers.index("Down 500 €") < movers.index("Up 15 tables")


def test_a_sparkline_breaks_where_a_period_has_no_value():
    north_star = adopted_north_star()
    metric = measured(north_star, "metric")
    weekly(north_star, metric, ["1", "2", None, "4", "5"])
    text = scorecard_text(client_for(member_of(north_star.team)), north_star)
    assert text.count('class="spark-line"') == 2
    assert "1 period without a value" in text


def test_strangers_do_not_learn_the_scorecard_exists(board):
    north_star, _, _ = board
    stranger = client_for(member_of(adopted_north_star().team))
    assert stranger.get(f"/north-stars/{north_star.key}/scorecard/").status_code == 404


def test_only_the_owner_explains_a_period(board):
    north_star, owner, metric = board
    address = f"/north-stars/{north_star.key}/scorecard/nodes/metric/note/"
    other = client_for(member_of(north_star.team))
    refused = other.post(address, {"node": "metric", "period": "2026-01-12", "text": "Rain all week."})
    assert refused.status_code == 403
    assert "Only Ada" in refused.content.decode()
    assert "Rain all week." in refused.content.decode()  # given back, not lost
    assert not VarianceNote.objects.exists()
    explain_metric = 'Explain this period<span class="visually-hidden"> of Honoured tables per week'
    assert explain_metric not in scorecard_text(other, north_star)

    mine = client_for(owner)
    assert explain_metric in scorecard_text(mine, north_star)
    saved = mine.post(address, {"node": "metric", "period": "2026-01-12", "text": "A food festival in town."})
    assert saved.status_code == 302
    assert VarianceNote.objects.get(measure=metric).author == owner
    assert "A food festival in town." in scorecard_text(other, north_star)


def test_a_note_for_a_day_that_starts_no_period_is_refused_with_a_reason(board):
    north_star, owner, _ = board
    answer = client_for(owner).post(
        f"/north-stars/{north_star.key}/scorecard/nodes/metric/note/",
        {"node": "metric", "period": "2026-01-13", "text": "Typed on a Tuesday."},
    )
    assert answer.status_code == 400
    assert "not the first day of a week" in answer.content.decode()
    assert not VarianceNote.objects.exists()


def test_a_read_only_link_shows_the_scorecard_until_it_is_revoked(board, client):
    north_star, owner, _ = board
    member = client_for(owner)
    member.post(f"/north-stars/{north_star.key}/scorecard/link/")
    link = ScorecardLink.objects.get(north_star=north_star, revoked_at=None)
    page = client.get(f"/scorecards/{link.token}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "95 tables" in text
    assert "At risk" in text
    assert "Explain this period" not in text
    assert client.get(f"/scorecards/{link.token}/tv/").status_code == 200

    member.post(f"/north-stars/{north_star.key}/scorecard/link/revoke/")
    assert client.get(f"/scorecards/{link.token}/").status_code == 404
    assert client.get(f"/scorecards/{link.token}/tv/").status_code == 404


def test_a_new_link_replaces_the_old_one(board):
    north_star, owner, _ = board
    member = client_for(owner)
    member.post(f"/north-stars/{north_star.key}/scorecard/link/")
    member.post(f"/north-stars/{north_star.key}/scorecard/link/")
    assert ScorecardLink.objects.filter(north_star=north_star, revoked_at=None).count() == 1
    assert ScorecardLink.objects.filter(north_star=north_star).count() == 2


def test_tv_mode_and_print_show_the_numbers_without_controls(board):
    north_star, owner, _ = board
    member = client_for(owner)
    for page in ("tv", "print"):
        answer = member.get(f"/north-stars/{north_star.key}/scorecard/{page}/")
        assert answer.status_code == 200
        text = answer.content.decode()
        assert "95 tables" in text
        assert "At risk" in text
        assert "Explain this period" not in text


def test_the_page_reads_the_same_number_of_queries_for_one_or_three_years(django_assert_num_queries):
    north_star = adopted_north_star()
    member = member_of(north_star.team)
    client = client_for(member)
    nodes = ["metric", "results", *(row.key for row in north_star.versions.last().data.inputs)]
    measures = [measured(north_star, key, targets=[("500", dt.date(2029, 1, 1))]) for key in nodes]
    for measure in measures:
        weekly(north_star, measure, [str(n) for n in range(52)])
    client.get(f"/north-stars/{north_star.key}/scorecard/")  # sessions and caches settle
    with CaptureQueriesContext(connection) as one_year:
        client.get(f"/north-stars/{north_star.key}/scorecard/")
    for measure in measures:
        weekly(north_star, measure, [str(n) for n in range(52 * 3)], first=MONDAY - dt.timedelta(weeks=104))
    with django_assert_num_queries(len(one_year.captured_queries)):
        page = client.get(f"/north-stars/{north_star.key}/scorecard/")
    assert page.status_code == 200


@pytest.mark.parametrize("missing", ["gap", "zero", "carry"])
def test_reading_only_the_recent_values_gives_the_same_figures_as_the_whole_history(missing):
    north_star = adopted_north_star()
    metric = measured(north_star, "metric", missing=missing, targets=[("40", dt.date(2026, 9, 7))])
    history = [str(n) if n % 4 else None for n in range(1, 40)] + [None, "41"]
    weekly(north_star, metric, history)
    whole = next(node for node in read_nodes(north_star) if node.key == "metric").figures
    recent = next(node for node in read_nodes(north_star, recent=13) if node.key == "metric").figures
    assert whole is not None
    assert recent is not None
    assert recent.recent(12) == whole.recent(12)
    assert (recent.latest, recent.previous, recent.change, recent.change_pct) == (
        whole.latest,
        whole.previous,
        whole.change,
        whole.change_pct,
    )
    assert (recent.status, recent.pct_of_target) == (whole.status, whole.pct_of_target)
