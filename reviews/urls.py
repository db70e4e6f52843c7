from django.urls import path

from northstar import converters  # noqa: F401  (registers <key:...>)

from . import views

app_name = "reviews"
base = "north-stars/<key:key>/reviews/<int:number>/"
urlpatterns = [
    path("north-stars/<key:key>/reviews/", views.series, name="series"),
    path(base, views.occurrence, name="occurrence"),
    path(f"{base}present/", views.present, name="present"),
    path(f"{base}start/", views.start, name="start"),
    path(f"{base}next/", views.next_item, name="next"),
    path(f"{base}back/", views.previous_item, name="back"),
    path(f"{base}end/", views.end, name="end"),
    path(f"{base}votes/<slug:node>/", views.vote, name="vote"),
    path(f"{base}votes/<slug:node>/reveal/", views.reveal, name="reveal"),
    path(f"{base}notes/<slug:node>/", views.variance_note, name="note"),
    path(f"{base}decisions/", views.decide, name="decide"),
    path(f"{base}actions/", views.raise_action, name="raise_action"),
    path(f"{base}actions/<int:action_id>/close/", views.close_action, name="close_action"),
]
