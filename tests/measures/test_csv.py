"""CSV upload of values: a preview first, then one commit; sending the same file again changes nothing."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from measures.models import Measure, Upload, Value
from tests.library.helpers import adopted_north_star, client_for, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.NUMBERS_UPLOAD_DIR = tmp_path / "uploads"
    return settings.NUMBERS_UPLOAD_DIR


@pytest.fixture
def star():
    return adopted_north_star()


@pytest.fixture
def member(star):
    return member_of(star.team)


def input_key(star, position: int = 0) -> str:
    return star.versions.last().data.inputs[position].key


def send(client, star, text: str, name: str = "values.csv"):
    """Upload a file; the preview page it leads to."""
    answer = client.post(
        f"/north-stars/{star.key}/numbers/csv/",
        {"file": SimpleUploadedFile(name, text.encode(), content_type="text/csv")},
    )
    assert answer.status_code == 302, answer.content.decode()
    return client.get(answer["Location"]), answer["Location"]


def counts(page) -> dict[str, int]:
    text = page.content.decode()
    found = re.findall(r"<dt>([^<]+)</dt><dd>(\d+)</dd>", text)
    return {name: int(number) for name, number in found}


def commit(client, preview_url: str):
    return client.post(preview_url + "commit/", follow=True)


def values_of(star, node: str) -> dict[dt.date, Decimal]:
    return dict(
        Value.objects.filter(measure__north_star=star, measure__node_key=node).values_list("period_start", "value")
    )


def test_a_preview_counts_then_the_commit_saves_and_the_same_file_again_changes_nothing(star, member):
    client = client_for(member)
    text = "date,node,value\n2026-03-02,metric,10\n2026-03-09,metric,12\n2026-03-02,results,3\n"
    page, url = send(client, star, text)
    assert page.status_code == 200
    assert counts(page) == {
        "Rows read": 3,
        "New values": 3,
        "Values that change": 0,
        "Values already the same": 0,
        "Rows refused": 0,
    }
    assert not Value.objects.exists()
    assert not Measure.objects.exists()  # a node's measure is made on commit only
    saved = commit(client, url)
    assert "3 new values, 0 changed, 0 unchanged" in saved.content.decode()
    assert values_of(star, "metric") == {dt.date(2026, 3, 2): Decimal(10), dt.date(2026, 3, 9): Decimal(12)}
    assert set(Value.objects.values_list("source", flat=True)) == {"csv"}

    again, again_url = send(client, star, text)
    assert counts(again)["Values already the same"] == 3
    assert counts(again)["New values"] == counts(again)["Values that change"] == 0
    before = list(Value.objects.values_list("pk", "value", "updated_at"))
    assert "0 new values, 0 changed, 3 unchanged" in commit(client, again_url).content.decode()
    assert list(Value.objects.values_list("pk", "value", "updated_at")) == before


def test_a_changed_value_is_counted_as_changed(star, member):
    client = client_for(member)
    _, url = send(client, star, "date,node,value\n2026-03-02,metric,10\n")
    commit(client, url)
    page, url = send(client, star, "date,node,value\n2026-03-03,metric,11\n2026-03-10,metric,1\n")
    assert counts(page)["Values that change"] == 1
    assert counts(page)["New values"] == 1
    commit(client, url)
    assert values_of(star, "metric")[dt.date(2026, 3, 2)] == Decimal(11)


def test_weeks_start_on_monday_and_months_on_the_first(star, member):
    Measure.objects.create(north_star=star, node_key="results", grain="month")
    client = client_for(member)
    text = (
        "date,node,value\n"
        "2026-03-01,metric,1\n"  # a Sunday: the week from Monday 23 February
        "2026-03-02,metric,2\n"  # a Monday: a week of its own
        "2026-03-08,metric,3\n"  # the Sunday after: the same week
        "2026-02-28,results,5\n"
        "2026-03-01,results,7\n"
        "2026-03-31,results,1\n"
    )
    _, url = send(client, star, text)
    commit(client, url)
    assert values_of(star, "metric") == {dt.date(2026, 2, 23): Decimal(1), dt.date(2026, 3, 2): Decimal(5)}
    assert values_of(star, "results") == {dt.date(2026, 2, 1): Decimal(5), dt.date(2026, 3, 1): Decimal(8)}


def test_a_time_with_an_offset_counts_in_the_teams_time_zone(star, member):
    star.team.time_zone = "Europe/Berlin"
    star.team.save()
    client = client_for(member)
    text = (
        "date,node,value\n"
        "2026-03-01T23:30:00Z,metric,1\n"  # 00:30 on Monday 2 March in Berlin
        "2026-03-01T23:30,metric,10\n"  # no offset: Sunday evening in Berlin
        "2026-03-01T23:30:00-05:00,metric,100\n"  # 05:30 on Monday in Berlin
    )
    _, url = send(client, star, text)
    commit(client, url)
    assert values_of(star, "metric") == {dt.date(2026, 3, 2): Decimal(101), dt.date(2026, 2, 23): Decimal(10)}


@pytest.mark.parametrize(("rule", "expected"), [("sum", Decimal(9)), ("average", Decimal(3)), ("last", Decimal(5))])
def test_several_rows_for_one_period_combine_by_the_measures_rule(star, member, rule, expected):
    Measure.objects.create(north_star=star, node_key="metric", combine=rule)
    client = client_for(member)
    # The same node and date twice, and another day of the same week.
    page, url = send(client, star, "date,node,value\n2026-03-02,metric,1\n2026-03-02,metric,3\n2026-03-04,metric,5\n")
    assert "2 of the 3 accepted rows share a node and a week or month" in page.content.decode()
    commit(client, url)
    assert values_of(star, "metric") == {dt.date(2026, 3, 2): expected}


def test_nodes_by_key_or_by_name_in_any_case_and_numbers_as_people_type_them(star, member):
    client = client_for(member)
    key = input_key(star, 1)
    text = 'Node,DATE,Value\nrepeat VISITS,2026-03-02,"1 234,5"\n' + f"{key},2026-03-09,12%\nMETRIC,2026-03-02,7\n"
    page, url = send(client, star, text)
    assert counts(page)["Rows refused"] == 1  # node keys are exact: METRIC is not metric, nor a name
    commit(client, url)
    assert values_of(star, key) == {dt.date(2026, 3, 2): Decimal("1234.5"), dt.date(2026, 3, 9): Decimal(12)}


def test_blanks_bad_numbers_bad_dates_and_unknown_nodes_are_refused_with_their_line(star, member):
    client = client_for(member)
    text = (
        "date,node,value\n"
        "2026-03-02,metric,10\n"
        "2026-03-02,metric,\n"
        "2026-03-02,Nowhere,4\n"
        "\n"
        "2026-13-02,metric,4\n"
        ",metric,4\n"
        "2026-03-02,metric,twelve\n"
        "2026-03-02,metric\n"
        "2026-03-02,metric,NaN\n"
    )
    page, url = send(client, star, text)
    html = page.content.decode()
    assert counts(page)["Rows read"] == 8
    assert counts(page)["Rows refused"] == 7
    assert counts(page)["New values"] == 1
    rows = dict(re.findall(r'<tr><th scope="row">(\d+)</th><td>([^<]+)</td></tr>', html))
    assert rows["3"] == "No value"
    assert rows["4"] == "No node is called “Nowhere” in this North Star"
    assert "is not a date" in rows["6"]
    assert rows["7"] == "No date"
    assert "is not a number" in rows["8"]
    assert "2 fields where 3 were expected" in rows["9"]
    assert "is not a number" in rows["10"]
    commit(client, url)
    assert values_of(star, "metric") == {dt.date(2026, 3, 2): Decimal(10)}


def test_only_the_first_fifty_refusals_are_listed_and_the_rest_are_counted(star, member):
    client = client_for(member)
    text = "date,node,value\n" + "".join(f"2026-03-02,metric,x{n}\n" for n in range(70))
    page, _ = send(client, star, text)
    html = page.content.decode()
    assert html.count('<th scope="row">') == 50
    assert "And 20 more refused rows" in html


def test_a_file_without_the_header_is_refused_at_once(star, member):
    client = client_for(member)
    answer = client.post(
        f"/north-stars/{star.key}/numbers/csv/",
        {"file": SimpleUploadedFile("v.csv", b"2026-03-02,metric,10\n", content_type="text/csv")},
    )
    assert answer.status_code == 400
    assert "The first line must name the columns: date,node,value" in answer.content.decode()
    assert not Upload.objects.exists()


def test_a_file_that_is_not_utf8_text_is_refused(star, member):
    client = client_for(member)
    answer = client.post(
        f"/north-stars/{star.key}/numbers/csv/",
        {"file": SimpleUploadedFile("v.csv", "date,node,value\n2026-03-02,métric,1\n".encode("latin-1"))},
    )
    assert answer.status_code == 400
    assert "not plain text in UTF-8" in answer.content.decode()
    # Further down the file, past what the upload looks at, the preview says it.
    late = ("date,node,value\n" + "2026-03-02,metric,1\n" * 400 + "2026-03-02,métric,1\n").encode("latin-1")
    answer = client.post(f"/north-stars/{star.key}/numbers/csv/", {"file": SimpleUploadedFile("v.csv", late)})
    page = client.get(answer["Location"])
    assert page.status_code == 400
    assert "not plain text in UTF-8" in page.content.decode()
    assert "/commit/" not in page.content.decode()


def test_an_upload_is_its_senders_only(star, member):
    _, url = send(client_for(member), star, "date,node,value\n2026-03-02,metric,10\n")
    teammate = client_for(member_of(star.team))
    assert teammate.get(url).status_code == 404
    assert teammate.post(url + "commit/").status_code == 404
    stranger = client_for(member_of(adopted_north_star().team))
    assert stranger.get(url).status_code == 404
    assert not Value.objects.exists()


def test_a_committed_upload_cannot_be_committed_twice_and_its_file_is_gone(star, member, upload_dir):
    client = client_for(member)
    _, url = send(client, star, "date,node,value\n2026-03-02,metric,10\n")
    commit(client, url)
    assert list(upload_dir.iterdir()) == []
    again = commit(client, url)
    assert "is already saved" in again.content.decode()
    assert Value.objects.count() == 1


def test_the_hub_links_to_the_upload(star, member):
    page = client_for(member).get(f"/north-stars/{star.key}/numbers/")
    assert f'href="/north-stars/{star.key}/numbers/csv/"' in page.content.decode()


def test_a_row_over_two_lines_and_odd_characters_are_named_by_their_line(star, member):
    client = client_for(member)
    text = 'date,node,value\n2026-03-02,metric,1\n2026-03-02,"met\nric",2\n'
    text += '2026-03-02,metric,"3\\\t4"\n2026-03-09,metric,5\n'
    page, url = send(client, star, text)
    rows = dict(re.findall(r'<tr><th scope="row">(\d+)</th><td>([^<]+)</td></tr>', page.content.decode()))
    assert set(rows) == {"4", "5"}
    assert "No node is called" in rows["4"]
    assert "is not a number" in rows["5"]
    commit(client, url)
    assert values_of(star, "metric") == {dt.date(2026, 3, 2): Decimal(1), dt.date(2026, 3, 9): Decimal(5)}


def test_tabs_and_backslashes_are_refused_with_their_line(star, member):
    client = client_for(member)
    text = 'date,node,value\n2026-03-02,metric,1\n2026-03-02,"a\\\tb",2\n2026-03-02,metric,"3\\4"\n'
    page, _ = send(client, star, text)
    rows = dict(re.findall(r'<tr><th scope="row">(\d+)</th><td>([^<]+)</td></tr>', page.content.decode()))
    assert set(rows) == {"3", "4"}
    assert "a\\\tb" in rows["3"]
    assert "3\\4" in rows["4"]


@pytest.mark.parametrize(
    "text",
    ["12", "12.5", "-3", "+4.25", " 7 ", "1_000", "0.0000005", "0.0000015", "1e3", "1E-7", "123456.1234567", "9" * 18],
)
def test_plain_numbers_read_exactly_as_parse_number_reads_them(text):
    from measures.csv_import import plain_number
    from measures.forms import parse_number

    assert plain_number(text) == parse_number(text)


@pytest.mark.parametrize("text", ["1 234,5", "12%", "1,5", "NaN", "Infinity", "", "x", "9" * 19])
def test_other_numbers_are_left_to_parse_number(text):
    from measures.csv_import import plain_number

    assert plain_number(text) is None


def test_a_file_over_the_row_limit_is_refused_whole(star, member, monkeypatch):
    from measures import csv_import

    monkeypatch.setattr(csv_import, "MAX_ROWS", 3)
    page, _ = send(client_for(member), star, "date,node,value\n" + "2026-03-02,metric,1\n" * 4)
    assert page.status_code == 400
    assert "more than 3 rows" in page.content.decode()
    assert "/commit/" not in page.content.decode()


def test_a_second_commit_of_the_same_upload_from_a_stale_page_saves_nothing_more(star, member):
    from measures.csv_import import AlreadySaved
    from measures.csv_import import commit as commit_upload

    send(client_for(member), star, "date,node,value\n2026-03-02,metric,10\n")
    first = Upload.objects.get()
    second = Upload.objects.get()  # what a second request, sent before the first finished, holds
    commit_upload(first, first.path, member)
    with pytest.raises(AlreadySaved):
        commit_upload(second, second.path, member)
    assert Value.objects.count() == 1
