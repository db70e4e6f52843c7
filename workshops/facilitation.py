"""What the facilitator does while running a workshop: move, time, edit the agenda, manage people.

Every action is a POST that locks the workshop row, checks the state the
facilitator saw, changes it in one transaction and announces the change after
commit. HTMX gets the facilitator's updated regions back; a plain form post is
redirected to the page.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from northstar.forms import RowForm, posted_choice
from northstar.requests import HtmxRequest

from .access import SESSION_PARTICIPANTS, Page, Viewer, facilitator_viewer
from .agenda import ACTIVITY_PLANS
from .broadcast import workshop_changed
from .forms import CoFacilitatorForm, GoToForm, NewSegmentForm, ProjectorPageForm, SegmentForm, TimerForm
from .live import (
    AGENDA_CHANGED,
    PAGE_TEMPLATES,
    ROSTER_CHANGED,
    TIMER_CHANGED,
    kind_regions,
    move_regions,
    page_context,
    render_regions,
    segment_changed,
)
from .models import Participant, Ready, Segment, Workshop
from .renders import SharedRenders
from .signals import workshop_ended

# What the facilitator's own click answers with when the group moves: where everyone is
# now, with the controls they just used. The activity, agenda, boards and lists follow
# over their socket a moment later, rendered once for every facilitator tab of the
# broadcast instead of twice for this one on the request's critical path.
MOVE_ANSWER = ("now",)
# Starting and ending also change the state beside the title and the way to finish.
START_END_ANSWER = (*MOVE_ANSWER, "state", "finish")


def facilitator_response(request: HtmxRequest, viewer: Viewer, regions: tuple[str, ...]) -> HttpResponse:
    if request.htmx:
        fresh = Workshop.objects.select_related("facilitator").get(pk=viewer.workshop.pk)
        viewer = Viewer(fresh, viewer.user, viewer.participant, viewer.is_facilitator)
        return HttpResponse(render_regions(viewer, Page.FACILITATE, regions, answer=True))
    return redirect(viewer.workshop.get_absolute_url())


def changed(viewer: Viewer, regions: tuple[str, ...]) -> None:
    workshop_changed(viewer.workshop, *regions)


def facilitate(request: HttpRequest, code: str) -> HttpResponse:
    if not request.user.is_authenticated and not request.session.get(SESSION_PARTICIPANTS):
        return redirect_to_login(request.get_full_path())
    viewer = facilitator_viewer(request, code)
    return render(request, PAGE_TEMPLATES[Page.FACILITATE], page_context(viewer, Page.FACILITATE))


def present(request: HttpRequest, code: str) -> HttpResponse:
    viewer = facilitator_viewer(request, code)
    return render(request, PAGE_TEMPLATES[Page.PRESENT], page_context(viewer, Page.PRESENT))


@require_POST
def start(request: HtmxRequest, code: str) -> HttpResponse:
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        workshop = viewer.workshop
        if workshop.state == Workshop.State.DRAFT:
            workshop.start(timezone.now())
            changed(viewer, segment_changed())
    return facilitator_response(request, viewer, START_END_ANSWER)


@require_POST
def end(request: HtmxRequest, code: str) -> HttpResponse:
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        if not viewer.workshop.is_ended:
            viewer.workshop.end(timezone.now())
            workshop_ended.send(sender=Workshop, workshop=viewer.workshop)
            changed(viewer, segment_changed())
    return facilitator_response(request, viewer, START_END_ANSWER)


@require_POST
def go_to(request: HtmxRequest, code: str) -> HttpResponse:
    form = GoToForm(request.POST)
    segments = None
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        workshop = viewer.workshop
        # Only the move the facilitator asked for, from where they saw the group: a
        # double click or a second tab finds the group already elsewhere and does nothing.
        if form.is_valid() and workshop.is_live and form.cleaned_data["from_segment"] == workshop.current_segment_id:
            segments = workshop.agenda()
            # The move stops the current segment's timer: that segment, from the agenda just read.
            workshop.current_segment = next((s for s in segments if s.pk == workshop.current_segment_id), None)
            target = move_target(workshop, segments, form.cleaned_data)
            if target is not None and target.pk != workshop.current_segment_id:
                left = workshop.current_segment
                workshop.go_to(target, timezone.now())
                changed(viewer, move_regions(left, target))
    if segments is None or not request.htmx:
        return facilitator_response(request, viewer, MOVE_ANSWER)
    # The agenda read for the move serves the answer too: these are the very segments the move
    # updated, and the workshop is the one it wrote while the row was locked.
    return HttpResponse(
        render_regions(
            viewer, Page.FACILITATE, MOVE_ANSWER, shared=SharedRenders(reads={"segments": segments}), answer=True
        )
    )


def move_target(workshop: Workshop, segments: list[Segment], asked: dict) -> Segment | None:
    """The segment a "Go to", "Next" or "Back" leads to, found in the agenda already read."""
    if asked["to_segment"] is not None:
        return next((segment for segment in segments if segment.pk == asked["to_segment"]), None)
    return workshop.neighbour_segment(1 if asked["direction"] == "next" else -1, segments)


@require_POST
def timer(request: HtmxRequest, code: str) -> HttpResponse:
    form = TimerForm(request.POST)
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        workshop = viewer.workshop
        if form.is_valid() and form.cleaned_data["segment"] == workshop.current_segment_id:
            segment = workshop.segments.get(pk=workshop.current_segment_id)
            now = timezone.now()
            action = form.cleaned_data["action"]
            minutes = form.cleaned_data["minutes"] or 1
            if action in ("start", "resume"):
                segment.start_timer(now)
            elif action == "pause":
                segment.pause_timer(now)
            elif action == "reset":
                segment.reset_timer(now)
            elif action == "add":
                segment.add_minutes(minutes)
            elif action == "remove":
                segment.add_minutes(-minutes)
            changed(viewer, TIMER_CHANGED)
    return facilitator_response(request, viewer, TIMER_CHANGED)


@require_POST
def nudge(request: HtmxRequest, code: str) -> HttpResponse:
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        if viewer.workshop.current_segment_id:
            Segment.objects.filter(pk=viewer.workshop.current_segment_id).update(nudged_at=timezone.now())
            # The nudge shows at the top of the participants' and the projector's "now".
            changed(viewer, ("ready", "now"))
    return facilitator_response(request, viewer, ("ready",))


@require_POST
def projector_page(request: HtmxRequest, code: str) -> HttpResponse:
    """Show another page of the current segment's work on the projector."""
    form = ProjectorPageForm(request.POST)
    regions: tuple[str, ...] = ()
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        workshop = viewer.workshop
        # Only on the segment the facilitator saw: a click as the group moves on leaves the next one at its start.
        if form.is_valid() and workshop.is_live and form.cleaned_data["segment"] == workshop.current_segment_id:
            segment = workshop.segments.get(pk=workshop.current_segment_id)
            segment.show_page(form.cleaned_data["page"])
            # The regions this segment's work is in; only the projector and the facilitators show pages.
            regions = tuple(sorted(kind_regions(segment.kind)))
            workshop_changed(workshop, *regions, participants=[])
        elif not form.is_valid() and not request.htmx:
            messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))
    return facilitator_response(request, viewer, regions)


# Agenda editing ---------------------------------------------------------------


def agenda_segment(viewer: Viewer, segment_id: int) -> Segment:
    return get_object_or_404(viewer.workshop.segments, pk=segment_id)


def agenda_is_closed(request: HttpRequest, viewer: Viewer) -> bool:
    """An ended workshop's agenda is part of its record (planned against actual): it stays as it ran."""
    if viewer.workshop.is_ended:
        messages.error(request, "The workshop has ended: its agenda is part of the record and no longer changes.")
        return True
    return False


@require_POST
def segment_add(request: HtmxRequest, code: str) -> HttpResponse:
    form = NewSegmentForm(request.POST)
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        if agenda_is_closed(request, viewer):
            return facilitator_response(request, viewer, AGENDA_CHANGED)
        if form.is_valid():
            segment = form.save(commit=False)
            segment.workshop = viewer.workshop
            segment.position = viewer.workshop.segments.count()
            segment.save()
            changed(viewer, AGENDA_CHANGED)
        elif not request.htmx:
            messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))
    if request.htmx and not form.is_valid():
        return render(
            request,
            "workshops/facilitate.html#agenda",
            page_context(viewer, Page.FACILITATE) | {"new_segment_form": form},
        )
    return facilitator_response(request, viewer, AGENDA_CHANGED)


@require_POST
def segment_next(request: HtmxRequest, code: str) -> HttpResponse:
    """Add an activity right after the current segment, in one click (the stuck button's suggestions)."""
    with transaction.atomic():
        # Who asks first: a participant is refused as one, whatever they sent.
        viewer = facilitator_viewer(request, code, lock=True)
        kind = posted_choice(request.POST, "kind", tuple(ACTIVITY_PLANS), message="Choose an activity to add.")
        if agenda_is_closed(request, viewer):
            return facilitator_response(request, viewer, AGENDA_CHANGED)
        viewer.workshop.insert_next(ACTIVITY_PLANS[kind])
        changed(viewer, AGENDA_CHANGED)
    return facilitator_response(request, viewer, AGENDA_CHANGED)


@require_POST
def segment_edit(request: HtmxRequest, code: str, segment_id: int) -> HttpResponse:
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        if agenda_is_closed(request, viewer):
            return facilitator_response(request, viewer, AGENDA_CHANGED)
        segment = agenda_segment(viewer, segment_id)
        form = SegmentForm(request.POST, instance=segment)
        if form.is_valid():
            form.save()
            changed(viewer, (*AGENDA_CHANGED, "stage"))
    if not form.is_valid():
        if request.htmx:
            return render(
                request,
                "workshops/facilitate.html#agenda",
                page_context(viewer, Page.FACILITATE) | {"edit_segment_id": segment.pk, "edit_form": form},
            )
        messages.error(request, " ".join(str(m) for errs in form.errors.values() for m in errs))
    return facilitator_response(request, viewer, AGENDA_CHANGED)


@require_POST
def segment_move(request: HtmxRequest, code: str, segment_id: int) -> HttpResponse:
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        direction = posted_choice(request.POST, "direction", ("up", "down"), default="down", message="Up or down?")
        step = -1 if direction == "up" else 1
        if agenda_is_closed(request, viewer):
            return facilitator_response(request, viewer, AGENDA_CHANGED)
        segment = agenda_segment(viewer, segment_id)
        segments = list(viewer.workshop.segments.all())
        index = segments.index(segment)
        if 0 <= index + step < len(segments):
            segments[index], segments[index + step] = segments[index + step], segments[index]
            for position, item in enumerate(segments):
                Segment.objects.filter(pk=item.pk).update(position=position)
            changed(viewer, AGENDA_CHANGED)
    return facilitator_response(request, viewer, AGENDA_CHANGED)


@require_POST
def segment_remove(request: HtmxRequest, code: str, segment_id: int) -> HttpResponse:
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        if agenda_is_closed(request, viewer):
            return facilitator_response(request, viewer, AGENDA_CHANGED)
        segment = agenda_segment(viewer, segment_id)
        if segment.pk == viewer.workshop.current_segment_id:
            messages.error(request, "That segment is running now. Move to another one before removing it.")
        else:
            segment.delete()
            viewer.workshop.renumber_segments()
            changed(viewer, AGENDA_CHANGED)
    return facilitator_response(request, viewer, AGENDA_CHANGED)


# People -------------------------------------------------------------------------


def roster_participant(viewer: Viewer, participant_id: int) -> Participant:
    return get_object_or_404(viewer.workshop.participants.active(), pk=participant_id)


@require_POST
def participant_role(request: HtmxRequest, code: str, participant_id: int) -> HttpResponse:
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        role = posted_choice(request.POST, "role", Participant.Role.values, message="Unknown role.")
        participant = roster_participant(viewer, participant_id)
        participant.role = role
        participant.save(update_fields=["role"])
        changed(viewer, (*ROSTER_CHANGED, "stage", "warmup"))
    return facilitator_response(request, viewer, ROSTER_CHANGED)


@require_POST
def participant_remove(request: HtmxRequest, code: str, participant_id: int) -> HttpResponse:
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        participant = roster_participant(viewer, participant_id)
        participant.removed_at = timezone.now()
        participant.save(update_fields=["removed_at"])
        Ready.objects.filter(participant=participant).delete()
        # Every consumer re-checks its viewer on this notice: the removed person's sockets close.
        changed(viewer, (*ROSTER_CHANGED, "warmup"))
    return facilitator_response(request, viewer, ROSTER_CHANGED)


@require_POST
def co_facilitator_add(request: HttpRequest, code: str) -> HttpResponse:
    form = CoFacilitatorForm(request.POST)
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        if form.is_valid():
            viewer.workshop.co_facilitators.add(form.user)
            messages.success(request, f"{form.user.name} can now co-facilitate this workshop.")
            changed(viewer, ROSTER_CHANGED)
        else:
            messages.error(request, " ".join(str(m) for m in form.errors["email"]))
    return redirect(viewer.workshop.get_absolute_url())


@require_POST
def hand_over(request: HttpRequest, code: str) -> HttpResponse:
    """The owner passes the workshop to a co-facilitator and stays on as co-facilitator."""
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        workshop = viewer.workshop
        successor = RowForm(request.POST, field="user", queryset=workshop.co_facilitators.all(), message="").row
        if not viewer.is_owner or successor is None:
            messages.error(request, "Only the lead facilitator can hand over, and only to a co-facilitator.")
        else:
            workshop.co_facilitators.remove(successor)
            workshop.co_facilitators.add(workshop.facilitator)
            workshop.facilitator = successor
            workshop.save(update_fields=["facilitator"])
            messages.success(request, f"{successor.name} now leads this workshop.")
            changed(viewer, ROSTER_CHANGED)
    return redirect(viewer.workshop.get_absolute_url())
