from django.urls import path

from . import ask_views, staff_views

# Staff pages about young people's own access, and what they ask on their own pages.
urlpatterns = [
    path("young-people/<int:pk>/own-access/", staff_views.own_access, name="portal-own-access"),
    path("young-people/<int:pk>/own-access/withdraw/", staff_views.withdraw,
         name="portal-own-access-withdraw"),
    path("young-people/<int:pk>/their-requests/", ask_views.staff_asks,
         name="portal-staff-asks"),
    path("young-people/<int:pk>/their-requests/<int:ask_pk>/", ask_views.staff_decide,
         name="portal-staff-ask-decide"),
    path("requests-from-young-people/", ask_views.staff_waiting, name="portal-staff-waiting"),
]
