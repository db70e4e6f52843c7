from django.urls import path

from northstar import converters  # noqa: F401  (registers <key:...>)

from . import views

app_name = "checkups"
urlpatterns = [
    path("north-stars/<key:key>/checkups/", views.checkups, name="checkups"),
    path("north-stars/<key:key>/checkups/<int:number>/", views.answer, name="checkup"),
    path("north-stars/<key:key>/checkups/<int:number>/results/", views.results, name="results"),
    path("north-stars/<key:key>/checkups/<int:number>/close/", views.close, name="close"),
]
