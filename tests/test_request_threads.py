"""A request crosses from the event loop into a worker thread once, not once per middleware.

Django keeps an asynchronous middleware chain when it can, and each synchronous
middleware in such a chain hops to a thread and back, on the way in and out. Under
load the hops cost more than the work (see northstar/middleware.py).
"""

import pytest
from asgiref.sync import SyncToAsync
from channels.testing import HttpCommunicator
from django.core.handlers.asgi import ASGIHandler

# request_started; the middleware chain; the view's middleware (CSRF) and the view itself,
# which Django's ASGI handler calls from the event loop whatever the chain. Was 16.
HOPS_PER_REQUEST = 4


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_request_runs_its_middleware_and_view_in_one_thread(monkeypatch):
    hops = []
    original = SyncToAsync.__call__

    async def counted(self, *args, **kwargs):
        hops.append(getattr(self.func, "__qualname__", repr(self.func)))
        return await original(self, *args, **kwargs)

    monkeypatch.setattr(SyncToAsync, "__call__", counted)
    communicator = HttpCommunicator(ASGIHandler(), "GET", "/", headers=[(b"host", b"localhost")])
    response = await communicator.get_response()

    assert response["status"] == 200
    assert b"Join a workshop" in response["body"]
    assert len(hops) <= HOPS_PER_REQUEST, hops
