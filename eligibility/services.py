"""Writes for care history and statutory status. Every change to the facts re-decides the status
in the same transaction, and every change of status is kept with its date and reason."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from careleavers.concurrency import StaleEditError, lock_if_current
from careleavers.dates import long_date
from careleavers.history import save_with_history
from careleavers.models import YoungPerson
from careleavers.periods import first_overlap
from careleavers.services import recompute_on_identity_change, young_person_changed

from .models import (
    CareFacts,
    CarePeriod,
    StatusChange,
    StatutoryStatus,
    SupportChoice,
    SupportChoiceKind,
)
from .rules import Decision, Facts, birthday, decide_status

FACT_FIELDS = [
    "detained_on_16th_birthday", "special_guardianship_order", "privately_fostered_after_16",
    "returned_home_on", "in_education_or_training",
]

#: What `facts_for` reads of many young people: prefetch these, or it asks once per person.
FACT_PREFETCHES = (
    Prefetch("care_periods", queryset=CarePeriod.objects.order_by("start_on")),
    Prefetch("support_choices", queryset=SupportChoice.objects.in_order_made()),
)


def facts_for(young_person: YoungPerson) -> Facts:
    """The facts the status rule needs, as recorded (uses prefetched rows when there are any)."""
    periods = tuple(period.as_fact() for period in young_person.care_periods.all())
    choices = tuple(choice.as_fact() for choice in young_person.support_choices.all())
    try:
        care_facts = young_person.care_facts
    except CareFacts.DoesNotExist:
        care_facts = CareFacts(young_person=young_person)
    return care_facts.as_facts(date_of_birth=young_person.date_of_birth, care_periods=periods,
                               support_choices=choices)


def _apply_decision(*, actor, young_person, decision: Decision, on: date) -> bool:
    """Store the decision; write a StatusChange if the status moved. True if it moved."""
    try:
        current = young_person.statutory_status
    except StatutoryStatus.DoesNotExist:
        current = None
    if current is not None and current.status == decision.status:
        if current.reason != decision.reason or current.checked_on != on:
            current.reason = decision.reason
            current.checked_on = on
            current.save(update_fields=["reason", "checked_on"])
        return False
    StatusChange.objects.create(
        young_person=young_person,
        status=decision.status,
        previous_status=current.status if current else "",
        reason=decision.reason,
        effective_on=on,
        recorded_by=actor,
    )
    StatutoryStatus.objects.update_or_create(
        young_person=young_person,
        defaults={"status": decision.status, "reason": decision.reason, "since": on,
                  "checked_on": on},
    )
    # Related rows are cached on the instance, not in its __dict__: drop the stale one.
    young_person._state.fields_cache.pop("statutory_status", None)
    return True


@transaction.atomic
def status_refresh(*, actor, young_person: YoungPerson, on: date | None = None) -> Decision:
    """Decide this young person's status from their facts and keep it, with its history."""
    on = on or timezone.localdate()
    decision = decide_status(facts_for(young_person), on)
    _apply_decision(actor=actor, young_person=young_person, decision=decision, on=on)
    return decision


@recompute_on_identity_change
def _status_after_identity_change(*, actor, young_person):
    # A new date of birth can change the status at once.
    young_person = YoungPerson.objects.get(pk=young_person.pk)
    status_refresh(actor=actor, young_person=young_person)


def statuses_bring_up_to_date(*, on: date, young_people=None, batch_size: int = 500) -> int:
    """For the daily job: re-decide each young person's status for `on`, so statuses move by
    themselves on birthdays and dated events. Running it twice for one date changes nothing.
    Returns how many statuses changed.

    `young_people` (a queryset) narrows it to those the date may move
    (`selectors.statuses_the_date_may_move`); by default everyone is decided and every status
    marked checked on the day. The records are read in batches; only a status that moves is
    written one young person at a time (with its StatusChange, in its own transaction).
    Reasons that read differently are written in bulk, so an unchanged caseload costs a few
    queries per batch, not a query and an update per young person."""
    changed = 0
    reworded = []
    people = (
        (YoungPerson.objects.all() if young_people is None else young_people)
        .order_by("pk")
        .select_related("care_facts", "statutory_status")
        .prefetch_related(*FACT_PREFETCHES)
    )
    for young_person in people.iterator(chunk_size=batch_size):
        decision = decide_status(facts_for(young_person), on)
        current = getattr(young_person, "statutory_status", None)
        if current is not None and current.status == decision.status:
            if current.reason != decision.reason:
                current.reason = decision.reason
                current.checked_on = on
                reworded.append(current)
            continue
        with transaction.atomic():
            _apply_decision(actor=None, young_person=young_person, decision=decision, on=on)
        changed += 1
    StatutoryStatus.objects.bulk_update(reworded, ["reason", "checked_on"],
                                        batch_size=batch_size)
    if young_people is None:
        StatutoryStatus.objects.exclude(checked_on=on).update(checked_on=on)
    return changed


def _validate_period(*, young_person, start_on, end_on, today, exclude_pk=None):
    errors = {}
    if start_on > today:
        errors["start_on"] = "The start date must be today or in the past"
    elif start_on < young_person.date_of_birth:
        errors["start_on"] = "The start date must be on or after their date of birth"
    if end_on is not None:
        if end_on < start_on:
            errors["end_on"] = "The end date must be on or after the start date"
        elif end_on > today:
            errors["end_on"] = "The end date must be today or in the past"
    if not errors:
        others = CarePeriod.objects.filter(young_person=young_person).exclude(pk=exclude_pk)
        other = first_overlap(others, start_on, end_on)
        if other is not None:
            errors["start_on"] = (
                f"This period overlaps another from {long_date(other.start_on)}"
                f"{' to ' + long_date(other.end_on) if other.end_on else ''}"
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def care_period_add(*, actor, young_person, start_on, end_on=None, short_break=False,
                    today=None) -> CarePeriod:
    today = today or timezone.localdate()
    YoungPerson.objects.select_for_update().get(pk=young_person.pk)
    _validate_period(young_person=young_person, start_on=start_on, end_on=end_on, today=today)
    period = CarePeriod(young_person=young_person, start_on=start_on, end_on=end_on,
                        short_break=short_break)
    save_with_history(period, actor)
    status_refresh(actor=actor, young_person=young_person, on=today)
    young_person_changed(young_person, on=today)
    return period


@transaction.atomic
def care_period_update(*, actor, period, start_on, end_on, short_break, today=None) -> CarePeriod:
    today = today or timezone.localdate()
    YoungPerson.objects.select_for_update().get(pk=period.young_person_id)
    _validate_period(young_person=period.young_person, start_on=start_on, end_on=end_on,
                     today=today, exclude_pk=period.pk)
    period.start_on, period.end_on, period.short_break = start_on, end_on, short_break
    save_with_history(period, actor)
    status_refresh(actor=actor, young_person=period.young_person, on=today)
    young_person_changed(period.young_person, on=today)
    return period


def _validate_facts(young_person, values, today):
    errors = {}
    value = values.get("returned_home_on")
    if value and value > today:
        errors["returned_home_on"] = "The date must be today or in the past"
    elif value and value < young_person.date_of_birth:
        errors["returned_home_on"] = "The date must be after their date of birth"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def care_facts_update(*, actor, young_person, version: int, today=None, **values) -> CareFacts:
    """Change the facts behind the status. `version` is what the form was read at."""
    today = today or timezone.localdate()
    facts, _ = CareFacts.objects.get_or_create(young_person=young_person)
    facts = lock_if_current(CareFacts, pk=facts.pk, expected_version=version)
    _validate_facts(young_person, values, today)
    for name in FACT_FIELDS:
        if name in values:
            setattr(facts, name, values[name])
    facts.version = version + 1
    save_with_history(facts, actor)
    young_person._state.fields_cache.pop("care_facts", None)
    status_refresh(actor=actor, young_person=young_person, on=today)
    young_person_changed(young_person, on=today)
    return facts


def _validate_support_choice(*, young_person, kind, on, today, recorded):
    """A former relevant young person may ask for advice and support from their 21st birthday
    (CA s.23CZB), and say they no longer want support at any age from 16, when leaving-care
    duties start (the DfE return counts it as no longer requiring services from 17)."""
    if kind not in SupportChoiceKind.values:
        raise ValidationError({"kind": "Select whether they asked for support or said they no "
                                       "longer want it"})
    asked = kind == SupportChoiceKind.ASKED
    what = "they asked for support" if asked else "they said they no longer want support"
    earliest, birthday_named = (
        (birthday(young_person.date_of_birth, 21), "21st") if asked
        else (birthday(young_person.date_of_birth, 16), "16th")
    )
    if on > today:
        error = f"The date {what} must be today or in the past"
    elif on < earliest:
        error = (f"The date {what} must be on or after their {birthday_named} birthday, "
                 f"{long_date(earliest)}")
    elif any(choice.kind == kind and choice.on == on for choice in recorded):
        error = f"This is already recorded: {what} on {long_date(on)}"
    else:
        return
    raise ValidationError({"on": error})


@transaction.atomic
def support_choice_record(*, actor, young_person, kind: str, on: date, notes: str = "",
                          latest_seen: int | None = None, today=None) -> SupportChoice:
    """Record that a young person aged 21 to 24 asked for advice and support, or said they no
    longer want it, on `on` (CA s.23CZB), and decide their status again from every choice
    recorded: its history says which one moved it.

    `latest_seen` is the id of the latest choice the user was shown (0 for none): if someone
    recorded another since, StaleEditError, and nothing is saved, so nobody records over a
    colleague's news without seeing it. Imports pass None."""
    today = today or timezone.localdate()
    YoungPerson.objects.select_for_update().get(pk=young_person.pk)
    recorded = list(SupportChoice.objects.filter(young_person=young_person))
    if latest_seen is not None:
        latest = max(recorded, key=lambda choice: choice.pk, default=None)
        if (latest.pk if latest is not None else 0) != latest_seen:
            raise StaleEditError(latest)
    _validate_support_choice(young_person=young_person, kind=kind, on=on, today=today,
                             recorded=recorded)
    choice = SupportChoice(young_person=young_person, kind=kind, on=on, notes=notes.strip(),
                           recorded_by=actor)
    save_with_history(choice, actor)
    getattr(young_person, "_prefetched_objects_cache", {}).pop("support_choices", None)
    status_refresh(actor=actor, young_person=young_person, on=today)
    young_person_changed(young_person, on=today)
    return choice
