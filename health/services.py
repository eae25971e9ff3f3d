"""Writes for a young person's health and their own children. Forms, the import and the demo all
come through here.

The health record is one per young person, made with their first save and edited with its
version (`careleavers.concurrency`), so two people editing it at once cannot overwrite each
other. Children are added, changed and removed with a reason; nothing is deleted. Whether they
have a disability is also a yes or no on their details (the Ofsted list reads it there): a yes or
no saved here is saved there too, and a change there is brought here (`disability_agrees`), so
the two never disagree.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careleavers.concurrency import StaleEditError, lock_if_current
from careleavers.history import save_with_history
from careleavers.models import YoungPerson
from careleavers.services import (
    recompute_on_identity_change,
    young_person_changed,
    young_person_update,
)

from .models import Child, HealthRecord
from .rules import Answer, LivesWith, child_date_errors, registration_errors

HEALTH_FIELDS = [
    "gp_registered", "gp_practice", "dentist_registered", "dentist_practice",
    "history_given_on", "health_needs", "mental_health_support", "disability",
    "disability_details",
]
CHILD_FIELDS = ["name", "born_on", "expected_on", "lives_with_them", "notes"]
_TEXT = {"gp_practice", "dentist_practice", "health_needs", "mental_health_support",
         "disability_details", "name", "notes"}


def _tidy(values: dict) -> dict:
    return {name: (value or "").strip() if name in _TEXT else value
            for name, value in values.items()}


def _health_errors(values: dict, *, young_person, today: date) -> dict[str, str]:
    errors = {}
    for name in ("gp_registered", "dentist_registered", "disability"):
        if values[name] not in Answer.values:
            errors[name] = "Select yes, no or not known"
    errors |= registration_errors(values["gp_registered"], values["gp_practice"],
                                  field="gp_practice", who="a GP")
    errors |= registration_errors(values["dentist_registered"], values["dentist_practice"],
                                  field="dentist_practice", who="a dentist")
    given = values["history_given_on"]
    if given is not None and given > today:
        errors["history_given_on"] = ("The date their health history was given to them must be "
                                      "today or in the past")
    elif given is not None and given < young_person.date_of_birth:
        errors["history_given_on"] = ("The date their health history was given to them must be "
                                      "after their date of birth")
    if values["disability"] != Answer.YES and values["disability_details"]:
        errors["disability_details"] = "Only say what their disability is if they have one"
    return errors


def health_of(young_person) -> HealthRecord:
    """Their health record, or a new unsaved one (everything not known, version 0)."""
    record = HealthRecord.objects.filter(young_person=young_person).first()
    return record or HealthRecord(young_person=young_person, version=0)


@transaction.atomic
def health_update(*, actor, young_person, version: int, today: date | None = None,
                  **fields) -> HealthRecord:
    """Save their health record as read at `version` (0: there was none yet). A stale save is
    refused (StaleEditError), and every save is kept in the record's history."""
    today = today or timezone.localdate()
    unknown = set(fields) - set(HEALTH_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    person = YoungPerson.objects.select_for_update().get(pk=young_person.pk)
    existing = HealthRecord.objects.filter(young_person=person).first()
    if existing is None:
        if version != 0:
            raise ValidationError("Their health record could not be found: open it again")
        current = HealthRecord(young_person=person, version=0)
    elif version == 0:
        raise StaleEditError(existing)
    else:
        current = lock_if_current(HealthRecord, pk=existing.pk, expected_version=version)
    values = _tidy({name: fields.get(name, getattr(current, name)) for name in HEALTH_FIELDS})
    errors = _health_errors(values, young_person=person, today=today)
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        setattr(current, name, value)
    current.version = version + 1
    save_with_history(current, actor)
    if values["disability"] in (Answer.YES, Answer.NO):
        disabled = values["disability"] == Answer.YES
        if person.disability != disabled:
            young_person_update(actor=actor, young_person=person, version=person.version,
                                today=today, disability=disabled)
    young_person_changed(person, on=today)
    return current


@recompute_on_identity_change
def disability_agrees(*, actor, young_person) -> None:
    """Their details say whether they have a disability: the health record says the same. A yes
    there is a yes here; a no there turns a yes here to no (a no on the details may only mean
    nobody has asked, so "not known" here stays)."""
    wanted = Answer.YES if young_person.disability else Answer.NO
    records = HealthRecord.objects.filter(young_person=young_person)
    record = (records.exclude(disability=Answer.YES) if young_person.disability
              else records.filter(disability=Answer.YES)).first()
    if record is None:
        return
    record.disability = wanted
    if wanted == Answer.NO:
        record.disability_details = ""
    record.version += 1
    save_with_history(record, actor,
                      update_fields=["disability", "disability_details", "version", "updated_at"])


# --- their own children ------------------------------------------------------------------------

def _child_errors(values: dict, *, young_person, today: date, dates_changed: bool) -> dict:
    errors = {}
    if values["lives_with_them"] not in LivesWith.values:
        errors["lives_with_them"] = "Select whether the child lives with them"
    if dates_changed:
        errors |= child_date_errors(born_on=values["born_on"], expected_on=values["expected_on"],
                                    parent_born=young_person.date_of_birth, today=today)
    return errors


@transaction.atomic
def child_add(*, actor, young_person, born_on: date | None = None,
              expected_on: date | None = None, name: str = "",
              lives_with_them: str = LivesWith.NOT_KNOWN, notes: str = "",
              today: date | None = None) -> Child:
    """Record a child of theirs: born (`born_on`) or expected (`expected_on`)."""
    today = today or timezone.localdate()
    YoungPerson.objects.select_for_update().get(pk=young_person.pk)
    values = _tidy({"name": name, "born_on": born_on, "expected_on": expected_on,
                    "lives_with_them": lives_with_them, "notes": notes})
    errors = _child_errors(values, young_person=young_person, today=today, dates_changed=True)
    if errors:
        raise ValidationError(errors)
    child = Child(young_person=young_person, recorded_by=actor, **values)
    child.full_clean(exclude=["young_person", "recorded_by"])
    save_with_history(child, actor)
    young_person_changed(young_person, on=today)
    return child


@transaction.atomic
def child_update(*, actor, child: Child, version: int, today: date | None = None,
                 **fields) -> Child:
    """Change what is recorded about a child (a baby born: its date of birth in place of the
    due date). The earlier version is kept in its history; a stale save is refused."""
    today = today or timezone.localdate()
    unknown = set(fields) - set(CHILD_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    young_person = YoungPerson.objects.select_for_update().get(pk=child.young_person_id)
    current = lock_if_current(Child, pk=child.pk, expected_version=version)
    if current.removed:
        raise ValidationError("This child has been removed from their record")
    values = _tidy({name: fields.get(name, getattr(current, name)) for name in CHILD_FIELDS})
    dates_changed = (values["born_on"], values["expected_on"]) != (current.born_on,
                                                                   current.expected_on)
    errors = _child_errors(values, young_person=young_person, today=today,
                           dates_changed=dates_changed)
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        setattr(current, name, value)
    current.version = version + 1
    save_with_history(current, actor)
    young_person_changed(young_person, on=today)
    return current


@transaction.atomic
def child_remove(*, actor, child: Child, version: int, reason: str,
                 today: date | None = None) -> Child:
    """Take a child off their record, saying why (recorded in error, a pregnancy that ended).
    The child stays in the record's history."""
    today = today or timezone.localdate()
    young_person = YoungPerson.objects.select_for_update().get(pk=child.young_person_id)
    current = lock_if_current(Child, pk=child.pk, expected_version=version)
    if current.removed:
        raise ValidationError("This child has already been removed from their record")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why you are removing this child from the "
                                         "record"})
    current.removed_on = today
    current.removed_reason = reason
    current.version = version + 1
    save_with_history(current, actor,
                      update_fields=["removed_on", "removed_reason", "version"])
    young_person_changed(young_person, on=today)
    return current
