"""The segment activities: boards of notes, picking the game, the warm-up worksheets.

Participants write here (notes, picks, worksheet fields) and facilitators drive
(reveal, decide, group, show). Each write checks who may do it, validates with a
form, saves in a transaction and names the regions that changed; the consumers
re-render those regions for their own viewers.
"""

import json
from collections.abc import Callable

from django.contrib import messages
from django.db import transaction
from django.db.models import Model
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from northstar.forms import posted_flag
from northstar.requests import HtmxRequest

from .access import Page, Refused, Viewer, contributor_viewer, facilitator_viewer
from .broadcast import workshop_changed
from .facilitation import changed, facilitator_response
from .forms import (
    BeliefsForm,
    CoreValueForm,
    ExchangeRatingForm,
    GameDecisionForm,
    GamePickForm,
    NoteForm,
    PollAnswerForm,
    ValueExchangeForm,
    VisionForm,
    WarmUpMoveForm,
    WarmUpProductForm,
    WarmUpSplitForm,
    WarmUpToggleForm,
    WorksheetForm,
)
from .live import (
    BOARD_CHANGED,
    BOARD_OF_SEGMENT,
    DECISION_CHANGED,
    EXCHANGES_CHANGED,
    GAME_CHANGED,
    PAGE_TEMPLATES,
    WARM_UP_CHANGED,
    answer_version,
    page_context,
    render_regions,
)
from .models import (
    Belief,
    BeliefBoard,
    CoreValue,
    ExchangeRating,
    GamePick,
    Note,
    PollAnswer,
    Segment,
    ValueExchange,
    Vision,
    WarmUpGroup,
    Workshop,
)

# Answer to a write the viewer may not make: observers, removed people, a closed activity.
REFUSED = 403


def errors_of(form) -> str:
    return " ".join(message for errors in form.errors.values() for message in errors)


def current_kind(workshop: Workshop) -> str | None:
    if workshop.current_segment_id is None:
        return None
    return workshop.segments.filter(pk=workshop.current_segment_id).values_list("kind", flat=True).first()


def participant_response(
    request: HtmxRequest, viewer: Viewer, regions: tuple[str, ...], extra: dict | None = None
) -> HttpResponse:
    """The participant's updated regions for HTMX; the page again for a plain form post."""
    if not request.htmx:
        return redirect(viewer.workshop.get_participant_url())
    fresh = Workshop.objects.select_related("facilitator").get(pk=viewer.workshop.pk)
    viewer = Viewer(fresh, viewer.user, viewer.participant, viewer.is_facilitator)
    if extra:
        context = page_context(viewer, Page.PARTICIPANT) | extra
        template = PAGE_TEMPLATES[Page.PARTICIPANT]
        return HttpResponse(
            "".join(render(request, f"{template}#{region}", context).content.decode() for region in regions)
            + answer_version(fresh)
        )
    return HttpResponse(render_regions(viewer, Page.PARTICIPANT, regions, answer=True))


def reveal_or_hide(
    request: HtmxRequest, code: str, holder_of: Callable[[Workshop], Model], field: str, regions: tuple[str, ...]
) -> HttpResponse:
    """The facilitator shows what was hidden (picks, beliefs, poll answers), or hides it again with `hide`.

    `holder_of` gives the row that keeps the reveal time in `field` (perhaps unsaved); showing
    again keeps the first reveal's time.
    """
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        holder = holder_of(viewer.workshop)
        hide = posted_flag(request.POST, "hide")
        setattr(holder, field, None if hide else (getattr(holder, field) or timezone.now()))
        if isinstance(holder, Workshop):
            # The workshop's other columns are other writers' business.
            holder.save(update_fields=[field])
        else:
            # An activity's own row, perhaps not saved yet.
            holder.save()
        changed(viewer, regions)
    return facilitator_response(request, viewer, regions)


def participant_form_response(
    request: HtmxRequest, viewer: Viewer, regions: tuple[str, ...], form, name: str
) -> HttpResponse:
    """After a participant's post: the regions, with `form` as `name` when it failed (a message without HTMX)."""
    if form.is_valid():
        return participant_response(request, viewer, regions)
    if not request.htmx:
        messages.error(request, errors_of(form))
    return participant_response(request, viewer, regions, {name: form})


def facilitator_form_response(
    request: HtmxRequest, viewer: Viewer, form, name: str, region: str = "warmup"
) -> HttpResponse:
    """The facilitator's region again, with the form that failed as `name`, for HTMX; a message otherwise."""
    if request.htmx:
        context = page_context(viewer, Page.FACILITATE) | {name: form}
        return render(request, f"{PAGE_TEMPLATES[Page.FACILITATE]}#{region}", context)
    messages.error(request, errors_of(form))
    return redirect(viewer.workshop.get_absolute_url())


def refused(request: HtmxRequest, code: str, refusal: Refused) -> HttpResponse:
    if request.htmx:
        return HttpResponse(str(refusal), status=REFUSED)
    messages.error(request, str(refusal))
    return redirect("workshops:participate", code=code)


# Boards -------------------------------------------------------------------------


@require_POST
def note_add(request: HtmxRequest, code: str) -> HttpResponse:
    form = NoteForm(request.POST)
    try:
        with transaction.atomic():
            viewer = contributor_viewer(request, code, "post notes", lock=True)
            board = BOARD_OF_SEGMENT.get(current_kind(viewer.workshop) or "")
            if board is None:
                raise Refused("There is no board open right now.")
            if form.is_valid():
                Note.objects.create(
                    workshop=viewer.workshop,
                    board=board,
                    author=viewer.me,
                    text=form.cleaned_data["text"],
                    why=form.cleaned_data["why"] if board == Note.Board.TERRIBLE else "",
                )
                workshop_changed(viewer.workshop, *BOARD_CHANGED)
    except Refused as refusal:
        return refused(request, code, refusal)
    if form.is_valid():
        # A fresh, empty form for the writer, and the board with their note on it.
        return participant_response(request, viewer, ("stage", *BOARD_CHANGED))
    if not request.htmx:
        messages.error(request, errors_of(form))
    return participant_response(request, viewer, ("stage",), {"note_form": form})


@require_POST
def note_remove(request: HtmxRequest, code: str, note_id: int) -> HttpResponse:
    """Facilitators tidy a board: a note that went too far comes off for everyone."""
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        note = get_object_or_404(viewer.workshop.notes, pk=note_id)
        note.delete()
        changed(viewer, BOARD_CHANGED)
    return facilitator_response(request, viewer, BOARD_CHANGED)


# Identify the game ----------------------------------------------------------------


@require_POST
def game_pick(request: HtmxRequest, code: str) -> HttpResponse:
    form = GamePickForm(request.POST)
    try:
        with transaction.atomic():
            viewer = contributor_viewer(request, code, "pick a game", lock=True)
            if current_kind(viewer.workshop) != Segment.Kind.GAME:
                raise Refused("Picking the game is closed now.")
            if viewer.workshop.picks_revealed:
                raise Refused("The picks are already revealed: talk it through with the group.")
            if form.is_valid():
                GamePick.objects.update_or_create(
                    participant=viewer.participant,
                    defaults={
                        "workshop": viewer.workshop,
                        "game": form.cleaned_data["game"],
                        "picked_at": timezone.now(),
                    },
                )
                # Other pages show only how many have picked: that count changed.
                workshop_changed(viewer.workshop, *GAME_CHANGED)
    except Refused as refusal:
        return refused(request, code, refusal)
    return participant_form_response(request, viewer, GAME_CHANGED, form, "pick_form")


@require_POST
def game_reveal(request: HtmxRequest, code: str) -> HttpResponse:
    return reveal_or_hide(request, code, lambda workshop: workshop, "picks_revealed_at", GAME_CHANGED)


@require_POST
def game_decide(request: HtmxRequest, code: str) -> HttpResponse:
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        form = GameDecisionForm(request.POST, instance=viewer.workshop)
        if form.is_valid():
            form.save()
            changed(viewer, DECISION_CHANGED)
        elif not request.htmx:
            messages.error(request, errors_of(form))
    if request.htmx and not form.is_valid():
        context = page_context(viewer, Page.FACILITATE) | {"decision_form": form}
        return render(request, f"{PAGE_TEMPLATES[Page.FACILITATE]}#stage", context)
    return facilitator_response(request, viewer, DECISION_CHANGED)


# Key value exchanges -----------------------------------------------------------------


def exchanges_open(workshop: Workshop) -> None:
    if current_kind(workshop) != Segment.Kind.VALUE_EXCHANGE:
        raise Refused("The value exchanges are not open right now.")


@require_POST
def exchange_add(request: HtmxRequest, code: str) -> HttpResponse:
    """A participant puts an exchange on the customer's journey on the list."""
    form = ValueExchangeForm(request.POST)
    try:
        with transaction.atomic():
            viewer = contributor_viewer(request, code, "add value exchanges", lock=True)
            exchanges_open(viewer.workshop)
            if form.is_valid():
                ValueExchange.objects.create(
                    workshop=viewer.workshop, text=form.cleaned_data["text"], added_by=viewer.me
                )
                workshop_changed(viewer.workshop, *EXCHANGES_CHANGED)
    except Refused as refusal:
        return refused(request, code, refusal)
    return participant_form_response(request, viewer, EXCHANGES_CHANGED, form, "exchange_form")


@require_POST
def exchange_write_down(request: HtmxRequest, code: str) -> HttpResponse:
    """The facilitator writes down an exchange the room calls out."""
    form = ValueExchangeForm(request.POST)
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        is_open = current_kind(viewer.workshop) == Segment.Kind.VALUE_EXCHANGE
        if is_open and form.is_valid():
            ValueExchange.objects.create(workshop=viewer.workshop, text=form.cleaned_data["text"])
            changed(viewer, EXCHANGES_CHANGED)
    if not is_open:
        messages.error(request, "The value exchanges are not open right now.")
    elif not form.is_valid():
        if request.htmx:
            context = page_context(viewer, Page.FACILITATE) | {"exchange_form": form}
            return render(request, f"{PAGE_TEMPLATES[Page.FACILITATE]}#stage", context)
        messages.error(request, errors_of(form))
    return facilitator_response(request, viewer, EXCHANGES_CHANGED)


@require_POST
def exchange_rate(request: HtmxRequest, code: str, exchange_id: int) -> HttpResponse:
    form = ExchangeRatingForm(request.POST)
    try:
        with transaction.atomic():
            viewer = contributor_viewer(request, code, "rate value exchanges", lock=True)
            exchanges_open(viewer.workshop)
            exchange = get_object_or_404(viewer.workshop.value_exchanges, pk=exchange_id)
            if form.is_valid():
                ExchangeRating.objects.update_or_create(
                    exchange=exchange, participant=viewer.me, defaults={"value": form.cleaned_data["value"]}
                )
                workshop_changed(viewer.workshop, *EXCHANGES_CHANGED)
    except Refused as refusal:
        return refused(request, code, refusal)
    if not form.is_valid() and not request.htmx:
        messages.error(request, errors_of(form))
    return participant_response(request, viewer, EXCHANGES_CHANGED)


# Beliefs ----------------------------------------------------------------------------

BELIEFS_CHANGED = ("stage",)


@require_POST
def beliefs_save(request: HtmxRequest, code: str) -> HttpResponse:
    """A participant's belief templates, all at once: blank ones are taken away."""
    form = BeliefsForm(request.POST)
    try:
        with transaction.atomic():
            viewer = contributor_viewer(request, code, "write beliefs", lock=True)
            if current_kind(viewer.workshop) != Segment.Kind.BELIEFS:
                raise Refused("Writing beliefs is closed now.")
            if BeliefBoard.of(viewer.workshop).is_revealed:
                raise Refused("The beliefs are already revealed: talk them through with the group.")
            if form.is_valid():
                for template, text in form.cleaned_data.items():
                    if text:
                        Belief.objects.update_or_create(
                            participant=viewer.me,
                            template=template,
                            defaults={"workshop": viewer.workshop, "text": text, "written_at": timezone.now()},
                        )
                    else:
                        Belief.objects.filter(participant=viewer.me, template=template).delete()
                # Other pages show only how many have written: that count may have changed.
                workshop_changed(viewer.workshop, *BELIEFS_CHANGED)
    except Refused as refusal:
        return refused(request, code, refusal)
    return participant_form_response(request, viewer, BELIEFS_CHANGED, form, "beliefs_errors")


@require_POST
def beliefs_reveal(request: HtmxRequest, code: str) -> HttpResponse:
    return reveal_or_hide(request, code, BeliefBoard.of, "revealed_at", BELIEFS_CHANGED)


# Product vision ----------------------------------------------------------------------


@require_POST
def vision_save(request: HtmxRequest, code: str) -> HttpResponse:
    """The facilitator writes down the vision as the group words it."""
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        vision = Vision.of(viewer.workshop)
        form = VisionForm(request.POST, instance=vision)
        if form.is_valid():
            vision = form.save(commit=False)
            vision.updated_at = timezone.now()
            vision.save()
            changed(viewer, ("stage",))
    if not form.is_valid():
        return facilitator_form_response(request, viewer, form, "vision_errors", "stage")
    return facilitator_response(request, viewer, ("stage",))


# Core value exchange ---------------------------------------------------------------

CORE_VALUE_CHANGED = ("stage",)


@require_POST
def core_value_save(request: HtmxRequest, code: str) -> HttpResponse:
    """The facilitator writes down the sentence the group agreed on."""
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        form = CoreValueForm(request.POST, instance=CoreValue.of(viewer.workshop))
        if form.is_valid():
            form.save()
            changed(viewer, CORE_VALUE_CHANGED)
    if not form.is_valid():
        return facilitator_form_response(request, viewer, form, "core_value_form", "stage")
    return facilitator_response(request, viewer, CORE_VALUE_CHANGED)


@require_POST
def poll_answer(request: HtmxRequest, code: str) -> HttpResponse:
    form = PollAnswerForm(request.POST)
    try:
        with transaction.atomic():
            viewer = contributor_viewer(request, code, "answer the poll", lock=True)
            if current_kind(viewer.workshop) != Segment.Kind.CORE_VALUE:
                raise Refused("The poll is closed now.")
            if CoreValue.of(viewer.workshop).poll_revealed:
                raise Refused("The answers are already revealed.")
            if form.is_valid():
                PollAnswer.objects.update_or_create(
                    participant=viewer.me,
                    defaults={"workshop": viewer.workshop, "answer": form.cleaned_data["answer"]},
                )
                # Other pages show only how many have answered: that count changed.
                workshop_changed(viewer.workshop, *CORE_VALUE_CHANGED)
    except Refused as refusal:
        return refused(request, code, refusal)
    return participant_form_response(request, viewer, CORE_VALUE_CHANGED, form, "poll_form")


@require_POST
def poll_reveal(request: HtmxRequest, code: str) -> HttpResponse:
    return reveal_or_hide(request, code, CoreValue.of, "poll_revealed_at", CORE_VALUE_CHANGED)


# Warm-up ----------------------------------------------------------------------------


@require_POST
def warm_up_product(request: HtmxRequest, code: str) -> HttpResponse:
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        form = WarmUpProductForm(request.POST, instance=viewer.workshop)
        if form.is_valid():
            form.save()
            changed(viewer, ("stage", *WARM_UP_CHANGED))
    if not form.is_valid():
        return facilitator_form_response(request, viewer, form, "product_form")
    return facilitator_response(request, viewer, ("stage", *WARM_UP_CHANGED))


@require_POST
def warm_up_split(request: HtmxRequest, code: str) -> HttpResponse:
    form = WarmUpSplitForm(request.POST)
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        if form.is_valid():
            viewer.workshop.split_into_groups(form.cleaned_data["group_size"])
            changed(viewer, WARM_UP_CHANGED)
    if not form.is_valid():
        return facilitator_form_response(request, viewer, form, "split_form")
    return facilitator_response(request, viewer, WARM_UP_CHANGED)


@require_POST
def warm_up_move(request: HtmxRequest, code: str, participant_id: int) -> HttpResponse:
    form = WarmUpMoveForm(request.POST)
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        person = get_object_or_404(viewer.workshop.participants.contributors(), pk=participant_id)
        group = None
        if form.is_valid():
            group = viewer.workshop.warm_up_groups.filter(pk=form.cleaned_data["group"]).first()
        if group is not None:
            person.warm_up_group = group
            person.save(update_fields=["warm_up_group"])
            changed(viewer, WARM_UP_CHANGED)
        elif not request.htmx:
            messages.error(request, "Choose one of this workshop's groups.")
    return facilitator_response(request, viewer, WARM_UP_CHANGED)


@require_POST
def warm_up_show(request: HtmxRequest, code: str) -> HttpResponse:
    """Show or hide the completed example, or every group's worksheet side by side."""
    form = WarmUpToggleForm(request.POST)
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        if form.is_valid():
            field = "warm_up_show_example" if form.cleaned_data["show"] == "example" else "warm_up_show_all"
            setattr(viewer.workshop, field, form.cleaned_data["on"])
            viewer.workshop.save(update_fields=[field])
            changed(viewer, WARM_UP_CHANGED)
    return facilitator_response(request, viewer, WARM_UP_CHANGED)


@require_POST
def worksheet_save(request: HtmxRequest, code: str) -> HttpResponse:
    """Save the worksheet fields that were sent; while people type, that is one field at a time."""
    try:
        viewer = contributor_viewer(request, code, "edit worksheets")
        with transaction.atomic():
            # The group row is locked so that two members saving at once are applied in turn.
            group_id = viewer.me.warm_up_group_id
            group = (
                WarmUpGroup.objects.select_for_update().filter(pk=group_id, workshop=viewer.workshop).first()
                if group_id is not None
                else None
            )
            if group is None:
                raise Refused("You are not in a warm-up group yet.")
            form = WorksheetForm(request.POST, instance=group)
            conflict = form.conflict(request.POST.get("base")) if form.is_valid() else None
            if form.is_valid() and conflict is None:
                group = form.save(commit=False)
                group.updated_at = timezone.now()
                group.save(update_fields=[*form.fields, "updated_at"])
                workshop_changed(viewer.workshop, *WARM_UP_CHANGED)
    except Refused as refusal:
        return refused(request, code, refusal)
    if request.htmx:
        # The socket brings the worksheet to every member; the writer only needs to hear of a problem.
        response = render(
            request, "workshops/_worksheet_status.html", {"group": group, "form": form, "conflict": conflict}
        )
        if conflict is not None:
            name, current = conflict
            refused_field = {"id": f"ws-{group.pk}-{name}", "current": current}
            response["HX-Trigger"] = json.dumps({"fieldRefused": refused_field})
        return response
    if not form.is_valid():
        messages.error(request, errors_of(form))
    return redirect(viewer.workshop.get_participant_url())
