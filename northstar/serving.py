"""Adjustments to the server that runs the ASGI app (daphne on Twisted)."""

import gc
import os


def skip_twisted_form_parsing() -> None:
    """Leave request bodies to Django.

    Twisted parses every urlencoded or multipart POST body into `request.args`, which
    daphne never reads: it hands the raw body to Django, which parses it again. Twisted's
    parse starts by reading the Content-Type header through the `email` package, and
    under a room full of autosaves that alone took about an eighth of the server's CPU.
    Twisted has a constructor flag for exactly this; daphne does not pass it, so it is
    defaulted here.
    """
    try:
        from daphne.http_protocol import WebRequest
    except ImportError:  # not served by daphne
        return
    if getattr(WebRequest, "leaves_bodies_to_django", False):
        return
    original = WebRequest.__init__

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("parsePOSTFormSubmission", False)
        original(self, *args, **kwargs)

    WebRequest.__init__ = __init__
    WebRequest.leaves_bodies_to_django = True


def skip_twisted_access_log() -> None:
    """Format each request's access-log line once, not twice.

    Twisted's HTTP factory formats a combined-log line for every request and writes it to
    Twisted's log, where nothing shows it: daphne writes its own access log line (to stdout,
    or to --access-log). The unused line cost about 1% of the server's CPU in a room full of
    autosaves.
    """
    try:
        from daphne.http_protocol import HTTPFactory
    except ImportError:  # not served by daphne
        return

    def log(self, request) -> None:
        """Daphne's access log has this request (daphne.access.AccessLogGenerator)."""

    HTTPFactory.log = log


# Allocations (net, of objects the cycle collector tracks) between two young-generation
# collections. Python's default is 700: a single Django request allocates thousands. Round 4
# chose 50,000; a young collection's pause grows faster than the objects it walks, though.
# Rendering 400 evaluation pages in one thread: 5 collections of 15 ms each at 50,000, 23 of
# 2.2 ms (and 2 middle ones of 4 ms) at 10,000, less time in all. In `make bench` (one
# process, three alternating pairs) TTFB p95 went from 46-61 to 42-45 ms and the dots' p95
# from 46-54 to 29-38 ms; only the burst, all 50 rooms moving at once, was about a tenth slower.
YOUNG_COLLECTION_THRESHOLD = 10_000


def tune_garbage_collector() -> None:
    """Collect cycles less often, and never walk what start-up loaded.

    The server holds a few hundred thousand long-lived objects (modules, templates, every
    open socket's protocol and consumer). With Python's defaults, a room full of autosaves
    and dots set off a young collection every few hundred allocations and a full one, which
    walks every object with the whole process stopped, every few seconds: measured here at
    50 workshops of 15, a seventh of the server's time and pauses up to 320 ms. Freezing
    what start-up loaded takes it out of every collection (it lives as long as the process
    anyway), and a higher young threshold makes collections, and the promotions that lead
    to full ones, rarer (not too high: see YOUNG_COLLECTION_THRESHOLD). Reference counting
    still frees almost everything at once; the collector only finds cycles, and they now
    wait a little longer.
    """
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, middle, old)


def pin_to_one_core(setting: str | None) -> int | None:
    """Run every thread of this process on one core; `setting` (SERVER_CPU) picks which.

    The setting is a number counted among the cores this process may use (a container may
    be given a few): 0 is the first, and counting wraps around. Empty: the process is left
    to the scheduler. Call before any thread starts; later threads inherit the core.

    Only one thread of a Python process runs Python code at a time, so a server process
    uses one core whatever it does. Left to the scheduler, its request threads, its event
    loop and its render thread wake each other on both cores, and every hand-over of the
    interpreter lock across cores costs kernel time and cold caches. Measured in `make
    bench` (one process, 50 workshops of 15, the dot phase): 20% less CPU per request and a
    third less of it in the kernel. Several processes on one machine each get their own
    number, so each has a core of its own.
    """
    if not setting:
        return None
    try:
        index = int(setting)
        if index < 0:
            raise ValueError
    except ValueError:
        raise SystemExit(f"SERVER_CPU must be a whole number from 0 up, not {setting!r}.") from None
    if not hasattr(os, "sched_setaffinity"):  # not Linux: the scheduler decides
        return None
    allowed = sorted(os.sched_getaffinity(0))
    core = allowed[index % len(allowed)]
    os.sched_setaffinity(0, {core})
    return core
