"""Telling a Personal Adviser about young people a manager has moved to them together."""

from django.core.mail import send_mail
from django.utils import timezone

from careleavers.dates import long_date

from .models import AllocationKind, Reallocation


def reallocation_text(reallocation: Reallocation, allocations) -> str:
    """The email names young people by council ID only: it leaves the case record system, so it
    says who to look up and where, not who they are."""
    count = len(allocations)
    first = allocations[0]
    people = f"{count} young {'person' if count == 1 else 'people'}"
    if first.kind == AllocationKind.COVER:
        until = f" to {long_date(first.end_on)}" if first.end_on else ""
        what = f"asked you to cover for {people} from {long_date(first.start_on)}{until}"
    else:
        what = f"made you the Personal Adviser for {people} from {long_date(first.start_on)}"
    manager = reallocation.made_by.get_full_name() if reallocation.made_by else "A manager"
    lines = [
        f"Hello {reallocation.adviser.get_full_name() or reallocation.adviser.username},",
        "",
        f"{manager} has {what}. Their council IDs:",
        "",
        *(f"- {allocation.young_person.person_id}" for allocation in allocations),
        "",
        f"Reason: {first.reason}",
        "",
        "Sign in to the leaving care service and open My caseload to see their records.",
    ]
    return "\n".join(lines)


def reallocation_notify(*, reallocation_id: int) -> bool:
    """Email the Personal Adviser the young people moved to them, once: sending again changes
    nothing. Returns whether an email went."""
    reallocation = (
        Reallocation.objects.filter(pk=reallocation_id, notified_at__isnull=True)
        .select_related("adviser", "made_by").first()
    )
    if reallocation is None:
        return False
    allocations = list(
        reallocation.allocations.select_related("young_person").order_by("young_person__person_id")
    )
    # Claim it first, so two workers never both send.
    claimed = Reallocation.objects.filter(pk=reallocation.pk, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    if not claimed or not allocations or not reallocation.adviser.email:
        return False
    count = len(allocations)
    people = f"{count} young {'person' if count == 1 else 'people'}"
    send_mail(
        subject=(f"You are covering for {people}" if allocations[0].kind == AllocationKind.COVER
                 else f"{people} {'has' if count == 1 else 'have'} been moved to you"),
        message=reallocation_text(reallocation, allocations),
        from_email=None,
        recipient_list=[reallocation.adviser.email],
    )
    return True
