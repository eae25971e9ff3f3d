from django.urls import path

from . import views

urlpatterns = [
    path("young-people/<int:pk>/care-history/", views.care_history, name="care-history"),
    path("young-people/<int:pk>/care-history/periods/add/", views.care_period_add,
         name="care-period-add"),
    path("young-people/<int:pk>/care-history/periods/<int:period_pk>/", views.care_period_edit,
         name="care-period-edit"),
    path("young-people/<int:pk>/care-history/facts/", views.care_facts_edit,
         name="care-facts-edit"),
    path("young-people/<int:pk>/care-history/support/", views.support_choice_record,
         name="support-choice-record"),
]
