"""The projector's pages: when the work on the wall is more than one screen holds, the facilitator
steps through it a screenful at a time. The page is stored on the segment, so a reload keeps it."""

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


def page_count(items: int, size: int) -> int:
    """How many pages `items` things take at `size` a page: at least one, even for nothing."""
    if size < 1:
        raise ValueError("A page holds at least one thing.")
    return max(1, -(-items // size))


@dataclass(frozen=True)
class WallPage(Generic[T]):
    """One page of a list as the projector shows it: its things, which page it is and of how many."""

    items: list[T]
    number: int
    count: int
    whole: list[T]

    def shown_on(self, page: str) -> list[T]:
        """What a page lists: the projector its page, the facilitators' and participants' screens everything."""
        return self.items if page == "present" else self.whole

    @property
    def is_paged(self) -> bool:
        return self.count > 1

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.count else None


def wall_page(items: list[T], size: int, asked: int) -> WallPage[T]:
    """The page the facilitator asked for, or the last one when the list has shrunk since."""
    count = page_count(len(items), size)
    number = min(max(asked, 1), count)
    start = (number - 1) * size
    return WallPage(items[start : start + size], number, count, items)
