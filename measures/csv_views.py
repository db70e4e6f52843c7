"""CSV upload of values: send a file, read its preview, then save it all at once.

The file is kept on disk between the two steps (measures.models.Upload), only for the
member who sent it; the commit reads it again and writes everything in one transaction.
"""

import secrets
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from metrics.models import NorthStar
from northstar.requests import SignedInRequest

from .access import team_north_star
from .csv_forms import CsvUploadForm
from .csv_import import MAX_ROWS, SHOWN_REFUSALS, AlreadySaved, FileProblem, commit, read
from .models import Upload

KEPT_FOR = timedelta(days=1)


def amount(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def own_upload(request: SignedInRequest, north_star: NorthStar, token: str) -> Upload:
    """The upload behind a preview or commit: only its sender's, on its own North Star; 404 otherwise."""
    upload = Upload.objects.filter(token=token, north_star=north_star, uploaded_by=request.user).first()
    if upload is None or upload.created_at < timezone.now() - KEPT_FOR:
        raise Http404("No such upload: it may have expired. Send the file again.")
    return upload


def forget_old_uploads() -> None:
    for old in Upload.objects.filter(created_at__lt=timezone.now() - KEPT_FOR):
        old.discard_file()
        old.delete()


@login_required
@require_http_methods(["GET", "POST"])
def csv_upload(request: SignedInRequest, key: str) -> HttpResponse:
    north_star = team_north_star(request, key)
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        forget_old_uploads()
        sent = form.cleaned_data["file"]
        upload = Upload(
            token=secrets.token_urlsafe(24),
            north_star=north_star,
            uploaded_by=request.user,
            file_name=(sent.name or "")[:200],
            size=sent.size,
        )
        upload.path.parent.mkdir(parents=True, exist_ok=True)
        with upload.path.open("wb") as kept:
            for chunk in sent.chunks():
                kept.write(chunk)
        upload.save()
        return redirect("measures:csv_preview", key, upload.token)
    return render(
        request,
        "measures/csv_upload.html",
        {"north_star": north_star, "form": form, "max_rows": MAX_ROWS},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET"])
def csv_preview(request: SignedInRequest, key: str, token: str) -> HttpResponse:
    north_star = team_north_star(request, key)
    upload = own_upload(request, north_star, token)
    if upload.committed_at is not None:
        messages.info(request, f"“{upload}” is already saved.")
        return redirect("measures:numbers", key)
    reading, problem = None, None
    try:
        reading = read(north_star, upload.path)
    except FileNotFoundError:
        raise Http404("The file of this upload is gone. Send it again.") from None
    except FileProblem as refused:
        problem = str(refused)
    return render(
        request,
        "measures/csv_preview.html",
        {
            "north_star": north_star,
            "upload": upload,
            "reading": reading,
            "problem": problem,
            "shown": SHOWN_REFUSALS,
        },
        status=400 if problem else 200,
    )


@login_required
@require_POST
def csv_commit(request: SignedInRequest, key: str, token: str) -> HttpResponse:
    north_star = team_north_star(request, key)
    upload = own_upload(request, north_star, token)
    if upload.committed_at is not None:
        messages.info(request, f"“{upload}” is already saved.")
        return redirect("measures:numbers", key)
    try:
        reading, counts = commit(upload, upload.path, request.user)
    except AlreadySaved:
        messages.info(request, f"“{upload}” is already saved.")
        return redirect("measures:numbers", key)
    except FileNotFoundError:
        raise Http404("The file of this upload is gone. Send it again.") from None
    except FileProblem as refused:
        messages.error(request, f"Nothing was saved. {refused}")
        return redirect("measures:csv_preview", key, token)
    upload.discard_file()
    left_out = f"; {amount(reading.refused, 'refused row')} left out" if reading.refused else ""
    messages.success(
        request,
        f"Saved “{upload}”: {amount(counts.new, 'new value')}, {counts.changed} changed, "
        f"{counts.unchanged} unchanged{left_out}.",
    )
    return redirect("measures:numbers", key)
