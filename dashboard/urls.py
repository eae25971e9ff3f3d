from django.urls import path

from .views import dashboard as views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/young-people/", views.figure_list, name="dashboard-list"),
    path("dashboard/young-people.csv", views.figure_list_csv, name="dashboard-list-csv"),
]
