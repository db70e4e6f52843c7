"""Running a review over HTTP: start, step through, vote, decide, raise actions, and carry them over."""

import datetime as dt

import pytest

from reviews.models import Action, Occurrence, Vote
from tests.library.helpers import client_for, member_of
from tests.measures.scorecards import MONDAY
from tests.reviews.helpers import occurrence_on, reviewed_north_star

pytestmark = pytest.mark.django_db


def started():
    north_star, series, ada, grace, keys = reviewed_north_star()
    occurrence = occurrence_on(series, MONDAY + dt.timedelta(weeks=3))
    facilitator = client_for(ada)
    facilitator.post(f"{occurrence.get_absolute_url()}start/")
    occurrence.refresh_from_db()
    return north_star, occurrence, ada, grace, keys, facilitator


def test_whoever_starts_the_review_facilitates_it_and_the_scorecard_freezes():
    _, occurrence, ada, grace, _, facilitator = started()
    assert occurrence.state == Occurrence.State.LIVE
    assert occurrence.facilitator == ada
    assert occurrence.frozen_at is not None
    page = facilitator.get(occurrence.get_absolute_url()).content.decode()
    assert "Next item" in page
    assert "Open actions from last time" in page
    participant = client_for(grace).get(occurrence.get_absolute_url()).content.decode()
    assert "Next item" not in participant
    assert "Facilitated by Ada" in participant


def test_a_double_click_on_next_moves_one_item():
    _, occurrence, _, grace, _, facilitator = started()
    for _ in range(2):
        facilitator.post(f"{occurrence.get_absolute_url()}next/", {"leaving": 0})
    occurrence.refresh_from_db()
    assert occurrence.step == 1
    refused = client_for(grace).post(f"{occurrence.get_absolute_url()}next/", {"leaving": 1})
    assert refused.status_code == 403


def test_votes_stay_hidden_until_the_facilitator_reveals_them():
    _, occurrence, _ada, grace, keys, facilitator = started()
    facilitator.post(f"{occurrence.get_absolute_url()}next/", {"leaving": 0})
    participant = client_for(grace)
    participant.post(f"{occurrence.get_absolute_url()}votes/{keys[0]}/", {"score": "2"})
    facilitator.post(f"{occurrence.get_absolute_url()}votes/{keys[0]}/", {"score": "5"})

    page = facilitator.get(occurrence.get_absolute_url()).content.decode()
    assert "2 votes so far, hidden until the facilitator reveals them" in page
    assert "Your vote: 5" in page
    assert "vote-distribution" not in page
    assert "Average" not in page

    facilitator.post(f"{occurrence.get_absolute_url()}votes/{keys[0]}/reveal/")
    page = participant.get(occurrence.get_absolute_url()).content.decode()
    assert "Average 3.5 from 2 votes." in page
    assert "2: 1 vote" in page
    assert "5: 1 vote" in page


def test_a_vote_outside_one_to_five_is_refused_in_words():
    _, occurrence, _, grace, keys, _ = started()
    participant = client_for(grace)
    answer = participant.post(f"{occurrence.get_absolute_url()}votes/{keys[0]}/", {"score": "9"}, follow=True)
    assert "Pick a number from 1 to 5" in answer.content.decode()
    assert not Vote.objects.exists()
    assert participant.post(f"{occurrence.get_absolute_url()}votes/nope/", {"score": "3"}).status_code == 404


def test_an_open_action_carries_over_until_it_is_closed():
    north_star, occurrence, ada, grace, _, facilitator = started()
    url = occurrence.get_absolute_url()
    facilitator.post(
        f"{url}actions/", {"text": "Call the five lost restaurants", "owner": grace.pk, "due": "2026-02-06"}
    )
    facilitator.post(f"{url}actions/", {"text": "Fix the reminder email", "owner": ada.pk})
    facilitator.post(f"{url}decisions/", {"text": "Hold the price change for a month"})
    facilitator.post(f"{url}end/")

    occurrence.refresh_from_db()
    assert occurrence.state == Occurrence.State.ENDED
    second = occurrence.series.occurrences.get(number=2)
    assert second.state == Occurrence.State.UPCOMING
    record = facilitator.get(url).content.decode()
    assert "Hold the price change for a month" in record
    assert "Call the five lost restaurants" in record

    second_url = second.get_absolute_url()
    client_for(grace).post(f"{second_url}start/")
    page = client_for(grace).get(second_url).content.decode()
    assert "Call the five lost restaurants" in page
    assert "due 6 Feb 2026" in page
    done = Action.objects.get(text="Fix the reminder email")
    client_for(grace).post(f"{second_url}actions/{done.pk}/close/")
    client_for(grace).post(f"{second_url}end/")

    third = occurrence.series.occurrences.get(number=3)
    carried = [action.text for action in third.carried_actions()]
    assert carried == ["Call the five lost restaurants"]
    # The meeting that closed it still shows it, as done.
    assert [(a.text, a.is_open) for a in second.carried_actions()] == [
        ("Call the five lost restaurants", True),
        ("Fix the reminder email", False),
    ]
    assert Action.objects.filter(series__north_star=north_star).count() == 2


def test_an_action_without_text_or_with_a_stranger_as_owner_is_refused():
    _, occurrence, _, _, _, facilitator = started()
    stranger = member_of(__import__("accounts.models", fromlist=["Team"]).Team.objects.create(name="Other"))
    answer = facilitator.post(
        f"{occurrence.get_absolute_url()}actions/", {"text": " ", "owner": stranger.pk}, follow=True
    )
    text = answer.content.decode()
    assert "The action was not added" in text
    assert "Pick an owner from the team." in text
    assert not Action.objects.exists()


def test_strangers_do_not_find_a_review():
    north_star, occurrence, *_ = started()
    from accounts.models import Team

    stranger = client_for(member_of(Team.objects.create(name="Elsewhere")))
    assert stranger.get(occurrence.get_absolute_url()).status_code == 404
    assert stranger.get(f"/north-stars/{north_star.key}/reviews/").status_code == 404


def test_setting_up_a_series_plans_its_first_meeting():
    north_star, series, ada, *_ = reviewed_north_star()
    series.delete()
    client = client_for(ada)
    answer = client.post(
        f"/north-stars/{north_star.key}/reviews/",
        {
            "cadence": "fortnightly",
            "weekday": "2",
            "time_of_day": "14:30",
            "time_zone": "Europe/Lisbon",
            "first_day": "2030-01-01",
        },
        follow=True,
    )
    assert (
        "The review&#x27;s schedule: Every two weeks on Wednesday at 14:30 (Europe/Lisbon)." in answer.content.decode()
    )
    occurrence = Occurrence.objects.get(series__north_star=north_star)
    assert occurrence.as_of == dt.date(2030, 1, 2)
    refused = client.post(f"/north-stars/{north_star.key}/reviews/", {"cadence": "yearly", "weekday": "9"})
    assert refused.status_code == 400
    assert "Select a valid choice" in refused.content.decode()


def test_the_owner_writes_the_note_for_the_frozen_period_even_after_a_newer_value():
    from decimal import Decimal

    from measures.models import VarianceNote
    from measures.values import write

    north_star, occurrence, ada, grace, keys, _ = started()
    measure = north_star.measures.get(node_key=keys[1])
    write(north_star, [(measure, MONDAY + dt.timedelta(weeks=4), Decimal("25"))], source="manual")
    owner = client_for(grace)
    page = owner.get(occurrence.get_absolute_url()).content.decode()
    assert "no note yet</strong> from Grace" in page
    assert "Write your note" in page
    url = f"{occurrence.get_absolute_url()}notes/{keys[1]}/"

    assert "it stood at <strong>20 visits</strong>" in owner.get(url).content.decode()
    assert owner.post(url, {"text": "  "}).status_code == 400
    owner.post(url, {"text": "The rain kept the regulars home."})

    note = VarianceNote.objects.get()
    assert (note.period_start, note.author) == (MONDAY + dt.timedelta(weeks=3), grace)
    page = client_for(ada).get(occurrence.get_absolute_url()).content.decode()
    assert "note written</strong> by Grace" in page
    assert "Write your note" not in page  # Ada does not own it
    assert client_for(ada).post(url, {"text": "Not mine to say"}).status_code == 403
    assert client_for(ada).get(f"{occurrence.get_absolute_url()}notes/{keys[0]}/").status_code == 404
