"""Keep each request's middleware and view in one worker thread.

Under ASGI, Django keeps a middleware asynchronous whenever it can. Almost all of
ours are synchronous at heart (MiddlewareMixin), so in an asynchronous chain each
of them hops to a worker thread and back, on the way in and on the way out. Under
load those hops, not the work, filled the server's CPU. A synchronous-only
middleware at the bottom of the list makes Django build the whole chain
synchronous: one hop per request, into the thread that also runs the view.
"""

from django_htmx.middleware import HtmxMiddleware


class SyncHtmxMiddleware(HtmxMiddleware):
    """django-htmx's `request.htmx`, synchronous only: the last middleware of the chain."""

    async_capable = False
