from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from northstar.forms import posted_flag, posted_number
from northstar.ratelimit import Limit, client_address, too_many_attempts
from northstar.requests import HtmxRequest

from .access import Page, participant_viewer, remember_participant, resolve_viewer, was_removed
from .agenda import AGENDA_TEMPLATES
from .broadcast import workshop_changed
from .forms import JoinCodeForm, JoinForm, NewWorkshopForm
from .live import PAGE_TEMPLATES, ROSTER_CHANGED, page_context, render_regions
from .models import Participant, Ready, Workshop, normalise_join_code, workshop_with_code

# Codes are too long to guess, but scripts should not even try: every code that
# finds nothing counts, and a whole office behind one address still joins at once.
JOIN_MISSES = Limit("join-miss", attempts=20, seconds=10 * 60)
JOIN_POSTS = Limit("join-post", attempts=200, seconds=10 * 60)


def join_limit_reached(request: HttpRequest) -> bool:
    """Asked before any code is looked up, so a refused visitor learns nothing about codes."""
    address = client_address(request)
    if request.method == "POST" and JOIN_POSTS.count(address) > JOIN_POSTS.attempts:
        return True
    return JOIN_MISSES.is_exceeded(address)


def count_join_miss(request: HttpRequest) -> None:
    JOIN_MISSES.count(client_address(request))


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"join_form": JoinCodeForm()})


@login_required
def workshop_list(request: HttpRequest) -> HttpResponse:
    workshops = Workshop.objects.for_facilitator(request.user)
    return render(request, "workshops/list.html", {"workshops": workshops})


@login_required
@require_http_methods(["GET", "POST"])
def workshop_create(request: HttpRequest) -> HttpResponse:
    initial = {"team": request.GET["team"]} if request.GET.get("team") else {}
    form = NewWorkshopForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            workshop = form.save(commit=False)
            workshop.facilitator = request.user
            workshop.team = form.cleaned_data["team"]
            workshop.save()
            workshop.add_segments(AGENDA_TEMPLATES[form.cleaned_data["agenda"]][1])
        return redirect(workshop)
    return render(request, "workshops/create.html", {"form": form})


@require_http_methods(["GET", "POST"])
def join_with_code(request: HttpRequest) -> HttpResponse:
    """The home page's "Join a workshop" box: find the workshop, then ask for a name."""
    data = request.POST if request.method == "POST" else (request.GET if "code" in request.GET else None)
    if data is not None and join_limit_reached(request):
        return too_many_attempts(request, minutes=10)
    form = JoinCodeForm(data)
    if data is not None:
        if form.is_valid():
            return redirect("workshops:join", code=form.cleaned_data["code"])
        count_join_miss(request)
    return render(request, "workshops/join_code.html", {"form": form})


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, code: str) -> HttpResponse:
    normalised = normalise_join_code(code)
    if normalised != code:
        return redirect("workshops:join", code=normalised)
    if join_limit_reached(request):
        return too_many_attempts(request, minutes=10)
    workshop = workshop_with_code(code)
    if workshop is None:
        count_join_miss(request)
        form = JoinCodeForm({"code": code})
        form.is_valid()
        return render(request, "workshops/join_code.html", {"form": form}, status=404)
    if was_removed(request.session, workshop):
        return render(request, "workshops/removed.html", {"workshop": workshop}, status=403)

    viewer = resolve_viewer(workshop, request.user, request.session)
    if viewer.is_participant:
        # After the end too: their page shows the result and the link to keep it.
        return redirect(workshop.get_participant_url())
    if workshop.is_ended:
        return render(request, "workshops/ended.html", {"workshop": workshop})

    join_form = JoinForm(request.POST or None, workshop=workshop)
    if request.method == "POST" and join_form.is_valid():
        role = Participant.Role.OBSERVER if join_form.cleaned_data["observer"] else Participant.Role.PARTICIPANT
        try:
            with transaction.atomic():
                participant = Participant.objects.create(
                    workshop=workshop,
                    display_name=join_form.cleaned_data["display_name"],
                    role=role,
                    discipline=join_form.cleaned_data["discipline"],
                )
                workshop_changed(workshop, *ROSTER_CHANGED)
        except IntegrityError:
            # Two people typed the same name at the same moment.
            join_form.add_error("display_name", "Someone just joined with that name. Please choose another.")
        else:
            remember_participant(request.session, participant)
            return redirect(workshop.get_participant_url())
    return render(request, "workshops/join.html", {"workshop": workshop, "form": join_form})


def participate(request: HttpRequest, code: str) -> HttpResponse:
    viewer = participant_viewer(request, code)
    if viewer is None:
        # Strangers go to the join page whether or not the code exists: it decides, under its limits.
        workshop = Workshop.objects.filter(code=code).first()
        if workshop is not None and was_removed(request.session, workshop):
            return render(request, "workshops/removed.html", {"workshop": workshop}, status=403)
        return redirect("workshops:join", code=code)
    return render(request, PAGE_TEMPLATES[Page.PARTICIPANT], page_context(viewer, Page.PARTICIPANT))


@require_POST
def ready(request: HtmxRequest, code: str) -> HttpResponse:
    """ "I'm done" (or "not yet") for the segment the participant saw."""
    viewer = participant_viewer(request, code)
    if viewer is None:
        return redirect("workshops:join", code=code)
    workshop = viewer.workshop
    # Only for the segment the person saw: a mark sent as the group moved on is dropped.
    current = workshop.current_segment_id
    if viewer.may_contribute and current is not None and posted_number(request.POST, "segment") == current:
        with transaction.atomic():
            if posted_flag(request.POST, "done"):
                Ready.objects.get_or_create(segment_id=current, participant=viewer.participant)
            else:
                Ready.objects.filter(segment_id=current, participant=viewer.participant).delete()
            workshop_changed(workshop, "ready")
    if request.htmx:
        return HttpResponse(render_regions(viewer, Page.PARTICIPANT, ["ready"], answer=True))
    return redirect(workshop.get_participant_url())
