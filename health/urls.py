from django.urls import path

from . import views

urlpatterns = [
    path("young-people/<int:pk>/health/", views.health, name="health"),
    path("young-people/<int:pk>/health/change/", views.health_edit, name="health-edit"),
    path("young-people/<int:pk>/health/children/add/", views.child_add, name="child-add"),
    path("young-people/<int:pk>/health/children/<int:child_pk>/", views.child_edit,
         name="child-edit"),
    path("young-people/<int:pk>/health/children/<int:child_pk>/remove/", views.child_remove,
         name="child-remove"),
]
