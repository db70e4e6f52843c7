from django.urls import path

from . import views

app_name = "library"
urlpatterns = [
    path("library/", views.library_home, name="home"),
    path("teams/<slug:slug>/", views.team_home, name="team"),
    path("teams/<slug:slug>/members/", views.team_members, name="members"),
    path("teams/<slug:slug>/import/", views.import_north_star, name="import"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("north-stars/<slug:key>/", views.north_star, name="north_star"),
    path("north-stars/<slug:key>/edit/", views.edit, name="edit"),
    path("north-stars/<slug:key>/versions/", views.history, name="history"),
    path("north-stars/<slug:key>/versions/<int:number>/", views.version, name="version"),
    path("north-stars/<slug:key>/compare/", views.diff, name="diff"),
    path("north-stars/<slug:key>/bets/", views.bet_add, name="bet_add"),
    path("north-stars/<slug:key>/bets/<int:bet_id>/", views.bet_update, name="bet_update"),
    path("north-stars/<slug:key>/share/", views.share, name="share"),
    path("north-stars/<slug:key>/north-star.md", views.export_markdown, name="export_markdown"),
    path("north-stars/<slug:key>/north-star.json", views.export_json, name="export_json"),
    path("shared/<str:token>/", views.shared, name="shared"),
    path("workshops/<str:code>/record/", views.record, name="record"),
]
