from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("accounts.urls")),
    path("healthz/", views.healthz, name="healthz"),
    path("young-people/", include("careleavers.record_urls")),
    path("", include("eligibility.urls")),
    path("", include("advisers.urls")),
    path("", include("pathways.urls")),
    path("", include("accommodation.urls")),
    path("", include("eet.urls")),
    path("", include("documents.urls")),
    path("", include("immigration.urls")),
    path("", include("health.urls")),
    path("", include("localoffer.urls")),
    path("", include("returns.urls")),
    path("", include("boardpack.urls")),
    path("", include("dashboard.urls")),
    path("", include("alerts.urls")),
    path("you/", include("portal.urls")),
    path("", include("portal.staff_urls")),
    path("admin/", admin.site.urls),
]

handler400 = "config.views.bad_request"
handler403 = "config.views.forbidden"
handler404 = "config.views.not_found"
handler500 = "config.views.server_error"
