"""The checkup's pages: the list with the trend and the flags, the answer page, the results page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from measures.board import current_snapshot
from northstar.requests import SignedInRequest

from .access import has_answered, may_close, member_checkup, team_north_star
from .broadcast import checkup_changed
from .flags import flags_of
from .forms import AnswerForm, StartForm
from .live import tally_context
from .models import MIN_ANSWERS, Answer, Answered, Checkup
from .results import shown_checkups, trend


@login_required
@require_http_methods(["GET", "POST"])
def checkups(request: SignedInRequest, key: str) -> HttpResponse:
    """Every checkup of a North Star, how they compare, the open flags, and a form to start one."""
    north_star = team_north_star(request, key)
    team = north_star.team
    assert team is not None
    form = StartForm(request.POST or None, zone=team.time_zone)
    if request.method == "POST" and form.is_valid():
        snapshot = current_snapshot(north_star)
        checkup = Checkup.open_for(
            north_star,
            mode=form.cleaned_data["mode"],
            deadline=form.cleaned_data["deadline"],
            inputs=[(row.key, row.name) for row in snapshot.inputs if row.key],
            by=request.user,
        )
        messages.success(request, f"Checkup {checkup.number} is open: share this page with the team.")
        return redirect(checkup)
    history = shown_checkups(north_star)
    return render(
        request,
        "checkups/checkups.html",
        {
            "north_star": north_star,
            "checkups": list(Checkup.objects.of(north_star).order_by("-number")),
            "history": history,
            "trend": trend(history),
            "flags": flags_of(history),
            "form": form,
            "min_answers": MIN_ANSWERS,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def answer(request: SignedInRequest, key: str, number: int) -> HttpResponse:
    """One member's answer, once. Who answered and what they said are saved apart (models.py)."""
    checkup = member_checkup(request, key, number)
    answered = has_answered(request.user, checkup)
    if not checkup.is_open() or answered:
        context = {"checkup": checkup, "north_star": checkup.north_star, "answered": answered}
        return render(request, "checkups/answered.html", context)
    form = AnswerForm(request.POST or None, checkup=checkup)
    if request.method == "POST" and form.is_valid():
        if save_answer(checkup, request.user, form.answer()):
            messages.success(request, "Thank you: your answer is saved, without your name.")
        else:
            messages.error(request, "Your answer was not saved: you had already answered, or the checkup has closed.")
        return redirect("checkups:results", key, number)
    return render(
        request,
        "checkups/answer.html",
        {"checkup": checkup, "north_star": checkup.north_star, "form": form},
        status=400 if form.errors else 200,
    )


def save_answer(checkup: Checkup, user, answer: dict) -> bool:
    """Save the marker and the answer together, or neither: refused once closed or already answered."""
    try:
        with transaction.atomic():
            locked = Checkup.objects.select_for_update().get(pk=checkup.pk)
            if not locked.is_open():
                return False
            # Two tabs sending at once: the second marker breaks the unique constraint and rolls back both rows.
            Answered.objects.create(checkup=locked, user=user)
            Answer.objects.create(checkup=locked, **answer)
            checkup_changed(locked)
    except IntegrityError:
        return False
    return True


@login_required
@require_GET
def results(request: SignedInRequest, key: str, number: int) -> HttpResponse:
    """How many have answered; once closed with enough answers, the distributions and flags."""
    checkup = member_checkup(request, key, number)
    context = tally_context(checkup)
    context["may_close"] = may_close(request.user, checkup)
    context["answered"] = has_answered(request.user, checkup)
    context["live_path"] = f"/ws/north-stars/{key}/checkups/{number}/"
    return render(request, "checkups/results.html", context)


@login_required
@require_POST
def close(request: SignedInRequest, key: str, number: int) -> HttpResponse:
    checkup = member_checkup(request, key, number)
    if not may_close(request.user, checkup):
        raise PermissionDenied("Only whoever started this checkup, or a team owner, may close it.")
    with transaction.atomic():
        locked = Checkup.objects.select_for_update().select_related("north_star").get(pk=checkup.pk)
        if locked.close():
            checkup_changed(locked)
            messages.success(request, f"Checkup {locked.number} is closed.")
    return redirect("checkups:results", key, number)
