from django.urls import path

from . import views

urlpatterns = [
    path("young-people/<int:pk>/immigration/", views.history, name="immigration"),
    path("young-people/<int:pk>/immigration/add/", views.add, name="immigration-add"),
    path("young-people/<int:pk>/immigration/<int:record_pk>/", views.edit,
         name="immigration-edit"),
    path("young-people/<int:pk>/immigration/<int:record_pk>/seen/", views.decision_seen,
         name="immigration-decision-seen"),
]
