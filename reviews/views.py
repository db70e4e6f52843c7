"""A North Star's reviews: the series, each meeting live, its presenter view and its record.

Every write is a plain form post (so the page works without JavaScript) that announces the
change to the meeting's open pages after commit and sends the person back to the meeting.
"""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from measures.access import may_explain
from measures.broadcast import numbers_changed
from measures.models import Measure, VarianceNote
from northstar.requests import SignedInRequest

from .access import facilitated_occurrence, live_occurrence, member_north_star, member_occurrence
from .broadcast import review_changed
from .forms import ActionForm, DecisionForm, MoveForm, SeriesForm, VarianceNoteForm, VoteForm
from .frozen import freeze, frozen_nodes
from .live import INPUT, occurrence_agenda, review_context
from .models import Action, Decision, Occurrence, ReviewSeries, Vote

PAGE = "reviews/occurrence.html"


@login_required
@require_http_methods(["GET", "POST"])
def series(request: SignedInRequest, key: str) -> HttpResponse:
    """The team's review series: when it meets, the next meeting, and the records of those held."""
    north_star = member_north_star(request, key)
    existing = ReviewSeries.objects.filter(north_star=north_star).first()
    initial = {"time_zone": north_star.team.time_zone if north_star.team else "UTC", "first_day": timezone.localdate()}
    form = SeriesForm(request.POST or None, instance=existing, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            kept = form.save(commit=False)
            kept.north_star = north_star
            if kept.created_by_id is None:
                kept.created_by = request.user
            kept.save()
            # A changed schedule moves the meeting that has not started yet.
            kept.occurrences.filter(state=Occurrence.State.UPCOMING, frozen_at=None).delete()
            kept.schedule_next()
        messages.success(request, f"Saved. The review's schedule: {kept} ({kept.time_zone}).")
        return redirect("reviews:series", key=north_star.key)
    occurrences = list(existing.occurrences.order_by("-starts_at")) if existing else []
    context = {"north_star": north_star, "form": form, "series": existing, "occurrences": occurrences}
    return render(request, "reviews/series.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_GET
def occurrence(request: SignedInRequest, key: str, number: int) -> HttpResponse:
    found = member_occurrence(request, key, number)
    context = review_context(found, request.user)
    context["live_path"] = f"/ws/north-stars/{key}/reviews/{number}/"
    return render(request, PAGE, context)


@login_required
@require_GET
def present(request: SignedInRequest, key: str, number: int) -> HttpResponse:
    found = member_occurrence(request, key, number)
    context = review_context(found, request.user, presenting=True)
    context["live_path"] = f"/ws/north-stars/{key}/reviews/{number}/present/"
    return render(request, "reviews/present.html", context)


def back_to(occurrence: Occurrence, anchor: str = "") -> HttpResponse:
    return redirect(occurrence.get_absolute_url() + (f"#{anchor}" if anchor else ""))


@login_required
@require_POST
def start(request: SignedInRequest, key: str, number: int) -> HttpResponse:
    """Start the meeting; who starts it facilitates. The scorecard is frozen now if it was not yet."""
    found = member_occurrence(request, key, number)
    if found.state != Occurrence.State.UPCOMING:
        messages.info(request, "This review has already started.")
        return back_to(found)
    found.freeze(freeze(found.north_star, found.as_of))
    with transaction.atomic():
        started = Occurrence.objects.filter(pk=found.pk, state=Occurrence.State.UPCOMING).update(
            state=Occurrence.State.LIVE, facilitator=request.user, started_at=timezone.now(), step=0
        )
        if started:
            review_changed(found)
    if started:
        messages.success(request, "The review is live. Everyone on the team can join from this page.")
    return back_to(found)


def moved(request: SignedInRequest, key: str, number: int, by: int) -> HttpResponse:
    found = facilitated_occurrence(request, key, number)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That move was not understood. The page shows where the review is now.")
        return back_to(found)
    leaving = form.cleaned_data["leaving"]
    last = len(occurrence_agenda(found)) - 1
    with transaction.atomic():
        if found.move(leaving, leaving + by, last):
            review_changed(found)
    return back_to(found)


@login_required
@require_POST
def next_item(request: SignedInRequest, key: str, number: int) -> HttpResponse:
    return moved(request, key, number, 1)


@login_required
@require_POST
def previous_item(request: SignedInRequest, key: str, number: int) -> HttpResponse:
    return moved(request, key, number, -1)


@login_required
@require_POST
def end(request: SignedInRequest, key: str, number: int) -> HttpResponse:
    """End the meeting and plan the next one, which inherits every action still open."""
    found = facilitated_occurrence(request, key, number)
    with transaction.atomic():
        ended = Occurrence.objects.filter(pk=found.pk, state=Occurrence.State.LIVE).update(
            state=Occurrence.State.ENDED, ended_at=timezone.now()
        )
        if ended:
            following = found.series.schedule_next()
            review_changed(found)
    if ended:
        messages.success(
            request, f"The review is over and kept in the library. The next one is on {following.as_of:%-d %B %Y}."
        )
    return back_to(found)


def input_keys(occurrence: Occurrence) -> list[str]:
    return [item.key for item in occurrence_agenda(occurrence) if item.kind == INPUT]


@login_required
@require_POST
def vote(request: SignedInRequest, key: str, number: int, node: str) -> HttpResponse:
    found = live_occurrence(request, key, number)
    if node not in input_keys(found):
        raise Http404("This review has no such input.")
    form = VoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pick a number from 1 to 5 for your confidence.")
        return back_to(found, f"vote-{node}")
    if node in found.revealed:
        messages.info(request, "The votes on this input are already revealed; yours was not changed.")
        return back_to(found, f"vote-{node}")
    with transaction.atomic():
        Vote.objects.update_or_create(
            occurrence=found, input_key=node, voter=request.user, defaults={"score": form.cleaned_data["score"]}
        )
        review_changed(found)
    return back_to(found, f"vote-{node}")


@login_required
@require_POST
def reveal(request: SignedInRequest, key: str, number: int, node: str) -> HttpResponse:
    found = facilitated_occurrence(request, key, number)
    if node not in input_keys(found):
        raise Http404("This review has no such input.")
    with transaction.atomic():
        found.reveal(node)
        review_changed(found)
    return back_to(found, f"vote-{node}")


@login_required
@require_POST
def decide(request: SignedInRequest, key: str, number: int) -> HttpResponse:
    found = live_occurrence(request, key, number)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for error in form.errors.get("text", ["Write the decision."])))
        return back_to(found, "decisions")
    with transaction.atomic():
        Decision.objects.create(occurrence=found, text=form.cleaned_data["text"], author=request.user)
        review_changed(found)
    return back_to(found, "decisions")


@login_required
@require_POST
def raise_action(request: SignedInRequest, key: str, number: int) -> HttpResponse:
    found = live_occurrence(request, key, number)
    team = found.series.north_star.team
    members = list(team.members.all()) if team else []
    form = ActionForm(request.POST, members=members)
    if not form.is_valid():
        problems = [str(error) for errors in form.errors.values() for error in errors]
        messages.error(request, "The action was not added: " + " ".join(problems))
        return back_to(found, "decisions")
    data = form.cleaned_data
    with transaction.atomic():
        Action.objects.create(
            series=found.series, raised_in=found, text=data["text"], owner_id=data["owner"], due=data["due"]
        )
        review_changed(found)
    return back_to(found, "decisions")


@login_required
@require_POST
def close_action(request: SignedInRequest, key: str, number: int, action_id: int) -> HttpResponse:
    found = live_occurrence(request, key, number)
    action = found.carried_actions().filter(pk=action_id).first() or found.new_actions().filter(pk=action_id).first()
    if action is None:
        raise Http404("No such action in this review.")
    with transaction.atomic():
        Action.objects.filter(pk=action.pk, closed_at=None).update(closed_at=timezone.now(), closed_in=found)
        review_changed(found)
    return back_to(found, "actions")


@login_required
@require_http_methods(["GET", "POST"])
def variance_note(request: SignedInRequest, key: str, number: int, node: str) -> HttpResponse:
    """The owner's note on an input off plan, for the very period the meeting's scorecard froze."""
    found = member_occurrence(request, key, number)
    frozen = next((n for n in frozen_nodes(found.snapshot) if n.key == node and n.needs_note), None)
    measure = Measure.objects.filter(pk=frozen.measure_id).select_related("owner").first() if frozen else None
    if frozen is None or measure is None:
        raise Http404("This review asks for no note on that input.")
    if not may_explain(request.user, measure):
        raise PermissionDenied(f"Only {frozen.owner_name or 'its owner'} writes the note on “{frozen.name}”.")
    period = dt.date.fromisoformat(frozen.period)
    initial = {"text": frozen.note.text} if frozen.note else {}
    form = VarianceNoteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            VarianceNote.objects.update_or_create(
                measure=measure,
                period_start=period,
                defaults={"text": form.cleaned_data["text"], "author": request.user, "updated_at": timezone.now()},
            )
            numbers_changed(found.north_star)
            review_changed(found)
        messages.success(request, f"Your note on “{frozen.name}” is saved; the review will show it.")
        return back_to(found)
    context = {"occurrence": found, "north_star": found.north_star, "node": frozen, "form": form}
    return render(request, "reviews/note.html", context, status=400 if request.method == "POST" else 200)
