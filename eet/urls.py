from django.urls import path

from . import views

urlpatterns = [
    path("young-people/<int:pk>/education-and-work/", views.history, name="eet"),
    path("young-people/<int:pk>/education-and-work/add/", views.add, name="eet-add"),
    path("young-people/<int:pk>/education-and-work/<int:activity_pk>/", views.edit,
         name="eet-edit"),
]
