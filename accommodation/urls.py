from django.urls import path

from . import views

urlpatterns = [
    path("young-people/<int:pk>/accommodation/", views.history, name="accommodation"),
    path("young-people/<int:pk>/accommodation/add/", views.add, name="accommodation-add"),
    path("young-people/<int:pk>/accommodation/<int:episode_pk>/", views.edit,
         name="accommodation-edit"),
    path("young-people/<int:pk>/accommodation/<int:episode_pk>/assess/", views.assess,
         name="accommodation-assess"),
]
