from django.urls import path

from northstar import converters  # noqa: F401  (registers <key:...>)

from .consumers import CheckupConsumer

websocket_urlpatterns = [
    path("ws/north-stars/<key:key>/checkups/<int:number>/", CheckupConsumer.as_asgi()),
]
