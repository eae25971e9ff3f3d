from django.urls import path

from .views import dashboard as views
from .views import reports

urlpatterns = [
    path("reports/", reports.reports, name="reports"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/young-people/", views.figure_list, name="dashboard-list"),
    path("dashboard/young-people.csv", views.figure_list_csv, name="dashboard-list-csv"),
    path("alerts/placements/", views.placement_alerts, name="placement-alerts"),
    path("alerts/placements/<int:alert_id>/seen/", views.placement_alert_seen,
         name="placement-alert-seen"),
]
