"""Writes for unaccompanied asylum-seeking young people's immigration positions. The form, the
import and the demo seed all come through here.

A change of position is a new record from its date; a mistake is corrected on the record (the
earlier version kept in its history). Nothing is deleted. A decision (leave granted or refused)
waits for the Personal Adviser to mark it as seen, and "What needs doing" shows it until then.
"""

from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from careleavers.concurrency import lock_if_current
from careleavers.dates import long_date
from careleavers.history import save_with_history
from careleavers.models import YoungPerson
from careleavers.services import young_people_changed, young_person_changed

from .models import ImmigrationRecord
from .rules import APPEAL_STAGES, DECISIONS, DOES_NOT_END, LeaveKind, Stage

RECORD_FIELDS = [
    "since", "stage", "leave_kind", "leave_granted_on", "leave_expires_on", "appeal_lodged_on",
    "appeal_decided_on", "home_office_reference", "solicitor", "solicitor_contact", "notes",
]
TEXT_FIELDS = ("home_office_reference", "solicitor", "solicitor_contact", "notes")
NOT_UASC = (
    "They are not recorded as an unaccompanied asylum-seeking young person: change their "
    "details first"
)


def _past(errors, values, name, what, *, today, born=None):
    day = values.get(name)
    if day is None:
        return
    if day > today:
        errors.setdefault(name, f"{what} must be today or in the past")
    elif born is not None and day < born:
        errors.setdefault(name, f"{what} must be after their date of birth")


def _clean(values: dict, *, young_person, today: date) -> dict:
    """Check a record's values; returns them tidied, or raises field-keyed errors."""
    errors = {}
    born = young_person.date_of_birth
    stage = values.get("stage")
    if stage not in Stage.values:
        errors["stage"] = "Select where their claim has got to"
    if values.get("since") is None:
        errors["since"] = "Enter the date this became their position"
    _past(errors, values, "since", "The date this became their position", today=today,
          born=born)
    for name in TEXT_FIELDS:
        values[name] = (values.get(name) or "").strip()
    values["home_office_reference"] = values["home_office_reference"].upper()
    kind = values.get("leave_kind") or ""
    values["leave_kind"] = kind
    granted, expires = values.get("leave_granted_on"), values.get("leave_expires_on")
    if stage == Stage.LEAVE_GRANTED:
        if kind not in LeaveKind.values:
            errors["leave_kind"] = "Select the kind of leave they were granted"
        if granted is None:
            errors["leave_granted_on"] = "Enter the date their leave was granted"
        _past(errors, values, "leave_granted_on", "The date their leave was granted",
              today=today, born=born)
        if kind in DOES_NOT_END and expires is not None:
            errors["leave_expires_on"] = (
                f"{LeaveKind(kind).label} does not end: leave the date it ends blank"
            )
        elif kind in LeaveKind.values and kind not in DOES_NOT_END and expires is None:
            errors["leave_expires_on"] = (
                "Enter the date their leave ends: it is on their eVisa or Home Office letter"
            )
        elif expires is not None and granted is not None and expires <= granted:
            errors["leave_expires_on"] = "The date their leave ends must be after it was granted"
    elif "stage" not in errors:
        for name, what in (("leave_kind", "the kind of leave"),
                           ("leave_granted_on", "the date leave was granted"),
                           ("leave_expires_on", "the date leave ends")):
            if values.get(name):
                errors[name] = f"Only give {what} if they were allowed to stay (leave granted)"
    lodged, decided = values.get("appeal_lodged_on"), values.get("appeal_decided_on")
    if stage in APPEAL_STAGES and lodged is None:
        errors["appeal_lodged_on"] = "Enter the date the appeal was lodged"
    _past(errors, values, "appeal_lodged_on", "The date the appeal was lodged", today=today,
          born=born)
    if decided is not None and lodged is None:
        errors.setdefault("appeal_lodged_on", "Enter the date the appeal was lodged")
    elif decided is not None and decided < lodged:
        errors["appeal_decided_on"] = (
            "The date the appeal was decided must be on or after it was lodged"
        )
    _past(errors, values, "appeal_decided_on", "The date the appeal was decided", today=today)
    if stage == Stage.APPEAL_RIGHTS_EXHAUSTED and decided is None:
        errors.setdefault("appeal_decided_on", "Enter the date the appeal was decided")
    if errors:
        raise ValidationError(errors)
    return values


def _refuse_same_day(young_person, since: date, *, besides=None) -> None:
    others = ImmigrationRecord.objects.filter(young_person=young_person, since=since)
    if besides is not None:
        others = others.exclude(pk=besides.pk)
    if others.exists():
        raise ValidationError({"since": (
            f"Their position on {long_date(since)} is already recorded: change that record "
            "instead"
        )})


@transaction.atomic
def immigration_record(
    *, actor, young_person, since: date, stage: str, leave_kind: str = "",
    leave_granted_on: date | None = None, leave_expires_on: date | None = None,
    appeal_lodged_on: date | None = None, appeal_decided_on: date | None = None,
    home_office_reference: str = "", solicitor: str = "", solicitor_contact: str = "",
    notes: str = "", decision_seen: bool = False, today: date | None = None,
) -> ImmigrationRecord:
    """Record an unaccompanied asylum-seeking young person's immigration position from `since`.
    A decision waits for their Personal Adviser to mark it as seen, unless `decision_seen` (one
    made long ago and brought in from another system, which the team knew of already)."""
    today = today or timezone.localdate()
    young_person = YoungPerson.objects.select_for_update().get(pk=young_person.pk)
    if not young_person.uasc:
        raise ValidationError({NON_FIELD_ERRORS: [NOT_UASC]})
    values = _clean(
        {"since": since, "stage": stage, "leave_kind": leave_kind,
         "leave_granted_on": leave_granted_on, "leave_expires_on": leave_expires_on,
         "appeal_lodged_on": appeal_lodged_on, "appeal_decided_on": appeal_decided_on,
         "home_office_reference": home_office_reference, "solicitor": solicitor,
         "solicitor_contact": solicitor_contact, "notes": notes},
        young_person=young_person, today=today,
    )
    _refuse_same_day(young_person, values["since"])
    record = ImmigrationRecord(young_person=young_person, recorded_by=actor, **values)
    if decision_seen and record.is_decision:
        record.decision_seen_at = timezone.now()
    record.full_clean(exclude=["young_person", "recorded_by", "decision_seen_by"])
    save_with_history(record, actor)
    young_person_changed(young_person, on=today)
    return record


@transaction.atomic
def immigration_update(
    *, actor, record: ImmigrationRecord, version: int, today: date | None = None, **fields
) -> ImmigrationRecord:
    """Correct a record. The earlier version is kept in its history. A record corrected to a
    different decision waits to be seen again."""
    unknown = set(fields) - set(RECORD_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    today = today or timezone.localdate()
    young_person = YoungPerson.objects.select_for_update().get(pk=record.young_person_id)
    current = lock_if_current(ImmigrationRecord, pk=record.pk, expected_version=version)
    merged = {name: fields.get(name, getattr(current, name)) for name in RECORD_FIELDS}
    values = _clean(merged, young_person=young_person, today=today)
    _refuse_same_day(young_person, values["since"], besides=current)
    decided_again = values["stage"] in DECISIONS and (
        values["stage"], values["leave_kind"]) != (current.stage, current.leave_kind)
    for name, value in values.items():
        setattr(current, name, value)
    if decided_again:
        current.decision_seen_at, current.decision_seen_by = None, None
    current.version = version + 1
    current.full_clean(exclude=["young_person", "recorded_by", "decision_seen_by"])
    save_with_history(current, actor)
    young_people_changed([current.young_person_id], on=today)
    return current


@transaction.atomic
def immigration_decision_mark_seen(*, actor, record: ImmigrationRecord,
                                   today: date | None = None) -> ImmigrationRecord:
    """Their Personal Adviser has seen the decision and acted on it. Marking it again changes
    nothing."""
    today = today or timezone.localdate()
    if not record.is_decision:
        raise ValidationError("Only a decision (leave granted or refused) is marked as seen")
    current = ImmigrationRecord.objects.select_for_update().get(pk=record.pk)
    if current.decision_seen_at is None:
        current.decision_seen_at, current.decision_seen_by = timezone.now(), actor
        save_with_history(current, actor, update_fields=["decision_seen_at", "decision_seen_by"])
        young_people_changed([current.young_person_id], on=today)
    return current
