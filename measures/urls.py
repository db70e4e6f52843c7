from django.urls import path

from northstar import converters  # noqa: F401  (registers <token:...> and <key:...>)

from . import scorecard_views, views

app_name = "measures"
urlpatterns = [
    path("north-stars/<key:key>/numbers/", views.numbers, name="numbers"),
    path("north-stars/<key:key>/numbers/nodes/<slug:node>/", views.measure, name="measure"),
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
