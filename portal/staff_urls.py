"""Staff pages about what young people ask on their own pages (config/urls.py includes these
outside /you/, with the other staff pages)."""

from django.urls import path

from . import ask_views

urlpatterns = [
    path("young-people/<int:pk>/their-requests/", ask_views.staff_asks,
         name="portal-staff-asks"),
    path("young-people/<int:pk>/their-requests/<int:ask_pk>/", ask_views.staff_decide,
         name="portal-staff-ask-decide"),
    path("requests-from-young-people/", ask_views.staff_waiting, name="portal-staff-waiting"),
]
