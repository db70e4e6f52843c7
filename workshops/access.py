"""Who is looking, and what they may do: the one place views and consumers ask."""

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from accounts.access import is_team_member
from accounts.models import User

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
    user: User | None = None
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
    def me(self) -> Participant:
        """The participant this viewer is, for code that has checked they are one (may_contribute)."""
        if self.participant is None:
            raise PermissionDenied("Only participants can do this.")
        return self.participant

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


def may_review(user, workshop: Workshop) -> bool:
    """Who sees a workshop's record and runs it: its facilitators and its team's members."""
    if user is None or not user.is_authenticated:
        return False
    return (
        user.pk == workshop.facilitator_id
        or is_team_member(user, workshop.team_id)
        or workshop.co_facilitators.filter(pk=user.pk).exists()
    )


# What views ask ----------------------------------------------------------------------


def participant_viewer(request: HttpRequest, code: str) -> Viewer | None:
    """The participant this browser is in this workshop, or None (also when there is no such workshop)."""
    return resolve_participant(code, request.user, request.session)


def facilitator_viewer(request: HttpRequest, code: str, *, lock: bool = False) -> Viewer:
    """The workshop for someone who facilitates it.

    A participant of this workshop gets 403; anyone else 404, so that strangers
    do not learn that the workshop exists.

    With `lock`, the workshop row is locked until the transaction ends, so two
    facilitator tabs acting at once are applied one after the other.
    """
    workshop = workshop_with_code(code, lock=lock)
    if workshop is None:
        raise Http404("No workshop here.")
    viewer = resolve_viewer(workshop, request.user, request.session)
    if viewer.is_facilitator:
        return viewer
    if viewer.is_participant:
        raise PermissionDenied("Only the facilitators can do this.")
    raise Http404("No workshop here.")


class Refused(Exception):
    """This viewer may not make this write now; the message says why, in words for a person."""


def contributor_viewer(request: HttpRequest, code: str, doing: str, *, lock: bool = False) -> Viewer:
    """The participant behind this request, if they may write now (`doing` names the write for the refusal).

    With `lock`, the workshop row is locked, so the check and the write see the same segment.
    """
    viewer = participant_viewer(request, code)
    if viewer is None:
        raise Refused("Join the workshop first.")
    if viewer.is_observer:
        raise Refused(f"Observers follow along but do not {doing}.")
    if not viewer.may_contribute:
        raise Refused("The workshop is not running right now.")
    if lock:
        workshops = Workshop.objects.select_for_update(of=("self",)).select_related("facilitator")
        viewer = Viewer(workshops.get(pk=viewer.workshop.pk), viewer.user, viewer.participant, viewer.is_facilitator)
    return viewer
