from django.urls import path

from . import signin_views, views

# The young person's own pages, all under /you/ (config/urls.py).
urlpatterns = [
    path("", views.home, name="portal-home"),
    path("sign-in/", signin_views.sign_in, name="portal-sign-in"),
    path("sign-in/code/", signin_views.sign_in_code, name="portal-sign-in-code"),
    path("sign-out/", signin_views.sign_out, name="portal-sign-out"),
]
