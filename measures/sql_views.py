"""SQL sources: a team's database connections, and each node's query, schedule and status.

Team owners add connections and set queries (they reach outside the tool); every member
sees a source's status and may ask for a refresh now. Pages fetch their North Star through
measures/access.py, which answers 404 outside the team.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from metrics.models import NorthStar
from northstar.requests import SignedInRequest

from .access import is_team_owner, team_north_star
from .board import Node, read_nodes
from .models import SqlConnection, SqlSource
from .sql_forms import ConnectionForm, SourceForm
from .tasks import refresh_now
from .values import measure_for


def _node(north_star: NorthStar, key: str) -> Node:
    found = next((item for item in read_nodes(north_star, with_figures=False) if item.key == key), None)
    if found is None:
        raise Http404("No such node in this North Star.")
    return found


def _source_of(north_star: NorthStar, node_key: str) -> SqlSource | None:
    return (
        SqlSource.objects.select_related("connection", "measure")
        .filter(measure__north_star=north_star, measure__node_key=node_key)
        .first()
    )


def _owner_only(request: SignedInRequest, north_star: NorthStar) -> None:
    if not is_team_owner(request.user, north_star.team):
        raise PermissionDenied("Only the team's owners connect databases and set queries.")


@login_required
@require_http_methods(["GET", "POST"])
def connections(request: SignedInRequest, key: str) -> HttpResponse:
    """The team's database connections; owners add them here."""
    north_star = team_north_star(request, key)
    team = north_star.team
    assert team is not None
    owner = is_team_owner(request.user, team)
    form = ConnectionForm(request.POST or None, team=team)
    if request.method == "POST":
        _owner_only(request, north_star)
        if form.is_valid():
            saved = form.save(request.user)
            messages.success(request, f"The connection “{saved.name}” to {saved.where} is saved.")
            return redirect("measures:sql_connections", key)
    return render(
        request,
        "measures/sql_connections.html",
        {
            "north_star": north_star,
            "connections": SqlConnection.objects.filter(team=team),
            "form": form if owner else None,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def connection_delete(request: SignedInRequest, key: str, connection: int) -> HttpResponse:
    north_star = team_north_star(request, key)
    _owner_only(request, north_star)
    found = SqlConnection.objects.filter(team=north_star.team, pk=connection).first()
    if found is None:
        raise Http404("No such connection.")
    found.delete()
    messages.success(request, f"The connection “{found.name}” and its queries are removed; their values stay.")
    return redirect("measures:sql_connections", key)


@login_required
@require_http_methods(["GET", "POST"])
def source(request: SignedInRequest, key: str, node: str) -> HttpResponse:
    """A node's SQL source: its status for every member, its query and schedule for owners."""
    north_star = team_north_star(request, key)
    found = _node(north_star, node)
    team = north_star.team
    assert team is not None
    owner = is_team_owner(request.user, team)
    current = _source_of(north_star, found.key)
    form = SourceForm(request.POST or None, instance=current, team=team)
    if request.method == "POST":
        _owner_only(request, north_star)
        if form.is_valid():
            with transaction.atomic():
                saved = form.save(commit=False)
                if current is None:
                    saved.measure = measure_for(north_star, found.key)
                saved.save()
                refresh_now(saved)
            messages.success(request, f"The query of “{found.name}” is saved; its first refresh is on its way.")
            return redirect("measures:sql_source", key, found.key)
    return render(
        request,
        "measures/sql_source.html",
        {
            "north_star": north_star,
            "node": found,
            "source": current,
            "form": form if owner else None,
            "has_connections": SqlConnection.objects.filter(team=team).exists(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def source_refresh(request: SignedInRequest, key: str, node: str) -> HttpResponse:
    """Any member may ask for a refresh now; the worker runs it in a moment."""
    north_star = team_north_star(request, key)
    found = _node(north_star, node)
    current = _source_of(north_star, found.key)
    if current is None:
        raise Http404("This node has no SQL source.")
    refresh_now(current)
    messages.success(request, f"A refresh of “{found.name}” is queued; this page shows its outcome once it has run.")
    return redirect("measures:sql_source", key, found.key)


@login_required
@require_POST
def source_remove(request: SignedInRequest, key: str, node: str) -> HttpResponse:
    north_star = team_north_star(request, key)
    _owner_only(request, north_star)
    found = _node(north_star, node)
    current = _source_of(north_star, found.key)
    if current is None:
        raise Http404("This node has no SQL source.")
    current.delete()
    messages.success(request, f"“{found.name}” no longer reads from SQL; the values it brought in stay.")
    return redirect("measures:numbers", key)
