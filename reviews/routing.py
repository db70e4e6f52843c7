from django.urls import path

from northstar import converters  # noqa: F401  (registers <key:...>)

from .consumers import ReviewConsumer

websocket_urlpatterns = [
    path("ws/north-stars/<key:key>/reviews/<int:number>/", ReviewConsumer.as_asgi(presenting=False)),
    path("ws/north-stars/<key:key>/reviews/<int:number>/present/", ReviewConsumer.as_asgi(presenting=True)),
]
