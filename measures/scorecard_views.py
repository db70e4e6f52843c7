"""The scorecard: a North Star's numbers at a glance, live, on a laptop, a wall screen, paper, or a link.

Members reach it through measures/access.py (404 to anyone else); a read-only link opens
it without an account until a member revokes the link. Every page renders the same
`scorecard` region, which the socket re-renders when numbers arrive.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from metrics.models import NorthStar
from northstar.requests import SignedInRequest

from . import periods
from .access import may_explain, scorecard_link_north_star, team_north_star
from .board import Node, read_nodes
from .broadcast import numbers_changed
from .forms import NoteForm
from .models import ScorecardLink, Value, VarianceNote
from .scorecard import read_scorecard

TEMPLATE = "measures/scorecard.html"


def scorecard_context(north_star: NorthStar, explainable: tuple[str, ...] = (), **extra) -> dict:
    return {"north_star": north_star, "card": read_scorecard(north_star), "explainable": explainable, **extra}


@login_required
@require_GET
def scorecard(request: SignedInRequest, key: str) -> HttpResponse:
    north_star = team_north_star(request, key)
    context = scorecard_context(north_star, live_path=f"/ws/north-stars/{north_star.key}/scorecard/")
    context["explainable"] = context["card"].explainable_by(request.user)
    context["link"] = north_star.scorecard_links.filter(revoked_at=None).first()
    return render(request, TEMPLATE, context)


@login_required
@require_GET
def scorecard_tv(request: SignedInRequest, key: str) -> HttpResponse:
    north_star = team_north_star(request, key)
    live_path = f"/ws/north-stars/{north_star.key}/scorecard/tv/"
    return render(request, "measures/scorecard_tv.html", scorecard_context(north_star, live_path=live_path))


@login_required
@require_GET
def scorecard_print(request: SignedInRequest, key: str) -> HttpResponse:
    north_star = team_north_star(request, key)
    return render(request, "measures/scorecard_print.html", scorecard_context(north_star, printed_at=timezone.now()))


@require_GET
def shared(request: HttpRequest, token: str) -> HttpResponse:
    north_star = scorecard_link_north_star(token)
    context = scorecard_context(north_star, live_path=f"/ws/scorecards/{token}/", token=token, read_only=True)
    return render(request, "measures/scorecard_shared.html", context)


@require_GET
def shared_tv(request: HttpRequest, token: str) -> HttpResponse:
    north_star = scorecard_link_north_star(token)
    live_path = f"/ws/scorecards/{token}/"
    return render(request, "measures/scorecard_tv.html", scorecard_context(north_star, live_path=live_path))


@login_required
@require_POST
def create_link(request: SignedInRequest, key: str) -> HttpResponse:
    """A new read-only link; any earlier one stops working, so there is only ever one to keep track of."""
    north_star = team_north_star(request, key)
    with transaction.atomic():
        north_star.scorecard_links.filter(revoked_at=None).update(revoked_at=timezone.now())
        ScorecardLink.objects.create(north_star=north_star, created_by=request.user)
    messages.success(request, "Anyone with the new link can watch this scorecard, live, without changing anything.")
    return redirect(f"{north_star_scorecard(north_star)}#sharing")


@login_required
@require_POST
def revoke_link(request: SignedInRequest, key: str) -> HttpResponse:
    north_star = team_north_star(request, key)
    revoked = north_star.scorecard_links.filter(revoked_at=None).update(revoked_at=timezone.now())
    if revoked:
        messages.success(request, "The scorecard link is revoked: it no longer opens anything.")
    else:
        messages.info(request, "There was no scorecard link to revoke.")
    return redirect(f"{north_star_scorecard(north_star)}#sharing")


def north_star_scorecard(north_star: NorthStar) -> str:
    return reverse("measures:scorecard", args=[north_star.key])


def note_form(data, initial: dict) -> NoteForm:
    form = NoteForm(data, initial=initial)
    form.fields["node"].widget = forms.HiddenInput()
    form.fields["period"].label = "The period it explains (its first day)"
    form.fields["period"].widget = forms.DateInput(attrs={"type": "date"})
    return form


def measured_node(north_star: NorthStar, key: str) -> Node:
    node = next((item for item in read_nodes(north_star, with_figures=False) if item.key == key), None)
    if node is None or node.measure is None:
        raise Http404("This node has no measure to explain.")
    return node


@login_required
@require_http_methods(["GET", "POST"])
def note(request: SignedInRequest, key: str, node: str) -> HttpResponse:
    """Why a node's value moved in one period, in its owner's words. An empty note removes it."""
    north_star = team_north_star(request, key)
    found = measured_node(north_star, node)
    measure = found.measure
    assert measure is not None
    if not may_explain(request.user, measure):
        owner = measure.owner.name if measure.owner else "its owner"
        refusal = f"Only {owner}, who owns “{found.name}”, writes its notes. Ask them to explain this period."
        typed = request.POST.get("text", "")[:1000] if request.method == "POST" else ""
        context = {"north_star": north_star, "node": found, "refusal": refusal, "typed": typed}
        return render(request, "measures/note.html", context, status=403)
    latest = Value.objects.filter(measure=measure).order_by("-period_start").values_list("period_start", flat=True)
    last = latest.first()
    initial: dict = {"node": found.key, "period": last}
    if request.method == "GET" and last is not None:
        kept = VarianceNote.objects.filter(measure=measure, period_start=last).first()
        if kept is not None:
            initial["text"] = kept.text
    form = note_form(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        start = data["period"]
        if data["node"] != found.key:
            form.add_error("node", "This form belongs to another node. Reload the page and write the note again.")
        elif periods.period_start(start, measure.grain) != start:
            form.add_error("period", f"That is not the first day of a {measure.grain}.")
        else:
            with transaction.atomic():
                if data["text"]:
                    VarianceNote.objects.update_or_create(
                        measure=measure,
                        period_start=start,
                        defaults={"text": data["text"], "author": request.user, "updated_at": timezone.now()},
                    )
                    messages.success(request, f"Your note on “{found.name}” is saved.")
                else:
                    VarianceNote.objects.filter(measure=measure, period_start=start).delete()
                    messages.success(request, f"The note on “{found.name}” is removed.")
                numbers_changed(north_star)
            return redirect(f"{north_star_scorecard(north_star)}#{found.dom_id}")
    return render(
        request,
        "measures/note.html",
        {"north_star": north_star, "node": found, "form": form},
        status=400 if request.method == "POST" else 200,
    )
