"""The app's URLs plus the bench's action baseline (bench/views.py). Never in production."""

from django.urls import path

from bench import views
from northstar.urls import handler500
from northstar.urls import urlpatterns as production

urlpatterns = [
    path("bench/action/<int:workshop_id>/", views.action, name="bench-action"),
    *production,
]

__all__ = ["handler500", "urlpatterns"]
