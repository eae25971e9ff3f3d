"""Writes for where young people live. Forms, imports and the demo seed all come through here.

A move is recorded as a new episode: starting one with no end date ends the current one the day
before. Any move asks for an early pathway plan review (careleavers.services
.significant_change_recorded), and a move into bed and breakfast, emergency accommodation, no
fixed abode or custody raises an alert for the team manager in the same transaction.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careleavers.concurrency import lock_if_current
from careleavers.episodes import correct_episode, others_than, record_episode
from careleavers.history import save_with_history
from careleavers.models import User, YoungPerson
from careleavers.periods import date_errors, describe_episode, refuse_overlap
from careleavers.queue import enqueue
from careleavers.services import (
    significant_change_recorded,
    young_people_changed,
    young_person_changed,
)

from .models import AccommodationEpisode, PlacementAlert, SuitabilityAssessment
from .rules import (
    FACTOR_NAMES,
    MOVED_TO,
    NEVER_SUITABLE,
    SCHEDULE_2_FACTORS,
    STAYING_CLOSE_TYPES,
    AccommodationType,
    Suitability,
)
from .tasks import send_placement_alert

#: What is recorded only for custody: where they are held, when they are expected out, and who
#: works with them on their sentence and release.
CUSTODY_FIELDS = [
    "custody_establishment", "expected_release_on", "custody_worker", "custody_worker_contact",
]
EPISODE_FIELDS = [
    "start_on", "end_on", "type_code", "address", "postcode", "provider", "council_provided",
    "staying_put_carer", "staying_put_agreed_on", *CUSTODY_FIELDS,
    "staying_close", "staying_close_home", "staying_close_agreed_on",
]
FACTOR_FIELDS = [*SCHEDULE_2_FACTORS, *(f"{name}_note" for name in SCHEDULE_2_FACTORS)]

UK_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")


def normalise_postcode(text: str) -> str:
    """'hd12ab' -> 'HD1 2AB'. Raises ValueError if it is not a UK postcode."""
    text = " ".join((text or "").upper().split())
    if not text:
        return ""
    match = UK_POSTCODE.match(text)
    if match is None:
        raise ValueError(text)
    return f"{match[1]} {match[2]}"


def _clean_episode(values: dict, *, young_person, today: date, carer_required: bool) -> dict:
    """Check an episode's values; returns them tidied, or raises field-keyed errors.

    Staying Put with no former foster carer named is refused when `carer_required`: a Personal
    Adviser typing the place in knows the carer. A file from another system may not hold the
    name, so an import records the place with the carer not recorded, and the data quality page
    lists it for someone to add (`staying_put_without_carer`)."""
    errors = {}
    type_code = values.get("type_code")
    if type_code not in AccommodationType.values:
        errors["type_code"] = (
            f"‘{type_code}’ is not a DfE accommodation type: use one of "
            f"{', '.join(AccommodationType.values)}" if type_code else "Select where they live"
        )
    errors.update(date_errors(values.get("start_on"), values.get("end_on"),
                              born=young_person.date_of_birth, today=today,
                              started="the date they moved in", ended="the date they moved out"))
    try:
        values["postcode"] = normalise_postcode(values.get("postcode", ""))
    except ValueError:
        errors["postcode"] = "Enter a real postcode, like HD1 2AB"
    values["address"] = (values.get("address") or "").strip()
    values["provider"] = (values.get("provider") or "").strip()
    values["staying_put_carer"] = (values.get("staying_put_carer") or "").strip()
    if type_code == AccommodationType.Z:
        if carer_required and not values["staying_put_carer"]:
            errors["staying_put_carer"] = (
                "Enter the name of the former foster carer they are staying with"
            )
        agreed = values.get("staying_put_agreed_on")
        if agreed is not None and agreed > today:
            errors["staying_put_agreed_on"] = "The date Staying Put was agreed must be in the past"
    elif "type_code" not in errors:
        if values["staying_put_carer"]:
            errors["staying_put_carer"] = (
                "Only give a former foster carer for Staying Put (with former foster carers)"
            )
        if values.get("staying_put_agreed_on") is not None:
            errors["staying_put_agreed_on"] = (
                "Only give the date Staying Put was agreed for Staying Put"
            )
    if "type_code" not in errors:
        errors.update(_staying_close_errors(values, type_code=type_code, today=today))
    errors.update(_custody_errors(values, type_code=type_code,
                                  type_known="type_code" not in errors))
    if errors:
        raise ValidationError(errors)
    return values


def _staying_close_errors(values: dict, *, type_code: str, today: date) -> dict:
    """Staying Close needs a place it can be (`rules.STAYING_CLOSE_TYPES`) and the children's
    home that supports them; the home and the date it was agreed belong to Staying Close only."""
    errors = {}
    values["staying_close"] = bool(values.get("staying_close"))
    values["staying_close_home"] = (values.get("staying_close_home") or "").strip()
    agreed = values.get("staying_close_agreed_on")
    if values["staying_close"]:
        if type_code not in STAYING_CLOSE_TYPES:
            label = AccommodationType(type_code).label.lower()
            errors["staying_close"] = (
                f"Staying Close cannot be {label}: it is a place of their own or supported "
                "accommodation near the children’s home they left"
            )
        if not values["staying_close_home"]:
            errors["staying_close_home"] = (
                "Enter the name of the children’s home that supports them"
            )
        if agreed is not None and agreed > today:
            errors["staying_close_agreed_on"] = (
                "The date Staying Close was agreed must be in the past"
            )
    else:
        if values["staying_close_home"]:
            errors["staying_close_home"] = (
                "Only give a children’s home for Staying Close: select Staying Close, or leave "
                "this blank"
            )
        if agreed is not None:
            errors["staying_close_agreed_on"] = (
                "Only give the date Staying Close was agreed for Staying Close"
            )
    return errors


def _custody_errors(values: dict, *, type_code, type_known: bool) -> dict:
    """Custody's details are for custody only, and they come out no earlier than they went in."""
    errors = {}
    for name in ("custody_establishment", "custody_worker", "custody_worker_contact"):
        values[name] = (values.get(name) or "").strip()
    release = values.get("expected_release_on")
    if type_code == AccommodationType.X:
        start_on = values.get("start_on")
        if release is not None and start_on is not None and release < start_on:
            errors["expected_release_on"] = (
                "The expected release date must be on or after the date they went into custody"
            )
    elif type_known:
        for name, what in (("custody_establishment", "a prison or young offender institution"),
                           ("custody_worker", "a youth justice or probation worker"),
                           ("custody_worker_contact", "a youth justice or probation worker"),
                           ("expected_release_on", "an expected release date")):
            if values.get(name):
                errors[name] = f"Only give {what} for custody"
    return errors


def _refuse_overlap(others, start_on: date, end_on: date | None) -> None:
    """Two places at once would count a young person twice in the DfE figures."""
    refuse_overlap(others, start_on, end_on, describe=describe_episode(
        "where they lived", no_end="with no date they moved out",
        label=AccommodationEpisode.get_type_code_display,
    ))


@transaction.atomic
def accommodation_record(
    *, actor, young_person, start_on: date, type_code: str, end_on: date | None = None,
    address: str = "", postcode: str = "", provider: str = "", council_provided: bool = False,
    staying_put_carer: str = "", staying_put_agreed_on: date | None = None,
    staying_close: bool = False, staying_close_home: str = "",
    staying_close_agreed_on: date | None = None,
    custody_establishment: str = "", expected_release_on: date | None = None,
    custody_worker: str = "", custody_worker_contact: str = "",
    today: date | None = None, carer_required: bool = True,
) -> AccommodationEpisode:
    """Record where a young person lives from `start_on` (a move), or lived for a while (with
    `end_on`). A new current place ends the current one the day before it starts.
    `carer_required=False` accepts Staying Put with the carer not recorded (an import)."""
    today = today or timezone.localdate()
    YoungPerson.objects.select_for_update().get(pk=young_person.pk)
    values = _clean_episode(
        {"start_on": start_on, "end_on": end_on, "type_code": type_code, "address": address,
         "postcode": postcode, "provider": provider, "council_provided": council_provided,
         "staying_put_carer": staying_put_carer,
         "staying_put_agreed_on": staying_put_agreed_on, "staying_close": staying_close,
         "staying_close_home": staying_close_home,
         "staying_close_agreed_on": staying_close_agreed_on,
         "custody_establishment": custody_establishment,
         "expected_release_on": expected_release_on, "custody_worker": custody_worker,
         "custody_worker_contact": custody_worker_contact},
        young_person=young_person, today=today, carer_required=carer_required,
    )
    episode, episodes = record_episode(AccommodationEpisode, actor=actor,
                                       young_person=young_person, values=values,
                                       refuse_overlap=_refuse_overlap)
    if any(e.start_on < start_on for e in episodes):
        significant_change_recorded(
            actor=actor, young_person=young_person, on=start_on, kind="accommodation_move",
            description=MOVED_TO[AccommodationType(type_code)],
        )
    _raise_alert_if_needed(episode, today=today)
    young_person_changed(young_person, on=today)
    return episode


@transaction.atomic
def accommodation_update(
    *, actor, episode: AccommodationEpisode, version: int, today: date | None = None,
    carer_required: bool = True, **fields
) -> AccommodationEpisode:
    """Correct an episode. The earlier version is kept in its history. `carer_required` as for
    `accommodation_record`."""
    today = today or timezone.localdate()
    YoungPerson.objects.select_for_update().get(pk=episode.young_person_id)
    current = lock_if_current(AccommodationEpisode, pk=episode.pk, expected_version=version)
    merged = {name: fields.get(name, getattr(current, name)) for name in EPISODE_FIELDS}
    values = _clean_episode(merged, young_person=episode.young_person, today=today,
                            carer_required=carer_required)
    _refuse_overlap(others_than(current), values["start_on"], values["end_on"])
    if (values["type_code"] in NEVER_SUITABLE and current.assessments.filter(
            outcome=Suitability.SUITABLE).exists()):
        label = AccommodationType(values["type_code"]).label.lower()
        raise ValidationError({"type_code": (
            f"It was assessed as suitable, and {label} cannot be: record a new place instead"
        )})
    correct_episode(current, values, version=version, actor=actor)
    _raise_alert_if_needed(current, today=today)
    young_people_changed([current.young_person_id], on=today)
    return current


def _raise_alert_if_needed(episode: AccommodationEpisode, *, today: date) -> None:
    """A current place a manager must know about gets an alert, once, and an email to the
    team managers after the transaction commits."""
    if not episode.needs_manager or not (episode.end_on is None or episode.end_on >= today):
        return
    alert, created = PlacementAlert.objects.get_or_create(episode=episode)
    if created:
        enqueue(send_placement_alert, alert.pk)


# --- suitability ---------------------------------------------------------------------------------

def _check_outcome(episode, outcome):
    if outcome not in Suitability.values:
        raise ValidationError({"outcome": "Select whether the accommodation is suitable"})
    if outcome == Suitability.SUITABLE and episode.type_code in NEVER_SUITABLE:
        label = episode.get_type_code_display().lower()
        raise ValidationError({"outcome": (
            f"{label[0].upper()}{label[1:]} cannot be recorded as suitable: the DfE counts it as "
            "not suitable"
        )})


@transaction.atomic
def suitability_assess(
    *, actor, episode: AccommodationEpisode, assessed_on: date, outcome: str, reason: str,
    young_persons_views: str = "", assessed_by: User | None = None, today: date | None = None,
    **factors,
) -> SuitabilityAssessment:
    """Assess whether a place is suitable, factor by factor (CLR Schedule 2). An outcome needs
    every factor answered: an outcome without an assessment is refused."""
    today = today or timezone.localdate()
    unknown = set(factors) - set(FACTOR_FIELDS)
    if unknown:
        raise TypeError(f"Unknown factors: {', '.join(sorted(unknown))}")
    errors = {}
    for name in SCHEDULE_2_FACTORS:
        if factors.get(name) not in (True, False):
            errors[name] = (
                f"Say whether {FACTOR_NAMES[name]} {'are' if name == 'facilities' else 'is'} "
                "suitable before giving an outcome"
            )
    if assessed_on is None:
        errors["assessed_on"] = "Enter the date of the assessment"
    elif assessed_on > today:
        errors["assessed_on"] = "The date of the assessment must be today or in the past"
    if not (reason or "").strip():
        errors["reason"] = "Enter why it is suitable or not"
    try:
        _check_outcome(episode, outcome)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    assessment = SuitabilityAssessment(
        episode=episode, assessed_on=assessed_on, assessed_by=assessed_by or actor,
        outcome=outcome, reason=reason.strip(), young_persons_views=young_persons_views.strip(),
        **{name: factors.get(name, "") if name.endswith("_note") else factors[name]
           for name in FACTOR_FIELDS},
    )
    assessment.full_clean(exclude=["episode", "assessed_by"])
    save_with_history(assessment, actor)
    young_people_changed([episode.young_person_id], on=today)
    return assessment


@transaction.atomic
def suitability_record_judgement(
    *, actor, episode: AccommodationEpisode, suitable: bool, assessed_on: date
) -> SuitabilityAssessment:
    """A judgement made before this system was used (an import gives only the outcome)."""
    outcome = Suitability.SUITABLE if suitable else Suitability.UNSUITABLE
    _check_outcome(episode, outcome)
    assessment = SuitabilityAssessment(
        episode=episode, assessed_on=assessed_on, outcome=outcome, imported=True,
        reason=f"Judged {'suitable' if suitable else 'not suitable'} before this system was used",
    )
    save_with_history(assessment, actor)
    young_people_changed([episode.young_person_id])
    return assessment


# --- alerts for managers -------------------------------------------------------------------------

@transaction.atomic
def placement_alert_acknowledge(*, actor, alert: PlacementAlert) -> PlacementAlert:
    """A manager has seen the alert. Marking it again changes nothing."""
    PlacementAlert.objects.filter(pk=alert.pk, acknowledged_at__isnull=True).update(
        acknowledged_by=actor, acknowledged_at=timezone.now()
    )
    alert.refresh_from_db(fields=["acknowledged_by", "acknowledged_at"])
    young_people_changed([alert.episode.young_person_id])
    return alert
