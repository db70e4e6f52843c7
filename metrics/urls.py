from django.urls import path

from workshops import converters  # noqa: F401  (registers <code:...>)

from . import converge, views

app_name = "metrics"
urlpatterns = [
    path("w/<code:code>/candidates/new/", views.candidate_new, name="candidate_new"),
    path("w/<code:code>/candidates/<int:candidate_id>/", views.candidate_save, name="candidate_save"),
    path("w/<code:code>/candidates/<int:candidate_id>/inputs/", views.input_add, name="input_add"),
    path("w/<code:code>/candidates/<int:candidate_id>/share/", views.candidate_share, name="candidate_share"),
    path("w/<code:code>/candidates/<int:candidate_id>/proxy/", views.candidate_proxy, name="candidate_proxy"),
    path("w/<code:code>/candidates/<int:candidate_id>/delete/", views.candidate_delete, name="candidate_delete"),
    path("w/<code:code>/inputs/<int:input_id>/remove/", views.input_remove, name="input_remove"),
    path("w/<code:code>/pair/copy/", views.pair_copy, name="pair_copy"),
    path("workshops/<code:code>/board/", views.board_settings, name="board_settings"),
    path("workshops/<code:code>/board/reveal/", views.board_reveal, name="board_reveal"),
    path("workshops/<code:code>/pairs/", views.pairs_make, name="pairs_make"),
    path("workshops/<code:code>/pairs/move/", views.pair_move, name="pair_move"),
    path("workshops/<code:code>/candidates/<int:candidate_id>/tidy/", views.candidate_tidy, name="candidate_tidy"),
    path("w/<code:code>/scores/", converge.score, name="score"),
    path("w/<code:code>/votes/", converge.vote, name="vote"),
    path("w/<code:code>/opportunities/", converge.opportunity_add, name="opportunity_add"),
    path("workshops/<code:code>/voting/", converge.voting_settings, name="voting_settings"),
    path("workshops/<code:code>/reveal/<str:what>/", converge.reveal, name="reveal"),
    path("workshops/<code:code>/north-star/start/", converge.north_star_start, name="north_star_start"),
    path("workshops/<code:code>/north-star/", converge.north_star_save, name="north_star_save"),
    path("workshops/<code:code>/north-star/inputs/", converge.north_star_input, name="north_star_input"),
    path("workshops/<code:code>/north-star/runners-up/", converge.north_star_runner_up, name="north_star_runner_up"),
    path("workshops/<code:code>/north-star/definition/", converge.north_star_definition, name="north_star_definition"),
    path("workshops/<code:code>/north-star/adopt/", converge.north_star_adopt, name="north_star_adopt"),
    path("workshops/<code:code>/north-star/greenfield/", converge.greenfield_start, name="greenfield_start"),
    path("workshops/<code:code>/north-star/initiatives/", converge.initiative, name="initiative"),
]
