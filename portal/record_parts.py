"""The young person's own access on their record page: a panel saying whether they may use their
own pages, and the invitation and its withdrawal in the chronology."""

from django.urls import reverse
from django.utils import timezone

from careleavers.record import ChronologyEntry, RecordPart, record_part

from .selectors import accesses_of


@record_part
def own_access_part(*, young_person, user, today) -> RecordPart:
    """One query: their accesses, with who invited and withdrew each."""
    accesses = accesses_of(young_person)
    url = reverse("portal-own-access", args=[young_person.pk])
    chronology = []
    for access in accesses.all:
        chronology.append(ChronologyEntry(
            at=access.invited_at, kind="Own access",
            title="Invited to see their own pages", text=f"Email: {access.email}",
            by=str(access.invited_by), url=url))
        if access.withdrawn_at:
            chronology.append(ChronologyEntry(
                at=access.withdrawn_at, kind="Own access", title="Their own access withdrawn",
                text=access.withdrawn_reason, by=str(access.withdrawn_by or ""), url=url))
    current = accesses.current
    return RecordPart(
        order=90,
        template="portal/_record_panel.html",
        context={"own_access_url": url, "latest_access": accesses.latest,
                 "access_usable": current is not None and current.usable_at(timezone.now())},
        chronology=chronology,
    )
