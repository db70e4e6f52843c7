from django.urls import path

from northstar import converters  # noqa: F401  (registers <key:...>)

from . import views

app_name = "changes"
urlpatterns = [
    path("north-stars/<key:key>/changes/", views.proposals, name="proposals"),
    path("north-stars/<key:key>/changes/new/", views.proposal_new, name="proposal_new"),
    path("north-stars/<key:key>/changes/<int:proposal_id>/", views.proposal, name="proposal"),
    path("north-stars/<key:key>/changes/<int:proposal_id>/approve/", views.proposal_approve, name="approve"),
    path("north-stars/<key:key>/changes/<int:proposal_id>/decline/", views.proposal_decline, name="decline"),
]
