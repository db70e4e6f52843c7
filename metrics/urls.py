from django.urls import path

from . import views

app_name = "metrics"
urlpatterns = [
    path("w/<str:code>/candidates/new/", views.candidate_new, name="candidate_new"),
    path("w/<str:code>/candidates/<int:candidate_id>/", views.candidate_save, name="candidate_save"),
    path("w/<str:code>/candidates/<int:candidate_id>/inputs/", views.input_add, name="input_add"),
    path("w/<str:code>/candidates/<int:candidate_id>/share/", views.candidate_share, name="candidate_share"),
    path("w/<str:code>/candidates/<int:candidate_id>/delete/", views.candidate_delete, name="candidate_delete"),
    path("w/<str:code>/inputs/<int:input_id>/remove/", views.input_remove, name="input_remove"),
    path("w/<str:code>/pair/copy/", views.pair_copy, name="pair_copy"),
    path("workshops/<str:code>/board/", views.board_settings, name="board_settings"),
    path("workshops/<str:code>/board/reveal/", views.board_reveal, name="board_reveal"),
    path("workshops/<str:code>/pairs/", views.pairs_make, name="pairs_make"),
    path("workshops/<str:code>/pairs/move/", views.pair_move, name="pair_move"),
    path("workshops/<str:code>/candidates/<int:candidate_id>/tidy/", views.candidate_tidy, name="candidate_tidy"),
]
