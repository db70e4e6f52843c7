from django.urls import path

from . import views

app_name = "workshops"
urlpatterns = [
    path("workshops/", views.workshop_list, name="list"),
    path("workshops/new/", views.workshop_create, name="create"),
    path("workshops/<str:code>/", views.facilitate, name="facilitate"),
    path("join/", views.join_with_code, name="join_with_code"),
    path("join/<str:code>/", views.join, name="join"),
    path("w/<str:code>/", views.participate, name="participate"),
]
