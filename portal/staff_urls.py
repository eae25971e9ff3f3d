from django.urls import path

from . import staff_views

# The record's page about the young person's own access, for staff.
urlpatterns = [
    path("young-people/<int:pk>/own-access/", staff_views.own_access, name="portal-own-access"),
    path("young-people/<int:pk>/own-access/withdraw/", staff_views.withdraw,
         name="portal-own-access-withdraw"),
]
