from django.urls import path

from northstar import converters  # noqa: F401  (registers <key:...>)

from . import views

app_name = "bets"
urlpatterns = [
    path("north-stars/<key:key>/board/", views.board, name="board"),
    path("north-stars/<key:key>/board/limits/", views.limits, name="limits"),
    path("north-stars/<key:key>/board/bets/<int:bet_id>/move/", views.move_bet, name="move"),
    path("north-stars/<key:key>/board/bets/<int:bet_id>/up/", views.move_up, name="move_up"),
    path("north-stars/<key:key>/board/bets/<int:bet_id>/down/", views.move_down, name="move_down"),
    path("north-stars/<key:key>/board/new/", views.new_bet, name="new"),
    path("north-stars/<key:key>/board/bets/<int:bet_id>/", views.bet_page, name="bet"),
    path("north-stars/<key:key>/board/bets/<int:bet_id>/edit/", views.edit_bet, name="edit"),
    path("north-stars/<key:key>/board/bets.md", views.tree_export, name="tree_export"),
    path("north-stars/<key:key>/board/okr.md", views.okr_export, name="okr_export"),
]
