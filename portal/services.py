"""Every change in the portal. Staff's actions take `actor=`; a young person's take `access=`.

The first block is about access itself: the PA's invitation and its withdrawal, and signing in
with a code sent by email. A young person's own asks follow it."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from careleavers.dates import long_date, when
from careleavers.history import save_with_history
from careleavers.models import YoungPerson
from careleavers.queue import enqueue
from careleavers.services import young_person_changed, young_person_update
from eligibility.rules import Status
from eligibility.services import support_choice_record
from pathways.models import EarlyReviewReason
from pathways.services import early_review_request

from .models import (
    Access,
    Ask,
    AskKind,
    AskState,
    PortalVisit,
    SignInCode,
    SupportWish,
    WrongSignInCode,
)
from .tasks import send_invitation_email

# --- access: invitation, withdrawal and signing in ---------------------------------------------

#: What a young person is told whenever a code is not right, whether or not their email is known.
WRONG_CODE = "The code is not right. Check the email we sent and try again, or ask for a new code"
CODE_RUN_OUT = "The code has run out. Ask for a new one"


@transaction.atomic
def access_invite(*, actor, young_person, email: str, sign_in_url: str = "") -> Access:
    """Invite the young person to their own pages: a new access for `email`, emailed to them
    (with `sign_in_url`, the portal's sign-in page) once this commits. Refused while they have
    access that can still be used: it must be withdrawn first. An invitation that ran out unused
    is closed by the new one."""
    email = email.strip()
    if not email:
        raise ValidationError({"email": "Enter their email address"})
    now = timezone.now()
    current = Access.objects.current().select_for_update().filter(young_person=young_person).first()
    if current is not None:
        if current.usable_at(now):
            raise ValidationError(
                "They already have access. To invite them with a different email address, "
                "withdraw their access first."
            )
        current.withdrawn_at = now
        current.withdrawn_by = actor
        current.withdrawn_reason = "The invitation ran out before it was used; invited again."
        save_with_history(current, actor,
                          update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    access = Access(
        young_person=young_person, email=email, invited_by=actor, invited_at=now,
        invitation_expires_at=now + timedelta(days=settings.PORTAL_INVITATION_DAYS),
    )
    save_with_history(access, actor)
    enqueue(send_invitation_email, access.pk, sign_in_url or reverse("portal-sign-in"))
    young_person_changed(young_person)
    return access


@transaction.atomic
def access_withdraw(*, actor, access: Access, reason: str) -> Access:
    """End the young person's access at once: their next request is refused, and no code they
    hold works. The access stays on the record with who withdrew it, when and why."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why you are withdrawing their access"})
    locked = Access.objects.select_for_update().get(pk=access.pk)
    if locked.withdrawn_at is not None:
        raise ValidationError("Their access was already withdrawn.")
    locked.withdrawn_at = timezone.now()
    locked.withdrawn_by = actor
    locked.withdrawn_reason = reason
    save_with_history(locked, actor,
                      update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    young_person_changed(locked.young_person)
    return locked


def _code_hash(access_id: int, code: str) -> str:
    # Keyed with the service's secret: the table alone does not give the codes away, though
    # six numbers are few.
    return salted_hmac("portal.SignInCode", f"{access_id}:{code}", algorithm="sha256").hexdigest()


def _usable_accesses(email: str, now: datetime) -> list[Access]:
    email = email.strip()
    if not email:
        return []
    found = Access.objects.current().select_related("young_person").filter(email__iexact=email)
    return [access for access in found if access.usable_at(now)]


def _email_key(email: str) -> str:
    return salted_hmac("portal.WrongSignInCode", email.strip().casefold(),
                       algorithm="sha256").hexdigest()


def locked_until(email: str, now: datetime) -> datetime | None:
    """Until when too many wrong codes lock signing in with this email address (known to the
    service or not); None if they do not. Locked at `PORTAL_WRONG_CODES_LIMIT` wrong codes within
    `PORTAL_LOCKOUT_MINUTES`, until that long after the last."""
    lockout = timedelta(minutes=settings.PORTAL_LOCKOUT_MINUTES)
    limit = settings.PORTAL_WRONG_CODES_LIMIT
    times = list(WrongSignInCode.objects.filter(email_hash=_email_key(email), at__gt=now - lockout)
                 .order_by("-at").values_list("at", flat=True)[:limit])
    return times[0] + lockout if len(times) >= limit else None


@transaction.atomic
def sign_in_code_send(*, email: str) -> None:
    """Email a new sign-in code to each access this email may sign in with (normally one),
    replacing any code sent before. Nothing is sent for an unknown email, an address locked by
    wrong codes, or one that has had too many codes in the last quarter hour; the caller says
    the same whatever happened, so nobody learns whose email is known."""
    now = timezone.now()
    for access in _usable_accesses(email, now):
        # One request at a time for each access, so the count below and the new code agree.
        Access.objects.select_for_update().filter(pk=access.pk).first()
        recent = SignInCode.objects.filter(access=access,
                                           created_at__gt=now - timedelta(minutes=15)).count()
        if recent >= settings.PORTAL_CODES_PER_QUARTER_HOUR or locked_until(email, now):
            continue
        SignInCode.objects.filter(access=access, used_at__isnull=True,
                                  replaced_at__isnull=True).update(replaced_at=now)
        code = f"{secrets.randbelow(10**6):06d}"
        SignInCode.objects.create(
            access=access, code_hash=_code_hash(access.pk, code), created_at=now,
            expires_at=now + timedelta(minutes=settings.PORTAL_CODE_MINUTES),
        )
        transaction.on_commit(_code_email(access.email, code))


def _code_email(address: str, code: str):
    minutes = settings.PORTAL_CODE_MINUTES

    def send():
        send_mail(
            subject="Your code to sign in",
            message="\n".join([
                "Hello,",
                "",
                f"Your code to sign in to {settings.SERVICE_NAME} is {code}",
                "",
                f"It runs out in {minutes} minutes, and works once.",
                "",
                "If you did not ask for a code, you can ignore this email: nobody can sign in "
                "without the code.",
            ]),
            from_email=None, recipient_list=[address],
        )

    return send


@dataclass(frozen=True)
class CodeCheck:
    """What came of a code: the access it signed in with, or why not."""

    access: Access | None = None
    refusal: str = ""


@transaction.atomic
def sign_in_code_check(*, email: str, code: str) -> CodeCheck:
    """Sign in with the code sent to `email`: it must be the newest code sent, not used, not run
    out, and the access not withdrawn, nor the address locked. A wrong code counts towards the
    address's lock (`locked_until`), whether or not the address is known. The tries are kept
    even when the code is refused."""
    now = timezone.now()
    if until := locked_until(email, now):
        return CodeCheck(refusal=_locked_message(until))
    accesses = _usable_accesses(email, now)
    code = code.strip().replace(" ", "")
    latest = list(
        SignInCode.objects.select_for_update()
        .filter(access__in=accesses, used_at__isnull=True, replaced_at__isnull=True,
                locked_until__isnull=True)
        .select_related("access", "access__young_person")
    )
    for candidate in latest:
        if constant_time_compare(candidate.code_hash, _code_hash(candidate.access_id, code)):
            if candidate.expires_at <= now:
                return CodeCheck(refusal=CODE_RUN_OUT)
            candidate.used_at = now
            candidate.save(update_fields=["used_at"])
            access = candidate.access
            if access.first_signed_in_at is None:
                access.first_signed_in_at = now
            access.last_signed_in_at = now
            save_with_history(access, None,
                              update_fields=["first_signed_in_at", "last_signed_in_at"])
            PortalVisit.objects.create(access=access, at=now, page="Signed in")
            return CodeCheck(access=access)
    WrongSignInCode.objects.create(email_hash=_email_key(email), at=now)
    until = locked_until(email, now)
    for candidate in latest:
        # A code guessed at too often never works, even after the cool-off: they ask anew.
        candidate.wrong_attempts += 1
        candidate.locked_until = until
        candidate.save(update_fields=["wrong_attempts", "locked_until"])
    return CodeCheck(refusal=_locked_message(until) if until else WRONG_CODE)


def _locked_message(until: datetime) -> str:
    return (f"You have typed a wrong code too many times. You can try again from "
            f"{when(until)}, or ask your PA for help")


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
