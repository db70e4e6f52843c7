"""A North Star's numbers: the hub that says how numbers get in, each node's measure, and the grid.

Every page fetches its North Star through measures/access.py, which answers 404 to anyone
outside the team.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from northstar.requests import SignedInRequest

from . import periods
from .access import team_north_star
from .board import Node, read_nodes
from .broadcast import numbers_changed
from .correlation import MIN_PERIODS
from .correlation import report as correlation_report
from .forms import CellForm, MeasureForm, TargetFormSet, TimeZoneForm
from .grid import DEFAULT_ROWS, MAX_ROWS, cell_name, editable_node, grain_of, today_in
from .grid import grid as grid_rows
from .models import METRIC_KEY, RESULTS_KEY, Measure, Value
from .templatetags.numbers import plain_number
from .values import clear, measure_for, write


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


def grid_request(request: SignedInRequest) -> tuple[str, int]:
    grain = request.GET.get("grain", Measure.Grain.WEEK)
    if grain not in Measure.Grain.values:
        grain = Measure.Grain.WEEK
    try:
        count = int(request.GET.get("periods", DEFAULT_ROWS))
    except ValueError:
        count = DEFAULT_ROWS
    return grain, min(max(count, 1), MAX_ROWS)


def check_cell(north_star, node_key: str, start) -> tuple[Node | None, str]:
    """The node a cell names and why it may not be written, if it may not."""
    node = editable_node(north_star, node_key)
    if node is None:
        return None, "That node is not in the North Star's current tree."
    grain = grain_of(node)
    if periods.period_start(start, grain) != start:
        kind = "week" if grain == Measure.Grain.WEEK else "month"
        return node, f"{start:%-d %b %Y} is not the first day of a {kind}."
    if start > today_in(north_star):
        return node, "That period has not begun yet."
    return node, ""


@login_required
@require_http_methods(["GET", "POST"])
def grid(request: SignedInRequest, key: str) -> HttpResponse:
    """Type values in. Each cell saves itself (grid.js); without JavaScript, "Save all" saves the lot at once."""
    north_star = team_north_star(request, key)
    grain, count = grid_request(request)
    typed: dict[str, str] = {}
    problems: dict[str, str] = {}
    if request.method == "POST":
        nodes, rows = grid_rows(north_star, grain, count)
        wanted = []
        for row in rows:
            for node, kept in row.cells:
                name = cell_name(node.key, row.start)
                if node.retired or name not in request.POST:
                    continue
                form = CellForm({"node": node.key, "period": row.start, "value": request.POST[name]})
                if not form.is_valid():
                    typed[name] = request.POST[name]
                    problems[name] = str(form.errors["value"][0]) if "value" in form.errors else "Not saved."
                    continue
                number = form.cleaned_data["value"]
                if number != kept:
                    wanted.append((node, row.start, number))
        if not problems:
            with transaction.atomic():
                rows_to_write = []
                for node, start, number in wanted:
                    measure = node.measure or measure_for(north_star, node.key)
                    if number is None:
                        clear(north_star, measure, start)
                    else:
                        rows_to_write.append((measure, start, number))
                write(north_star, rows_to_write, source=Value.Source.MANUAL, user=request.user)
            messages.success(request, f"Saved {len(wanted)} value{'s' if len(wanted) != 1 else ''}.")
            return redirect(f"{request.path}?grain={grain}&periods={count}")
    nodes, rows = grid_rows(north_star, grain, count)
    return render(
        request,
        "measures/grid.html",
        {
            "north_star": north_star,
            "grain": grain,
            "grains": Measure.Grain.choices,
            "count": count,
            "more": min(count + DEFAULT_ROWS, MAX_ROWS) if count < MAX_ROWS else None,
            "nodes": nodes,
            "rows": [(row, [(node, kept, cell_name(node.key, row.start)) for node, kept in row.cells]) for row in rows],
            "typed": typed,
            "problems": problems,
        },
        status=400 if problems else 200,
    )


@login_required
@require_POST
def grid_cell(request: SignedInRequest, key: str) -> JsonResponse:
    """One cell typed in the grid: saved at once, or refused with the reason the cell shows."""
    north_star = team_north_star(request, key)
    form = CellForm(request.POST)
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        return JsonResponse({"error": first}, status=400)
    node, problem = check_cell(north_star, form.cleaned_data["node"], form.cleaned_data["period"])
    if problem or node is None:
        return JsonResponse({"error": problem}, status=400)
    start, number = form.cleaned_data["period"], form.cleaned_data["value"]
    with transaction.atomic():
        measure = node.measure or measure_for(north_star, node.key)
        if number is None:
            clear(north_star, measure, start)
        else:
            write(north_star, [(measure, start, number)], source=Value.Source.MANUAL, user=request.user)
    return JsonResponse({"value": plain_number(number), "saved_at": timezone.now().isoformat()})


@login_required
def correlation(request: SignedInRequest, key: str) -> HttpResponse:
    """How each input's numbers move with the North Star's, and the North Star's with the results."""
    north_star = team_north_star(request, key)
    nodes = read_nodes(north_star, with_figures=False)
    measured = {node.key: node for node in nodes if node.measure is not None}
    series: dict[int, dict] = {}
    for measure_id, start, value in Value.objects.filter(measure__north_star=north_star).values_list(
        "measure_id", "period_start", "value"
    ):
        series.setdefault(measure_id, {})[start] = value
    metric = measured.get(METRIC_KEY)
    pairs = [
        (node, metric, "Input against the North Star Metric")
        for node in nodes
        if node.kind == "input" and not node.retired and node.key in measured
    ]
    if metric is not None and RESULTS_KEY in measured:
        pairs.append((metric, measured[RESULTS_KEY], "North Star Metric against the business results"))
    rows: list[dict[str, object]] = []
    for leading, following, kind in pairs:
        if following is None or following.measure is None or leading.measure is None:
            rows.append({"leading": leading, "following": following, "kind": kind, "problem": "no-metric"})
        elif leading.measure.grain != following.measure.grain:
            rows.append({"leading": leading, "following": following, "kind": kind, "problem": "grains"})
        else:
            lags = correlation_report(
                series.get(leading.measure.pk, {}), series.get(following.measure.pk, {}), leading.measure.grain
            )
            rows.append({"leading": leading, "following": following, "kind": kind, "lags": lags})
    return render(
        request,
        "measures/correlation.html",
        {"north_star": north_star, "rows": rows, "min_periods": MIN_PERIODS, "has_metric": metric is not None},
    )
