from django.urls import path

from . import (
    consumers,
    converters,  # noqa: F401  (registers <code:...>)
)

websocket_urlpatterns = [
    path("ws/workshops/<code:code>/<str:page>/", consumers.WorkshopConsumer.as_asgi()),
]
