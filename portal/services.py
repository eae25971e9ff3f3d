"""Writes for young people's own access: what a young person does on their own pages (they pass
`access=`, never a staff `actor=`) and what staff do about it (`actor=`)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careleavers.dates import long_date
from careleavers.history import save_with_history
from careleavers.models import YoungPerson
from careleavers.services import young_person_changed, young_person_update
from eligibility.rules import Status
from eligibility.services import support_choice_record
from pathways.models import EarlyReviewReason
from pathways.services import early_review_request

from .models import Ask, AskKind, AskState, SupportWish

# What a young person asks ----------------------------------------------------------------------

#: The longest message or reason a young person may send: a few paragraphs, not a document.
TEXT_MAX_LENGTH = 2000

STALE_DETAILS_MESSAGE = (
    "Their phone, email or address was changed on the record after they asked, so this would "
    "overwrite that change. Nothing has been changed: decline this, and ask them to send their "
    "details again if they are still new."
)


def support_wish_open_to(young_person) -> str | None:
    """What a young person aged 21 to 24 may say about support on their own pages (CA s.23CZB),
    as their status stands: someone former relevant who is not receiving support may ask for it;
    someone receiving it after asking may say they no longer want it. None for everyone else
    (their PA records anything else, as for anyone)."""
    status = getattr(getattr(young_person, "statutory_status", None), "status", None)
    if status == Status.ENTITLED_ON_REQUEST:
        return SupportWish.ASKED
    if status == Status.RETURNER_21_25:
        return SupportWish.OPTED_OUT
    return None


def may_ask_for_review(young_person) -> bool:
    """Only someone whose status brings a pathway plan has a plan to review."""
    status = getattr(getattr(young_person, "statutory_status", None), "status", None)
    return status is not None and Status(status).requires_pathway_plan


def _text(value) -> str:
    return (value or "").replace("\r\n", "\n").strip()


def _refuse_if_waiting(young_person, kind: str, what: str) -> None:
    waiting = Ask.objects.waiting().filter(young_person=young_person, kind=kind).first()
    if waiting is not None:
        raise ValidationError(
            f"You already {what} on {long_date(timezone.localdate(waiting.asked_at))}. Your PA "
            "has not answered yet: you can send them a message."
        )


def _ask_save(ask: Ask) -> Ask:
    # A young person is not a member of staff: the history row names nobody, and the ask
    # itself names the access it came through.
    save_with_history(ask, None)
    young_person_changed(ask.young_person)
    return ask


def _locked_young_person(access) -> YoungPerson:
    """The young person, locked so two asks of one kind sent together cannot both wait."""
    return (YoungPerson.objects.select_for_update(of=("self",)).select_related("statutory_status")
            .get(pk=access.young_person_id))


@transaction.atomic
def message_send(*, access, text: str) -> Ask:
    """A message from the young person to their PA (or their team's managers, if they have no
    PA). It is on the PA's home page until marked read, and in the chronology. It is not a
    contact: the keep-in-touch standard counts seeing or speaking to them (DOMAIN.md §2)."""
    text = _text(text)
    if not text:
        raise ValidationError({"text": "Write your message"})
    if len(text) > TEXT_MAX_LENGTH:
        raise ValidationError({"text": f"Your message must be {TEXT_MAX_LENGTH:,} characters "
                                       "or fewer"})
    young_person = _locked_young_person(access)
    return _ask_save(Ask(young_person=young_person, access=access, kind=AskKind.MESSAGE,
                         text=text))


@transaction.atomic
def details_change_propose(*, access, phone: str, email: str, address: str) -> Ask:
    """New contact details, kept beside the record's as they are now. The record changes only
    when the PA confirms them."""
    young_person = _locked_young_person(access)
    phone, email, address = _text(phone), _text(email), _text(address)
    if (phone, email, address) == (young_person.phone, young_person.email, young_person.address):
        raise ValidationError("You have not changed anything. Change your phone number, email "
                              "or address, then send it.")
    _refuse_if_waiting(young_person, AskKind.DETAILS, "sent new details")
    ask = Ask(young_person=young_person, access=access, kind=AskKind.DETAILS,
              phone=phone, email=email, address=address, phone_was=young_person.phone,
              email_was=young_person.email, address_was=young_person.address)
    ask.full_clean(exclude=["young_person", "access", "decided_by"])
    return _ask_save(ask)


@transaction.atomic
def review_ask(*, access, reason: str) -> Ask:
    """The young person asks for their plan to be reviewed early (DOMAIN.md §2). Their PA
    confirms it, and the review is then due as the early-review rule says, from the day they
    asked."""
    reason = _text(reason)
    if not reason:
        raise ValidationError({"text": "Tell us why you would like your plan looked at again"})
    if len(reason) > TEXT_MAX_LENGTH:
        raise ValidationError({"text": f"Your reason must be {TEXT_MAX_LENGTH:,} characters "
                                       "or fewer"})
    young_person = _locked_young_person(access)
    if not may_ask_for_review(young_person):
        raise ValidationError("You do not have a pathway plan at the moment. Send your PA a "
                              "message instead.")
    _refuse_if_waiting(young_person, AskKind.REVIEW, "asked for a review")
    return _ask_save(Ask(young_person=young_person, access=access, kind=AskKind.REVIEW,
                         text=reason))


@transaction.atomic
def support_ask(*, access, support: str, reason: str = "") -> Ask:
    """Aged 21 to 24: the young person asks for support, or says they no longer want it (CA
    s.23CZB). Recorded as a request or an opt-out, dated the day they asked, when the PA
    confirms it."""
    reason = _text(reason)
    if len(reason) > TEXT_MAX_LENGTH:
        raise ValidationError({"text": f"What you tell us must be {TEXT_MAX_LENGTH:,} "
                                       "characters or fewer"})
    young_person = _locked_young_person(access)
    open_to = support_wish_open_to(young_person)
    if open_to is None or support != open_to:
        raise ValidationError({"support": "You cannot ask for this here. Send your PA a "
                                          "message instead."})
    _refuse_if_waiting(young_person, AskKind.SUPPORT, "told us about support")
    return _ask_save(Ask(young_person=young_person, access=access, kind=AskKind.SUPPORT,
                         support=support, text=reason))


# What staff do about an ask --------------------------------------------------------------------


def _lock_waiting(ask: Ask) -> Ask:
    current = Ask.objects.select_for_update().get(pk=ask.pk)
    if current.state != AskState.WAITING:
        raise ValidationError("Someone has already answered this")
    current.young_person = ask.young_person
    return current


def _decided(current: Ask, *, actor, state: str, reason: str = "") -> Ask:
    current.state = state
    current.decided_at = timezone.now()
    current.decided_by = actor
    current.decline_reason = reason
    save_with_history(current, actor,
                      update_fields=["state", "decided_at", "decided_by", "decline_reason"])
    young_person_changed(current.young_person)
    return current


def _confirm_details(*, actor, ask: Ask, today) -> None:
    young_person = YoungPerson.objects.select_for_update().get(pk=ask.young_person_id)
    if (young_person.phone, young_person.email, young_person.address) != (
        ask.phone_was, ask.email_was, ask.address_was
    ):
        raise ValidationError(STALE_DETAILS_MESSAGE)
    young_person_update(actor=actor, young_person=young_person, version=young_person.version,
                        today=today, phone=ask.phone, email=ask.email, address=ask.address)


@transaction.atomic
def ask_confirm(*, actor, ask: Ask, today=None) -> Ask:
    """The PA confirms what the young person asked, which changes the record through the
    record's own services, as if the PA had made the change: new contact details on their
    details (refused if the record's changed since they asked), an early review asked for on
    the day they asked, a request for support or an opt-out on the day they asked. A message is
    marked read."""
    today = today or timezone.localdate()
    current = _lock_waiting(ask)
    asked_on = timezone.localdate(current.asked_at)
    if current.kind == AskKind.DETAILS:
        _confirm_details(actor=actor, ask=current, today=today)
    elif current.kind == AskKind.REVIEW:
        early_review_request(actor=actor, young_person=current.young_person,
                             requested_on=asked_on, reason=EarlyReviewReason.YOUNG_PERSON_ASKED,
                             description=current.text, today=today)
    elif current.kind == AskKind.SUPPORT:
        support_choice_record(actor=actor, young_person=current.young_person,
                              kind=current.support, on=asked_on,
                              notes=f"Asked on their own pages. {current.text}".strip(),
                              today=today)
    return _decided(current, actor=actor, state=AskState.DONE)


@transaction.atomic
def ask_decline(*, actor, ask: Ask, reason: str) -> Ask:
    """The PA says no, with a reason the young person is shown. Nothing else changes. A message
    cannot be declined, only read."""
    reason = _text(reason)
    if not reason:
        raise ValidationError({"decline_reason": "Enter why you are saying no: they will see "
                                                 "this"})
    current = _lock_waiting(ask)
    if current.kind == AskKind.MESSAGE:
        raise ValidationError("A message cannot be declined: mark it as read")
    return _decided(current, actor=actor, state=AskState.DECLINED, reason=reason)
