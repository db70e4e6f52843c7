from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from .access import Page, Viewer, remember_participant, resolve_viewer
from .broadcast import workshop_changed
from .forms import JoinCodeForm, JoinForm, WorkshopForm
from .live import PAGE_TEMPLATES, page_context
from .models import Participant, Workshop, normalise_join_code


def facilitator_viewer(request: HttpRequest, code: str) -> Viewer:
    """The workshop for its own facilitator, or 404: others must not learn that it exists."""
    workshop = get_object_or_404(Workshop.objects.select_related("facilitator"), code=code)
    viewer = resolve_viewer(workshop, request.user, request.session)
    if not viewer.is_facilitator:
        raise Http404("No workshop here.")
    return viewer


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"join_form": JoinCodeForm()})


@login_required
def workshop_list(request: HttpRequest) -> HttpResponse:
    workshops = Workshop.objects.for_facilitator(request.user)
    return render(request, "workshops/list.html", {"workshops": workshops})


@login_required
@require_http_methods(["GET", "POST"])
def workshop_create(request: HttpRequest) -> HttpResponse:
    form = WorkshopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        workshop = form.save(commit=False)
        workshop.facilitator = request.user
        workshop.save()
        return redirect(workshop)
    return render(request, "workshops/create.html", {"form": form})


@login_required
def facilitate(request: HttpRequest, code: str) -> HttpResponse:
    viewer = facilitator_viewer(request, code)
    return render(request, PAGE_TEMPLATES[Page.FACILITATE], page_context(viewer))


@require_http_methods(["GET", "POST"])
def join_with_code(request: HttpRequest) -> HttpResponse:
    """The home page's "Join a workshop" box: find the workshop, then ask for a name."""
    data = request.POST if request.method == "POST" else (request.GET if "code" in request.GET else None)
    form = JoinCodeForm(data)
    if data is not None and form.is_valid():
        return redirect("workshops:join", code=form.cleaned_data["code"])
    return render(request, "workshops/join_code.html", {"form": form})


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, code: str) -> HttpResponse:
    normalised = normalise_join_code(code)
    if normalised != code:
        return redirect("workshops:join", code=normalised)
    workshop = Workshop.objects.filter(code=code).first()
    if workshop is None:
        form = JoinCodeForm({"code": code})
        form.is_valid()
        return render(request, "workshops/join_code.html", {"form": form}, status=404)
    if workshop.is_ended:
        return render(request, "workshops/ended.html", {"workshop": workshop})

    viewer = resolve_viewer(workshop, request.user, request.session)
    if viewer.is_participant:
        return redirect(workshop.get_participant_url())

    form = JoinForm(request.POST or None, workshop=workshop)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                participant = Participant.objects.create(
                    workshop=workshop, display_name=form.cleaned_data["display_name"]
                )
                workshop.bump_version()
                workshop_changed(workshop, "roster")
        except IntegrityError:
            # Two people typed the same name at the same moment.
            form.add_error("display_name", "Someone just joined with that name. Please choose another.")
        else:
            remember_participant(request.session, participant)
            return redirect(workshop.get_participant_url())
    return render(request, "workshops/join.html", {"workshop": workshop, "form": form})


def participate(request: HttpRequest, code: str) -> HttpResponse:
    workshop = get_object_or_404(Workshop, code=code)
    if workshop.is_ended:
        return render(request, "workshops/ended.html", {"workshop": workshop})
    viewer = resolve_viewer(workshop, request.user, request.session)
    if not viewer.is_participant:
        return redirect(workshop.get_join_url())
    return render(request, PAGE_TEMPLATES[Page.PARTICIPANT], page_context(viewer))
