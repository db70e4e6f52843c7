"""A North Star's numbers: the hub that says how numbers get in, each node's measure, and the grid.

Every page fetches its North Star through measures/access.py, which answers 404 to anyone
outside the team.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from northstar.requests import SignedInRequest

from .access import team_north_star
from .board import read_nodes
from .broadcast import numbers_changed
from .forms import MeasureForm, TargetFormSet, TimeZoneForm
from .models import Measure


@login_required
@require_http_methods(["GET", "POST"])
def numbers(request: SignedInRequest, key: str) -> HttpResponse:
    """The hub: every node and its measure, the team's time zone, and the routes numbers come by."""
    north_star = team_north_star(request, key)
    team = north_star.team
    assert team is not None
    zone_form = TimeZoneForm(request.POST or None, initial={"time_zone": team.time_zone})
    if request.method == "POST" and zone_form.is_valid():
        team.time_zone = zone_form.cleaned_data["time_zone"]
        team.save(update_fields=["time_zone"])
        messages.success(request, f"Weeks and months now begin in {team.time_zone}.")
        return redirect("measures:numbers", key)
    return render(
        request,
        "measures/numbers.html",
        {"north_star": north_star, "nodes": read_nodes(north_star), "zone_form": zone_form},
        status=400 if zone_form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure(request: SignedInRequest, key: str, node: str) -> HttpResponse:
    """Set up one node's measure: unit, direction, period, owner, baseline, targets, status bands."""
    north_star = team_north_star(request, key)
    found = next((item for item in read_nodes(north_star, with_figures=False) if item.key == node), None)
    if found is None:
        raise Http404("No such node in this North Star.")
    instance = found.measure or Measure(north_star=north_star, node_key=found.key, node_name=found.name[:200])
    team = north_star.team
    assert team is not None
    form = MeasureForm(request.POST or None, instance=instance, team=team)
    targets = TargetFormSet(request.POST or None, instance=instance, prefix="targets")
    # Both are checked, so a refused page shows every problem at once.
    if request.method == "POST" and all([form.is_valid(), targets.is_valid()]):
        with transaction.atomic():
            saved = form.save()
            targets.instance = saved
            targets.save()
            # Owner, targets and bands show on open scorecards: they redraw too.
            numbers_changed(north_star)
        messages.success(request, f"The measure of “{found.name}” is saved.")
        return redirect("measures:numbers", key)
    return render(
        request,
        "measures/measure.html",
        {"north_star": north_star, "node": found, "form": form, "targets": targets},
        status=400 if request.method == "POST" else 200,
    )
