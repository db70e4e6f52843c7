"""A running review: one socket per open page, re-rendered for its own viewer on every change.

Thin, like the scorecard's: it finds the viewer (a member of the team, checked on every
render), joins the meeting's group and sends the `review` region as an htmx out-of-band
swap on connect, on each notice and when the page asks (workshops.page_socket). Each
viewer's render is their own (their vote, whether they facilitate), so nothing is shared
between sockets.
"""

from django.template.loader import render_to_string

from workshops.page_socket import PageSocket
from workshops.renders import SharedRenders

from .access import find_occurrence, may_join
from .live import review_context
from .models import Occurrence


class ReviewConsumer(PageSocket):
    region_name = "the review"
    presenting: bool = False

    def __init__(self, *args, presenting: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.presenting = presenting

    async def review_changed(self, event: dict) -> None:
        await self.notice(event)

    # In the database thread ------------------------------------------------------------------

    def viewable(self) -> Occurrence | None:
        kwargs = self.scope["url_route"]["kwargs"]
        found = find_occurrence(kwargs["key"], kwargs["number"])
        if found is None or not may_join(self.scope.get("user"), found):
            return None
        return found

    def find_group(self) -> str | None:
        found = self.viewable()
        return found.group_name if found is not None else None

    def render_now(self, shared: SharedRenders | None) -> str | None:
        found = self.viewable()
        if found is None:
            return None
        context = review_context(found, self.scope.get("user"), presenting=self.presenting)
        context["oob"] = True
        return render_to_string("reviews/_review.html", context)
