from django.urls import path, register_converter

from . import consumers
from .converters import JoinCodeConverter

register_converter(JoinCodeConverter, "code")

websocket_urlpatterns = [
    path("ws/workshops/<code:code>/<str:page>/", consumers.WorkshopConsumer.as_asgi()),
]
