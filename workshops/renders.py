"""One notice's renders, shared by the tabs of this process that hear it.

A notice reaches every open tab of a workshop within milliseconds. Each tab renders the
regions it names for its own viewer, but most of what a participant sees is what every
other participant in the same situation sees. `Audience` names that situation for one
region of one page; tabs of the same audience share one render. A region that shows a
viewer their own work (drafts, pair, ratings, their group's worksheet, "(you)") has no
audience: it is rendered for that viewer alone and never stored here.

Workshop-wide reads (the agenda, the roster, the room's drafts by author) are shared the
same way through `read`; each tab then takes only what its viewer may see.

A `SharedRenders` lives as long as some tab of this process is still rendering its
notice (`for_notice` keeps them by the notice's id, weakly): a tab that comes later reads
afresh, at least as new. Tabs render in Channels' database thread; the lock keeps the
object sound should a render ever run elsewhere.
"""

import threading
import weakref
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Audience:
    """Everyone who sees the same HTML of one region of one page."""

    page: str
    region: str
    traits: tuple[Hashable, ...] = ()


@dataclass(eq=False)
class SharedRenders:
    """What the tabs hearing one notice compute once between them."""

    reads: dict[str, Any] = field(default_factory=dict)
    html: dict[Audience, str] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock)

    def read(self, name: str, compute: Callable[[], T]) -> T:
        with self.lock:
            if name not in self.reads:
                self.reads[name] = compute()
            return self.reads[name]

    def render(self, audience: Audience | None, render: Callable[[], str]) -> str:
        """The region's HTML for this audience: rendered once for all of it. None: for one viewer only."""
        if audience is None:
            return render()
        with self.lock:
            if audience not in self.html:
                self.html[audience] = render()
            return self.html[audience]


_by_notice: "weakref.WeakValueDictionary[str, SharedRenders]" = weakref.WeakValueDictionary()


def for_notice(notice_id: str) -> SharedRenders:
    """The notice's shared renders in this process; the caller holds it while it renders."""
    shared = _by_notice.get(notice_id)
    if shared is None:
        shared = _by_notice[notice_id] = SharedRenders()
    return shared


def read_once(shared: SharedRenders | None, name: str, compute: Callable[[], T]) -> T:
    """`compute()` once per notice, or every time outside one (a request renders for one viewer)."""
    if shared is None:
        return compute()
    return shared.read(name, compute)
