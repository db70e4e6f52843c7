"""`python -m northstar.serve <daphne's arguments>`: the launcher production and the browser tests use.

The app itself runs on stock Django, Channels and daphne. Everything here is deployment
tuning of the process, done through public APIs before daphne starts; the app's modules
depend on none of it:

- uvloop's event loop, where uvloop is installed (`asyncio.set_event_loop_policy`).
  daphne creates its loop as it is imported; with the policy set first, that loop is
  uvloop's and the loop's own work runs in C.
- `SERVER_CPU`: every thread of the process on one core (`os.sched_setaffinity`). A Python
  process runs one thread at a time; left to the scheduler its threads hand the
  interpreter lock across cores. Run one process per core, each with its own number.
- The garbage collector: what start-up loaded is frozen out of every collection
  (`gc.freeze`) and young collections run every YOUNG_COLLECTION_THRESHOLD allocations
  instead of 700. `GC_YOUNG_THRESHOLD` overrides it; 0 leaves Python's defaults.
- On shutdown (SIGTERM, SIGINT) the process forgets its open tabs before it exits
  (`workshops.presence.forget_every_tab`), through Twisted's public shutdown triggers:
  daphne 4.2.3's own trigger, which should cancel every consumer, stops at a KeyError
  whenever one of its connections has no application at that moment (a request just
  arrived, the request a socket was upgraded from), and the tabs' rows were left behind.

docs/performance.md has the measurements behind each choice.
"""

import asyncio
import contextlib
import gc
import os

with contextlib.suppress(ImportError):
    import uvloop

    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())

YOUNG_COLLECTION_THRESHOLD = 10_000


def pin_to_one_core(setting: str | None) -> int | None:
    """Run every thread of this process on one core; `setting` (SERVER_CPU) picks which.

    The number counts among the cores this process may use (a container may be given a
    few): 0 is the first, and counting wraps around. Empty: the scheduler decides. Call
    before any thread starts; later threads inherit the core.
    """
    if not setting:
        return None
    try:
        index = int(setting)
        if index < 0:
            raise ValueError
    except ValueError:
        raise SystemExit(f"SERVER_CPU must be a whole number from 0 up, not {setting!r}.") from None
    if not hasattr(os, "sched_setaffinity"):  # not Linux
        return None
    allowed = sorted(os.sched_getaffinity(0))
    core = allowed[index % len(allowed)]
    os.sched_setaffinity(0, {core})
    return core


def tune_garbage_collector(setting: str | None) -> int | None:
    """Freeze what is loaded now and make young collections rarer; returns the threshold set."""
    try:
        threshold = YOUNG_COLLECTION_THRESHOLD if not setting else int(setting)
        if threshold < 0:
            raise ValueError
    except ValueError:
        raise SystemExit(f"GC_YOUNG_THRESHOLD must be a whole number from 0 up, not {setting!r}.") from None
    if threshold == 0:
        return None
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(threshold, middle, old)
    return threshold


def main() -> None:
    # Before daphne starts any thread: they all inherit the core.
    pin_to_one_core(os.environ.get("SERVER_CPU"))
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "northstar.settings")
    django.setup()
    # Load the app now, so what it loads is frozen out of the collector's walks.
    from daphne.cli import CommandLineInterface

    import northstar.asgi  # noqa: F401

    tune_garbage_collector(os.environ.get("GC_YOUNG_THRESHOLD"))
    forget_tabs_on_shutdown()
    CommandLineInterface.entrypoint()


def forget_tabs_on_shutdown() -> None:
    # daphne.cli has installed Twisted's asyncio reactor: its loop is the one the consumers run on.
    from twisted.internet import defer, reactor

    from workshops.presence import forget_every_tab

    def trigger() -> defer.Deferred:
        return defer.Deferred.fromFuture(asyncio.ensure_future(forget_every_tab()))

    # Without the mypy-zope plugin, mypy reads the interface method as if it took no self.
    reactor.addSystemEventTrigger("before", "shutdown", trigger)  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
