"""The morning digest: one email to each Personal Adviser listing their young people's alerts, and
to each team manager listing their team's. Never two for one person and one date: each email sent
is recorded (DigestSent), in the same transaction that sends it, so a rerun or a second worker
skips it.

The email names young people by their ID only: it leaves the case record system, so it says what
needs doing and where to look, not who they are.
"""

import logging
from dataclasses import dataclass
from datetime import date

from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from careleavers.dates import long_date
from careleavers.models import Role, User

from .alerts import alerts_for, ordered_by_kind
from .models import DigestSent

logger = logging.getLogger(__name__)

DIGEST_ROLES = (Role.PERSONAL_ADVISER, Role.TEAM_MANAGER)


@dataclass(frozen=True)
class DigestRun:
    sent: int
    already_sent: int


def digest_text(user, alerts, *, on: date) -> str:
    count = len(alerts)
    whose = "your young people" if user.role == Role.PERSONAL_ADVISER else "your team"
    lines = [
        f"Hello {user.get_full_name() or user.username},",
        "",
        f"On {long_date(on)} there {'is' if count == 1 else 'are'} {count} "
        f"thing{'' if count == 1 else 's'} to do for {whose}.",
    ]
    for label, items in ordered_by_kind(alerts):
        lines += ["", f"{label} ({len(items)})"]
        lines += [f"- {alert.young_person.person_id}: {alert.detail}" for alert in items]
    lines += ["", "Sign in to the leaving care service to see the details."]
    return "\n".join(lines)


def digests_send(*, on: date) -> DigestRun:
    """Email each PA and team manager with anything to do on `on`, unless already emailed for
    that date. A failure to send to one person is logged and the rest still go; theirs is sent
    next time this runs for that date."""
    sent = already = 0
    already_sent = set(DigestSent.objects.filter(sent_on=on).values_list("recipient", flat=True))
    recipients = (
        User.objects.filter(is_active=True, role__in=DIGEST_ROLES).exclude(email="")
        .order_by("pk")
    )
    for user in recipients:
        if user.pk in already_sent:
            already += 1
            continue
        alerts = list(alerts_for(user, today=on))
        if not alerts:
            continue
        try:
            with transaction.atomic():
                DigestSent.objects.create(recipient=user, sent_on=on, items=len(alerts))
                send_mail(
                    subject=f"What needs doing: {long_date(on)}",
                    message=digest_text(user, alerts, on=on),
                    from_email=None,
                    recipient_list=[user.email],
                )
        except IntegrityError:  # sent by another run for this date in the meantime
            already += 1
        except Exception:  # noqa: BLE001 - one bad address must not stop everyone's digest
            logger.exception("Could not send the morning digest to user %s", user.pk)
        else:
            sent += 1
    return DigestRun(sent=sent, already_sent=already)
