from django.urls import path

from . import views

urlpatterns = [
    path("young-people/<int:pk>/money/", views.money, name="local-offer"),
    path("young-people/<int:pk>/money/ask/", views.ask, name="local-offer-ask"),
    path("young-people/<int:pk>/money/requests/<int:request_pk>/decide/", views.decide,
         name="local-offer-decide"),
    path("young-people/<int:pk>/money/requests/<int:request_pk>/pay/", views.pay,
         name="local-offer-pay"),
    path("young-people/<int:pk>/money/payments/<int:payment_pk>/cancel/", views.cancel_payment,
         name="local-offer-cancel-payment"),
    path("money/requests-waiting/", views.waiting, name="local-offer-waiting"),
    path("money/payments/", views.payments_file, name="local-offer-payments"),
]
