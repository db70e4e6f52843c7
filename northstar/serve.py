"""`python -m northstar.serve <daphne's arguments>`: daphne, on uvloop's event loop.

Daphne runs Twisted on an asyncio event loop that it creates as it is imported. With
uvloop's policy set first, that loop is uvloop's: the same daphne, the same app, and
the loop's own work (watching sockets, timers, handing results back from the request
threads) runs in C. Measured in `make bench` (one process, 50 workshops of 15): a
facilitator's move cost the server 12% less CPU, the dot phase 9% less. Where uvloop is
not installed (Windows) plain asyncio serves.
"""

import asyncio
import contextlib

with contextlib.suppress(ImportError):
    import uvloop

    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())

from daphne.cli import CommandLineInterface

if __name__ == "__main__":
    CommandLineInterface.entrypoint()
