"""Telling a young person their PA has invited them to their own pages."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from careleavers.dates import long_date

from .models import Access


def invitation_text(access: Access, sign_in_url: str) -> str:
    """Plain words, and nothing from their record but their first name: the email may be read by
    someone else."""
    young_person = access.young_person
    pa = access.invited_by.get_full_name() or "Your Personal Adviser"
    expires = access.invitation_expires_at
    return "\n".join([
        f"Hello {young_person.preferred_name or young_person.first_name},",
        "",
        f"{pa} has invited you to see your pathway plan, who your PA is and how to reach them, "
        "and the money and support you can get, on your phone or computer.",
        "",
        f"To start, go to {sign_in_url} and enter this email address. We will email you a code "
        "to sign in. You do not need a password.",
        "",
        f"This invitation works until {long_date(timezone.localdate(expires))}. "
        "If it runs out, ask your PA to invite you again.",
        "",
        f"{settings.SERVICE_NAME}",
    ])


def invitation_notify(*, access_id: int, sign_in_url: str) -> bool:
    """Email the invitation once, if the access has not been withdrawn meanwhile. Returns
    whether an email went."""
    access = (Access.objects.current().filter(pk=access_id, invitation_sent_at__isnull=True)
              .select_related("young_person", "invited_by").first())
    if access is None:
        return False
    # Claim it first, so two workers never both send.
    claimed = Access.objects.filter(pk=access.pk, invitation_sent_at__isnull=True).update(
        invitation_sent_at=timezone.now())
    if not claimed:
        return False
    send_mail(subject="You are invited to see your plan online",
              message=invitation_text(access, sign_in_url),
              from_email=None, recipient_list=[access.email])
    return True
