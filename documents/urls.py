from django.urls import path

from . import views

urlpatterns = [
    path("young-people/<int:pk>/documents/", views.documents, name="documents"),
    path("young-people/<int:pk>/documents/<int:document_pk>/download/", views.download,
         name="document-download"),
    path("young-people/<int:pk>/documents/<int:document_pk>/withdraw/", views.withdraw,
         name="document-withdraw"),
    path("young-people/<int:pk>/documents/<int:document_pk>/share/", views.share,
         name="document-share"),
    path("young-people/<int:pk>/documents/checklist/<str:item>/", views.tick,
         name="document-tick"),
]
