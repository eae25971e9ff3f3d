"""Young people, statuses, allocations and contacts for the advisers tests, saved directly so each
test sets up exactly the history it talks about."""

import re
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from advisers.models import AllocationKind
from eligibility.models import StatutoryStatus
from eligibility.rules import Status
from standing.standings import standings_refresh
from tests.factories import AllocationFactory, ContactFactory, YoungPersonFactory


def today() -> date:
    return timezone.localdate()


def days_ago(days: int) -> date:
    return today() - timedelta(days=days)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def young_person(team, status=Status.FORMER_RELEVANT, **fields):
    """A young person in `team` with `status` (None for no status yet)."""
    person = YoungPersonFactory(team=team, **fields)
    if status is not None:
        with_status(person, status)
    return person


def with_status(person, status):
    StatutoryStatus.objects.update_or_create(
        young_person=person,
        defaults={"status": status, "reason": "Set for the test", "since": days_ago(400),
                  "checked_on": today()},
    )
    standings_refresh(young_person_ids=[person.pk], on=today())
    person.__dict__.pop("statutory_status", None)
    return person


def allocate(person, adviser, *, start_on=None, end_on=None, kind=AllocationKind.PERSONAL_ADVISER,
             reason="", end_reason=""):
    return AllocationFactory(
        young_person=person, adviser=adviser, kind=kind, start_on=start_on or days_ago(200),
        end_on=end_on, reason=reason, end_reason=end_reason,
    )


def cover(person, adviser, **kwargs):
    return allocate(person, adviser, kind=AllocationKind.COVER, start_on=days_ago(3), **kwargs)


def contact(person, made_by, *, on=None, outcome="seen", contact_type="home_visit", **fields):
    return ContactFactory(
        young_person=person, made_by=made_by, contact_at=at(on or days_ago(7)), outcome=outcome,
        contact_type=contact_type, **fields,
    )


def date_post(name: str, value: date | None) -> dict:
    """A GOV.UK date input as the browser posts it."""
    if value is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    return {f"{name}_0": str(value.day), f"{name}_1": str(value.month),
            f"{name}_2": str(value.year)}


def error_next_to(response, field_id: str) -> str:
    """The error message shown next to a field (by the field's id), or ''."""
    match = re.search(
        rf'id="{re.escape(field_id)}_1_error" class="govuk-error-message">\s*'
        r'<span class="govuk-visually-hidden">Error:</span>\s*(.+?)\s*</span>',
        response.content.decode(),
    )
    return match[1] if match else ""
