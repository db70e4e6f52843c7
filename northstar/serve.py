"""`python -m northstar.serve <daphne's arguments>`: daphne, on uvloop's event loop.

Daphne runs Twisted on an asyncio event loop that it creates as it is imported. With
uvloop's policy set first, that loop is uvloop's: the same daphne, the same app, and
the loop's own work (watching sockets, timers, handing results back from the request
threads) runs in C. Measured in `make bench` (one process, 50 workshops of 15): a
facilitator's move cost the server 12% less CPU, the dot phase 9% less. Where uvloop is
not installed (Windows) plain asyncio serves.

With SERVER_CPU set, every thread of the process runs on that one core (see
`northstar.serving.pin_to_one_core`).
"""

import asyncio
import contextlib
import os

from northstar.serving import pin_to_one_core

with contextlib.suppress(ImportError):
    import uvloop

    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())

from daphne.cli import CommandLineInterface

if __name__ == "__main__":
    # Before daphne starts any thread: they all inherit the core (northstar/serving.py).
    pin_to_one_core(os.environ.get("SERVER_CPU"))
    CommandLineInterface.entrypoint()
