"""Writes for allocations and contacts. Views, imports and the demo seed all come through here."""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from careleavers.concurrency import lock_if_current
from careleavers.dates import long_date
from careleavers.history import save_with_history
from careleavers.models import Role, User, YoungPerson
from careleavers.queue import enqueue
from careleavers.services import changes_collected, young_people_changed, young_person_changed

from .models import (
    Allocation,
    AllocationKind,
    Contact,
    ContactOutcome,
    KeepInTouchStandard,
    Reallocation,
)
from .tasks import send_reallocation_email

CONTACT_FIELDS = ["contact_at", "contact_type", "outcome", "seen_alone", "location", "notes"]


def _validate_adviser(adviser: User, young_person: YoungPerson, field="adviser"):
    if adviser.role != Role.PERSONAL_ADVISER or not adviser.is_active:
        raise ValidationError({field: f"{adviser} is not a Personal Adviser"})
    if not adviser.teams.filter(pk=young_person.team_id).exists():
        raise ValidationError(
            {field: f"{adviser} is not a Personal Adviser in the {young_person.team.called}"}
        )


@transaction.atomic
def adviser_allocate(
    *, actor, young_person, adviser, start_on: date, reason="",
    kind=AllocationKind.PERSONAL_ADVISER, end_on: date | None = None,
) -> Allocation:
    """Allocate a Personal Adviser (ending the current one's allocation the day before), or add a
    colleague to cover for a while."""
    YoungPerson.objects.select_for_update().get(pk=young_person.pk)
    _validate_adviser(adviser, young_person)
    if start_on > timezone.localdate() + timedelta(days=365):
        raise ValidationError({"start_on": "The start date must be within the next year"})
    if end_on is not None and end_on < start_on:
        raise ValidationError({"end_on": "The end date must be on or after the start date"})
    main = Allocation.objects.filter(
        young_person=young_person, kind=AllocationKind.PERSONAL_ADVISER
    )
    current = main.filter(end_on__isnull=True).first()
    if kind == AllocationKind.PERSONAL_ADVISER:
        if current is not None:
            if current.adviser_id == adviser.pk and end_on is None:
                raise ValidationError({"adviser": f"{adviser} is already their Personal Adviser"})
            if start_on <= current.start_on:
                raise ValidationError(
                    {"start_on": "The start date must be after the current Personal Adviser "
                                 f"started on {long_date(current.start_on)}"}
                )
        _refuse_overlap(main.exclude(pk=getattr(current, "pk", None)), start_on, end_on)
        if current is not None:
            _end(current, actor=actor, end_on=start_on - timedelta(days=1),
                 reason=reason or "Reallocated")
    else:
        if current is not None and current.adviser_id == adviser.pk:
            raise ValidationError({"adviser": f"{adviser} is already their Personal Adviser"})
        _refuse_overlap(
            Allocation.objects.filter(young_person=young_person, kind=kind, adviser=adviser),
            start_on, end_on, who=f"{adviser} is already covering",
        )
    allocation = Allocation(
        young_person=young_person, adviser=adviser, kind=kind, start_on=start_on, end_on=end_on,
        reason=reason,
    )
    save_with_history(allocation, actor)
    young_person_changed(young_person)
    return allocation


@transaction.atomic
def allocations_move(
    *, actor, young_people, adviser, start_on: date, reason: str,
    kind=AllocationKind.PERSONAL_ADVISER, end_on: date | None = None,
) -> Reallocation:
    """Move several young people to one Personal Adviser (or a colleague covering them for a
    while) together, for a Personal Adviser leaving or off sick: each one allocated as
    `adviser_allocate` would, so each record's history shows its own change. All or nothing: if
    any one is refused, nobody moves, and the error names each young person refused and why.
    The adviser is emailed once, listing them all, when it is done."""
    people = sorted({person.pk: person for person in young_people}.values(),
                    key=lambda person: person.pk)  # always locked in the same order
    if not people:
        raise ValidationError({"young_people": "Select the young people to move"})
    if not reason.strip():
        raise ValidationError({"reason": "Enter why they are moving"})
    if kind == AllocationKind.PERSONAL_ADVISER and end_on is not None:
        raise ValidationError(
            {"end_on": "A new Personal Adviser has no end date: only cover ends"}
        )
    allocations, refused = [], []
    # Everyone's standing and alerts are refreshed once, together, when all have moved.
    with changes_collected():
        for person in people:
            try:
                with transaction.atomic():
                    allocations.append(adviser_allocate(
                        actor=actor, young_person=person, adviser=adviser, start_on=start_on,
                        reason=reason, kind=kind, end_on=end_on,
                    ))
            except ValidationError as error:
                refused.extend(f"{person.display_name}: {message}" for message in error.messages)
        if refused:
            raise ValidationError({"young_people": refused})
    reallocation = Reallocation.objects.create(adviser=adviser, made_by=actor)
    reallocation.allocations.set(allocations)
    enqueue(send_reallocation_email, reallocation.pk)
    return reallocation


def _refuse_overlap(allocations, start_on, end_on, who="They already had a Personal Adviser"):
    """Two Personal Advisers at once, or one colleague covering twice, would count a young person
    twice in caseloads."""
    overlapping = allocations.filter(
        Q(end_on__isnull=True) | Q(end_on__gte=start_on),
        **({"start_on__lte": end_on} if end_on is not None else {}),
    ).first()
    if overlapping is not None:
        until = (f"to {long_date(overlapping.end_on)}" if overlapping.end_on
                 else "with no end date")
        raise ValidationError(
            {"start_on": f"{who} from {long_date(overlapping.start_on)} {until}: "
                         "choose dates after that"}
        )


def _end(allocation, *, actor, end_on, reason):
    allocation.end_on = end_on
    allocation.end_reason = reason
    save_with_history(allocation, actor, update_fields=["end_on", "end_reason"])


@transaction.atomic
def allocation_end(*, actor, allocation: Allocation, end_on: date, reason: str) -> Allocation:
    """End an allocation, or bring forward an end set ahead (cover ending early)."""
    allocation = Allocation.objects.select_for_update().get(pk=allocation.pk)
    if allocation.end_on is not None and allocation.end_on <= timezone.localdate():
        raise ValidationError({"end_on": "This allocation has already ended"})
    if end_on < allocation.start_on:
        raise ValidationError(
            {"end_on": f"The end date must be on or after {long_date(allocation.start_on)}"}
        )
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the allocation is ending"})
    _end(allocation, actor=actor, end_on=end_on, reason=reason)
    young_people_changed([allocation.young_person_id])
    return allocation


def _validate_contact(values, *, now: datetime):
    contact_at = values.get("contact_at")
    if contact_at is not None and contact_at > now:
        raise ValidationError({"contact_at": "The date and time must be now or in the past"})
    if values.get("outcome") not in ContactOutcome.values:
        raise ValidationError({"outcome": "Select what happened"})


@transaction.atomic
def contact_record(*, actor, young_person, made_by=None, now=None, **values) -> Contact:
    """Record a visit, call or message, by the PA or a covering colleague (`made_by`)."""
    _validate_contact(values, now=now or timezone.now())
    contact = Contact(young_person=young_person, made_by=made_by or actor,
                      **{k: values.get(k, "") for k in CONTACT_FIELDS if k in values})
    contact.full_clean()
    save_with_history(contact, actor)
    young_person_changed(young_person)
    return contact


@transaction.atomic
def contact_update(
    *, actor, contact: Contact, version: int, made_by=None, now=None, **values
) -> Contact:
    """Correct a contact. The old version is kept in its history; contacts are never deleted."""
    current = lock_if_current(Contact, pk=contact.pk, expected_version=version)
    merged = {name: values.get(name, getattr(current, name)) for name in CONTACT_FIELDS}
    _validate_contact(merged, now=now or timezone.now())
    for name, value in merged.items():
        setattr(current, name, value)
    if made_by is not None:
        current.made_by = made_by
    current.version = version + 1
    current.full_clean()
    save_with_history(current, actor)
    young_people_changed([current.young_person_id])
    return current


@transaction.atomic
def keep_in_touch_standard_save(*, actor, standard: KeepInTouchStandard) -> KeepInTouchStandard:
    """Save a council's keep-in-touch standard for a status (from the admin site). When the next
    visit is due moves at once for everyone with that status, with what needs doing for them."""
    save_with_history(standard, actor)
    young_people_changed(
        YoungPerson.objects.filter(statutory_status__status=standard.status)
        .values_list("pk", flat=True)
    )
    return standard
