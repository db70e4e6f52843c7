"""The production ASGI app with bench-only additions. Served by `make bench`, never in production.

- `POST /bench/ping/<workshop id>/?seq=<n>` sends one constant 2 KB message to the
  workshop's group straight through the channel layer: no Django view, no database,
  no rendering. That is the bare stack the fan-out is compared with (`baseline`).
- `POST /bench/action/<workshop id>/?seq=<n>` is a plain Django view (bench/views.py,
  reached through bench/settings.py's URLs and the production HTTP handler) that
  locks and updates a row and sends the same message on commit (`baseline_action`).
- The workshop socket route is served by a subclass of the production consumer
  that forwards that message as it is. So both baselines reach the very sockets,
  groups, processes and channel layer the real fan-out reaches.

Everything else, HTTP and sockets alike, is `northstar.asgi.application` unchanged.
"""

import os
from urllib.parse import parse_qs

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

# First: it sets Django up, which the imports below need.
from northstar.asgi import application as production

# isort: split
from channels.auth import AuthMiddlewareStack
from channels.layers import get_channel_layer
from channels.routing import URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from django.urls import URLPattern

from bench.views import bench_frame
from workshops.consumers import WorkshopConsumer
from workshops.models import Workshop
from workshops.routing import websocket_urlpatterns

PING_PATH = "/bench/ping/"


class BenchWorkshopConsumer(WorkshopConsumer):
    async def bench_ping(self, event: dict) -> None:
        await self.send(text_data=event["text"])


def bench_patterns() -> list:
    patterns = []
    for pattern in websocket_urlpatterns:
        if getattr(pattern.callback, "consumer_class", None) is WorkshopConsumer:
            pattern = URLPattern(pattern.pattern, BenchWorkshopConsumer.as_asgi(), pattern.default_args, pattern.name)
        patterns.append(pattern)
    return patterns


websocket = AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(bench_patterns())))


async def ping(scope, receive, send) -> None:
    while (await receive()).get("more_body"):
        pass
    workshop_id = int(scope["path"][len(PING_PATH) :].strip("/"))
    seq = parse_qs(scope.get("query_string", b"").decode()).get("seq", ["0"])[0]
    group = Workshop(pk=workshop_id).group_name
    await get_channel_layer().group_send(group, {"type": "bench.ping", "text": bench_frame(seq)})
    await send({"type": "http.response.start", "status": 204, "headers": []})
    await send({"type": "http.response.body", "body": b""})


async def application(scope, receive, send) -> None:
    if scope["type"] == "websocket":
        return await websocket(scope, receive, send)
    if scope["type"] == "http" and scope["method"] == "POST" and scope["path"].startswith(PING_PATH):
        return await ping(scope, receive, send)
    return await production(scope, receive, send)
