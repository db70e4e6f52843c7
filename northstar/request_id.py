"""A short id for every request: in the response header, on the error page and in every log line.

A person who reports "it said something went wrong, reference 3f9c..." can be
matched to the log lines of that request.
"""

import contextvars
import logging
import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
# An id from a trusted proxy is kept if it looks like one; anything else is replaced.
ACCEPTED = re.compile(r"[A-Za-z0-9._-]{8,64}")

current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def new_request_id() -> str:
    return uuid.uuid4().hex[:16]


class IdentifiedRequest(HttpRequest):
    """A request once this middleware has given it its id (the error page shows `request.request_id`)."""

    request_id: str


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: IdentifiedRequest) -> HttpResponse:
        incoming = request.headers.get(HEADER, "")
        request_id = incoming if ACCEPTED.fullmatch(incoming) else new_request_id()
        request.request_id = request_id
        # Not reset on the way out: Django logs a failed response ("Internal Server Error: ...")
        # after the middleware has returned, and that line needs the id most. Each request
        # sets its own id first thing.
        current_request_id.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every log record (a dash outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True
