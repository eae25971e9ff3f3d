"""The demo's local offer tells the same story as the rest of each record: asked for by the
young person's Personal Adviser, agreed by another person (a manager, over the limit), paid
after it was agreed and never beyond it, to young people who can have it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from eligibility.rules import age_on
from localoffer.models import OfferRequest, Payment, RequestState
from localoffer.rules import can_have
from localoffer.selectors import status_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", "--young-people", "40", "--seed", "3", stdout=StringIO())


def test_the_demo_asks_agrees_and_pays_as_the_service_would(demo):
    requests = list(OfferRequest.objects.select_related(
        "entitlement", "young_person__statutory_status", "asked_by", "decided_by"))
    assert requests and Payment.objects.exists()
    assert any(r.state == RequestState.WAITING for r in requests)
    for request in requests:
        assert request.asked_by.role == "personal_adviser"
        if request.state != RequestState.WAITING and not request.within_limit:
            assert request.decided_by != request.asked_by
            assert request.decided_by.role == "team_manager"
            assert request.decided_at >= request.asked_at
    for payment in Payment.objects.select_related("request"):
        assert payment.request.state == RequestState.AGREED
        assert payment.paid_on >= payment.request.decided_at.date()
    for request in OfferRequest.objects.with_paid():
        assert request.paid_pence <= (request.amount_pence or 0)


def test_every_request_is_for_something_they_can_have(demo):
    today = timezone.localdate()
    for request in OfferRequest.objects.select_related("entitlement",
                                                       "young_person__statutory_status"):
        person = request.young_person
        assert can_have(request.entitlement, status=status_of(person),
                        age=age_on(person.date_of_birth, today))
    totals = Payment.objects.values("young_person", "entitlement").annotate(
        paid=Sum("amount_pence"))
    for total in totals:
        assert total["paid"] <= 300_000
