"""The team's library after the workshop: North Star trees, versions, bets, share links, records, exports.

Every page fetches its object through library/access.py, which answers 404 to anyone
outside the team.
"""

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import may_do_on_team, may_leave_team
from accounts.models import Invitation, Membership, Team
from metrics.models import NorthStar, Proxy
from northstar.forms import RowForm, posted_choice, posted_flag, posted_number
from northstar.requests import SignedInRequest
from northstar.text import clean_line
from workshops.models import Workshop

from .access import member_north_star, member_team, member_workshop, shared_north_star
from .exports import export_document, import_document, markdown, matching_north_star, update_from_document
from .forms import (
    BetForm,
    BetStatusForm,
    DivisionForm,
    ImportChoiceForm,
    ImportForm,
    InputFormSet,
    NorthStarEditForm,
    ProxyForm,
    SearchForm,
    TeamNameForm,
)
from .models import SOURCE_EDIT, Bet, Division, NorthStarVersion, ShareLink
from .record import WorkshopRecord
from .snapshot import changes, pair_inputs
from .tree import Tree

# Teams and invitations -----------------------------------------------------------------


@login_required
def library_home(request: SignedInRequest) -> HttpResponse:
    """Where a signed-in person lands: their team's home."""
    return redirect(Team.default_for(request.user))


@login_required
def team_home(request: HttpRequest, slug: str) -> HttpResponse:
    return team_page(request, member_team(request, slug), ImportForm())


NO_DIVISION = "The whole product"


def division_name(north_star: NorthStar) -> str:
    division = getattr(north_star, "division", None)  # a reverse one-to-one is absent, not None, without a row
    return division.name if division else ""


def divisions_of(rows: list[dict]) -> dict:
    """The library's North Stars side by side by division, and the product lines that have more than one.

    Two adopted North Stars in one product line pull its teams in two directions: the page says so.
    """
    by_line: dict[str, list[dict]] = {}
    names: dict[str, str] = {}
    for row in rows:
        name = division_name(row["north_star"])
        names.setdefault(name.casefold(), name or NO_DIVISION)
        by_line.setdefault(name.casefold(), []).append(row)
    columns: list[dict[str, Any]] = [
        {"name": names[key], "rows": by_line[key]} for key in sorted(by_line, key=lambda k: (k == "", k))
    ]
    shared = [
        {"name": column["name"], "metrics": [row["metric_name"] for row in column["rows"] if row["version"]]}
        for column in columns
    ]
    return {"columns": columns, "several": len(columns) > 1, "warnings": [s for s in shared if len(s["metrics"]) > 1]}


def team_page(request: HttpRequest, team: Team, import_form: ImportForm, status: int = 200) -> HttpResponse:
    search = SearchForm(request.GET)
    text = search.cleaned_data["q"] if search.is_valid() else ""
    north_stars = [
        Tree.summary(north_star)
        for north_star in NorthStar.objects.filter(team=team)
        .select_related("statement", "workshop", "division")
        .prefetch_related("versions")
        .order_by("-created_at")
    ]
    if text:
        north_stars = [row for row in north_stars if text.casefold() in row["search_text"]]
    workshops = list(Workshop.objects.filter(team=team).search(text))
    groups = [
        ("Live now", [w for w in workshops if w.is_live]),
        ("Upcoming", [w for w in workshops if w.is_upcoming]),
        ("Ended", [w for w in workshops if w.is_ended]),
    ]
    return render(
        request,
        "library/team.html",
        {
            "team": team,
            "search": search,
            "text": text,
            "north_stars": north_stars,
            "divisions": divisions_of(north_stars),
            "groups": groups,
            "other_teams": [other for other in Team.objects.of(request.user) if other != team],
            "import_form": import_form,
        },
        # A search that cannot be run (a NUL byte, say) is shown with its reason, not ignored.
        status=400 if search.errors else status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def team_members(request: SignedInRequest, slug: str) -> HttpResponse:
    team = member_team(request, slug)
    mine = team.memberships.get(user=request.user)
    name_form = TeamNameForm(initial={"name": team.name})
    if request.method == "POST":
        actions = ("invite", "rename", "leave", "remove", "make_owner")
        action = posted_choice(request.POST, "action", actions, default="invite", message="Unknown action.")
        if not may_do_on_team(mine, action):
            raise PermissionDenied("Only the team's owners can do this.")
        if action == "rename":
            name_form = TeamNameForm(request.POST)
            if name_form.is_valid():
                team.name = name_form.cleaned_data["name"]
                team.save(update_fields=["name"])
                messages.success(request, f"The team is now called “{team.name}”.")
                return redirect("library:members", team.slug)
        elif action == "leave":
            return leave_team(request, team, mine)
        elif action in ("remove", "make_owner"):
            other = RowForm(
                request.POST, field="membership", queryset=team.memberships.exclude(pk=mine.pk), message=""
            ).row
            if other is None:
                messages.error(request, "That person is no longer in the team.")
            elif action == "remove":
                other.delete()
                messages.success(request, f"{other.user.name} is no longer in {team.name}.")
            else:
                other.role = Membership.Role.OWNER
                other.save(update_fields=["role"])
                messages.success(request, f"{other.user.name} is now an owner of {team.name}.")
            return redirect("library:members", team.slug)
        elif request.POST.get("revoke"):
            pending = team.invitations.filter(revoked_at=None)
            if invite := RowForm(request.POST, field="revoke", queryset=pending, to_field="token", message="").row:
                invite.revoked_at = timezone.now()
                invite.save(update_fields=["revoked_at"])
            messages.success(request, "The invitation link no longer works.")
            return redirect("library:members", team.slug)
        else:
            Invitation.objects.create(team=team, created_by=request.user)
            messages.success(request, "New invitation link made. Copy it and send it to your colleague.")
            return redirect("library:members", team.slug)
    return render(
        request,
        "library/members.html",
        {
            "team": team,
            "mine": mine,
            "is_owner": mine.role == Membership.Role.OWNER,
            "memberships": team.memberships.select_related("user"),
            "invitations": team.invitations.usable(),
            "name_form": name_form,
        },
        status=400 if name_form.errors else 200,
    )


def leave_team(request: HttpRequest, team: Team, mine: Membership) -> HttpResponse:
    refusal = may_leave_team(mine)
    if refusal is not None:
        messages.error(request, refusal)
        return redirect("library:members", team.slug)
    mine.delete()
    messages.success(request, f"You left {team.name}.")
    return redirect("library:home")


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    invite = Invitation.objects.select_related("team").filter(token=token).first()
    if invite is None or not invite.is_usable():
        return render(request, "library/invitation.html", {"invitation": None}, status=404)
    team = invite.team
    if request.user.is_authenticated and team.has_member(request.user):
        return redirect(team)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={invite.get_absolute_url()}")
        team.add_member(request.user)
        messages.success(request, f"Welcome to {team.name}.")
        return redirect(team)
    return render(request, "library/invitation.html", {"invitation": invite, "team": team})


# The North Star tree ---------------------------------------------------------------------


@login_required
def north_star(request: HttpRequest, key: str) -> HttpResponse:
    star = member_north_star(request, key)
    tree = Tree.current(star, with_origins=True)
    return render(
        request,
        "library/north_star.html",
        {
            "north_star": star,
            "tree": tree,
            "bet_form": BetForm(inputs=tree.snapshot.inputs) if tree.snapshot.inputs else None,
            "share_link": star.share_links.filter(revoked_at=None).first(),
            "statuses": Bet.Status.choices,
            **proxies_context(star),
        },
    )


def proxies_context(star: NorthStar, form: ProxyForm | None = None) -> dict:
    """The metric's and inputs' proxies, and the form to mark one."""
    proxies = Proxy.objects.filter(Q(candidate=star.statement) | Q(item__candidate=star.statement)).select_related(
        "candidate", "item"
    )
    division = division_name(star)
    return {
        "proxies": list(proxies),
        "proxy_form": form or ProxyForm(north_star=star),
        "division_form": DivisionForm(initial={"name": division}),
        "division": division,
    }


@login_required
@require_POST
def division_set(request: HttpRequest, key: str) -> HttpResponse:
    star = member_north_star(request, key)
    form = DivisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))
        return redirect(f"{star.get_absolute_url()}#division")
    name = clean_line(form.cleaned_data["name"])
    if name:
        Division.objects.update_or_create(north_star=star, defaults={"name": name})
        messages.success(request, f"This North Star now belongs to the division “{name}”.")
    else:
        Division.objects.filter(north_star=star).delete()
        messages.success(request, "This North Star is now for the whole product.")
    return redirect(star.get_absolute_url())


@login_required
@require_POST
def proxy_mark(request: HttpRequest, key: str) -> HttpResponse:
    star = member_north_star(request, key)
    form = ProxyForm(request.POST, north_star=star)
    if form.is_valid():
        proxy = form.save()
        messages.success(request, f"“{proxy.node_name}” is measured by a proxy for now.")
        return redirect(f"{star.get_absolute_url()}#proxies")
    tree = Tree.current(star, with_origins=True)
    context = {"north_star": star, "tree": tree, "statuses": Bet.Status.choices, **proxies_context(star, form)}
    context["bet_form"] = BetForm(inputs=tree.snapshot.inputs) if tree.snapshot.inputs else None
    context["share_link"] = star.share_links.filter(revoked_at=None).first()
    return render(request, "library/north_star.html", context, status=400)


@login_required
def version(request: HttpRequest, key: str, number: int) -> HttpResponse:
    star = member_north_star(request, key)
    old = get_object_or_404(star.versions, number=number)
    return render(
        request, "library/version.html", {"north_star": star, "version": old, "tree": Tree.of_version(star, old)}
    )


@login_required
def history(request: HttpRequest, key: str) -> HttpResponse:
    star = member_north_star(request, key)
    versions = list(star.versions.select_related("author").latest_first())
    return render(request, "library/history.html", {"north_star": star, "versions": versions})


@login_required
def diff(request: HttpRequest, key: str) -> HttpResponse:
    star = member_north_star(request, key)
    versions = {v.number: v for v in star.versions.select_related("author")}
    chosen = {posted_number(request.GET, "a"), posted_number(request.GET, "b")}
    numbers = sorted(number for number in chosen if number is not None and number in versions)
    if len(numbers) != 2:  # a number missing or not one, the same version twice, or no such version
        messages.error(request, "Choose two different versions to compare.")
        return redirect("library:history", star.key)
    before, after = versions[numbers[0]], versions[numbers[1]]
    return render(
        request,
        "library/diff.html",
        {
            "north_star": star,
            "latest": versions[max(versions)],  # the name the North Star goes by now
            "before": before,
            "after": after,
            "changes": changes(before.data, after.data),
            "pairs": pair_inputs(before.data, after.data),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, key: str) -> HttpResponse:
    """Revise the North Star: the change is saved as a new version with what the team learned."""
    star = member_north_star(request, key)
    latest = star.versions.last()
    if latest is None:
        messages.error(request, "Adopt the North Star in its workshop first; revisions start from there.")
        return redirect(star)
    current = latest.data
    known = {row.key for row in current.inputs}
    initial_inputs = [
        {"key": r.key, "name": r.name, "definition": r.definition, "heuristic": r.heuristic} for r in current.inputs
    ]
    data = request.POST if request.method == "POST" else None
    form = NorthStarEditForm(data, initial=NorthStarEditForm.initial_from(current))
    inputs = InputFormSet(data, initial=initial_inputs, prefix="inputs", known_keys=known)
    if data is not None and form.is_valid() and inputs.is_valid():
        fields = form.cleaned_data
        snapshot = {
            "metric": {"name": fields["metric_name"], "definition": fields["metric_definition"]},
            "game": fields["game"],
            "business_results": fields["business_results"],
            "open_questions": fields["open_questions"],
            "information_needed": fields["information_needed"],
            "inputs": inputs.rows(),
            **form.snapshot_extras(timezone.localdate()),
        }
        if snapshot == latest.snapshot:
            form.add_error(None, "Nothing has changed, so there is no new version to save.")
        else:
            with transaction.atomic():
                saved = NorthStarVersion.objects.record(
                    star, snapshot, author=request.user, note=fields["note"], source=SOURCE_EDIT
                )
            messages.success(request, f"Saved as version {saved.number}.")
            return redirect(star)
    return render(request, "library/edit.html", {"north_star": star, "form": form, "inputs": inputs, "latest": latest})


# Bets --------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def bet_add(request: HttpRequest, key: str) -> HttpResponse:
    star = member_north_star(request, key)
    if request.method == "GET":  # the address a refused bet leaves in the address bar, reloaded
        return redirect(f"{star.get_absolute_url()}#add-bet")
    tree = Tree.current(star)
    form = BetForm(request.POST, inputs=tree.snapshot.inputs)
    if form.is_valid():
        bet = form.save(commit=False)
        bet.north_star, bet.created_by = star, request.user
        bet.save()
        messages.success(request, f"Bet “{bet.title}” added.")
        return redirect(f"{star.get_absolute_url()}#input-{bet.input_key}")
    tree = Tree.current(star, with_origins=True)
    context = {"north_star": star, "tree": tree, "bet_form": form, "statuses": Bet.Status.choices}
    context |= proxies_context(star)
    context["share_link"] = star.share_links.filter(revoked_at=None).first()
    return render(request, "library/north_star.html", context, status=400)


@login_required
@require_POST
def bet_update(request: HttpRequest, key: str, bet_id: int) -> HttpResponse:
    star = member_north_star(request, key)
    bet = get_object_or_404(star.bets, pk=bet_id)
    if posted_flag(request.POST, "remove"):
        bet.delete()
        messages.success(request, f"Bet “{bet.title}” removed.")
    else:
        form = BetStatusForm(request.POST)
        if form.is_valid():
            bet.status = form.cleaned_data["status"]
            bet.save(update_fields=["status", "updated_at"])
    latest = star.versions.last()
    on_tree = latest is not None and any(row.key == bet.input_key for row in latest.data.inputs)
    return redirect(f"{star.get_absolute_url()}#{f'input-{bet.input_key}' if on_tree else 'detached-bets'}")


# Sharing and exports ------------------------------------------------------------------------


@login_required
@require_POST
def share(request: SignedInRequest, key: str) -> HttpResponse:
    star = member_north_star(request, key)
    with transaction.atomic():
        star.share_links.filter(revoked_at=None).update(revoked_at=timezone.now())
        action = posted_choice(
            request.POST, "action", ("create", "revoke"), default="create", message="Unknown action."
        )
        if action == "revoke":
            messages.success(request, "The share link is revoked: it no longer opens anything.")
        else:
            ShareLink.objects.create(north_star=star, created_by=request.user)
            messages.success(request, "Anyone with the new link can read this North Star (not change it).")
    return redirect(f"{star.get_absolute_url()}#sharing")


def shared(request: HttpRequest, token: str) -> HttpResponse:
    star = shared_north_star(token)
    return render(request, "library/shared.html", {"north_star": star, "tree": Tree.current(star), "token": token})


def shared_markdown(request: HttpRequest, token: str) -> HttpResponse:
    """The read-only link's Markdown download: what a participant without an account can keep."""
    return markdown_download(shared_north_star(token))


@login_required
def export_markdown(request: HttpRequest, key: str) -> HttpResponse:
    return markdown_download(member_north_star(request, key))


def markdown_download(star: NorthStar) -> HttpResponse:
    tree = Tree.current(star)
    response = HttpResponse(markdown(star, tree.snapshot, tree.bets), content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="north-star-{star.key}.md"'
    return response


@login_required
def export_json(request: HttpRequest, key: str) -> HttpResponse:
    star = member_north_star(request, key)
    body = json.dumps(export_document(star), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="north-star-{star.key}.json"'
    return response


@login_required
@require_POST
def import_north_star(request: HttpRequest, slug: str) -> HttpResponse:
    team = member_team(request, slug)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        document = form.cleaned_data["file"]
        same = matching_north_star(document, team)
        if same is None:
            star = import_document(document, team, request.user)
            messages.success(request, "North Star imported with its versions and bets.")
            return redirect(star)
        # The file is read and checked; it waits in the session while the person decides.
        request.session[pending_import_key(team)] = document
        return import_choice_page(request, team, same, ImportChoiceForm())
    # The team page again, with the reason beside the file field and at the top of the page.
    for error in form.errors.get("file", []):
        messages.error(request, f"Import failed: {error}")
    return team_page(request, team, form, status=400)


def pending_import_key(team: Team) -> str:
    return f"pending-import:{team.pk}"


def import_choice_page(
    request: HttpRequest, team: Team, same: NorthStar, form: ImportChoiceForm, status: int = 200
) -> HttpResponse:
    return render(request, "library/import_choice.html", {"team": team, "same": same, "form": form}, status=status)


@login_required
@require_POST
def import_choose(request: HttpRequest, slug: str) -> HttpResponse:
    """The answer to "update ours or import a copy?" for the file waiting in the session."""
    team = member_team(request, slug)
    document = request.session.get(pending_import_key(team))
    if document is None:
        messages.error(request, "No imported file is waiting any more: choose the file again.")
        return redirect(team)
    same = matching_north_star(document, team)
    form = ImportChoiceForm(request.POST)
    if same is not None and not form.is_valid():
        return import_choice_page(request, team, same, form, status=400)
    del request.session[pending_import_key(team)]
    if same is not None and form.cleaned_data["choice"] == ImportChoiceForm.UPDATE:
        saved = update_from_document(same, document, request.user)
        if saved is None:
            messages.success(request, "This North Star already matched the file: no new version was needed.")
        else:
            messages.success(request, f"Updated from the file: saved as version {saved.number}.")
        return redirect(same)
    star = import_document(document, team, request.user)
    messages.success(request, "North Star imported as a separate copy, with its versions and bets.")
    return redirect(star)


# The workshop record ------------------------------------------------------------------------


@login_required
def record(request: HttpRequest, code: str) -> HttpResponse:
    workshop = member_workshop(request, code)
    if not workshop.is_ended:
        return render(request, "library/record_pending.html", {"workshop": workshop})
    return render(request, "library/record.html", {"workshop": workshop, "record": WorkshopRecord(workshop)})
