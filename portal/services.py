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

from careleavers.dates import when
from careleavers.history import save_with_history
from careleavers.queue import enqueue
from careleavers.services import young_person_changed

from .models import Access, PortalVisit, SignInCode, WrongSignInCode
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
