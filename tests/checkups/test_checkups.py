"""Running a checkup: start it, answer once and anonymously, close it, and read its results."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from checkups.models import Answer, Answered, Checkup
from checkups.views import save_answer
from tests.checkups.helpers import answer, answer_data, answered_by, opened, team_with_members
from tests.factories import UserFactory
from tests.library.helpers import client_for

pytestmark = pytest.mark.django_db


def results_text(user, checkup) -> str:
    url = reverse("checkups:results", args=[checkup.north_star.key, checkup.number])
    return client_for(user).get(url).content.decode()


def test_a_member_starts_an_asynchronous_checkup_with_a_deadline_in_the_team_time_zone():
    north_star, (ada, *_) = team_with_members()
    north_star.team.time_zone = "Asia/Kolkata"
    north_star.team.save()
    # Kolkata is 5 h 30 ahead of UTC all year: the typed time is read as Kolkata's.
    when = (timezone.now() + dt.timedelta(days=3)).astimezone(dt.timezone(dt.timedelta(hours=5, minutes=30)))
    response = client_for(ada).post(
        reverse("checkups:checkups", args=[north_star.key]),
        {"mode": "async", "deadline": when.strftime("%Y-%m-%dT%H:%M")},
    )
    checkup = Checkup.objects.get(north_star=north_star)
    assert response.status_code == 302
    assert checkup.number == 1
    assert checkup.mode == "async"
    assert [name for _, name in checkup.inputs] == ["Diners booking", "Repeat visits", "Tables filled"]
    assert checkup.deadline == when.replace(second=0, microsecond=0)


def test_an_asynchronous_checkup_needs_a_deadline_in_the_future():
    north_star, (ada, *_) = team_with_members()
    url = reverse("checkups:checkups", args=[north_star.key])
    response = client_for(ada).post(url, {"mode": "async", "deadline": ""})
    assert response.status_code == 400
    assert "needs a time when answers close" in response.content.decode()
    response = client_for(ada).post(url, {"mode": "async", "deadline": "2001-01-01T10:00"})
    assert "has not passed yet" in response.content.decode()
    assert not Checkup.objects.exists()


def test_a_member_answers_once_and_nothing_links_the_answer_to_them():
    north_star, (ada, bea, *_) = team_with_members()
    checkup = opened(north_star, ada)
    client = client_for(bea)
    assert answer(client, checkup, comment="We argue less.").status_code == 302
    assert answer(client, checkup, score=1).status_code == 200  # the page says they have answered
    assert Answer.objects.count() == 1
    assert list(Answered.objects.values_list("user__display_name", flat=True)) == ["Member 1"]
    stored = Answer.objects.values().get()
    assert set(stored) == {"id", "checkup_id", "signals", "confidence", "comments", "strategy"}
    assert stored["comments"] == {"decisions": "We argue less."}
    assert "You have answered this checkup" in client.get(checkup.get_absolute_url()).content.decode()


def test_an_answer_missing_a_rating_is_refused_with_the_question_marked():
    north_star, (ada, *_) = team_with_members()
    checkup = opened(north_star, ada)
    data = answer_data(checkup)
    del data["signal_trace"]
    response = client_for(ada).post(checkup.get_absolute_url(), data)
    assert response.status_code == 400
    assert "Rate this from 1 to 5." in response.content.decode()
    assert not Answer.objects.exists()
    assert not Answered.objects.exists()


def test_results_stay_hidden_while_open_and_show_as_distributions_once_closed_with_three_answers():
    north_star, (ada, bea, cy, dan) = team_with_members()
    checkup = opened(north_star, ada)
    answered_by([ada, bea, cy], checkup, score=4)
    open_page = results_text(dan, checkup)
    assert "3 people have answered" in open_page
    assert "4 of 5" not in open_page
    assert "Median" not in open_page

    client_for(ada).post(reverse("checkups:close", args=[north_star.key, checkup.number]))
    page = results_text(dan, checkup)
    assert "Median 4 · average 4.0 · 3 answers" in page
    assert "3 people" in page
    assert "Yes, it still reflects our strategy" in page


def test_fewer_than_three_answers_stay_hidden_after_the_close():
    north_star, (ada, bea, *_) = team_with_members()
    checkup = opened(north_star, ada)
    answered_by([ada, bea], checkup)
    checkup.close()
    page = results_text(bea, checkup)
    assert "Fewer than 3 people answered, so the answers stay hidden" in page
    assert "Median" not in page


def test_the_deadline_closes_a_checkup_by_itself():
    north_star, (ada, bea, cy, dan) = team_with_members()
    checkup = opened(north_star, ada, mode="async", deadline=timezone.now() + dt.timedelta(hours=1))
    answered_by([ada, bea, cy], checkup)
    Checkup.objects.filter(pk=checkup.pk).update(deadline=timezone.now() - dt.timedelta(minutes=1))
    assert "This checkup is closed" in client_for(dan).get(checkup.get_absolute_url()).content.decode()
    assert answer(client_for(dan), checkup).status_code == 200
    assert Answer.objects.count() == 3
    assert "Median 4" in results_text(dan, checkup)


def test_only_its_starter_or_a_team_owner_closes_a_checkup():
    north_star, (owner, bea, cy, _) = team_with_members()
    checkup = opened(north_star, bea)
    close = reverse("checkups:close", args=[north_star.key, checkup.number])
    assert client_for(cy).post(close).status_code == 403
    assert client_for(owner).post(close).status_code == 302
    checkup.refresh_from_db()
    assert checkup.closed_at is not None


def test_strangers_find_no_checkup():
    north_star, (ada, *_) = team_with_members()
    checkup = opened(north_star, ada)
    stranger = client_for(UserFactory())
    for url in (
        reverse("checkups:checkups", args=[north_star.key]),
        checkup.get_absolute_url(),
        reverse("checkups:results", args=[north_star.key, checkup.number]),
    ):
        assert stranger.get(url).status_code == 404
    assert stranger.post(checkup.get_absolute_url(), answer_data(checkup)).status_code == 404
    assert not Answer.objects.exists()


def test_the_list_shows_the_trend_over_time_and_the_open_flags():
    north_star, members = team_with_members()
    for score in (5, 4, 3):
        checkup = opened(north_star, members[0])
        answered_by(members[:3], checkup, score=score, trace=2)
        checkup.close()
    page = client_for(members[3]).get(reverse("checkups:checkups", args=[north_star.key])).content.decode()
    assert "How the answers moved from checkup to checkup" in page
    assert "Checkup 1" in page
    assert "Checkup 3" in page
    assert 'class="heat trend-5">5.0<' in page
    assert 'class="heat trend-3">3.0<' in page
    assert "fell two checkups in a row" in page
    assert "cannot trace their work to the North Star (median 2 of 5)" in page


def test_the_deadline_reads_in_the_team_time_zone():
    north_star, (ada, *_) = team_with_members()
    north_star.team.time_zone = "Asia/Kolkata"
    north_star.team.save()
    deadline = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0) + dt.timedelta(days=2)
    checkup = opened(north_star, ada, mode="async", deadline=deadline)
    assert "17:30 IST" in results_text(ada, checkup)
    assert "17:30 IST" in client_for(ada).get(checkup.get_absolute_url()).content.decode()


def test_two_tabs_sending_at_once_keep_one_answer():
    north_star, (ada, *_) = team_with_members()
    checkup = opened(north_star, ada)
    answer = {"signals": {"trace": 3}, "confidence": {}, "comments": {}, "strategy": "yes"}
    assert save_answer(checkup, ada, answer) is True
    # The second tab passed the "has answered" check before the first one saved.
    assert save_answer(checkup, ada, answer) is False
    assert Answer.objects.count() == 1
    assert Answered.objects.count() == 1
