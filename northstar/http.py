"""HTTP under daphne: each request crosses into a worker thread once and runs Django there.

Django's own ASGI handler crosses between the event loop and a worker thread
about six times per request (the request_started and request_finished signals,
the middleware chain, the view middleware, the view, and back to the loop in
between), and gives every request a thread of its own. Our views and middleware
are all synchronous, so none of that buys anything: under a room full of
autosaves the crossings and hundreds of threads queueing for database
connections cost more than the work, and requests failed after waiting 20 s for
a connection.

Here the body is read on the event loop, then Django's synchronous handler (the
WSGI one: the same middleware, views, signals and error handling) runs the whole
request in one go on a bounded pool of threads, and the response is sent from
the loop. The pool is smaller than the database connection pool, so a request
that got a thread always gets a connection; under overload requests wait for a
thread in order instead of failing.
"""

import asyncio
import contextvars
from tempfile import SpooledTemporaryFile

from asgiref.sync import sync_to_async
from asgiref.wsgi import WsgiToAsgiInstance
from django.core.handlers.wsgi import WSGIHandler

from northstar.stack import RoomyThreads

# The event loop serving the current request, seen from its worker thread: code there can hand
# the loop work without waiting for it (workshops.broadcast sends notices this way).
serving_loop: contextvars.ContextVar[asyncio.AbstractEventLoop] = contextvars.ContextVar("serving_loop")

# Bodies up to this size stay in memory; larger ones (a JSON import) spill to a file.
BODY_IN_MEMORY = 256 * 1024


class DjangoHttp:
    """An ASGI app for "http" scopes that serves Django in `threads` worker threads."""

    def __init__(self, threads: int) -> None:
        self.handler = WSGIHandler()
        # Templates recurse deep: each thread has room on CPython's frame stack (northstar/stack.py).
        self.executor = RoomyThreads(threads, name="http")
        # asgiref's wrapper, not a bare run_in_executor: it carries context variables over and
        # lets code in the thread reach the event loop (async_to_sync, e.g. a channel-layer send).
        self.run = sync_to_async(self.respond, thread_sensitive=False, executor=self.executor)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            raise ValueError(f"DjangoHttp serves http, not {scope['type']}")
        with SpooledTemporaryFile(max_size=BODY_IN_MEMORY) as body:
            size = 0
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return  # the client left before sending its whole request
                size += body.write(message.get("body", b""))
                if not message.get("more_body"):
                    break
            body.seek(0)
            serving_loop.set(asyncio.get_running_loop())
            status, headers, content = await self.run(scope, body, size)
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": content})

    def respond(self, scope, body, size: int) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        """In a worker thread: the whole request, from the request_started signal to request_finished."""
        adapter = WsgiToAsgiInstance(None)
        adapter.scope = scope
        try:
            environ = adapter.build_environ(scope, body)
        except ValueError:  # too many repeats of one header
            return 400, [(b"content-type", b"text/plain; charset=utf-8")], b"Bad request: too many repeated headers"
        # The body is all here: its length is known even when the client streamed it in chunks.
        environ["CONTENT_LENGTH"] = str(size)
        started = {}

        def start_response(status: str, headers: list[tuple[str, str]], exc_info=None) -> None:
            started["status"] = int(status.split(" ", 1)[0])
            started["headers"] = [(name.lower().encode("latin1"), value.encode("latin1")) for name, value in headers]

        response = self.handler(environ, start_response)
        try:
            content = b"".join(response)
        finally:
            # Sends request_finished: the database connection goes back to the pool.
            response.close()
        return started["status"], started["headers"], content
