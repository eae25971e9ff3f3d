"""Asking, agreeing, paying and cancelling, through the services: who can have what, four eyes
over the limit, nothing paid beyond what is left, and every change kept with who made it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from eligibility.rules import Status
from localoffer.models import OfferRequest, Payment, RequestState
from localoffer.services import (
    payment_cancel,
    payment_record,
    request_agree,
    request_decline,
)
from tests.localoffer.offer import agreed, asked, care_leaver, entitlement, paid, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(staff, teams):
    return care_leaver(teams["north"], staff["pa"])


def messages_of(error) -> dict:
    return error.value.message_dict


def test_a_request_over_the_limit_waits_for_a_manager(person, staff):
    request = asked(person, staff["pa"], pence=120_000)

    assert request.state == RequestState.WAITING
    assert request.decided_by is None


def test_a_request_within_the_limit_is_agreed_as_it_is_asked_for(person, staff):
    request = asked(person, staff["pa"], "driving-lessons", pence=8_000)

    assert request.state == RequestState.AGREED
    assert request.within_limit


def test_a_manager_agrees_a_request_a_pa_asked_for(person, staff):
    request = agreed(person, staff["pa"], staff["manager"])

    assert request.state == RequestState.AGREED
    assert request.decided_by == staff["manager"]
    assert not request.within_limit


def test_a_duty_manager_agrees_for_any_team(person, staff):
    assert agreed(person, staff["pa"], staff["duty"]).decided_by == staff["duty"]


def test_the_manager_who_asked_cannot_agree_it(person, staff):
    request = asked(person, staff["manager"], pence=120_000)

    with pytest.raises(ValidationError) as error:
        request_agree(actor=staff["manager"], request=request)

    assert messages_of(error)["decision"] == [
        "You asked for this, so another manager must agree or decline it"]
    assert OfferRequest.objects.get(pk=request.pk).state == RequestState.WAITING


def test_over_the_limit_a_personal_adviser_cannot_agree_even_what_a_colleague_asked(
        person, staff):
    request = asked(person, staff["manager"], pence=120_000)

    with pytest.raises(ValidationError) as error:
        request_agree(actor=staff["colleague"], request=request)

    assert "team manager of their team, or a duty manager" in messages_of(error)["decision"][0]
    assert OfferRequest.objects.get(pk=request.pk).state == RequestState.WAITING


def test_another_teams_manager_cannot_agree(person, staff):
    request = asked(person, staff["pa"])

    with pytest.raises(ValidationError):
        request_agree(actor=staff["other_manager"], request=request)


def test_a_manager_declines_with_a_reason_and_the_money_is_free_to_ask_for_again(person, staff):
    request = asked(person, staff["pa"], pence=300_000)
    with pytest.raises(ValidationError) as error:
        request_decline(actor=staff["manager"], request=request, reason=" ")
    assert messages_of(error)["decision_reason"] == ["Enter why it is declined"]

    request_decline(actor=staff["manager"], request=request, reason="Get three quotes first")

    assert OfferRequest.objects.get(pk=request.pk).state == RequestState.DECLINED
    assert asked(person, staff["pa"], pence=300_000).state == RequestState.WAITING


def test_asking_for_more_than_is_left_is_refused(person, staff):
    asked(person, staff["pa"], pence=250_000)

    with pytest.raises(ValidationError) as error:
        asked(person, staff["pa"], pence=60_000)

    assert messages_of(error)["amount"] == [
        "Amount must be £500.00 or less: that is what is left of their setting-up-home "
        "allowance once what is already paid, asked for or agreed is taken off"]
    assert OfferRequest.objects.count() == 1


def test_something_paid_once_cannot_be_asked_for_twice(person, staff):
    asked(person, staff["pa"], "birthday-payment", pence=2_500)

    with pytest.raises(ValidationError) as error:
        asked(person, staff["pa"], "birthday-payment", pence=2_500)

    assert "which they can have once" in messages_of(error)["entitlement"][0]


def test_someone_whose_status_it_is_not_for_cannot_ask(staff, teams):
    qualifying = care_leaver(teams["north"], staff["pa"], status=Status.QUALIFYING)

    with pytest.raises(ValidationError) as error:
        asked(qualifying, staff["pa"])

    assert "cannot have the setting-up-home allowance now" in messages_of(error)["entitlement"][0]


def test_someone_too_young_for_it_cannot_ask(staff, teams):
    seventeen = care_leaver(teams["north"], staff["pa"], age=17, status=Status.RELEVANT)

    with pytest.raises(ValidationError) as error:
        asked(seventeen, staff["pa"], "council-tax-exemption", pence=None)

    assert "cannot have the council tax exemption now" in messages_of(error)["entitlement"][0]


def test_a_retired_entitlement_cannot_be_asked_for(person, staff):
    offer = entitlement("driving-lessons")
    offer.active = False
    offer.save()

    with pytest.raises(ValidationError) as error:
        asked(person, staff["pa"], "driving-lessons", pence=5_000)

    assert messages_of(error)["entitlement"] == ["The driving lessons is no longer offered"]


def test_help_that_is_not_money_is_asked_for_with_no_amount(person, staff):
    request = asked(person, staff["pa"], "council-tax-exemption", pence=5_000)

    assert request.amount_pence is None
    assert request.state == RequestState.AGREED


def test_a_payment_beyond_what_is_left_of_the_request_is_refused_and_nothing_saved(
        person, staff):
    request = agreed(person, staff["pa"], staff["manager"], pence=120_000)
    paid(request, staff["pa"], 100_000)

    with pytest.raises(ValidationError) as error:
        paid(request, staff["pa"], 30_000)

    assert messages_of(error)["amount"] == [
        "Amount must be £200.00 or less: that is what is left to pay of the £1,200.00 agreed"]
    assert Payment.objects.count() == 1


def test_a_payment_beyond_what_is_left_of_the_entitlement_is_refused(person, staff):
    first = agreed(person, staff["pa"], staff["manager"], pence=200_000)
    second = agreed(person, staff["pa"], staff["manager"], pence=100_000)
    paid(first, staff["pa"], 200_000)
    offer = entitlement("setting-up-home")
    offer.amount_pence = 250_000  # an administrator lowered it since
    offer.save()

    with pytest.raises(ValidationError) as error:
        paid(second, staff["pa"], 100_000)

    assert messages_of(error)["amount"] == [
        "Amount must be £500.00 or less: that is what is left of their setting-up-home "
        "allowance"]
    assert Payment.objects.count() == 1


def test_a_request_waiting_or_declined_cannot_be_paid(person, staff):
    request = asked(person, staff["pa"])

    with pytest.raises(ValidationError) as error:
        paid(request, staff["pa"])

    assert "Only an agreed request can be paid" in error.value.messages[0]
    assert not Payment.objects.exists()


def test_a_payment_in_the_future_is_refused(person, staff):
    request = agreed(person, staff["pa"], staff["manager"])

    with pytest.raises(ValidationError) as error:
        payment_record(actor=staff["pa"], request=request, paid_on=today() + timedelta(days=1),
                       amount_pence=1_000, method="cash")

    assert messages_of(error)["paid_on"] == ["The date it was paid must be today or in the past"]


def test_something_paid_once_is_paid_once(person, staff):
    request = asked(person, staff["pa"], "birthday-payment", pence=2_500)
    paid(request, staff["pa"], 1_000)

    with pytest.raises(ValidationError) as error:
        paid(request, staff["pa"], 1_000)

    assert "is paid once, and was paid on" in messages_of(error)["amount"][0]


def test_a_cancelled_payment_is_kept_and_no_longer_counts(person, staff):
    request = agreed(person, staff["pa"], staff["manager"], pence=120_000)
    payment = paid(request, staff["pa"], 120_000)

    payment_cancel(actor=staff["manager"], payment=payment, reason="Paid twice by mistake")

    kept = Payment.objects.get(pk=payment.pk)
    assert kept.cancelled and kept.cancelled_by == staff["manager"]
    assert kept.cancel_reason == "Paid twice by mistake"
    assert paid(request, staff["pa"], 120_000).amount_pence == 120_000
    with pytest.raises(ValidationError):
        payment_cancel(actor=staff["manager"], payment=kept, reason="Again")


def test_every_change_is_kept_with_who_made_it(person, staff):
    request = agreed(person, staff["pa"], staff["manager"])
    payment = paid(request, staff["colleague"], 50_000)
    payment_cancel(actor=staff["manager"], payment=payment, reason="Wrong account")

    request_rows = list(request.history.order_by("history_date", "history_id"))
    assert [(row.state, row.history_user) for row in request_rows] == [
        (RequestState.WAITING, staff["pa"]), (RequestState.AGREED, staff["manager"])]
    payment_rows = list(payment.history.order_by("history_date", "history_id"))
    assert [(row.cancel_reason, row.history_user) for row in payment_rows] == [
        ("", staff["colleague"]), ("Wrong account", staff["manager"])]
