"""The live regions of each page, rendered the same way by views and by the consumer."""

from functools import cached_property

from django.template.loader import render_to_string

from .access import Page, Viewer
from .models import Participant, Workshop


class Roster:
    """Who has joined and who is connected now; computed on first use."""

    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop

    @cached_property
    def people(self) -> list[Participant]:
        return list(self.workshop.roster())

    @property
    def total(self) -> int:
        return len(self.people)

    @property
    def online_count(self) -> int:
        return sum(1 for person in self.people if person.online)


PAGE_TEMPLATES = {
    Page.FACILITATE: "workshops/facilitate.html",
    Page.PARTICIPANT: "workshops/participant.html",
}

# Every region is a named partial of its page template with a stable id.
PAGE_REGIONS = {
    Page.FACILITATE: ["roster"],
    Page.PARTICIPANT: ["roster"],
}


def page_context(viewer: Viewer) -> dict:
    """What every region may need. Querysets stay lazy: a region that is not rendered costs nothing."""
    workshop = viewer.workshop
    return {"workshop": workshop, "viewer": viewer, "roster": Roster(workshop)}


def render_regions(viewer: Viewer, page: Page, regions: list[str] | None = None) -> str:
    """Render the named regions (all of the page's when None) for this viewer, ready for OOB swaps."""
    wanted = PAGE_REGIONS[page] if regions is None else [r for r in regions if r in PAGE_REGIONS[page]]
    if not wanted:
        return ""
    template = PAGE_TEMPLATES[page]
    context = page_context(viewer)
    return "".join(render_to_string(f"{template}#{region}", context) for region in wanted)
