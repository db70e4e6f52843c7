"""Who is looking, and what they may do: the one place views and consumers ask."""

from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser

from .models import Participant, Workshop

SESSION_PARTICIPANTS = "participants"


class Page(StrEnum):
    """The pages that hold a live socket."""

    FACILITATE = "facilitate"
    PARTICIPANT = "participant"


@dataclass(frozen=True)
class Viewer:
    workshop: Workshop
    user: object | None = None
    participant: Participant | None = None

    @property
    def is_facilitator(self) -> bool:
        user = self.user
        return bool(user and user.is_authenticated and user.pk == self.workshop.facilitator_id)

    @property
    def is_participant(self) -> bool:
        return self.participant is not None

    @property
    def name(self) -> str:
        if self.participant is not None:
            return self.participant.display_name
        if self.user is not None and self.user.is_authenticated:
            return self.user.name
        return ""

    def may_open(self, page: str) -> bool:
        if page == Page.FACILITATE:
            return self.is_facilitator
        if page == Page.PARTICIPANT:
            return self.is_participant and not self.workshop.is_ended
        return False


def participant_id_from_session(session, workshop: Workshop) -> int | None:
    return session.get(SESSION_PARTICIPANTS, {}).get(str(workshop.pk))


def remember_participant(session, participant: Participant) -> None:
    joined = dict(session.get(SESSION_PARTICIPANTS, {}))
    joined[str(participant.workshop_id)] = participant.pk
    session[SESSION_PARTICIPANTS] = joined


def resolve_viewer(workshop: Workshop, user, session) -> Viewer:
    """Find who this request or socket is, for this workshop. Synchronous (touches the database)."""
    participant = None
    participant_id = participant_id_from_session(session, workshop)
    if participant_id is not None:
        participant = workshop.participants.filter(pk=participant_id).first()
    if isinstance(user, AnonymousUser):
        user = None
    return Viewer(workshop=workshop, user=user, participant=participant)
