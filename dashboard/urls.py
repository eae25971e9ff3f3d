from django.urls import path

from .views import dashboard as views
from .views import feed

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/young-people/", views.figure_list, name="dashboard-list"),
    path("dashboard/young-people.csv", views.figure_list_csv, name="dashboard-list-csv"),
    path("reporting/figures.json", feed.figures_feed, {"form": "json"}, name="figures-feed-json"),
    path("reporting/figures.csv", feed.figures_feed, {"form": "csv"}, name="figures-feed-csv"),
]
