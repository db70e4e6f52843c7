"""Before the start: whom to invite, what participants read in the lobby, what the facilitator reads out."""

from collections import Counter

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .access import facilitator_viewer
from .agenda import GROUP_SIZE, SAFETY_FRAMING
from .broadcast import workshop_changed
from .forms import PreReadForm
from .models import Discipline, Preparation, Workshop


def invited(workshop: Workshop) -> dict:
    """Who has joined so far, by the discipline they gave, and how the group's size compares to the advice."""
    people = list(workshop.participants.active().values_list("discipline", flat=True))
    counts = Counter(people)
    smallest, largest = GROUP_SIZE
    return {
        "rows": [(label, counts.get(value, 0)) for value, label in Discipline.choices],
        "unsaid": counts.get("", 0),
        "total": len(people),
        "smallest": smallest,
        "largest": largest,
        "too_few": len(people) < smallest,
        "too_many": len(people) > largest,
    }


def prepare(request: HttpRequest, code: str) -> HttpResponse:
    viewer = facilitator_viewer(request, code)
    preparation = Preparation.of(viewer.workshop)
    return render(
        request,
        "workshops/prepare.html",
        {
            "workshop": viewer.workshop,
            "invited": invited(viewer.workshop),
            "form": PreReadForm(instance=preparation),
            "safety_framing": SAFETY_FRAMING,
        },
    )


@require_POST
def pre_read_save(request: HttpRequest, code: str) -> HttpResponse:
    with transaction.atomic():
        viewer = facilitator_viewer(request, code, lock=True)
        form = PreReadForm(request.POST, instance=Preparation.of(viewer.workshop))
        if form.is_valid():
            form.save()
            # The lobby shows it: participants waiting for the start see the new text.
            workshop_changed(viewer.workshop, "stage")
    if not form.is_valid():
        context = {
            "workshop": viewer.workshop,
            "invited": invited(viewer.workshop),
            "form": form,
            "safety_framing": SAFETY_FRAMING,
        }
        return render(request, "workshops/prepare.html", context, status=400)
    messages.success(request, "Pre-read saved. Participants see it in the lobby.")
    return redirect("workshops:prepare", code=code)
