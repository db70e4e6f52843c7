from django.urls import path

from northstar import converters  # noqa: F401  (registers <token:...> and <key:...>)

from . import sql_views, views

app_name = "measures"
urlpatterns = [
    path("north-stars/<key:key>/numbers/", views.numbers, name="numbers"),
    path("north-stars/<key:key>/numbers/nodes/<slug:node>/", views.measure, name="measure"),
    path("north-stars/<key:key>/numbers/sql/", sql_views.connections, name="sql_connections"),
    path(
        "north-stars/<key:key>/numbers/sql/<int:connection>/delete/",
        sql_views.connection_delete,
        name="sql_connection_delete",
    ),
    path("north-stars/<key:key>/numbers/nodes/<slug:node>/sql/", sql_views.source, name="sql_source"),
    path(
        "north-stars/<key:key>/numbers/nodes/<slug:node>/sql/refresh/",
        sql_views.source_refresh,
        name="sql_source_refresh",
    ),
    path(
        "north-stars/<key:key>/numbers/nodes/<slug:node>/sql/remove/", sql_views.source_remove, name="sql_source_remove"
    ),
]
