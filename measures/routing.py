from django.urls import path

from northstar import converters  # noqa: F401  (registers <token:...> and <key:...>)

from .consumers import LINK, MEMBER, WALL, ScorecardConsumer

websocket_urlpatterns = [
    path("ws/north-stars/<key:key>/scorecard/", ScorecardConsumer.as_asgi(mode=MEMBER)),
    path("ws/north-stars/<key:key>/scorecard/tv/", ScorecardConsumer.as_asgi(mode=WALL)),
    path("ws/scorecards/<token:token>/", ScorecardConsumer.as_asgi(mode=LINK)),
]
