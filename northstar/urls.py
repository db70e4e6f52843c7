from django.contrib import admin
from django.urls import include, path

from workshops import views as workshop_views

urlpatterns = [
    path("", workshop_views.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("", include("workshops.urls")),
    path("", include("metrics.urls")),
    path("", include("library.urls")),
    path("", include("measures.urls")),
    path("", include("bets.urls")),
    path("", include("checkups.urls")),
    path("", include("reviews.urls")),
    path("", include("changes.urls")),
]

handler400 = "northstar.errors.bad_request"
handler500 = "northstar.errors.server_error"
