"""What every screen shows once the facilitator ends the workshop, and the link participants keep."""

from django.urls import reverse
from django.utils import timezone

from library.models import ShareLink
from metrics.models import Vote
from tests.library.helpers import INPUTS, adopted_north_star
from tests.metrics.evaluation_helpers import evaluating_workshop
from tests.metrics.test_converge import converging, start
from workshops.models import Participant


def end(clients, workshop):
    return clients["facilitator"].post(reverse("workshops:end", args=[workshop.code]))


def test_ending_gives_participants_a_read_only_link_to_the_adopted_north_star(db):
    workshop, clients, _ = converging()
    adopted_north_star(workshop)

    end(clients, workshop)

    page = clients["Grace"].get(workshop.get_participant_url()).text
    link = ShareLink.objects.get(north_star__workshop=workshop)
    assert "Our North Star: Honoured tables per week" in page
    assert f'href="{link.get_absolute_url()}"' in page
    assert "Keep this North Star" in page
    assert "We believe Honoured tables per week is a function of Diners booking, Repeat visits and" in page
    # The participant's session is not needed to read it: the link is all they keep.
    shared = clients["facilitator"].__class__().get(link.get_absolute_url())
    assert "Honoured tables per week" in shared.text
    assert "Download as Markdown" in shared.text


def test_the_kept_link_downloads_the_north_star_as_markdown(db):
    workshop, clients, _ = converging()
    adopted_north_star(workshop)
    end(clients, workshop)
    link = ShareLink.objects.get(north_star__workshop=workshop)

    download = clients["Linus"].get(reverse("library:shared_markdown", args=[link.token]))

    assert download["Content-Type"].startswith("text/markdown")
    assert "attachment" in download["Content-Disposition"]
    text = download.content.decode()
    assert text.startswith("# Honoured tables per week")
    assert f"### {INPUTS[0][0]}" in text


def test_a_revoked_link_no_longer_opens_or_downloads(db):
    workshop, clients, _ = converging()
    adopted_north_star(workshop)
    end(clients, workshop)
    link = ShareLink.objects.get(north_star__workshop=workshop)
    ShareLink.objects.filter(pk=link.pk).update(revoked_at=timezone.now())

    assert clients["Grace"].get(link.get_absolute_url()).status_code == 404
    assert clients["Grace"].get(reverse("library:shared_markdown", args=[link.token])).status_code == 404


def test_ending_reuses_the_link_the_team_already_made(db):
    workshop, clients, _ = converging()
    north_star = adopted_north_star(workshop)
    made = ShareLink.objects.create(north_star=north_star)

    end(clients, workshop)

    assert list(ShareLink.objects.all()) == [made]


def test_without_an_adopted_north_star_the_screen_says_so_and_shows_the_strongest_candidates(db):
    workshop, clients, (first, second) = evaluating_workshop(names=("Grace", "Linus", "Ada"))
    voters = list(Participant.objects.filter(workshop=workshop).order_by("pk"))
    for voter in voters:
        Vote.objects.create(participant=voter, candidate=second, slot=1)
    Vote.objects.create(participant=voters[0], candidate=first, slot=2)
    board = workshop.candidate_board
    board.votes_revealed_at = timezone.now()
    board.save()
    start(clients, workshop, second)  # a draft, never adopted

    end(clients, workshop)

    for viewer, url in (("Grace", workshop.get_participant_url()), ("facilitator", workshop.get_absolute_url())):
        page = clients[viewer].get(url).text
        assert "No North Star was adopted" in page
        assert "the draft “Candidate 2” was not adopted" in page
        assert "The strongest candidates" in page
        assert page.index("Candidate 2") < page.index("Candidate 1"), "most dots first"
        assert "3 dots" in page
        assert "Keep this North Star" not in page
    assert not ShareLink.objects.exists()


def test_dots_never_revealed_stay_hidden_at_the_end(db):
    workshop, clients, (first, _) = evaluating_workshop()
    voter = Participant.objects.filter(workshop=workshop).first()
    Vote.objects.create(participant=voter, candidate=first, slot=1)

    end(clients, workshop)

    page = clients["Grace"].get(workshop.get_participant_url()).text
    assert "No North Star was adopted" in page
    assert "Candidate 1" in page
    assert " dot" not in page.split("The strongest candidates")[1]


def test_a_participant_back_on_the_join_link_after_the_end_lands_on_their_page_with_the_result(db):
    workshop, clients, _ = converging()
    adopted_north_star(workshop)
    end(clients, workshop)

    response = clients["Grace"].get(workshop.get_join_url())

    assert response.status_code == 302
    assert response.url == workshop.get_participant_url()


def test_the_join_code_alone_does_not_open_the_north_star_after_the_end(db, client):
    workshop, clients, _ = converging()
    adopted_north_star(workshop)
    end(clients, workshop)
    link = ShareLink.objects.get(north_star__workshop=workshop)

    page = client.get(workshop.get_join_url()).text

    assert "This workshop has ended" in page
    assert link.token not in page
    assert "Honoured tables per week" not in page


def test_after_the_end_the_roster_says_who_took_part_not_who_is_connected(db):
    workshop, clients, _ = converging()
    end(clients, workshop)

    page = clients["facilitator"].get(workshop.get_absolute_url()).text

    assert "Who took part" in page
    assert "2 took part" in page
    assert "connected" not in page
