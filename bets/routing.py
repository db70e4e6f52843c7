from django.urls import path

from northstar import converters  # noqa: F401  (registers <key:...>)

from .consumers import BoardConsumer

websocket_urlpatterns = [
    path("ws/north-stars/<key:key>/board/", BoardConsumer.as_asgi()),
]
