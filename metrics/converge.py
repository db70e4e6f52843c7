"""Evaluate and converge: scores, dots, and the team's North Star.

Scores and dots are private until the facilitator reveals them. Dots are a
limited resource: each placement locks the participant's row and takes the
lowest free numbered slot, and a unique constraint on (participant, slot)
backs the limit in the database itself.
"""

from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from typing import NamedTuple

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from northstar.forms import posted_choice, posted_flag, posted_optional_row, posted_row
from northstar.requests import HtmxRequest
from workshops.access import Viewer, facilitator_viewer
from workshops.broadcast import own_tabs_changed, workshop_changed
from workshops.checklist import CHECKLIST
from workshops.facilitation import facilitator_response
from workshops.models import Participant, Segment

from .access import contributor
from .forms import NORTH_STAR_FIELDS, DefinitionForm, InitiativeForm, OpportunityForm, RatingsForm, VotingSettingsForm
from .live import CandidatesView
from .models import MIN_INPUTS, Candidate, CandidateBoard, Initiative, Input, NorthStar, Opportunity, Proxy, Score, Vote
from .signals import north_star_adopted
from .views import (
    CANDIDATE_REGIONS,
    apply_field,
    facilitator_changed,
    field_status,
    field_target,
    participant_response,
    save_posted_fields,
)

CRITERIA = {criterion.key for criterion in CHECKLIST}
GREENFIELD_SECONDS = 120


def lock_dots_of(participant: Participant) -> None:
    """Serialise this person's dot requests (two tabs, fast clicks): they queue on the row lock."""
    list(Participant.objects.select_for_update().filter(pk=participant.pk).values_list("pk", flat=True))


def dots_placed(participant: Participant) -> list[tuple[int, int, int]]:
    """This person's dots as (id, slot, candidate id), the latest slot first."""
    return list(
        Vote.objects.filter(participant=participant).order_by("-slot").values_list("pk", "slot", "candidate_id")
    )


def board_candidate(viewer: Viewer, candidate_id) -> tuple[CandidateBoard, Candidate, list[Candidate]]:
    """The revealed board, a candidate on it and the whole board, during the evaluate segment, or refused.

    The board's candidates come as ids and names only: what a dot's answer shows of each.
    """
    board = (
        CandidateBoard.objects.filter(
            workshop=viewer.workshop, revealed_at__isnull=False, workshop__current_segment__kind=Segment.Kind.EVALUATE
        )
        .order_by("pk")
        .first()
    )
    if board is None:
        raise PermissionDenied("Scoring and voting happen on the revealed board, during the evaluation.")
    on_board = list(Candidate.objects.on_board(board).only("pk", "metric_name"))
    try:
        wanted = int(candidate_id)
    except (TypeError, ValueError):
        wanted = None
    candidate = next((c for c in on_board if c.pk == wanted), None)
    if candidate is None:
        raise Http404("No such candidate on the board.")
    return board, candidate, on_board


@require_POST
def score(request: HtmxRequest, code: str) -> HttpResponse:
    """Save this participant's ratings of one candidate: one value (0, 1, 2) per criterion key posted."""
    viewer = contributor(request, code)
    board, candidate, _ = board_candidate(viewer, request.POST.get("candidate"))
    if board.scores_revealed:
        raise PermissionDenied("The ratings are revealed; rating is closed.")
    form = RatingsForm(request.POST)
    if not form.is_valid():
        raise Http404("Rate with no, partly or yes.")
    ratings = {key: value for key, value in form.cleaned_data.items() if value is not None}
    if not ratings:
        raise Http404("Rate with no, partly or yes.")
    with transaction.atomic():
        for criterion, value in ratings.items():
            Score.objects.update_or_create(
                candidate=candidate, participant=viewer.me, criterion=criterion, defaults={"value": value}
            )
        # The facilitator's count of who has rated; participants' pages do not change.
        workshop_changed(viewer.workshop, "candidates", participants=[])
    if request.htmx:
        # The radio the person clicked already shows their answer; re-rendering would only
        # replace the buttons under their pointer. Say that it is saved, beside the grid.
        context = {"candidate": candidate, "saved_at": timezone.now(), "oob": True}
        return HttpResponse(render_to_string("metrics/_score_status.html", context))
    return participant_response(request, viewer, ("candidates",))


class DotRefused(Exception):
    pass


class Dots(NamedTuple):
    """What a placement or take-back did, and the person's dots per candidate after it.

    Read under the lock that serialises the person's dots, so the answer needs no second read.
    """

    changed: bool
    mine: dict[int, int]


def place_dot(participant: Participant, candidate: Candidate, board: CandidateBoard) -> Dots:
    """Place one dot, within the limit, whatever else happens at the same moment."""
    with transaction.atomic():
        # Serialises this person's dot requests: two tabs or fast clicks queue here.
        lock_dots_of(participant)
        placed = [(slot, on) for _, slot, on in dots_placed(participant)]
        used = {slot for slot, _ in placed}
        if len(used) >= board.dots_per_person:
            raise DotRefused(f"You have placed all {board.dots_per_person} of your dots.")
        if not board.several_dots_per_candidate and any(on == candidate.pk for _, on in placed):
            raise DotRefused("One dot per candidate in this workshop.")
        slot = min(set(range(1, board.dots_per_person + 1)) - used)
        try:
            Vote.objects.create(participant=participant, candidate=candidate, slot=slot)
        except IntegrityError:
            # Leaving the block with an error rolls the whole placement back: no savepoint needed.
            raise DotRefused("That dot was already placed.") from None
    return Dots(changed=True, mine=dots_by_candidate([on for _, on in placed] + [candidate.pk]))


def take_dot(participant: Participant, candidate: Candidate) -> Dots:
    """Take back one of this person's dots from the candidate, if they placed any there."""
    with transaction.atomic():
        lock_dots_of(participant)
        placed = [(pk, on) for pk, _, on in dots_placed(participant)]
        taken = next((pk for pk, on in placed if on == candidate.pk), None)
        if taken is not None:
            Vote.objects.filter(pk=taken).delete()
    return Dots(changed=taken is not None, mine=dots_by_candidate([on for pk, on in placed if pk != taken]))


def dots_by_candidate(candidate_ids: list[int]) -> dict[int, int]:
    return dict(Counter(candidate_ids))


@require_POST
def vote(request: HtmxRequest, code: str) -> HttpResponse:
    viewer = contributor(request, code)
    board, candidate, on_board = board_candidate(viewer, request.POST.get("candidate"))
    if board.votes_revealed:
        raise PermissionDenied("The dots are revealed; voting is closed.")
    dots = refusal = None
    try:
        action = posted_choice(request.POST, "action", ("place", "take"), default="place", message="Place or take.")
        dots = take_dot(viewer.me, candidate) if action == "take" else place_dot(viewer.me, candidate, board)
    except DotRefused as refused:
        # Say why nothing happened: beside the dots left on the page, or as a message without htmx.
        refusal = str(refused)
        if not request.htmx:
            messages.error(request, refusal)
    else:
        if dots.changed:
            workshop_changed(viewer.workshop, "candidates", participants=[])
            # The voter's other tabs show the same dots left within a moment.
            own_tabs_changed(viewer.workshop, viewer.me.pk, "dots")
    if not request.htmx:
        return participant_response(request, viewer, ("candidates",))
    # A dot changes only the voter's dot counts, not the ratings grids and trees around them:
    # answer with those alone instead of their whole board.
    cv = CandidatesView(viewer, "evaluate", board=board, on_board=on_board, my_dots=dots.mine if dots else None)
    context = {"cv": cv, "workshop": viewer.workshop, "refusal": refusal}
    return HttpResponse(render_to_string("metrics/_vote_answer.html", context, request=request))


# Facilitator: settings and reveals ------------------------------------------------


@require_POST
def voting_settings(request: HtmxRequest, code: str) -> HttpResponse:
    form = VotingSettingsForm(request.POST)
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        board = CandidateBoard.for_workshop(viewer.workshop)
        if form.is_valid():
            board.dots_per_person = form.cleaned_data["dots_per_person"]
            board.several_dots_per_candidate = form.cleaned_data["several_dots_per_candidate"]
            board.save(update_fields=["dots_per_person", "several_dots_per_candidate"])
            facilitator_changed(viewer)
    return facilitator_response(request, viewer, CANDIDATE_REGIONS)


@require_POST
def reveal(request: HtmxRequest, code: str, what: str) -> HttpResponse:
    field = {"scores": "scores_revealed_at", "votes": "votes_revealed_at"}.get(what)
    if field is None:
        raise Http404("Nothing to reveal.")
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        board = CandidateBoard.for_workshop(viewer.workshop)
        setattr(board, field, None if posted_flag(request.POST, "hide") else (getattr(board, field) or timezone.now()))
        board.save(update_fields=[field])
        facilitator_changed(viewer)
    return facilitator_response(request, viewer, CANDIDATE_REGIONS)


# Facilitator: building the team's North Star ---------------------------------------


def team_north_star(viewer: Viewer, *, lock: bool = False) -> NorthStar:
    north_stars = NorthStar.objects.select_related("statement")
    if lock:
        north_stars = north_stars.select_for_update(of=("self",))
    north_star = north_stars.filter(workshop=viewer.workshop).first()
    if north_star is None:
        raise Http404("Start the team's North Star first.")
    return north_star


# Once adopted, the North Star is the team's: a change is a new version in the library.
ADOPTED_IS_READ_ONLY = (
    "The team has adopted this North Star, so it no longer changes here. "
    "To change it, revise it in the library: that saves a new version."
)


def adopted_refusal(request: HtmxRequest, viewer: Viewer, north_star: NorthStar, field: str | None) -> HttpResponse:
    """Refuse a change to an adopted North Star and say why: beside the field typed in, or on the page."""
    if request.htmx and field is not None:
        element_id = f"c{north_star.statement_id}-{field}"
        return field_status(request, north_star.statement, element_id, error=ADOPTED_IS_READ_ONLY)
    if not request.htmx:
        messages.error(request, ADOPTED_IS_READ_ONLY)
    return facilitator_response(request, viewer, CANDIDATE_REGIONS)


@require_POST
def north_star_start(request: HtmxRequest, code: str) -> HttpResponse:
    """Begin the team's North Star from a shared candidate (copied, so the candidate stays as it was) or blank."""
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        workshop = viewer.workshop
        source = posted_optional_row(
            request.POST,
            "candidate",
            Candidate.objects.filter(workshop=workshop, shared_at__isnull=False),
            message="That candidate is not on the shared board.",
        )
        existing = NorthStar.objects.filter(workshop=workshop).select_related("statement").first()
        if existing is not None and existing.is_adopted:
            raise PermissionDenied("The team has adopted its North Star; edit that one.")
        statement = Candidate.objects.create(
            workshop=workshop,
            is_team=True,
            observation=source.observation if source else "",
            measure=source.measure if source else "",
            metric_name=source.metric_name if source else "",
            metric_definition=source.metric_definition if source else "",
        )
        inputs = list(source.inputs.all()) if source else []
        Input.objects.bulk_create(
            Input(candidate=statement, position=i, name=x.name, definition=x.definition, heuristic=x.heuristic)
            for i, x in enumerate(inputs or [Input()] * MIN_INPUTS)
        )
        if existing is not None:
            old = existing.statement
            existing.statement = statement
            existing.save(update_fields=["statement"])
            old.delete()
            north_star = existing
        else:
            north_star = NorthStar.objects.create(workshop=workshop, statement=statement, game=workshop.game or "")
        if source is not None:
            north_star.built_from.add(source)
            Proxy.carry(statement, [source])  # shown while the team converges, kept when it adopts
        facilitator_changed(viewer)
    return facilitator_response(request, viewer, CANDIDATE_REGIONS)


@require_POST
def north_star_save(request: HtmxRequest, code: str) -> HttpResponse:
    """A field of the team's North Star as the facilitator types: the metric, an input, or the notes around them."""
    name = request.POST.get("field")
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        north_star = team_north_star(viewer, lock=True)
        if north_star.is_adopted:
            return adopted_refusal(request, viewer, north_star, name)
        candidate = north_star.statement
        if name is None:
            for error in save_posted_fields(request, candidate, extra=(north_star, NORTH_STAR_FIELDS)):
                messages.error(request, error)
            facilitator_changed(viewer)
            return facilitator_response(request, viewer, CANDIDATE_REGIONS)
        target: Model
        if name in NORTH_STAR_FIELDS:
            target, attribute, allowed = north_star, name, NORTH_STAR_FIELDS
        else:
            target, attribute, allowed = field_target(candidate, name)
        response, saved = apply_field(request, candidate, name, target, attribute, allowed)
        if saved:
            # Everyone watches the North Star take shape; the facilitator's own field is preserved while typing.
            workshop_changed(viewer.workshop, "candidates")
    return response


@require_POST
def north_star_input(request: HtmxRequest, code: str) -> HttpResponse:
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        north_star = team_north_star(viewer, lock=True)
        if north_star.is_adopted:
            return adopted_refusal(request, viewer, north_star, None)
        statement = north_star.statement
        gone = posted_optional_row(
            request.POST, "remove", statement.inputs.all(), message="That input is already gone."
        )
        if gone is not None:
            gone.delete()
        elif statement.inputs.count() < 8:
            Input.objects.create(candidate=statement, position=statement.inputs.count())
        facilitator_changed(viewer)
    return facilitator_response(request, viewer, CANDIDATE_REGIONS)


@require_POST
def north_star_runner_up(request: HtmxRequest, code: str) -> HttpResponse:
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        north_star = team_north_star(viewer, lock=True)
        if north_star.is_adopted:
            return adopted_refusal(request, viewer, north_star, None)
        candidate = posted_row(
            request.POST,
            "candidate",
            Candidate.objects.filter(workshop=viewer.workshop, shared_at__isnull=False),
            message="That candidate is not on the shared board.",
        )
        if north_star.runners_up.filter(pk=candidate.pk).exists():
            north_star.runners_up.remove(candidate)
        else:
            north_star.runners_up.add(candidate)
        facilitator_changed(viewer)
    return facilitator_response(request, viewer, CANDIDATE_REGIONS)


@require_POST
def north_star_definition(request: HtmxRequest, code: str) -> HttpResponse:
    """Save the answers to the precise-definition questions; they become part of the adopted version."""
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        north_star = team_north_star(viewer, lock=True)
        if north_star.is_adopted:
            return adopted_refusal(request, viewer, north_star, None)
        form = DefinitionForm(request.POST)
        if not form.is_valid():
            return form_refused(request, form, "definition-error", lambda: facilitator_response(request, viewer, ()))
        north_star.definition_answers = form.answers()
        north_star.company_stage = form.cleaned_data["company_stage"]
        north_star.save(update_fields=["definition_answers", "company_stage"])
        facilitator_changed(viewer)
    return facilitator_response(request, viewer, CANDIDATE_REGIONS)


@require_POST
def north_star_adopt(request: HtmxRequest, code: str) -> HttpResponse:
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        north_star = team_north_star(viewer, lock=True)
        problems = north_star.statement.share_problems()
        if not problems and not north_star.is_adopted:
            north_star.adopted_at = timezone.now()
            north_star.save(update_fields=["adopted_at"])
            # Marks made on the candidates since (or on inputs renamed back) become the North Star's.
            Proxy.carry(north_star.statement, north_star.built_from.all())
            # The library keeps version 1 of the team's history: the North Star as adopted.
            north_star_adopted.send(sender=NorthStar, north_star=north_star, author=viewer.user)
            facilitator_changed(viewer)
    if problems:
        if request.htmx:
            return HttpResponse(
                render_to_string("metrics/_adopt_problems.html", {"problems": problems}, request=request)
            )
        for problem in problems:
            messages.error(request, problem)
    return facilitator_response(request, viewer, CANDIDATE_REGIONS)


# Input tests --------------------------------------------------------------------


@require_POST
def greenfield_start(request: HtmxRequest, code: str) -> HttpResponse:
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        north_star = team_north_star(viewer, lock=True)
        item = posted_row(request.POST, "input", north_star.statement.inputs.all(), message="That input is gone.")
        north_star.greenfield_input = item
        north_star.greenfield_ends_at = timezone.now() + timedelta(seconds=GREENFIELD_SECONDS)
        north_star.save(update_fields=["greenfield_input", "greenfield_ends_at"])
        facilitator_changed(viewer)
    return facilitator_response(request, viewer, CANDIDATE_REGIONS)


@require_POST
def opportunity_add(request: HtmxRequest, code: str) -> HttpResponse:
    viewer = contributor(request, code)
    north_star = team_north_star(viewer)
    item = north_star.greenfield_input
    if item is None or not north_star.greenfield_open(timezone.now()):
        raise PermissionDenied("The greenfield round is over.")
    form = OpportunityForm(request.POST)
    if not form.is_valid():
        return form_refused(request, form, "opportunity-error", lambda: participant_response(request, viewer, ()))
    with transaction.atomic():
        Opportunity.objects.create(item=item, participant=viewer.me, text=form.cleaned_data["text"])
        workshop_changed(viewer.workshop, "candidates")
    return participant_response(request, viewer, ("candidates",))


def form_refused(request: HtmxRequest, form, error_id: str, page: Callable[[], HttpResponse]) -> HttpResponse:
    """Say why a form was refused: beside it (htmx keeps what was typed), or as a message on the page."""
    errors = [str(error) for errors in form.errors.values() for error in errors]
    if request.htmx:
        context = {"error_id": error_id, "errors": errors}
        return HttpResponse(render_to_string("metrics/_form_error.html", context), status=400)
    for error in errors:
        messages.error(request, error)
    return page()


@require_POST
def initiative(request: HtmxRequest, code: str) -> HttpResponse:
    """Roadmap check: add an initiative linked to an input (or to none), or remove one."""
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        north_star = team_north_star(viewer, lock=True)
        initiatives = north_star.initiatives.all()
        gone = posted_optional_row(request.POST, "remove", initiatives, message="That initiative is gone.")
        if gone is not None:
            gone.delete()
        else:
            form = InitiativeForm(request.POST, inputs=north_star.statement.inputs.all())
            if not form.is_valid():
                return form_refused(
                    request, form, "initiative-error", lambda: facilitator_response(request, viewer, ())
                )
            Initiative.objects.create(
                north_star=north_star, name=form.cleaned_data["name"], item=form.cleaned_data["input"]
            )
        facilitator_changed(viewer)
    return facilitator_response(request, viewer, CANDIDATE_REGIONS)
