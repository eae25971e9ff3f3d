"""The status panel, status changes, and requests for support and opt-outs on the young person's
record page."""

from django.urls import reverse

from careleavers.record import ChronologyEntry, RecordPart, record_part

from .models import StatusChange, StatutoryStatus, SupportChoice

#: Shown as who made a change when nobody did: the nightly check moved the status on a date.
NIGHTLY_CHECK = "the nightly check"


def changed_by(change: StatusChange) -> str:
    return str(change.recorded_by) if change.recorded_by_id else NIGHTLY_CHECK


@record_part
def status_part(*, young_person, user, today) -> RecordPart:
    """Three queries: the status, its changes with who made them, and each request for support
    or opt-out with who recorded it."""
    try:
        status = young_person.statutory_status  # cached on the instance for the page header
    except StatutoryStatus.DoesNotExist:
        status = None
    care_history_url = reverse("care-history", args=[young_person.pk])
    changes = StatusChange.objects.filter(young_person=young_person).select_related(
        "recorded_by"
    )
    chronology = [
        ChronologyEntry(
            at=change.effective_on,
            kind="Status",
            title=(
                f"Status changed to {change.get_status_display()}"
                if change.previous_status
                else f"Status set to {change.get_status_display()}"
            ),
            text=change.reason,
            by=changed_by(change),
            url=care_history_url,
        )
        for change in changes
    ] + [
        ChronologyEntry(
            at=choice.on, kind="Support after 21", title=choice.get_kind_display(),
            text=choice.notes, by=str(choice.recorded_by) if choice.recorded_by_id else "",
            url=care_history_url,
        )
        for choice in SupportChoice.objects.filter(young_person=young_person)
        .select_related("recorded_by")
    ]
    return RecordPart(
        order=10,
        template="eligibility/_status_panel.html",
        context={"status": status, "care_history_url": care_history_url},
        chronology=chronology,
    )
