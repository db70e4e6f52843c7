from django.urls import path, re_path

from northstar import converters  # noqa: F401  (registers <token:...> and <key:...>)

from . import api, csv_views, scorecard_views, sql_views, tokens, views

app_name = "measures"
urlpatterns = [
    path("north-stars/<key:key>/numbers/", views.numbers, name="numbers"),
    path("north-stars/<key:key>/numbers/nodes/<slug:node>/", views.measure, name="measure"),
    path("teams/<key:slug>/api-tokens/", tokens.api_tokens, name="api_tokens"),
    path("teams/<key:slug>/api-tokens/<int:token_id>/revoke/", tokens.revoke_api_token, name="api_token_revoke"),
    # Any key reaches the view, so a malformed one is answered in JSON like a missing one.
    path("api/north-stars/<str:key>/values/", api.push_values, name="api_values"),
    re_path(r"^api/", api.unknown_address, name="api_unknown"),
]
urlpatterns += [
    path("north-stars/<key:key>/numbers/grid/", views.grid, name="grid"),
    path("north-stars/<key:key>/numbers/grid/cell/", views.grid_cell, name="grid_cell"),
]
urlpatterns += [
    path("north-stars/<key:key>/numbers/correlation/", views.correlation, name="correlation"),
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
urlpatterns += [
    path("north-stars/<key:key>/scorecard/", scorecard_views.scorecard, name="scorecard"),
    path("north-stars/<key:key>/scorecard/tv/", scorecard_views.scorecard_tv, name="scorecard_tv"),
    path("north-stars/<key:key>/scorecard/print/", scorecard_views.scorecard_print, name="scorecard_print"),
    path("north-stars/<key:key>/scorecard/link/", scorecard_views.create_link, name="scorecard_link"),
    path("north-stars/<key:key>/scorecard/link/revoke/", scorecard_views.revoke_link, name="scorecard_link_revoke"),
    path("north-stars/<key:key>/scorecard/nodes/<slug:node>/note/", scorecard_views.note, name="scorecard_note"),
    path("scorecards/<token:token>/", scorecard_views.shared, name="scorecard_shared"),
    path("scorecards/<token:token>/tv/", scorecard_views.shared_tv, name="scorecard_shared_tv"),
]
urlpatterns += [
    path("north-stars/<key:key>/numbers/csv/", csv_views.csv_upload, name="csv_upload"),
    path("north-stars/<key:key>/numbers/csv/<token:token>/", csv_views.csv_preview, name="csv_preview"),
    path("north-stars/<key:key>/numbers/csv/<token:token>/commit/", csv_views.csv_commit, name="csv_commit"),
]
