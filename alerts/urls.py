from django.urls import path

from . import views

urlpatterns = [
    path("alerts/placements/", views.placement_alerts, name="placement-alerts"),
    path("alerts/placements/<int:alert_id>/seen/", views.placement_alert_seen,
         name="placement-alert-seen"),
]
