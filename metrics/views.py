"""Candidates: participants draft and refine them, the facilitator pairs people and reveals the board.

Participants write over HTTP; each save is one transaction that locks the
candidate row, and the notice that follows names only regions (and, for
private work, the participants whose pages need them).
"""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from northstar.forms import posted_choice, posted_flag, posted_row
from northstar.requests import HtmxRequest
from workshops.access import Page, Viewer, facilitator_viewer
from workshops.broadcast import workshop_changed
from workshops.facilitation import facilitator_response
from workshops.live import render_regions

from .access import contributor
from .forms import (
    CANDIDATE_FIELDS,
    INPUT_FIELDS,
    BoardSettingsForm,
    CopyInputForm,
    FieldForm,
    PairMoveForm,
    ProxyMarkForm,
)
from .models import MAX_DRAFT_INPUTS, MIN_INPUTS, Candidate, CandidateBoard, Input, Pair, PairMember, Proxy
from .pairing import make_pairs, move_to_pair
from .vanity import vanity_hints

CANDIDATE_REGIONS = ("candidates", "progress", "pairwork")


def owners_of(candidate: Candidate) -> list[int]:
    if candidate.pair_id:
        return list(PairMember.objects.filter(pair_id=candidate.pair_id).values_list("participant_id", flat=True))
    return [candidate.author_id] if candidate.author_id is not None else []


def own_candidate(viewer: Viewer, candidate_id: int) -> Candidate:
    """A candidate this participant writes (their own draft or their pair's), locked until the transaction ends."""
    candidate = Candidate.objects.select_for_update().filter(workshop=viewer.workshop, pk=candidate_id).first()
    if candidate is None or viewer.me.pk not in owners_of(candidate):
        raise Http404("No such candidate.")
    candidate.workshop = viewer.workshop  # read already, with the participant
    return candidate


def my_pair(viewer: Viewer) -> Pair | None:
    membership = PairMember.objects.filter(participant=viewer.participant).select_related("pair").first()
    return membership.pair if membership else None


def participant_response(request: HtmxRequest, viewer: Viewer, regions: tuple[str, ...]) -> HttpResponse:
    if request.htmx:
        return HttpResponse(render_regions(viewer, Page.PARTICIPANT, regions, answer=True))
    return redirect(viewer.workshop.get_participant_url())


def structure_changed(candidate: Candidate) -> None:
    """Owners re-render their worksheet; the facilitator's progress and the board follow."""
    assert candidate.workshop is not None  # written in a workshop; only imported North Stars have none
    workshop_changed(candidate.workshop, *CANDIDATE_REGIONS, participants=owners_of(candidate))


# Participants ------------------------------------------------------------------


@require_POST
def candidate_new(request: HtmxRequest, code: str) -> HttpResponse:
    viewer = contributor(request, code)
    with transaction.atomic():
        if posted_choice(request.POST, "owner", ("me", "pair"), default="me", message="Whose draft?") == "pair":
            pair = my_pair(viewer)
            if pair is None:
                raise PermissionDenied("You are not in a pair yet.")
            candidate = Candidate.objects.create(workshop=viewer.workshop, pair=pair)
        else:
            candidate = Candidate.objects.create(workshop=viewer.workshop, author=viewer.participant)
        Input.objects.bulk_create(Input(candidate=candidate, position=i) for i in range(MIN_INPUTS))
        structure_changed(candidate)
    return participant_response(request, viewer, ("candidates", "pairwork"))


@require_POST
def candidate_save(request: HtmxRequest, code: str, candidate_id: int) -> HttpResponse:
    """One field as the person types (`field` names it), or the whole form without JavaScript."""
    viewer = contributor(request, code)
    if "field" not in request.POST:
        return save_whole_candidate(request, viewer, candidate_id)
    with transaction.atomic():
        candidate = own_candidate(viewer, candidate_id)
        name = request.POST["field"]
        target, attribute, allowed = field_target(candidate, name)
        was_started = candidate.is_started
        response, saved = apply_field(request, candidate, name, target, attribute, allowed)
        if saved:
            if target is not candidate:
                candidate.save(update_fields=["updated_at"])
            if candidate.pair_id:
                workshop_changed(viewer.workshop, "pairwork", participants=owners_of(candidate))
            elif candidate.is_started != was_started:
                workshop_changed(viewer.workshop, "progress", participants=[])
    return response


def apply_field(request, candidate, name, target, attribute, allowed) -> tuple[HttpResponse, bool]:
    """Validate and save one field typed into a candidate's form; answer with its status line.

    `base` is the text the person started from: if the field changed since, the
    save is refused so that nobody's words are silently replaced.
    """
    data = {"field": attribute, "value": request.POST.get(name, ""), "base": request.POST.get("base")}
    form = FieldForm(data, fields=allowed)
    element_id = f"c{candidate.pk}-{name}"
    if not form.is_valid():
        message = " ".join(str(m) for errors in form.errors.values() for m in errors)
        return field_status(request, candidate, element_id, error=message), False
    value, base = form.cleaned_data["value"], form.cleaned_data["base"]
    current = getattr(target, attribute)
    if current != base and current != value and "base" in request.POST:
        return field_status(request, candidate, element_id, conflict=current), False
    setattr(target, attribute, value)
    target.save(update_fields=[attribute])
    return field_status(request, candidate, element_id, saved=value), True


def field_target(candidate: Candidate, field: str) -> tuple[Model, str, dict]:
    """Map a form field name ("metric_name", "i12-definition") to the row and attribute it edits."""
    if field in CANDIDATE_FIELDS:
        return candidate, field, CANDIDATE_FIELDS
    prefix, _, attribute = field.partition("-")
    if prefix.startswith("i") and prefix[1:].isdigit() and attribute in INPUT_FIELDS:
        item = candidate.inputs.filter(pk=int(prefix[1:])).first()
        if item is not None:
            return item, attribute, INPUT_FIELDS
    raise Http404("No such field.")


def field_status(request, candidate, element_id, *, saved=None, error="", conflict=None) -> HttpResponse:
    context = {
        "element_id": element_id,
        "candidate": candidate,
        "saved": saved,
        "error": error,
        "conflict": conflict,
        "saved_at": timezone.now(),
        "hints": vanity_hints(candidate.metric_name, candidate.metric_definition),
    }
    # A status line and hints: nothing in it needs the request (no form, no token, no user).
    response = HttpResponse(render_to_string("metrics/_field_status.html", context))
    if error or conflict is not None:
        refused = {"id": element_id} | ({"current": conflict} if conflict is not None else {})
        response["HX-Trigger"] = json.dumps({"fieldRefused": refused})
    return response


def save_whole_candidate(request: HtmxRequest, viewer: Viewer, candidate_id: int) -> HttpResponse:
    with transaction.atomic():
        candidate = own_candidate(viewer, candidate_id)
        errors = save_posted_fields(request, candidate)
        structure_changed(candidate)
    for error in errors:
        messages.error(request, error)
    return participant_response(request, viewer, ("candidates", "pairwork"))


def save_posted_fields(request: HttpRequest, candidate: Candidate, extra=None) -> list[str]:
    """Without JavaScript a whole form arrives at once: save every known field in it, return the refusals.

    `extra` is (row, fields) for fields kept beside the candidate (the team North Star's notes).
    """
    targets = [(name, *field_target(candidate, name)) for name in candidate_field_names(candidate)]
    if extra is not None:
        row, fields = extra
        targets += [(name, row, name, fields) for name in fields]
    errors: list[str] = []
    for name, target, attribute, allowed in targets:
        if name not in request.POST:
            continue
        form = FieldForm({"field": attribute, "value": request.POST[name]}, fields=allowed)
        if form.is_valid():
            setattr(target, attribute, form.cleaned_data["value"])
            target.save(update_fields=[attribute])
        else:
            errors.extend(str(m) for errs in form.errors.values() for m in errs)
    return errors


def candidate_field_names(candidate: Candidate) -> list[str]:
    return [*CANDIDATE_FIELDS, *(f"i{item.pk}-{a}" for item in candidate.inputs.all() for a in INPUT_FIELDS)]


@require_POST
def input_add(request: HtmxRequest, code: str, candidate_id: int) -> HttpResponse:
    viewer = contributor(request, code)
    with transaction.atomic():
        candidate = own_candidate(viewer, candidate_id)
        count = candidate.inputs.count()
        # Drafts may go past five (the page says so); sharing is where the limit bites.
        if count < MAX_DRAFT_INPUTS:
            Input.objects.create(candidate=candidate, position=count)
        structure_changed(candidate)
    return participant_response(request, viewer, ("candidates", "pairwork"))


@require_POST
def input_remove(request: HtmxRequest, code: str, input_id: int) -> HttpResponse:
    viewer = contributor(request, code)
    with transaction.atomic():
        item = get_object_or_404(Input.objects.select_related("candidate"), pk=input_id)
        candidate = own_candidate(viewer, item.candidate_id)
        item.delete()
        structure_changed(candidate)
    return participant_response(request, viewer, ("candidates", "pairwork"))


@require_POST
def candidate_proxy(request: HtmxRequest, code: str, candidate_id: int) -> HttpResponse:
    """Mark the candidate's metric or one of its inputs as measured by a proxy for now, or take the mark off.

    The pressed button says which: "mark:metric", "unmark:i12"; a node's fields carry the prefix
    "proxy-<node>", so every row of the editor has its own. Only the
    candidate's owners reach it, so a draft's marks stay as private as the draft.
    """
    viewer = contributor(request, code)
    with transaction.atomic():
        candidate = own_candidate(viewer, candidate_id)
        action, _, node = request.POST.get("proxy", "").partition(":")
        where = proxy_target(candidate, node)
        if action == "unmark":
            Proxy.objects.filter(**where).delete()
            message = ""
        else:
            form = ProxyMarkForm(request.POST, prefix=f"proxy-{node}")
            if not form.is_valid():
                message = " ".join(str(m) for errors in form.errors.values() for m in errors)
                return proxy_refusal(request, viewer, candidate, node, message)
            Proxy.objects.update_or_create(**where, defaults=form.cleaned_data)
        if candidate.shared_at is not None:
            workshop_changed(viewer.workshop, *CANDIDATE_REGIONS)  # the board shows the mark to everyone
        else:
            structure_changed(candidate)
    return participant_response(request, viewer, ("candidates", "pairwork"))


def proxy_target(candidate: Candidate, node: str) -> dict:
    """Which proxy row a node of this candidate's editor names, as lookup arguments."""
    if node == "metric":
        return {"candidate": candidate}
    if node.startswith("i") and node[1:].isdigit():
        item = candidate.inputs.filter(pk=int(node[1:])).first()
        if item is not None:
            return {"item": item}
    raise Http404("No such metric or input.")


def proxy_refusal(request: HtmxRequest, viewer: Viewer, candidate: Candidate, node: str, message: str) -> HttpResponse:
    if request.htmx:
        context = {"element_id": f"c{candidate.pk}-proxy-{node}", "error": message}
        return HttpResponse(render_to_string("metrics/_proxy_status.html", context))
    messages.error(request, message)
    return redirect(viewer.workshop.get_participant_url())


@require_POST
def candidate_delete(request: HtmxRequest, code: str, candidate_id: int) -> HttpResponse:
    viewer = contributor(request, code)
    with transaction.atomic():
        candidate = own_candidate(viewer, candidate_id)
        owners = owners_of(candidate)
        candidate.delete()
        workshop_changed(viewer.workshop, *CANDIDATE_REGIONS, participants=owners)
    return participant_response(request, viewer, ("candidates", "pairwork"))


@require_POST
def candidate_share(request: HtmxRequest, code: str, candidate_id: int) -> HttpResponse:
    viewer = contributor(request, code)
    with transaction.atomic():
        candidate = own_candidate(viewer, candidate_id)
        problems = candidate.share_problems()
        if not problems and candidate.shared_at is None:
            candidate.shared_at = timezone.now()
            candidate.save(update_fields=["shared_at"])
            # Everyone: the board (once revealed) and the facilitator's count change.
            workshop_changed(viewer.workshop, *CANDIDATE_REGIONS)
    if problems:
        if request.htmx:
            return HttpResponse(
                render_to_string(
                    "metrics/_share_problems.html", {"candidate": candidate, "problems": problems}, request=request
                )
            )
        for problem in problems:
            messages.error(request, problem)
    return participant_response(request, viewer, ("candidates", "pairwork"))


@require_POST
def pair_copy(request: HtmxRequest, code: str) -> HttpResponse:
    """Copy a partner's (or one's own) candidate, or one input, into the pair's work with one click."""
    viewer = contributor(request, code)
    pair = my_pair(viewer)
    if pair is None:
        raise PermissionDenied("You are not in a pair yet.")
    members = list(pair.members.values_list("participant_id", flat=True))
    with transaction.atomic():
        if "input" in request.POST:
            form = CopyInputForm(request.POST, inputs=Input.objects.filter(candidate__author_id__in=members))
            if not form.is_valid():
                raise Http404("That input or candidate is gone.")
            item, target = form.cleaned_data["input"], own_candidate(viewer, form.cleaned_data["into"])
            if target.pair_id != pair.pk:
                raise Http404("Copy into your pair's candidate.")
            rows = list(target.inputs.select_for_update())
            # Into the first empty row, where a person would type it; after the others if none is empty.
            blank = next((row for row in rows if row.is_blank), None)
            if blank is not None:
                blank.name, blank.definition, blank.heuristic = item.name, item.definition, item.heuristic
                blank.save(update_fields=["name", "definition", "heuristic"])
            elif len(rows) < MAX_DRAFT_INPUTS:
                Input.objects.create(
                    candidate=target,
                    position=len(rows),
                    name=item.name,
                    definition=item.definition,
                    heuristic=item.heuristic,
                )
        else:
            source = posted_row(
                request.POST,
                "candidate",
                Candidate.objects.prefetch_related("inputs").filter(author_id__in=members),
                message="That candidate is gone.",
            )
            target = Candidate.objects.create(
                workshop=viewer.workshop,
                pair=pair,
                observation=source.observation,
                measure=source.measure,
                metric_name=source.metric_name,
                metric_definition=source.metric_definition,
            )
            # The rows with something in them; empty ones make the copy start as a fresh candidate does.
            filled = [x for x in source.inputs.all() if not x.is_blank]
            filled += [Input()] * (MIN_INPUTS - len(filled))
            Input.objects.bulk_create(
                Input(candidate=target, position=i, name=x.name, definition=x.definition, heuristic=x.heuristic)
                for i, x in enumerate(filled)
            )
        structure_changed(target)
    return participant_response(request, viewer, ("candidates", "pairwork"))


# Facilitator ---------------------------------------------------------------------


def facilitator_changed(viewer: Viewer) -> None:
    workshop_changed(viewer.workshop, *CANDIDATE_REGIONS)


@require_POST
def board_settings(request: HtmxRequest, code: str) -> HttpResponse:
    form = BoardSettingsForm(request.POST)
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        board = CandidateBoard.for_workshop(viewer.workshop)
        if form.is_valid():
            board.anonymous = form.cleaned_data["anonymous"]
            board.include_individual = form.cleaned_data["include_individual"]
            board.save()
            facilitator_changed(viewer)
    return facilitator_response(request, viewer, CANDIDATE_REGIONS)


@require_POST
def pairs_make(request: HtmxRequest, code: str) -> HttpResponse:
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        make_pairs(viewer.workshop)
        facilitator_changed(viewer)
        workshop_changed(viewer.workshop, "pairwork")
    return facilitator_response(request, viewer, CANDIDATE_REGIONS)


@require_POST
def pair_move(request: HtmxRequest, code: str) -> HttpResponse:
    """Swap someone into another pair by hand, or add a latecomer."""
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        form = PairMoveForm(request.POST, workshop=viewer.workshop)
        if not form.is_valid():
            raise Http404("That person or pair is no longer in this workshop.")
        participant, pair = form.cleaned_data["participant"], form.cleaned_data["pair"]
        move_to_pair(participant, pair)
        facilitator_changed(viewer)
        workshop_changed(viewer.workshop, "pairwork")
    return facilitator_response(request, viewer, CANDIDATE_REGIONS)


@require_POST
def board_reveal(request: HtmxRequest, code: str) -> HttpResponse:
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        board = CandidateBoard.for_workshop(viewer.workshop)
        board.revealed_at = None if posted_flag(request.POST, "hide") else (board.revealed_at or timezone.now())
        board.save(update_fields=["revealed_at"])
        facilitator_changed(viewer)
    return facilitator_response(request, viewer, CANDIDATE_REGIONS)


@require_POST
def candidate_tidy(request: HtmxRequest, code: str, candidate_id: int) -> HttpResponse:
    """Merge a candidate into another, mark it a duplicate of another, or undo either."""
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        actions = ("restore", "merge", "duplicate")
        action = posted_choice(request.POST, "action", actions, message="Unknown action.")
        shared = Candidate.objects.filter(workshop=viewer.workshop, shared_at__isnull=False)
        candidate = get_object_or_404(shared, pk=candidate_id)
        if action == "restore":
            candidate.merged_into = candidate.duplicate_of = None
        else:
            other = posted_row(request.POST, "other", shared.exclude(pk=candidate.pk), message="No such candidate.")
            if action == "merge":
                candidate.merged_into = other
            else:
                candidate.duplicate_of = other
        candidate.save(update_fields=["merged_into", "duplicate_of"])
        facilitator_changed(viewer)
    return facilitator_response(request, viewer, CANDIDATE_REGIONS)
