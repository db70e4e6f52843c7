"""The bets board, a bet's one-pager with its review, and the bets' exports.

Every page fetches its North Star through bets/access.py (404 outside the team). Moves are
plain forms: with htmx the answer is the board region and the refusal, without it a
redirect back to the board with the refusal as a message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Max
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from library.models import Bet
from measures.board import current_snapshot
from measures.broadcast import numbers_changed
from northstar.requests import HtmxRequest, SignedInRequest

from .access import board_north_star, team_bet
from .board import MoveRefused, limits_of, move, read_board, set_limits, shift
from .broadcast import board_changed
from .exports import okr_markdown, tree_markdown
from .forms import LimitsForm, MoveForm, OnePagerForm, OutcomeForm
from .review import before_after

BOARD = "bets/board.html"


class BoardRequest(SignedInRequest, HtmxRequest):
    """A signed-in member's request, with htmx's details."""


def board_answer(request: BoardRequest, north_star, problem: str = "") -> HttpResponse:
    """The board after a move: its region and the refusal for htmx, else back to the page."""
    if request.htmx:
        context = {"north_star": north_star, "lanes": read_board(north_star), "problem": problem, "answer": True}
        return render(request, "bets/_answer.html", context)
    if problem:
        messages.error(request, problem)
    return redirect("bets:board", north_star.key)


@login_required
@require_GET
def board(request: BoardRequest, key: str) -> HttpResponse:
    north_star = board_north_star(request, key)
    context = {
        "north_star": north_star,
        "lanes": read_board(north_star),
        "live_path": f"/ws/north-stars/{north_star.key}/board/",
        "limits_form": LimitsForm(limits=limits_of(north_star)),
        "foundations": north_star.bets.filter(level__lt=Bet.Level.OPPORTUNITY),
    }
    return render(request, BOARD, context)


@login_required
@require_POST
def move_bet(request: BoardRequest, key: str, bet_id: int) -> HttpResponse:
    north_star = board_north_star(request, key)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return board_answer(request, north_star, "That move was not understood: choose a column on the board.")
    try:
        move(north_star, bet_id, form.cleaned_data["status"], before_id=form.cleaned_data["before"])
    except MoveRefused as refused:
        return board_answer(request, north_star, str(refused))
    return board_answer(request, north_star)


def shift_bet(request: BoardRequest, key: str, bet_id: int, by: int) -> HttpResponse:
    north_star = board_north_star(request, key)
    try:
        shift(north_star, bet_id, by)
    except MoveRefused as refused:
        return board_answer(request, north_star, str(refused))
    return board_answer(request, north_star)


@login_required
@require_POST
def move_up(request: BoardRequest, key: str, bet_id: int) -> HttpResponse:
    return shift_bet(request, key, bet_id, -1)


@login_required
@require_POST
def move_down(request: BoardRequest, key: str, bet_id: int) -> HttpResponse:
    return shift_bet(request, key, bet_id, +1)


@login_required
@require_POST
def limits(request: BoardRequest, key: str) -> HttpResponse:
    north_star = board_north_star(request, key)
    form = LimitsForm(request.POST, limits=limits_of(north_star))
    if not form.is_valid():
        context = {"north_star": north_star, "lanes": read_board(north_star), "limits_form": form}
        context["live_path"] = f"/ws/north-stars/{north_star.key}/board/"
        return render(request, BOARD, context, status=400)
    set_limits(north_star, form.limits())
    messages.success(request, "Work-in-progress limits saved.")
    return redirect("bets:board", north_star.key)


@login_required
@require_http_methods(["GET", "POST"])
def new_bet(request: BoardRequest, key: str) -> HttpResponse:
    north_star = board_north_star(request, key)
    inputs = current_snapshot(north_star).inputs
    form = OnePagerForm(request.POST or None, north_star=north_star, inputs=inputs)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            bet = form.save(commit=False)
            bet.north_star, bet.created_by = north_star, request.user
            last = north_star.bets.filter(level=bet.level).aggregate(last=Max("rank"))["last"] or 0
            bet.rank = last + 1  # a new bet joins the end of its level's queue
            bet.save()
            board_changed(north_star)
        messages.success(request, f"Bet “{bet.title}” added.")
        return redirect("bets:bet", north_star.key, bet.pk)
    context = {"north_star": north_star, "form": form}
    return render(request, "bets/edit.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def edit_bet(request: BoardRequest, key: str, bet_id: int) -> HttpResponse:
    north_star = board_north_star(request, key)
    bet = team_bet(north_star, bet_id)
    inputs = current_snapshot(north_star).inputs
    form = OnePagerForm(request.POST or None, instance=bet, north_star=north_star, inputs=inputs)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            board_changed(north_star)
        messages.success(request, "One-pager saved.")
        return redirect("bets:bet", north_star.key, bet.pk)
    context = {"north_star": north_star, "form": form, "bet": bet}
    return render(request, "bets/edit.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def bet_page(request: BoardRequest, key: str, bet_id: int) -> HttpResponse:
    """The one-pager, and once the bet is in review or done, its numbers before and after and its outcome."""
    north_star = board_north_star(request, key)
    bet = team_bet(north_star, bet_id)
    form = OutcomeForm(request.POST or None, instance=bet)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            numbers_changed(north_star)  # the scorecard shows outcomes on the input
            board_changed(north_star)
        messages.success(request, "Outcome recorded.")
        return redirect("bets:bet", north_star.key, bet.pk)
    names = {row.key: row.name for row in current_snapshot(north_star).inputs}
    context = {
        "north_star": north_star,
        "bet": bet,
        "input_name": names.get(bet.input_key, ""),
        "review": before_after(bet),
        "form": form,
        "children": bet.children.all(),
        "in_review": bet.status in (Bet.Status.IN_REVIEW, Bet.Status.DONE),
    }
    return render(request, "bets/bet.html", context, status=400 if form.errors else 200)


def download(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def tree_export(request: BoardRequest, key: str) -> HttpResponse:
    north_star = board_north_star(request, key)
    return download(tree_markdown(north_star), f"bets-{north_star.key}.md")


@login_required
@require_GET
def okr_export(request: BoardRequest, key: str) -> HttpResponse:
    north_star = board_north_star(request, key)
    return download(okr_markdown(north_star), f"okrs-{north_star.key}.md")
