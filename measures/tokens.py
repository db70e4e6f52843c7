"""The team's push API tokens: members see the list; owners make and revoke tokens.

A new token's secret is shown once, in the answer to the form that made it, and never
stored: the page is not cached and a reload cannot bring it back.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Team
from library.access import member_team
from metrics.models import NorthStar
from northstar.requests import SignedInRequest

from .access import may_manage_tokens
from .api_forms import TokenForm
from .models import ApiToken


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: SignedInRequest, slug: str) -> HttpResponse:
    team = member_team(request, slug)
    may_manage = may_manage_tokens(request.user, team)
    form = TokenForm(request.POST or None, team=team)
    secret = None
    new_token = None
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied("Only the team's owners make API tokens.")
        if form.is_valid():
            new_token, secret = ApiToken.issue(
                team=team,
                name=form.cleaned_data["name"],
                north_star=form.cleaned_data["north_star"],
                created_by=request.user,
            )
            form = TokenForm(team=team)
    return render(
        request,
        "measures/api_tokens.html",
        {
            "team": team,
            "tokens": tokens_of(team),
            "north_stars": NorthStar.objects.filter(team=team).select_related("statement").order_by("pk"),
            "form": form,
            "may_manage": may_manage,
            "new_token": new_token,
            "secret": secret,
            "api_url": request.build_absolute_uri("/api/north-stars/"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def revoke_api_token(request: SignedInRequest, slug: str, token_id: int) -> HttpResponse:
    team = member_team(request, slug)
    if not may_manage_tokens(request.user, team):
        raise PermissionDenied("Only the team's owners revoke API tokens.")
    token = get_object_or_404(ApiToken, team=team, pk=token_id)
    token.revoke()
    messages.success(request, f"“{token.name}” no longer works. Systems that used it are refused from now on.")
    return redirect("measures:api_tokens", team.slug)


def tokens_of(team: Team):
    return team.api_tokens.select_related("north_star__statement", "created_by")
