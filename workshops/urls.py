from django.urls import path

from . import (
    activities,
    converters,  # noqa: F401  (registers <code:...>)
    facilitation,
    views,
)

app_name = "workshops"
urlpatterns = [
    path("workshops/", views.workshop_list, name="list"),
    path("workshops/new/", views.workshop_create, name="create"),
    path("workshops/<code:code>/", facilitation.facilitate, name="facilitate"),
    path("workshops/<code:code>/present/", facilitation.present, name="present"),
    path("workshops/<code:code>/start/", facilitation.start, name="start"),
    path("workshops/<code:code>/end/", facilitation.end, name="end"),
    path("workshops/<code:code>/go/", facilitation.go_to, name="go"),
    path("workshops/<code:code>/timer/", facilitation.timer, name="timer"),
    path("workshops/<code:code>/nudge/", facilitation.nudge, name="nudge"),
    path("workshops/<code:code>/projector/page/", facilitation.projector_page, name="projector_page"),
    path("workshops/<code:code>/segments/add/", facilitation.segment_add, name="segment_add"),
    path("workshops/<code:code>/segments/next/", facilitation.segment_next, name="segment_next"),
    path("workshops/<code:code>/segments/<int:segment_id>/", facilitation.segment_edit, name="segment_edit"),
    path("workshops/<code:code>/segments/<int:segment_id>/move/", facilitation.segment_move, name="segment_move"),
    path(
        "workshops/<code:code>/segments/<int:segment_id>/remove/",
        facilitation.segment_remove,
        name="segment_remove",
    ),
    path(
        "workshops/<code:code>/participants/<int:participant_id>/role/",
        facilitation.participant_role,
        name="participant_role",
    ),
    path(
        "workshops/<code:code>/participants/<int:participant_id>/remove/",
        facilitation.participant_remove,
        name="participant_remove",
    ),
    path("workshops/<code:code>/co-facilitators/", facilitation.co_facilitator_add, name="co_facilitator_add"),
    path("workshops/<code:code>/hand-over/", facilitation.hand_over, name="hand_over"),
    path("workshops/<code:code>/notes/<int:note_id>/remove/", activities.note_remove, name="note_remove"),
    path("workshops/<code:code>/game/reveal/", activities.game_reveal, name="game_reveal"),
    path("workshops/<code:code>/game/decide/", activities.game_decide, name="game_decide"),
    path("workshops/<code:code>/warm-up/product/", activities.warm_up_product, name="warm_up_product"),
    path("workshops/<code:code>/warm-up/groups/", activities.warm_up_split, name="warm_up_split"),
    path(
        "workshops/<code:code>/warm-up/participants/<int:participant_id>/move/",
        activities.warm_up_move,
        name="warm_up_move",
    ),
    path("workshops/<code:code>/exchanges/", activities.exchange_write_down, name="exchange_write_down"),
    path("workshops/<code:code>/core-value/", activities.core_value_save, name="core_value_save"),
    path("workshops/<code:code>/poll/reveal/", activities.poll_reveal, name="poll_reveal"),
    path("workshops/<code:code>/warm-up/show/", activities.warm_up_show, name="warm_up_show"),
    path("join/", views.join_with_code, name="join_with_code"),
    path("join/<code:code>/", views.join, name="join"),
    path("w/<code:code>/", views.participate, name="participate"),
    path("w/<code:code>/ready/", views.ready, name="ready"),
    path("w/<code:code>/notes/", activities.note_add, name="note_add"),
    path("w/<code:code>/game/", activities.game_pick, name="game_pick"),
    path("w/<code:code>/exchanges/", activities.exchange_add, name="exchange_add"),
    path("w/<code:code>/exchanges/<int:exchange_id>/rate/", activities.exchange_rate, name="exchange_rate"),
    path("w/<code:code>/poll/", activities.poll_answer, name="poll_answer"),
    path("w/<code:code>/worksheet/", activities.worksheet_save, name="worksheet_save"),
]
