"""A team's North Star with members, and answers sent the way a member's browser sends them."""

from django.test import Client

from checkups.models import Checkup
from checkups.questions import SIGNALS
from tests.library.helpers import adopted_north_star, client_for, member_of


def team_with_members(count: int = 4):
    """An adopted North Star and `count` members of its team (the first one an owner)."""
    north_star = adopted_north_star()
    team = north_star.team
    assert team is not None
    members = [member_of(team, display_name=f"Member {index}") for index in range(count)]
    team.memberships.filter(user=members[0]).update(role="owner")
    return north_star, members


def opened(north_star, by, mode: str = Checkup.Mode.LIVE, **kwargs) -> Checkup:
    inputs = [(row.key, row.name) for row in north_star.versions.last().data.inputs]
    return Checkup.open_for(north_star, mode=mode, deadline=kwargs.get("deadline"), inputs=inputs, by=by)


def answer_data(checkup: Checkup, score: int = 4, *, trace: int | None = None, confidence: int = 4, comment: str = ""):
    data = {f"signal_{signal.key}": str(score) for signal in SIGNALS}
    if trace is not None:
        data["signal_trace"] = str(trace)
    data.update({f"confidence_{key}": str(confidence) for key, _ in checkup.inputs})
    data["strategy"] = "yes"
    if comment:
        data["comment_decisions"] = comment
    return data


def answer(client: Client, checkup: Checkup, **kwargs):
    return client.post(checkup.get_absolute_url(), answer_data(checkup, **kwargs))


def answered_by(users, checkup: Checkup, **kwargs) -> None:
    for user in users:
        response = answer(client_for(user), checkup, **kwargs)
        assert response.status_code == 302, response.content.decode()[:2000]
