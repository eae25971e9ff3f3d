from django.urls import path  # noqa: F401

from . import ask_views, views  # noqa: F401

# The young person's own pages, all under /you/ (config/urls.py).
urlpatterns = []

# What a young person asks.
urlpatterns += [
    path("asks/", ask_views.asks, name="portal-asks"),
    path("asks/<int:ask_id>/", ask_views.ask, name="portal-ask"),
    path("message/", ask_views.message, name="portal-message"),
    path("details/", ask_views.details, name="portal-details"),
    path("review/", ask_views.review, name="portal-review"),
    path("support/", ask_views.support, name="portal-support"),
]
