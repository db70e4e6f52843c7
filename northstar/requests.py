"""Requests as the views receive them, for the type checker.

django-htmx's middleware gives every request `request.htmx`, and `login_required`
lets only a signed-in user through; HttpRequest knows neither.
"""

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from accounts.models import User


class HtmxRequest(HttpRequest):
    htmx: HtmxDetails


class SignedInRequest(HttpRequest):
    """The request of a `login_required` view."""

    user: "User"
