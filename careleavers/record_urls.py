from django.urls import path

from . import record_views

urlpatterns = [
    path("", record_views.search, name="young-person-search"),
    path("add/", record_views.add, name="young-person-add"),
    path("<int:pk>/", record_views.record, name="young-person"),
    path("<int:pk>/chronology/", record_views.chronology, name="young-person-chronology"),
    path("<int:pk>/details-and-history/", record_views.history, name="young-person-history"),
    path("<int:pk>/edit/", record_views.edit, name="young-person-edit"),
]
