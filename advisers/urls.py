from django.urls import path

from . import views

urlpatterns = [
    path("caseload/", views.my_caseload, name="my-caseload"),
    path("team/", views.team_caseload, name="team-caseload"),
    path("team/move/", views.team_move, name="team-move"),
    path("team/move/check/", views.team_move_check, name="team-move-check"),
    path("young-people/<int:pk>/allocation/", views.allocation, name="allocation"),
    path("young-people/<int:pk>/contacts/", views.contact_list, name="contact-list"),
    path("young-people/<int:pk>/contacts/add/", views.contact_add, name="contact-add"),
    path("contacts/<int:contact_id>/edit/", views.contact_edit, name="contact-edit"),
]
