"""The site's URLs plus one view that fails, to see what a person gets when something breaks."""

from django.urls import path

from northstar.urls import handler500, urlpatterns  # noqa: F401


def broken_view(request):
    raise RuntimeError("the database fell over")


urlpatterns = [path("broken/", broken_view), *urlpatterns]
