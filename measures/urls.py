from django.urls import path

from northstar import converters  # noqa: F401  (registers <token:...> and <key:...>)

from . import views

app_name = "measures"
urlpatterns = [
    path("north-stars/<key:key>/numbers/", views.numbers, name="numbers"),
    path("north-stars/<key:key>/numbers/nodes/<slug:node>/", views.measure, name="measure"),
]
urlpatterns += [
    path("north-stars/<key:key>/numbers/grid/", views.grid, name="grid"),
    path("north-stars/<key:key>/numbers/grid/cell/", views.grid_cell, name="grid_cell"),
]
urlpatterns += [
    path("north-stars/<key:key>/numbers/correlation/", views.correlation, name="correlation"),
]
