"""ASGI entry point: HTTP through Django (see northstar/http.py), WebSockets through Channels."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "northstar.settings")
django.setup(set_prefix=False)

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402

from northstar.http import DjangoHttp  # noqa: E402
from northstar.serving import skip_twisted_access_log, skip_twisted_form_parsing, tune_garbage_collector  # noqa: E402
from workshops.routing import websocket_urlpatterns  # noqa: E402

skip_twisted_form_parsing()
skip_twisted_access_log()

application = ProtocolTypeRouter(
    {
        "http": DjangoHttp(threads=settings.HTTP_THREADS),
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)

# Last: everything start-up loads is in memory now, and stays for the life of the process.
tune_garbage_collector()
