from django.urls import path, re_path

from northstar import converters  # noqa: F401  (registers <token:...> and <key:...>)

from . import api, tokens, views

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
]
