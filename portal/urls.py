from django.urls import path

from . import ask_views, signin_views, views

# The young person's own pages, all under /you/ (config/urls.py).
urlpatterns = [
    path("", views.home, name="portal-home"),
    path("plan/", views.plan, name="portal-plan"),
    path("money/", views.money, name="portal-money"),
    path("documents/", views.documents, name="portal-documents"),
    path("documents/<int:document_pk>/", views.document, name="portal-document"),
    path("what-we-hold/", views.what_we_hold, name="portal-what-we-hold"),
    path("sign-in/", signin_views.sign_in, name="portal-sign-in"),
    path("sign-in/code/", signin_views.sign_in_code, name="portal-sign-in-code"),
    path("sign-out/", signin_views.sign_out, name="portal-sign-out"),
    # What a young person asks.
    path("asks/", ask_views.asks, name="portal-asks"),
    path("asks/<int:ask_id>/", ask_views.ask, name="portal-ask"),
    path("message/", ask_views.message, name="portal-message"),
    path("details/", ask_views.details, name="portal-details"),
    path("review/", ask_views.review, name="portal-review"),
    path("support/", ask_views.support, name="portal-support"),
]
