from django.urls import path

from northstar import converters  # noqa: F401  (registers <token:...> and <key:...>)
from workshops import converters as workshop_converters  # noqa: F401  (registers <code:...>)

from . import views

app_name = "library"
urlpatterns = [
    path("library/", views.library_home, name="home"),
    path("teams/<key:slug>/", views.team_home, name="team"),
    path("teams/<key:slug>/members/", views.team_members, name="members"),
    path("teams/<key:slug>/import/", views.import_north_star, name="import"),
    path("teams/<key:slug>/import/choose/", views.import_choose, name="import_choose"),
    path("invitations/<token:token>/", views.invitation, name="invitation"),
    path("north-stars/<key:key>/", views.north_star, name="north_star"),
    path("north-stars/<key:key>/edit/", views.edit, name="edit"),
    path("north-stars/<key:key>/versions/", views.history, name="history"),
    path("north-stars/<key:key>/versions/<int:number>/", views.version, name="version"),
    path("north-stars/<key:key>/compare/", views.diff, name="diff"),
    path("north-stars/<key:key>/bets/", views.bet_add, name="bet_add"),
    path("north-stars/<key:key>/bets/<int:bet_id>/", views.bet_update, name="bet_update"),
    path("north-stars/<key:key>/division/", views.division_set, name="division_set"),
    path("north-stars/<key:key>/proxies/", views.proxy_mark, name="proxy_mark"),
    path("north-stars/<key:key>/share/", views.share, name="share"),
    path("north-stars/<key:key>/north-star.md", views.export_markdown, name="export_markdown"),
    path("north-stars/<key:key>/north-star.json", views.export_json, name="export_json"),
    path("shared/<token:token>/", views.shared, name="shared"),
    path("shared/<token:token>/north-star.md", views.shared_markdown, name="shared_markdown"),
    path("workshops/<code:code>/record/", views.record, name="record"),
]
