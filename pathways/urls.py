from django.urls import path

from . import views

urlpatterns = [
    path("young-people/<int:pk>/plans/", views.plan_list, name="plan-list"),
    path("young-people/<int:pk>/plans/start/", views.plan_start, name="plan-start"),
    path("young-people/<int:pk>/plans/early-review/", views.early_review_request,
         name="early-review-request"),
    path("young-people/<int:pk>/needs-assessments/start/", views.needs_assessment_start,
         name="needs-assessment-start"),
    path("needs-assessments/<int:assessment_id>/", views.needs_assessment,
         name="needs-assessment"),
    path("plans/queue/", views.plan_queue, name="plan-queue"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan-detail"),
    path("plans/<int:plan_id>/edit/", views.plan_edit, name="plan-edit"),
    path("plans/<int:plan_id>/submit/", views.plan_submit, name="plan-submit"),
    path("plans/<int:plan_id>/decide/", views.plan_decide, name="plan-decide"),
    path("plans/<int:plan_id>/actions/add/", views.plan_action_add, name="plan-action-add"),
    path("plans/actions/<int:action_id>/", views.plan_action_edit, name="plan-action-edit"),
    path("plans/<int:plan_id>/pdf/young-person/", views.plan_pdf_young_person,
         name="plan-pdf-young-person"),
    path("plans/<int:plan_id>/pdf/full/", views.plan_pdf_full, name="plan-pdf-full"),
]
