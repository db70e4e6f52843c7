"""Error pages a person can act on, in the site's own design."""

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string
from django.utils.html import escape

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
