"""Writes for needs assessments, pathway plans, their authorisation and early reviews. Views, the
import and the demo seed all come through here.

A plan moves draft → submitted → authorised, or submitted → returned → submitted again. Each move
checks the state it starts from with the row locked, so two managers deciding at once cannot both
succeed; edits carry the version they were read at, so nobody silently overwrites a colleague.
Authorised plans are never changed: a review starts a new version from the one in force.
"""

import logging
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from careleavers.concurrency import lock_if_current
from careleavers.dates import long_date
from careleavers.history import delete_with_history, save_with_history
from careleavers.models import Role, YoungPerson
from careleavers.services import on_significant_change, young_people_changed, young_person_changed
from eligibility.models import StatutoryStatus
from eligibility.rules import PA_AND_PLAN_STATUSES

from . import rules
from .access import is_deciding_manager_for, worked_on_plan
from .models import (
    OPEN_STATES,
    EarlyReview,
    EarlyReviewReason,
    NeedsAssessment,
    PathwayPlan,
    PlanAction,
    PlanSection,
    PlanState,
    Section,
)

logger = logging.getLogger(__name__)

#: What `plan_update` changes on the plan itself (sections go in `sections=`).
PLAN_FIELDS = ["review_held_on", "next_review_requested_on", "aspirations", "trusted_people",
               "own_words", "received_copy"]
#: Carried from the plan in force into the next version, so nobody re-types what has not changed.
CARRIED_FIELDS = ["aspirations", "trusted_people", "own_words"]
SECTION_FIELDS = ["plan_text", "young_persons_words"]
ACTION_FIELDS = ["who", "what", "due_on", "done"]

NO_SECTIONS = "Fill in at least one section before you send the plan for authorisation"


# --- needs assessment --------------------------------------------------------------------------


def _clean_areas(areas: dict) -> dict:
    unknown = [key for key in areas if key not in Section.values]
    if unknown:
        raise ValidationError({"areas": f"'{unknown[0]}' is not an area of the assessment"})
    return {key: text.strip() for key, text in areas.items() if text and text.strip()}


@transaction.atomic
def needs_assessment_start(*, actor, young_person, today: date | None = None) -> NeedsAssessment:
    """Start a needs assessment (CLR reg 5-6). One at a time."""
    today = today or timezone.localdate()
    YoungPerson.objects.select_for_update().get(pk=young_person.pk)
    started = NeedsAssessment.objects.filter(
        young_person=young_person, completed_on__isnull=True
    ).first()
    if started is not None:
        raise ValidationError(
            f"A needs assessment was started on {long_date(started.started_on)}: "
            "carry on with that one"
        )
    assessment = NeedsAssessment(young_person=young_person, started_on=today)
    save_with_history(assessment, actor)
    young_person_changed(young_person, on=today)
    return assessment


def _assessment_for_change(assessment, version) -> NeedsAssessment:
    current = lock_if_current(NeedsAssessment, pk=assessment.pk, expected_version=version)
    if current.completed_on is not None:
        raise ValidationError(
            f"This needs assessment was completed on {long_date(current.completed_on)} "
            "and can no longer be changed"
        )
    return current


@transaction.atomic
def needs_assessment_update(
    *, actor, assessment, version: int, areas: dict | None = None,
    young_persons_views: str | None = None,
) -> NeedsAssessment:
    """Save what has been found so far. `areas` is {section key: text}; areas left out of it
    keep what they had."""
    current = _assessment_for_change(assessment, version)
    if areas is not None:
        current.areas = _clean_areas({**current.areas, **areas})
    if young_persons_views is not None:
        current.young_persons_views = young_persons_views
    current.version = version + 1
    save_with_history(current, actor)
    return current


@transaction.atomic
def needs_assessment_complete(
    *, actor, assessment, version: int, completed_on: date | None = None,
    today: date | None = None, areas: dict | None = None, young_persons_views: str | None = None,
) -> NeedsAssessment:
    """Complete the assessment (saving any last changes with it). Completed, it seeds the young
    person's first plan and can no longer be changed."""
    today = today or timezone.localdate()
    current = _assessment_for_change(assessment, version)
    if areas is not None:
        current.areas = _clean_areas({**current.areas, **areas})
    if young_persons_views is not None:
        current.young_persons_views = young_persons_views
    completed_on = completed_on or today
    if not current.areas:
        raise ValidationError("Fill in at least one area before you complete the assessment")
    if completed_on > today:
        raise ValidationError({"completed_on": "The date must be today or in the past"})
    if completed_on < current.started_on:
        raise ValidationError(
            {"completed_on": "The date must be on or after the assessment was started on "
                             f"{long_date(current.started_on)}"}
        )
    current.completed_on = completed_on
    current.completed_by = actor
    current.version = version + 1
    save_with_history(current, actor)
    young_people_changed([current.young_person_id], on=today)
    return current


# --- writing a plan ----------------------------------------------------------------------------


def _open_plan_refusal(plan: PathwayPlan) -> str:
    if plan.state == PlanState.SUBMITTED:
        return (f"Plan {plan.number} is waiting for authorisation: a new review can start "
                "once it has been decided")
    if plan.state == PlanState.RETURNED:
        return f"Plan {plan.number} was returned for changes: carry on with that one"
    return f"Plan {plan.number} is already being written: carry on with that one"


@transaction.atomic
def plan_start(
    *, actor, young_person, today: date | None = None, author=None
) -> PathwayPlan:
    """Start the next version of the young person's plan, as a draft written by `actor` (or by
    `author`, for a plan someone else wrote: the import, recording the previous system's plans).

    It is filled in from the plan in force (the latest authorised one): every section, the
    actions not yet done, their aspirations, who they trust and their own words. With no plan in
    force it starts from their completed needs assessment, if there is one.
    """
    today = today or timezone.localdate()
    YoungPerson.objects.select_for_update().get(pk=young_person.pk)
    plans = PathwayPlan.objects.filter(young_person=young_person)
    open_plan = plans.filter(state__in=OPEN_STATES).first()
    if open_plan is not None:
        raise ValidationError(_open_plan_refusal(open_plan))
    in_force = plans.filter(state=PlanState.AUTHORISED).order_by("-number").first()
    assessment = (
        NeedsAssessment.objects.filter(young_person=young_person, completed_on__isnull=False)
        .order_by("-completed_on", "-pk").first()
    )
    plan = PathwayPlan(
        young_person=young_person,
        number=(plans.aggregate(last=Max("number"))["last"] or 0) + 1,
        based_on=in_force,
        needs_assessment=assessment,
        state=PlanState.DRAFT,
        author=author or actor,
        started_on=today,
    )
    if in_force is not None:
        for name in CARRIED_FIELDS:
            setattr(plan, name, getattr(in_force, name))
    elif assessment is not None:
        plan.own_words = assessment.young_persons_views
    save_with_history(plan, actor)

    carried = (
        {section.key: section for section in in_force.sections.prefetch_related("actions")}
        if in_force is not None else {}
    )
    for key in Section.values:
        previous = carried.get(key)
        section = PlanSection(plan=plan, key=key)
        if previous is not None:
            section.plan_text = previous.plan_text
            section.young_persons_words = previous.young_persons_words
        elif in_force is None and assessment is not None:
            section.plan_text = assessment.areas.get(key, "")
        save_with_history(section, actor)
        if previous is not None:
            for action in previous.actions.all():
                if not action.done:
                    save_with_history(PlanAction(section=section, who=action.who, what=action.what,
                                     due_on=action.due_on), actor)
    young_person_changed(young_person)
    return plan


def _refuse_unless_editable(plan: PathwayPlan) -> None:
    if plan.state == PlanState.SUBMITTED:
        raise ValidationError(
            "This plan is waiting for authorisation and cannot be changed until it is decided"
        )
    if plan.state == PlanState.AUTHORISED:
        raise ValidationError(
            "This plan has been authorised and cannot be changed: start a review for a new "
            "version"
        )


def _validate_plan_dates(plan: PathwayPlan, *, today: date) -> None:
    errors = {}
    held = plan.review_held_on
    if held is not None:
        if held > today:
            errors["review_held_on"] = "The date the review was held must be today or in the past"
        elif plan.based_on is not None and held <= plan.based_on.review_held_on:
            errors["review_held_on"] = (
                "The review must have been held after the last one, on "
                f"{long_date(plan.based_on.review_held_on)}"
            )
    earlier = plan.next_review_requested_on
    if earlier is not None:
        if held is None:
            errors["next_review_requested_on"] = (
                "Enter the date the review was held, to set an earlier date for the next one"
            )
        elif earlier <= held:
            errors["next_review_requested_on"] = (
                f"The next review must be after this one, held on {long_date(held)}"
            )
        elif earlier >= rules.next_review_due(held):
            errors["next_review_requested_on"] = (
                f"The next review is due by {long_date(rules.next_review_due(held))} anyway: "
                "only set a date if it is earlier than that"
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def plan_update(
    *, actor, plan, version: int, sections: dict | None = None, today: date | None = None,
    **fields,
) -> PathwayPlan:
    """Save changes to a draft or returned plan. `fields` are any of PLAN_FIELDS; `sections` is
    {section key: {"plan_text": …, "young_persons_words": …}}, only the sections to change.

    Raises StaleEditError if someone else saved the plan since `version` was read.
    """
    today = today or timezone.localdate()
    unexpected = set(fields) - set(PLAN_FIELDS)
    if unexpected:
        raise TypeError(f"plan_update() cannot change {', '.join(sorted(unexpected))}")
    current = lock_if_current(PathwayPlan, pk=plan.pk, expected_version=version)
    _refuse_unless_editable(current)
    for name, value in fields.items():
        setattr(current, name, value)
    _validate_plan_dates(current, today=today)
    if sections:
        unknown = [key for key in sections if key not in Section.values]
        if unknown:
            raise ValidationError({"sections": f"'{unknown[0]}' is not a section of the plan"})
        existing = {section.key: section for section in current.sections.all()}
        for key, values in sections.items():
            section = existing.get(key) or PlanSection(plan=current, key=key)
            changed = [
                name for name in SECTION_FIELDS
                if name in values and getattr(section, name) != (values[name] or "")
            ]
            if changed or section.pk is None:
                for name in changed:
                    setattr(section, name, values[name] or "")
                save_with_history(section, actor)
    current.version = version + 1
    save_with_history(current, actor)
    if "review_held_on" in fields:  # a review held and not yet written up
        young_people_changed([current.young_person_id], on=today)
    return current


def _lock_editable_plan(plan, version) -> PathwayPlan:
    if version is None:
        current = PathwayPlan.objects.select_for_update().get(pk=plan.pk)
    else:
        current = lock_if_current(PathwayPlan, pk=plan.pk, expected_version=version)
    _refuse_unless_editable(current)
    return current


def _validate_action(values: dict, *, plan: PathwayPlan, due_on_changed: bool) -> None:
    errors = {}
    if not (values.get("who") or "").strip():
        errors["who"] = "Enter who will do it"
    if not (values.get("what") or "").strip():
        errors["what"] = "Enter what they will do"
    due_on = values.get("due_on")
    if due_on is None:
        errors["due_on"] = "Enter the date it will be done by"
    elif due_on_changed and due_on < plan.started_on:
        errors["due_on"] = (
            "The action must be due on or after the plan was started on "
            f"{long_date(plan.started_on)}"
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def plan_action_add(
    *, actor, plan, section: str, who: str, what: str, due_on: date | None, done: bool = False,
    version: int | None = None,
) -> PlanAction:
    """Add an action to a section of a draft or returned plan. Pass the plan's `version` to
    refuse the change if the plan was saved by someone else since it was read."""
    current = _lock_editable_plan(plan, version)
    if section not in Section.values:
        raise ValidationError({"section": "Select which part of the plan the action is for"})
    values = {"who": who, "what": what, "due_on": due_on}
    _validate_action(values, plan=current, due_on_changed=True)
    plan_section = PlanSection.objects.filter(plan=current, key=section).first()
    if plan_section is None:
        plan_section = PlanSection(plan=current, key=section)
        save_with_history(plan_section, actor)
    action = PlanAction(section=plan_section, who=who.strip(), what=what.strip(), due_on=due_on,
                        done=done)
    save_with_history(action, actor)
    return action


@transaction.atomic
def plan_action_update(*, actor, action, version: int | None = None, **values) -> PlanAction:
    """Change an action on a draft or returned plan (any of who, what, due_on, done). An action
    carried from the last plan keeps its date, even if that was before this plan started; a new
    date must not be."""
    unexpected = set(values) - set(ACTION_FIELDS)
    if unexpected:
        raise TypeError(f"plan_action_update() cannot change {', '.join(sorted(unexpected))}")
    action = PlanAction.objects.select_related("section").get(pk=action.pk)
    current_plan = _lock_editable_plan(PathwayPlan(pk=action.section.plan_id), version)
    merged = {name: values.get(name, getattr(action, name)) for name in ACTION_FIELDS}
    _validate_action(merged, plan=current_plan,
                     due_on_changed=merged["due_on"] != action.due_on)
    for name, value in merged.items():
        setattr(action, name, value.strip() if isinstance(value, str) else value)
    save_with_history(action, actor)
    return action


@transaction.atomic
def plan_action_remove(*, actor, action, version: int | None = None) -> None:
    """Take an action off a draft or returned plan (it stays in the history)."""
    action = PlanAction.objects.select_related("section").get(pk=action.pk)
    _lock_editable_plan(PathwayPlan(pk=action.section.plan_id), version)
    delete_with_history(action, actor)


# --- sending for authorisation, and deciding -----------------------------------------------------


@transaction.atomic
def plan_submit(
    *, actor, plan, version: int | None = None, today: date | None = None,
    now: datetime | None = None, imported: bool = False,
) -> PathwayPlan:
    """Send a draft or returned plan for authorisation.

    Refused with no section filled in, or without the date the review was held (for a first
    plan, the date it was agreed), or with that date in the future. `imported=True` is for plans
    loaded from the previous case system (plans.csv), which bring their dates but none of their
    text: it lets them through with no section filled in, and nothing else.
    """
    today = today or timezone.localdate()
    if version is None:
        current = PathwayPlan.objects.select_for_update().get(pk=plan.pk)
    else:
        current = lock_if_current(PathwayPlan, pk=plan.pk, expected_version=version)
    if current.state not in (PlanState.DRAFT, PlanState.RETURNED):
        raise ValidationError(
            "Only a draft or a returned plan can be sent for authorisation; this one is "
            f"{current.get_state_display().lower()}"
        )
    if not imported and not any(section.is_filled for section in current.sections.all()):
        raise ValidationError(NO_SECTIONS)
    if current.review_held_on is None:
        raise ValidationError(
            "Enter the date the review was held (for a first plan, the date it was agreed) "
            "before you send the plan for authorisation"
        )
    if current.review_held_on > today:
        raise ValidationError(
            "The date the review was held must be today or in the past: it is "
            f"{long_date(current.review_held_on)}"
        )
    current.state = PlanState.SUBMITTED
    current.submitted_at = now or timezone.now()
    current.version += 1
    save_with_history(current, actor, update_fields=["state", "submitted_at", "version"])
    young_people_changed([current.young_person_id], on=today)
    return current


def _lock_for_decision(*, actor, plan, verb: str) -> PathwayPlan:
    """The plan, locked for this transaction, if `actor` may decide it now. The lock makes a
    second manager deciding at the same moment wait, then find it already decided."""
    current = (
        PathwayPlan.objects.select_for_update(of=("self",))
        .select_related("young_person__team", "author", "decided_by")
        .get(pk=plan.pk)
    )
    if current.state != PlanState.SUBMITTED:
        raise ValidationError(_not_waiting(current))
    if worked_on_plan(actor, current):
        raise ValidationError(
            f"You cannot {verb} a plan you wrote, changed or sent for authorisation: another "
            "manager must decide it"
        )
    if not is_deciding_manager_for(actor, current.young_person):
        if actor.role == Role.TEAM_MANAGER:
            raise ValidationError(
                f"Only a manager of the young person's team ({current.young_person.team}), "
                f"or a duty manager, can {verb} this plan"
            )
        raise ValidationError(f"Only a team manager or a duty manager can {verb} a plan")
    return current


def _not_waiting(plan: PathwayPlan) -> str:
    if plan.state == PlanState.AUTHORISED:
        return (f"This plan has already been authorised by {plan.decided_by} on "
                f"{long_date(timezone.localtime(plan.decided_at))}")
    if plan.state == PlanState.RETURNED:
        return (f"This plan has already been returned for changes by {plan.decided_by} on "
                f"{long_date(timezone.localtime(plan.decided_at))}")
    return "This plan has not been sent for authorisation yet"


@transaction.atomic
def plan_authorise(
    *, actor, plan, now: datetime | None = None, notify: bool = True
) -> PathwayPlan:
    """Authorise a submitted plan: it becomes the plan in force, and its review date sets when
    the next is due. A team manager of the young person's team, or a duty manager, and never
    anyone who worked on the plan (`access.worked_on_by`; DOMAIN.md §2). Early reviews asked
    for on or before the review it records are met by it. The author is emailed
    (`notify=False` for plans decided in the previous system)."""
    current = _lock_for_decision(actor=actor, plan=plan, verb="authorise")
    current.state = PlanState.AUTHORISED
    current.decided_at = now or timezone.now()
    current.decided_by = actor
    current.version += 1
    save_with_history(current, actor,
                      update_fields=["state", "decided_at", "decided_by", "version"])
    for early_review in EarlyReview.objects.filter(
        young_person=current.young_person, met_by_plan__isnull=True,
        requested_on__lte=current.review_held_on,
    ):
        early_review.met_by_plan = current
        save_with_history(early_review, actor, update_fields=["met_by_plan"])
    if notify:
        _tell_author(
            current,
            subject="A pathway plan you wrote has been authorised",
            body=(f"{actor} authorised pathway plan {current.number} for the young person with "
                  f"council ID {current.young_person.person_id}. The next review is due by "
                  f"{long_date(current.next_review_due)}."),
        )
    young_people_changed([current.young_person_id])
    return current


@transaction.atomic
def plan_return(
    *, actor, plan, reasons: str, now: datetime | None = None, notify: bool = True
) -> PathwayPlan:
    """Return a submitted plan to its author with what needs changing. Who may: as for
    `plan_authorise`. The author sees the reasons on the plan and is emailed."""
    reasons = (reasons or "").strip()
    current = _lock_for_decision(actor=actor, plan=plan, verb="return")
    if not reasons:
        raise ValidationError({"reasons": "Enter what needs changing before you return the plan"})
    current.state = PlanState.RETURNED
    current.decided_at = now or timezone.now()
    current.decided_by = actor
    current.return_reasons = reasons
    current.version += 1
    save_with_history(
        current, actor,
        update_fields=["state", "decided_at", "decided_by", "return_reasons", "version"],
    )
    if notify:
        _tell_author(
            current,
            subject="A pathway plan you wrote has been returned for changes",
            body=(f"{actor} returned pathway plan {current.number} for the young person with "
                  f"council ID {current.young_person.person_id}. Sign in to see what needs "
                  "changing."),
        )
    young_people_changed([current.young_person_id])
    return current


def _tell_author(plan: PathwayPlan, *, subject: str, body: str) -> None:
    """Email the plan's author once the decision is committed. The email names the young person
    only by council ID, and leaves the reasons in the system. A mail server that is down must not
    undo or fail a decision already made: the failure is logged."""
    address = plan.author.email
    if not address:
        return

    def send():
        try:
            send_mail(subject, f"{body}\n", None, [address])
        except Exception:  # noqa: BLE001 - the decision stands whatever the mail server does
            logger.exception("Could not email %s about pathway plan %s", address, plan.pk)

    transaction.on_commit(send)


# --- early reviews -----------------------------------------------------------------------------


@transaction.atomic
def early_review_request(
    *, actor, young_person, requested_on: date, reason: str, description: str = "",
    today: date | None = None,
) -> EarlyReview:
    """Ask for the plan to be reviewed early: due within 28 days (DOMAIN.md §2). Asking again
    for the same reason on the same day changes nothing. If an authorised plan already records a
    review held on or after the request, the request is met by it."""
    today = today or timezone.localdate()
    errors = {}
    if reason not in EarlyReviewReason.values:
        errors["reason"] = "Select why the plan needs reviewing early"
    if requested_on is None:
        errors["requested_on"] = "Enter the date the early review was asked for"
    elif requested_on > today:
        errors["requested_on"] = "The date must be today or in the past"
    if errors:
        raise ValidationError(errors)
    YoungPerson.objects.select_for_update().get(pk=young_person.pk)
    existing = EarlyReview.objects.filter(
        young_person=young_person, requested_on=requested_on, reason=reason,
        met_by_plan__isnull=True,
    ).first()
    if existing is not None:
        return existing
    early_review = EarlyReview(
        young_person=young_person, requested_on=requested_on, reason=reason,
        description=description.strip(), due_on=rules.early_review_due(requested_on),
        met_by_plan=PathwayPlan.objects.filter(
            young_person=young_person, state=PlanState.AUTHORISED,
            review_held_on__gte=requested_on,
        ).order_by("review_held_on", "number").first(),
    )
    save_with_history(early_review, actor)
    young_person_changed(young_person, on=today)
    return early_review


@on_significant_change
def _early_review_after_significant_change(*, actor, young_person, on, kind, description):
    """A move of accommodation or another significant change brings the plan's review forward
    (DOMAIN.md §2), for young people who must have a plan."""
    requires_plan = StatutoryStatus.objects.filter(
        young_person=young_person, status__in=PA_AND_PLAN_STATUSES
    ).exists()
    if not requires_plan:
        return
    reason = (EarlyReviewReason.ACCOMMODATION_MOVE if kind == "accommodation_move"
              else EarlyReviewReason.SIGNIFICANT_CHANGE)
    # A move arranged ahead is recorded before it happens: the review is due after the move.
    early_review_request(actor=actor, young_person=young_person, requested_on=on, reason=reason,
                         description=description, today=max(on, timezone.localdate()))
