"""A request crosses from the event loop into a worker thread once and runs there whole.

Django's ASGI handler crosses about six times per request and gives each request a
thread of its own; under load the crossings cost more than the work (northstar/http.py).
"""

import threading

import pytest
from asgiref.sync import SyncToAsync, sync_to_async
from channels.testing import HttpCommunicator
from django.urls import path

from northstar.asgi import application
from northstar.urls import urlpatterns as production_urls


def where_am_i(request):
    from django.http import HttpResponse

    return HttpResponse(threading.current_thread().name)


urlpatterns = [path("where/", where_am_i), *production_urls]


def get(url: str, method: str = "GET", body: bytes = b"", headers=()):
    return HttpCommunicator(
        application, method, url, body=body, headers=[(b"host", b"localhost"), *headers]
    ).get_response()


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_page_costs_one_crossing_into_a_worker_thread(monkeypatch):
    crossings = []
    original = SyncToAsync.__call__

    async def counted(self, *args, **kwargs):
        crossings.append(getattr(self.func, "__qualname__", repr(self.func)))
        return await original(self, *args, **kwargs)

    monkeypatch.setattr(SyncToAsync, "__call__", counted)
    response = await get("/")

    assert response["status"] == 200
    assert b"Join a workshop" in response["body"]
    assert crossings == ["DjangoHttp.respond"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_views_run_on_the_bounded_http_threads(settings):
    settings.ROOT_URLCONF = __name__
    response = await get("/where/")

    assert response["body"].startswith(b"http_")


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_form_post_reaches_django_whole_and_csrf_still_guards_it(settings):
    form = [(b"content-type", b"application/x-www-form-urlencoded")]
    token = "a" * 32
    cookie = [(b"cookie", f"{settings.CSRF_COOKIE_NAME}={token}".encode())]

    forged = await get("/join/", "POST", b"code=K7PMQ3XA", form)
    posted = await get("/join/", "POST", f"code=K7PMQ3XA&csrfmiddlewaretoken={token}".encode(), form + cookie)

    assert forged["status"] == 403
    assert posted["status"] == 200
    assert b"We could not find a workshop with that code" in posted["body"]


@pytest.mark.asyncio
async def test_a_notice_sent_from_a_request_thread_returns_at_once_and_reaches_the_group():
    import asyncio

    from channels.layers import get_channel_layer

    from northstar.http import serving_loop
    from workshops.broadcast import changed_message, send_to_group

    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.group_add("request-threads-test", channel)
    loop = asyncio.get_running_loop()
    sent = threading.Event()

    def view_thread() -> None:
        serving_loop.set(loop)
        send_to_group("request-threads-test", changed_message("now"))
        sent.set()

    # As a view runs: in a worker thread that asgiref links to this loop.
    view = asyncio.ensure_future(sync_to_async(view_thread, thread_sensitive=False)())
    await asyncio.sleep(0.05)
    # The loop is held up right here; a send that waited for it would not return.
    assert sent.wait(timeout=3)
    await view

    message = await asyncio.wait_for(layer.receive(channel), timeout=3)
    assert message["regions"] == ["now"]
    await layer.group_discard("request-threads-test", channel)
