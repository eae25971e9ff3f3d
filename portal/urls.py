from django.http import HttpResponse
from django.urls import path

from . import views


def _signing_in_comes_later(request):
    # Stands in for signing in and out, so the pages' links and redirects have somewhere to go.
    return HttpResponse("Signing in to your own pages is not open yet.", content_type="text/plain")


# The young person's own pages, all under /you/ (config/urls.py).
urlpatterns = [
    path("", views.home, name="portal-home"),
    path("plan/", views.plan, name="portal-plan"),
    path("money/", views.money, name="portal-money"),
    path("documents/", views.documents, name="portal-documents"),
    path("documents/<int:document_pk>/", views.document, name="portal-document"),
    path("what-we-hold/", views.what_we_hold, name="portal-what-we-hold"),
    path("sign-in/", _signing_in_comes_later, name="portal-sign-in"),
    path("sign-out/", _signing_in_comes_later, name="portal-sign-out"),
]
