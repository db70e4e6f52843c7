"""How the projector splits work that does not fit one screen into pages."""

import pytest

from workshops.paging import page_count, wall_page


@pytest.mark.parametrize(
    ("items", "size", "pages"),
    [(0, 12, 1), (1, 12, 1), (12, 12, 1), (13, 12, 2), (24, 12, 2), (25, 12, 3), (8, 4, 2), (9, 4, 3), (3, 1, 3)],
)
def test_it_counts_the_pages_that_items_take_at_a_size(items, size, pages):
    assert page_count(items, size) == pages


def test_a_page_holds_at_least_one_thing():
    with pytest.raises(ValueError, match="at least one"):
        page_count(5, 0)


def test_it_shows_the_page_asked_for_and_says_which_of_how_many():
    page = wall_page(list(range(10)), 4, 2)

    assert (page.items, page.number, page.count) == ([4, 5, 6, 7], 2, 3)
    assert (page.previous, page.next, page.is_paged) == (1, 3, True)


def test_the_last_page_holds_what_is_left():
    page = wall_page(list(range(10)), 4, 3)

    assert (page.items, page.previous, page.next) == ([8, 9], 2, None)


def test_a_page_past_the_end_shows_the_last_one_when_the_list_has_shrunk():
    assert wall_page(list(range(5)), 4, 7).number == 2
    assert wall_page([], 4, 3).number == 1


def test_one_page_is_not_paged():
    page = wall_page(list(range(4)), 4, 1)

    assert (page.is_paged, page.previous, page.next) == (False, None, None)


def test_the_projector_lists_its_page_and_the_other_screens_everything():
    page = wall_page(list(range(10)), 4, 2)

    assert page.shown_on("present") == [4, 5, 6, 7]
    assert page.shown_on("facilitate") == list(range(10))
    assert page.shown_on("participant") == list(range(10))
