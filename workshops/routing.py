from django.urls import path

from . import consumers

websocket_urlpatterns = [
    path("ws/workshops/<str:code>/<str:page>/", consumers.WorkshopConsumer.as_asgi()),
]
