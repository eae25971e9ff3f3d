"""Writes for the local offer: an administrator's entitlements; asking for something, a manager
agreeing or declining it; payments and their cancelling. Forms, the admin, imports and the demo
all come through here.

What is left is checked with the young person's row locked, so two payments recorded at once
cannot together pay more than the entitlement. Nothing is deleted: a request is declined, a
payment cancelled, each kept with who did it and why.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careleavers.dates import long_date
from careleavers.history import save_with_history
from careleavers.models import YoungPerson
from careleavers.services import young_person_changed
from eligibility.rules import age_on

from .access import is_deciding_manager_for
from .models import Entitlement, OfferRequest, Payment, RequestState
from .rules import PaidAs, PaymentMethod, can_have, needs_a_manager, pounds
from .selectors import status_of

IMPORTED = "Imported"


@transaction.atomic
def entitlement_save(*, actor, entitlement: Entitlement) -> Entitlement:
    """Save an administrator's change to an entitlement. Retiring one (`active` off) stops new
    requests; what was asked for and paid is kept."""
    if entitlement.youngest_age > entitlement.oldest_age:
        raise ValidationError({"oldest_age": "The oldest age must be the same as or more than "
                                             "the youngest"})
    return save_with_history(entitlement, actor)


def _lock(young_person) -> YoungPerson:
    return YoungPerson.objects.select_for_update(of=("self",)).select_related(
        "statutory_status", "team").get(pk=young_person.pk)


def _paid_on_entitlement(young_person, entitlement) -> int:
    return sum(Payment.objects.live().filter(young_person=young_person, entitlement=entitlement)
               .values_list("amount_pence", flat=True))


def _held_on_entitlement(young_person, entitlement, *, leave_out=None) -> int:
    """What standing requests set aside of the entitlement: each request's amount, or what was
    paid on it if that is more."""
    held = 0
    requests = OfferRequest.objects.standing().filter(
        young_person=young_person, entitlement=entitlement).with_paid()
    for request in requests:
        if request.pk != leave_out:
            held += max(request.amount_pence or 0, request.paid_pence)
    return held


@transaction.atomic
def request_ask(
    *, actor, young_person, entitlement: Entitlement, reason: str,
    amount_pence: int | None = None, today: date | None = None, now: datetime | None = None,
) -> OfferRequest:
    """Ask for `amount_pence` of `entitlement` for this young person (nothing, for help that is
    not money), with the reason. Within the entitlement's limit it is agreed as it is asked for;
    over it, it waits for a manager (four eyes)."""
    today = today or timezone.localdate()
    now = now or timezone.now()
    person = _lock(young_person)
    errors = {}
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = "Enter what it is for"
    if not can_have(entitlement, status=status_of(person),
                    age=age_on(person.date_of_birth, today)):
        errors["entitlement"] = (
            f"They cannot have the {entitlement.name.lower()} now: it is for other young "
            f"people, ages or statuses" if entitlement.active
            else f"The {entitlement.name.lower()} is no longer offered"
        )
    elif entitlement.paid == PaidAs.ONCE and OfferRequest.objects.standing().filter(
            young_person=person, entitlement=entitlement).exists():
        errors["entitlement"] = (f"They have already asked for the "
                                 f"{entitlement.name.lower()}, which they can have once")
    if entitlement.is_money and "entitlement" not in errors:
        left_to_ask = entitlement.amount_pence - max(
            _held_on_entitlement(person, entitlement),
            _paid_on_entitlement(person, entitlement))
        if not amount_pence:
            errors["amount"] = "Enter an amount of more than £0"
        elif amount_pence > left_to_ask:
            errors["amount"] = (
                f"Amount must be {pounds(max(left_to_ask, 0))} or less: that is what is left of "
                f"their {entitlement.name.lower()} once what is already paid, asked for or "
                f"agreed is taken off" if left_to_ask > 0
                else f"Nothing is left of their {entitlement.name.lower()} to ask for"
            )
    elif not entitlement.is_money:
        amount_pence = None
    if errors:
        raise ValidationError(errors)
    request = OfferRequest(young_person=person, entitlement=entitlement,
                           amount_pence=amount_pence, reason=reason, asked_by=actor, asked_at=now)
    if not needs_a_manager(entitlement, amount_pence):
        request.state = RequestState.AGREED
        request.decided_by, request.decided_at, request.within_limit = actor, now, True
    save_with_history(request, actor)
    young_person_changed(person, on=today)
    return request


def _refuse_undecidable(actor, request: OfferRequest, person) -> None:
    if request.state != RequestState.WAITING:
        raise ValidationError(f"This request is {request.get_state_display().lower()} already: "
                              "it is not waiting for a manager")
    if request.asked_by_id is not None and request.asked_by_id == actor.pk:
        raise ValidationError({"decision": "You asked for this, so another manager must agree "
                                           "or decline it"})
    if not is_deciding_manager_for(actor, person):
        raise ValidationError({"decision": "Only a team manager of their team, or a duty "
                                           "manager, can agree or decline this"})


@transaction.atomic
def request_agree(*, actor, request: OfferRequest, now: datetime | None = None) -> OfferRequest:
    """A manager agrees a request: never the person who asked for it (four eyes)."""
    person = _lock(request.young_person)
    current = OfferRequest.objects.select_related("entitlement").get(pk=request.pk)
    _refuse_undecidable(actor, current, person)
    current.state = RequestState.AGREED
    current.decided_by, current.decided_at = actor, now or timezone.now()
    save_with_history(current, actor, update_fields=["state", "decided_by", "decided_at"])
    young_person_changed(person)
    return current


@transaction.atomic
def request_decline(*, actor, request: OfferRequest, reason: str,
                    now: datetime | None = None) -> OfferRequest:
    """A manager declines a request, saying why; what it set aside is free to ask for again."""
    person = _lock(request.young_person)
    current = OfferRequest.objects.select_related("entitlement").get(pk=request.pk)
    _refuse_undecidable(actor, current, person)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"decision_reason": "Enter why it is declined"})
    current.state = RequestState.DECLINED
    current.decided_by, current.decided_at = actor, now or timezone.now()
    current.decision_reason = reason
    save_with_history(current, actor,
                      update_fields=["state", "decided_by", "decided_at", "decision_reason"])
    young_person_changed(person)
    return current


def _payment_errors(request: OfferRequest, person, *, amount_pence, paid_on, method,
                    today) -> dict:
    entitlement = request.entitlement
    errors = {}
    if not entitlement.is_money:
        return {"amount": f"The {entitlement.name.lower()} is not paid in money"}
    if method not in PaymentMethod.values:
        errors["method"] = "Select how it was paid"
    if paid_on is None:
        errors["paid_on"] = "Enter the date it was paid"
    elif paid_on > today:
        errors["paid_on"] = "The date it was paid must be today or in the past"
    live = list(request.payments.live().order_by("paid_on")) if request.pk else []
    if not amount_pence:
        errors["amount"] = "Enter an amount of more than £0"
    elif entitlement.paid == PaidAs.ONCE and live:
        errors["amount"] = (f"The {entitlement.name.lower()} is paid once, and was paid on "
                            f"{long_date(live[0].paid_on)}")
    else:
        left_of_request = (request.amount_pence or 0) - sum(p.amount_pence for p in live)
        left_of_entitlement = entitlement.amount_pence - _paid_on_entitlement(person, entitlement)
        if amount_pence > left_of_request:
            errors["amount"] = (
                f"Amount must be {pounds(max(left_of_request, 0))} or less: that is what is "
                f"left to pay of the {request.amount_text} agreed" if left_of_request > 0
                else f"Nothing is left to pay of the {request.amount_text} agreed"
            )
        elif amount_pence > left_of_entitlement:
            errors["amount"] = (
                f"Amount must be {pounds(max(left_of_entitlement, 0))} or less: that is what "
                f"is left of their {entitlement.name.lower()}" if left_of_entitlement > 0
                else f"Nothing is left of their {entitlement.name.lower()}"
            )
    return errors


@transaction.atomic
def payment_record(
    *, actor, request: OfferRequest, paid_on: date, amount_pence: int, method: str,
    reference: str = "", today: date | None = None, now: datetime | None = None,
) -> Payment:
    """Record money paid against an agreed request. A payment beyond what is left of the
    request, or of the entitlement, is refused and nothing is saved."""
    today = today or timezone.localdate()
    person = _lock(request.young_person)
    current = OfferRequest.objects.select_related("entitlement").get(pk=request.pk)
    if current.state != RequestState.AGREED:
        raise ValidationError("Only an agreed request can be paid: this one is "
                              f"{current.get_state_display().lower()}")
    errors = _payment_errors(current, person, amount_pence=amount_pence, paid_on=paid_on,
                             method=method, today=today)
    if errors:
        raise ValidationError(errors)
    payment = Payment(request=current, young_person=person, entitlement=current.entitlement,
                      paid_on=paid_on, amount_pence=amount_pence, method=method,
                      reference=(reference or "").strip(), recorded_by=actor,
                      recorded_at=now or timezone.now())
    save_with_history(payment, actor)
    young_person_changed(person, on=today)
    return payment


@transaction.atomic
def payment_cancel(*, actor, payment: Payment, reason: str,
                   now: datetime | None = None) -> Payment:
    """Cancel a payment made in error, saying why. It is kept, and no longer counts as paid."""
    person = _lock(payment.young_person)
    current = Payment.objects.select_for_update().get(pk=payment.pk)
    if current.cancelled:
        raise ValidationError("This payment was cancelled already")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"cancel_reason": "Enter why the payment is cancelled"})
    current.cancelled_at, current.cancelled_by = now or timezone.now(), actor
    current.cancel_reason = reason
    save_with_history(current, actor,
                      update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
    young_person_changed(person)
    return current


@transaction.atomic
def payment_import(
    *, actor, young_person, entitlement: Entitlement, amount_pence: int, paid_on: date,
    method: str, reference: str = "", agreed_by=None, imported_id: str, reason: str = "",
    today: date | None = None,
) -> Payment:
    """A payment made before this system, from an import: recorded as agreed (by `agreed_by`,
    if the file says who) and paid, each history row saying it was imported. It is held to what
    is left of the entitlement like any other payment; who could have it then is not asked
    again (their status may have moved since)."""
    today = today or timezone.localdate()
    now = timezone.now()
    person = _lock(young_person)
    request = OfferRequest(
        young_person=person, entitlement=entitlement, amount_pence=amount_pence,
        reason=reason.strip() or IMPORTED, state=RequestState.AGREED, asked_by=None,
        asked_at=now, decided_by=agreed_by, decided_at=now, imported=True,
    )
    errors = {}
    if entitlement.paid == PaidAs.ONCE and OfferRequest.objects.standing().filter(
            young_person=person, entitlement=entitlement).exists():
        errors["entitlement"] = (f"They already have the {entitlement.name.lower()}, which is "
                                 "paid once")
    else:
        errors = _payment_errors(request, person, amount_pence=amount_pence, paid_on=paid_on,
                                 method=method, today=today) if entitlement.is_money else {
            "entitlement": f"The {entitlement.name.lower()} is not paid in money"}
    if errors:
        raise ValidationError(errors)
    request._change_reason = IMPORTED
    save_with_history(request, actor)
    payment = Payment(request=request, young_person=person, entitlement=entitlement,
                      paid_on=paid_on, amount_pence=amount_pence, method=method,
                      reference=reference.strip(), recorded_by=actor, recorded_at=now,
                      imported_id=imported_id)
    payment._change_reason = IMPORTED
    save_with_history(payment, actor)
    young_person_changed(person, on=today)
    return payment
