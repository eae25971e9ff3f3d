"""Import loader for pathway plans from the previous case system (plans.csv, INTERFACES.md §1).

Each row is one plan or review: when the review was held, when it was sent for authorisation,
and when and by whom it was authorised (blank: still waiting). It goes through the same services
as a PA and a manager in the app: a new version started from the plan in force, its dates saved,
sent, then authorised by the manager named. The previous system's text does not come across, so
imported plans have no sections filled in: `plan_submit(imported=True)` lets them through that
one check, and nothing else. Nobody is emailed about decisions made in the previous system.

Rows are keyed by young person and the date the review was held, and load oldest first for each
young person, so each version follows the one before. Re-importing changes nothing; a plan still
waiting in an earlier file and authorised in a later one is authorised. A plan already decided
in this system is left as it is.
"""

from collections import defaultdict
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careleavers.csv_import import duplicate_keys, import_file
from careleavers.dates import long_date

from . import rules
from .models import PathwayPlan, PlanState
from .services import plan_authorise, plan_start, plan_submit, plan_update

PLAN_COLUMNS = {"review_held_on": "review_held_on",
                "next_review_requested_on": "next_review_due"}
#: The file gives days, not times: sending and authorising are recorded at midday.
DECISION_TIME = time(12, 0)


def _at(day: date) -> datetime:
    """Midday on the day, or now if that is still to come today."""
    at = timezone.make_aware(datetime.combine(day, DECISION_TIME))
    return min(at, timezone.now().replace(microsecond=0)) if day >= timezone.localdate() else at


@transaction.atomic
def _import_plan(*, actor, young_person, author, held_on, requested_earlier, submitted_on,
                 authorised_on, authorised_by, today):
    plan = plan_start(actor=actor, young_person=young_person, today=held_on, author=author)
    plan = plan_update(actor=actor, plan=plan, version=plan.version, today=today,
                       review_held_on=held_on, next_review_requested_on=requested_earlier)
    plan = plan_submit(actor=actor, plan=plan, today=today, now=_at(submitted_on),
                       imported=True)
    if authorised_on is not None:
        plan = _authorise(plan, authorised_by=authorised_by, authorised_on=authorised_on)
    return plan


def _authorise(plan, *, authorised_by, authorised_on):
    try:
        return plan_authorise(actor=authorised_by, plan=plan, now=_at(authorised_on),
                              notify=False)
    except ValidationError as error:
        # Who may authorise is about the manager named in the file.
        raise ValidationError({"authorised_by": error.messages}) from error


@import_file(
    "plans.csv", order=80,
    columns=["person_id", "author_username", "review_held_on"],
    optional_columns=["submitted_on", "authorised_on", "authorised_by", "next_review_due"],
    model=PathwayPlan,
)
def load_plans(rows, ctx):
    unique = duplicate_keys(
        rows, lambda r: (r.text("person_id").lower(), r.text("review_held_on")),
        column="review_held_on",
    )
    by_person = defaultdict(list)
    for row in unique:
        checked = _check(row, ctx)
        if checked is not None:
            by_person[checked["young_person"].pk].append((row, checked))

    for plans in by_person.values():
        plans.sort(key=lambda pair: (pair[1]["held_on"], pair[0].line))
        waiting = [row for row, values in plans if values["authorised_on"] is None]
        latest_row = plans[-1][0]
        for row in waiting:
            if row is not latest_row:
                row.error("authorised_on", "Only the latest plan can be awaiting authorisation: "
                                           f"a later review is on line {latest_row.line}")
        for row, values in plans:
            if row.ok:
                _load(row, values, ctx)


def _check(row, ctx) -> dict | None:
    """The row's values, checked; None if any is wrong."""
    young_person = row.lookup("person_id", ctx.young_person, what="young person",
                              source="young_people.csv")
    author = row.lookup("author_username", ctx.staff_member, what="member of staff",
                        source="staff.csv")
    held_on = row.date("review_held_on", required=True)
    submitted_on = row.date("submitted_on") or held_on
    authorised_on = row.date("authorised_on")
    authorised_by = None
    if row.text("authorised_by"):
        authorised_by = row.lookup("authorised_by", ctx.staff_member, what="member of staff",
                                   source="staff.csv")
    next_due = row.date("next_review_due")
    if not row.ok:
        return None

    if held_on > ctx.today:
        row.error("review_held_on", "The date the review was held must be today or in the past")
    elif submitted_on < held_on:
        row.error("submitted_on", "A plan cannot be sent for authorisation before its review "
                                  "was held")
    elif submitted_on > ctx.today:
        row.error("submitted_on", "The date must be today or in the past")
    if authorised_on is not None:
        if authorised_by is None:
            row.error("authorised_by", "Enter who authorised the plan")
        if authorised_on < submitted_on:
            row.error("authorised_on", "A plan cannot be authorised before it was sent")
        elif authorised_on > ctx.today:
            row.error("authorised_on", "The date must be today or in the past")
    elif authorised_by is not None:
        row.error("authorised_on", "Enter the date it was authorised, or leave authorised_by "
                                   "blank for a plan awaiting authorisation")
    requested_earlier = None
    if next_due is not None:
        six_months = rules.next_review_due(held_on)
        if next_due <= held_on:
            row.error("next_review_due", "The next review must be due after this one was held")
        elif next_due > six_months:
            row.error("next_review_due", "The next review must be due within 6 months of this "
                                         f"one, by {long_date(six_months)}")
        elif next_due < six_months:
            requested_earlier = next_due
    if not row.ok:
        return None
    return {"young_person": young_person, "author": author, "held_on": held_on,
            "submitted_on": submitted_on, "authorised_on": authorised_on,
            "authorised_by": authorised_by, "requested_earlier": requested_earlier}


def _load(row, values, ctx) -> None:
    existing = PathwayPlan.objects.filter(
        young_person=values["young_person"], review_held_on=values["held_on"]
    ).first()
    if existing is None:
        done = row.call(
            _import_plan, columns=PLAN_COLUMNS, actor=ctx.actor,
            young_person=values["young_person"], author=values["author"],
            held_on=values["held_on"], requested_earlier=values["requested_earlier"],
            submitted_on=values["submitted_on"], authorised_on=values["authorised_on"],
            authorised_by=values["authorised_by"], today=ctx.today,
        )
        outcome = "added"
    elif existing.state == PlanState.SUBMITTED and values["authorised_on"] is not None:
        done = row.call(_authorise, plan=existing, authorised_by=values["authorised_by"],
                        authorised_on=values["authorised_on"])
        outcome = "updated"
    else:
        # Already here as the file has it, or decided since in this system: left as it is.
        ctx.count(row.file.name, "unchanged")
        return
    if done is not None:
        ctx.count(row.file.name, outcome)
