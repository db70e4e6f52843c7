"""Error pages a person can act on, in the site's own design."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import defaults

from .request_id import current_request_id

FALLBACK_500 = (
    "<!doctype html><html lang='en'><meta charset='utf-8'><title>Something went wrong</title>"
    "<h1>Something went wrong on our side</h1><p>Please reload the page in a moment. "
    "If it keeps happening, tell us this reference: <code>{}</code>.</p></html>"
)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page. Rendered without the request's context processors: the database may be the problem."""
    request_id = getattr(request, "request_id", None) or current_request_id.get()
    html: str
    try:
        html = render_to_string("500.html", {"request_id": request_id})
    except Exception:
        html = FALLBACK_500.format(escape(request_id))
    return HttpResponseServerError(html)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 400 page; a form with more text than DATA_UPLOAD_MAX_MEMORY_SIZE is told so.

    Django refuses such a body before any view reads it, so the view cannot show its form
    again with a message beside the field: this page says what happened and what to do.
    """
    if not isinstance(exception, RequestDataTooBig):
        return defaults.bad_request(request, exception)
    context = {
        "sent": int(request.META.get("CONTENT_LENGTH") or 0),
        "limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
        "back": same_site_referer(request),
    }
    return HttpResponse(render_to_string("400_too_big.html", context, request=request), status=400)


def same_site_referer(request: HttpRequest) -> str | None:
    """The page the form was on, if it is one of ours."""
    referer = request.headers.get("Referer", "")
    if not referer.isprintable():
        return None
    ours = {request.get_host()}
    return referer if url_has_allowed_host_and_scheme(referer, ours, require_https=request.is_secure()) else None


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form older than the session, or sent from another site."""
    html = render_to_string("403_csrf.html", {}, request=request)
    return HttpResponse(html, status=403)


class MethodNotAllowedPage:
    """A page instead of Django's empty 405 for a person who opens a form's address.

    A bookmark of "Log out", a reload after a refused form, a link pasted from the address bar:
    each asks with GET for an address that only takes a form's POST.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or response.content or request.method not in ("GET", "HEAD"):
            return response
        page = HttpResponse(render_to_string("405.html", {}, request=request), status=405)
        if response.has_header("Allow"):
            page["Allow"] = response["Allow"]
        return page
