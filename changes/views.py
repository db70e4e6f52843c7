"""Deliberate change: the anti-pattern check, proposals to change the North Star, and their decisions."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from library.forms import InputFormSet
from library.models import NorthStarVersion
from library.snapshot import Snapshot, changes
from measures.models import Measure
from metrics.models import NorthStar

from .access import may_decide, member_proposal, proposals_north_star
from .advice import QUARTER, Advice, check
from .evidence import LINK
from .forms import EvidenceLinkFormSet, ProposalForm, ProposedNorthStarForm
from .models import Evidence, Proposal, ProposalRefused


def advice_for(north_star: NorthStar, data: Snapshot, last_change: datetime | None, at: datetime) -> list[Advice]:
    owners = {
        node_key: owner_id is not None
        for node_key, owner_id in Measure.objects.filter(north_star=north_star).values_list("node_key", "owner_id")
    }
    return check(data, owners, last_change, at)


def latest_versions(north_star: NorthStar) -> list[NorthStarVersion]:
    return list(north_star.versions.order_by("-number")[:2])


@login_required
def proposals(request: HttpRequest, key: str) -> HttpResponse:
    """The current tree's advice, the open proposals and the decided ones."""
    star = proposals_north_star(request, key)
    versions = latest_versions(star)
    if not versions:
        messages.error(request, "Adopt the North Star in its workshop first; changes start from there.")
        return redirect(star)
    latest = versions[0]
    before = versions[1].created_at if len(versions) > 1 else None
    rows = list(star.proposals.select_related("proposed_by", "decided_by"))
    return render(
        request,
        "changes/proposals.html",
        {
            "north_star": star,
            "latest": latest,
            "today": timezone.localdate(),
            "advice": advice_for(star, latest.data, before, latest.created_at),
            "open": [row for row in rows if row.is_open],
            "decided": [row for row in rows if not row.is_open],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_new(request: HttpRequest, key: str) -> HttpResponse:
    star = proposals_north_star(request, key)
    latest = star.versions.order_by("-number").first()
    if latest is None:
        messages.error(request, "Adopt the North Star in its workshop first; changes start from there.")
        return redirect(star)
    current = latest.data
    data = request.POST if request.method == "POST" else None
    statement = ProposedNorthStarForm(data, initial=ProposedNorthStarForm.initial_from(current))
    inputs = InputFormSet(
        data,
        initial=[
            {"key": r.key, "name": r.name, "definition": r.definition, "heuristic": r.heuristic} for r in current.inputs
        ],
        prefix="inputs",
        known_keys={row.key for row in current.inputs},
    )
    # A flag or a decision elsewhere links here with ?evidence=<kind>|<url> to tick itself.
    ticked = {"suggested_evidence": request.GET.getlist("evidence")}
    form = ProposalForm(data, north_star=star, current=current, initial=ticked)
    links = EvidenceLinkFormSet(data, prefix="evidence")
    now = timezone.now()
    if data is not None and all([statement.is_valid(), inputs.is_valid(), form.is_valid(), links.is_valid()]):
        fields = statement.cleaned_data
        snapshot = {
            "metric": {"name": fields["metric_name"], "definition": fields["metric_definition"]},
            "game": fields["game"],
            "business_results": fields["business_results"],
            "open_questions": fields["open_questions"],
            "information_needed": fields["information_needed"],
            "inputs": inputs.rows(),
            **statement.snapshot_extras(timezone.localdate()),
        }
        if snapshot == latest.snapshot:
            statement.add_error(None, "This proposes no change: the North Star would read exactly as it does now.")
        else:
            proposal = save_proposal(request, star, latest, snapshot, form, links, now)
            messages.success(request, "Proposal saved. A team owner decides on it.")
            return redirect(proposal)
    return render(
        request,
        "changes/proposal_new.html",
        {
            "north_star": star,
            "latest": latest,
            "statement": statement,
            "inputs": inputs,
            "form": form,
            "links": links,
            "days_since": (now - latest.created_at).days,
            "too_soon": now - latest.created_at < QUARTER,
        },
        status=400 if data is not None else 200,
    )


def save_proposal(request, star, latest, snapshot, form: ProposalForm, links, now) -> Proposal:
    fields = form.cleaned_data
    with transaction.atomic():
        proposal = Proposal.objects.create(
            north_star=star,
            base_number=latest.number,
            base_created_at=latest.created_at,
            snapshot=snapshot,
            rationale=fields["rationale"],
            affected_inputs=list(fields["affected_inputs"]),
            proposed_by=request.user,
            created_at=now,
        )
        proposal.affected_measures.set(fields["affected_measures"])
        proposal.affected_bets.set(fields["affected_bets"])
        evidence = [Evidence(proposal=proposal, kind=k, url=u, label=label) for k, u, label in form.chosen_evidence()]
        evidence += [
            Evidence(proposal=proposal, kind=LINK.key, url=link["url"], label=link.get("label", ""))
            for link in (link_form.cleaned_data for link_form in links.forms)
            if link.get("url")
        ]
        Evidence.objects.bulk_create(evidence)
    return proposal


@login_required
def proposal(request: HttpRequest, key: str, proposal_id: int) -> HttpResponse:
    row = member_proposal(request, key, proposal_id)
    star = row.north_star
    base = star.versions.filter(number=row.base_number).first()
    before = base.data if base else Snapshot({})
    names = {r.key: r.name for r in before.inputs} | {r.key: r.name for r in row.data.inputs}
    return render(
        request,
        "changes/proposal.html",
        {
            "north_star": star,
            "proposal": row,
            "base": base,
            "changes": changes(before, row.data),
            "advice": advice_for(star, row.data, row.base_created_at, row.created_at),
            "evidence": list(row.evidence.all()),
            "inputs": [names.get(input_key, input_key) for input_key in row.affected_inputs],
            "measures": list(row.affected_measures.all()),
            "bets": list(row.affected_bets.all()),
            "may_decide": may_decide(request.user, star),
        },
    )


@login_required
@require_POST
def proposal_approve(request: HttpRequest, key: str, proposal_id: int) -> HttpResponse:
    row = member_proposal(request, key, proposal_id)
    if not may_decide(request.user, row.north_star):
        raise PermissionDenied("Only the team’s owners approve a change to the North Star.")
    try:
        version = row.approve(request.user)
    except ProposalRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(row)
    messages.success(request, f"Approved: the North Star is now version {version.number}.")
    return redirect(row.north_star)


@login_required
@require_POST
def proposal_decline(request: HttpRequest, key: str, proposal_id: int) -> HttpResponse:
    row = member_proposal(request, key, proposal_id)
    if not may_decide(request.user, row.north_star):
        raise PermissionDenied("Only the team’s owners decline a proposed change.")
    try:
        row.decline(request.user)
    except ProposalRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(row)
    messages.success(request, "Declined: the North Star stays as it is.")
    return redirect(row)
