"""ASGI entry point: HTTP through Django's own handler, WebSockets through Channels."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "northstar.settings")
# Before importing anything that touches models: this sets Django up.
django_http = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from bets.routing import websocket_urlpatterns as bets_sockets  # noqa: E402
from checkups.routing import websocket_urlpatterns as checkup_sockets  # noqa: E402
from measures.routing import websocket_urlpatterns as measures_sockets  # noqa: E402
from reviews.routing import websocket_urlpatterns as reviews_sockets  # noqa: E402
from workshops.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_http,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(
                URLRouter(websocket_urlpatterns + measures_sockets + bets_sockets + checkup_sockets + reviews_sockets)
            )
        ),
    }
)
