from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="sign-out"),
    path("session/keep-alive/", views.keep_alive, name="keep-alive"),
    path("two-factor/setup/", views.two_factor_setup, name="two-factor-setup"),
    path("two-factor/", views.two_factor_verify, name="two-factor-verify"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="registration/password_reset_sent.html"
        ),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("healthz/", views.healthz, name="healthz"),
    path("young-people/", include("careleavers.record_urls")),
    path("", include("eligibility.urls")),
    path("", include("advisers.urls")),
    path("", include("pathways.urls")),
    path("", include("accommodation.urls")),
    path("", include("eet.urls")),
    path("", include("returns.urls")),
    path("", include("boardpack.urls")),
    path("", include("dashboard.urls")),
    path("", include("alerts.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "careleavers.views.bad_request"
handler403 = "careleavers.views.forbidden"
handler404 = "careleavers.views.not_found"
handler500 = "careleavers.views.server_error"
