"""Who is looking, and what they may do: the one place views and consumers ask."""

from dataclasses import dataclass
from enum import StrEnum

from accounts.models import Membership

from .models import Participant, Workshop, workshop_with_code

SESSION_PARTICIPANTS = "participants"


class Page(StrEnum):
    """The pages that hold a live socket."""

    FACILITATE = "facilitate"
    PARTICIPANT = "participant"
    PRESENT = "present"


@dataclass(frozen=True)
class Viewer:
    workshop: Workshop
    user: object | None = None
    participant: Participant | None = None
    # Owner, co-facilitator account, or participant promoted to co-facilitate.
    is_facilitator: bool = False

    @property
    def is_owner(self) -> bool:
        return self.user is not None and self.user.pk == self.workshop.facilitator_id

    @property
    def is_participant(self) -> bool:
        return self.participant is not None

    @property
    def is_observer(self) -> bool:
        return self.participant is not None and self.participant.is_observer

    @property
    def may_contribute(self) -> bool:
        """Submit, score, vote, post notes: participants, not observers, while the workshop is live."""
        return self.participant is not None and not self.participant.is_observer and self.workshop.is_live

    @property
    def name(self) -> str:
        if self.participant is not None:
            return self.participant.display_name
        if self.user is not None:
            return self.user.name
        return ""

    def may_open(self, page: str) -> bool:
        if page in (Page.FACILITATE, Page.PRESENT):
            return self.is_facilitator
        if page == Page.PARTICIPANT:
            return self.is_participant
        return False


def participant_id_from_session(session, workshop: Workshop) -> int | None:
    return session.get(SESSION_PARTICIPANTS, {}).get(str(workshop.pk))


def remember_participant(session, participant: Participant) -> None:
    joined = dict(session.get(SESSION_PARTICIPANTS, {}))
    joined[str(participant.workshop_id)] = participant.pk
    session[SESSION_PARTICIPANTS] = joined


def resolve_viewer(workshop: Workshop, user, session, active: dict[int, Participant] | None = None) -> Viewer:
    """Find who this request or socket is, for this workshop. Synchronous (touches the database).

    A removed participant resolves to no participant at all. `active` (the workshop's
    active participants by id, read once for many sockets) saves a query per socket.
    """
    participant = None
    participant_id = participant_id_from_session(session, workshop)
    if participant_id is not None:
        if active is not None:
            participant = active.get(participant_id)
        else:
            participant = workshop.participants.active().filter(pk=participant_id).first()
    if user is not None and not user.is_authenticated:
        user = None
    # Team members run their team's workshops as co-facilitators do.
    is_facilitator = bool(
        (user is not None and may_review(user, workshop)) or (participant is not None and participant.is_co_facilitator)
    )
    return Viewer(workshop=workshop, user=user, participant=participant, is_facilitator=is_facilitator)


def resolve_participant(code: str, user, session) -> Viewer | None:
    """The participant this browser is in the workshop with this code, or None (also: no such workshop).

    Participants have no accounts: their session names them, workshop by workshop. For such
    a browser the participant and their workshop come in one read, on every request they make
    (autosaves, dots, notes); anyone else goes through `resolve_viewer`.
    """
    joined = session.get(SESSION_PARTICIPANTS, {})
    if joined and (user is None or not user.is_authenticated):
        ids = [pk for pk in joined.values() if isinstance(pk, int)]
        participant = (
            Participant.objects.active().select_related("workshop").filter(workshop__code=code, pk__in=ids).first()
        )
        if participant is None:
            return None
        # resolve_viewer checks the session names this person for this workshop; no more reads.
        viewer = resolve_viewer(participant.workshop, user, session, active={participant.pk: participant})
    else:
        workshop = workshop_with_code(code)
        if workshop is None:
            return None
        viewer = resolve_viewer(workshop, user, session)
    return viewer if viewer.is_participant else None


def was_removed(session, workshop: Workshop) -> bool:
    participant_id = participant_id_from_session(session, workshop)
    return (
        participant_id is not None
        and workshop.participants.filter(pk=participant_id, removed_at__isnull=False).exists()
    )


# After the workshop: the team's library -------------------------------------------------


def is_team_member(user, team_id: int | None) -> bool:
    """Whether this signed-in user belongs to the team. No team, no members."""
    if user is None or not user.is_authenticated or team_id is None:
        return False
    return Membership.objects.filter(team_id=team_id, user=user).exists()


def may_review(user, workshop: Workshop) -> bool:
    """Who sees a workshop's record and runs it: its facilitators and its team's members."""
    if user is None or not user.is_authenticated:
        return False
    return (
        user.pk == workshop.facilitator_id
        or is_team_member(user, workshop.team_id)
        or workshop.co_facilitators.filter(pk=user.pk).exists()
    )


def may_see_north_star(user, north_star) -> bool:
    """A team's North Star is for its team, and for whoever may review the workshop it came from."""
    if is_team_member(user, north_star.team_id):
        return True
    return north_star.workshop is not None and may_review(user, north_star.workshop)
