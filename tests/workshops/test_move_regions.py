"""A move between segments announces only the regions it can change.

Every region a move leaves out must look the same before and after it, on every
page and for every kind of viewer: otherwise a tab would go on showing the segment
the group has left. These tests make every move of the 120-minute agenda in a room
where every board, group, pair and draft has content, and compare.
"""

from dataclasses import replace

import pytest
from django.utils import timezone

from tests.workshops.test_shared_renders import KINDS, room, viewers
from workshops.access import Page
from workshops.live import every_segment_regions, move_regions, page_regions, render_regions, segment_changed
from workshops.models import Segment, Workshop
from workshops.renders import SharedRenders

# The regions some moves leave out; every move announces the others.
OPTIONAL = [region for region in segment_changed() if region not in every_segment_regions()]


def looks(tabs: dict, workshop_pk: int) -> dict[tuple, str]:
    """The regions a move may leave out on every page, for every viewer, as they look now."""
    workshop = Workshop.objects.select_related("facilitator").get(pk=workshop_pk)
    now = timezone.now()
    seen = {}
    for page, page_viewers in tabs.items():
        for index, viewer in enumerate(page_viewers):
            viewer = replace(viewer, workshop=workshop)
            for region in page_regions(page):
                if region in OPTIONAL:
                    seen[(page, index, region)] = render_regions(
                        viewer, page, [region], shared=SharedRenders(reads={"now": now})
                    )
    return seen


@pytest.mark.parametrize("start", KINDS)
def test_the_regions_a_move_leaves_out_look_the_same_on_both_sides(db, start):
    workshop, people = room()
    tabs = {page: viewers(workshop, people, page) for page in Page}
    segments = {segment.kind: segment for segment in workshop.segments.all()}
    for kind in KINDS:
        if kind == start:
            continue
        Workshop.objects.get(pk=workshop.pk).go_to(segments[start], timezone.now())
        before = looks(tabs, workshop.pk)
        Workshop.objects.get(pk=workshop.pk).go_to(segments[kind], timezone.now())
        after = looks(tabs, workshop.pk)
        announced = move_regions(segments[start], segments[kind])
        if start in ("brainstorm", "opening"):  # and the comparison can tell a region that moved
            assert any(before[key] != after[key] for key in before if key[2] in announced)
        for (page, index, region), html in before.items():
            if region not in announced:
                assert after[(page, index, region)] == html, f"{start} → {kind}: {region} changed on {page}"


def test_a_move_announces_what_every_segment_shows_and_what_the_two_kinds_open():
    def segment(kind: str) -> Segment:
        return Segment(kind=kind)

    every = {"now", "stage", "progress", "ready", "agenda"}
    assert set(move_regions(segment("game"), segment("structure"))) == every
    assert set(move_regions(segment("game"), segment("good-bad"))) == every | {"board"}
    assert set(move_regions(segment("structure"), segment("warm-up"))) == every | {"warmup"}
    assert set(move_regions(segment("brainstorm"), segment("pair-share"))) == every | {"candidates", "pairwork"}
    assert set(move_regions(segment("opening"), segment("evaluate"))) == every | {"board", "candidates"}
    # Into the first segment or out of the last, everything.
    assert move_regions(None, segment("opening")) == segment_changed()
