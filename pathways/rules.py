"""When needs assessments and pathway plan reviews are due, and where a young person's plan stands
(DOMAIN.md §2-3; INTERFACES.md §3). Pure functions: no database access. The record page, the
caseload pages, the dashboard figures and the imports all ask these, so "overdue" means one thing
everywhere.

Sources: Care Planning, Placement and Case Review (England) Regulations 2010 (CPPCR) regs 42-43;
Care Leavers (England) Regulations 2010 (CLR) regs 5-7; Children Act 1989 (CA) s.23CZB.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models

from careleavers.dates import long_date
from eligibility.rules import Status, add_months, birthday

#: A plan is reviewed at least every 6 months (CPPCR reg 42(2); CLR reg 7(2)).
REVIEW_MONTHS = 6
#: An early review, once asked for, is due within 28 days (DOMAIN.md §2).
EARLY_REVIEW_DAYS = 28
#: A review falling within this many days is shown as due soon (INTERFACES.md §3).
DUE_SOON_DAYS = 28
#: A needs assessment is completed within 3 months of its trigger (CPPCR reg 42(1); CLR reg 5).
NEEDS_ASSESSMENT_MONTHS = 3

def next_review_due(held_on: date, requested_earlier: date | None = None) -> date:
    """When the next review of a plan is due.

    - At least every 6 months from the review held (CPPCR reg 42(2); CLR reg 7(2); DOMAIN.md §2):
      the same day 6 months later, or the month's last day if it is shorter (31 August + 6
      months = 28 February, 29 in a leap year).
    - Sooner if an earlier date was set at that review (DOMAIN.md §2). A date set later than the
      6 months does not put the review off.
    """
    due = add_months(held_on, REVIEW_MONTHS)
    if requested_earlier is not None and requested_earlier < due:
        return requested_earlier
    return due


def early_review_due(requested_on: date) -> date:
    """An early review asked for by the young person, decided by their PA, or prompted by a
    significant change such as a move of accommodation is due within 28 days of being asked for
    (CPPCR reg 42(3); CLR reg 7(3); DOMAIN.md §2)."""
    return requested_on + timedelta(days=EARLY_REVIEW_DAYS)


class PlanStanding(models.TextChoices):
    """Where a young person's pathway plan stands on a date (INTERFACES.md §3)."""

    NOT_REQUIRED = "not_required", "Not needed"
    NONE = "none", "No plan"
    OVERDUE = "overdue", "Overdue"
    DUE_WITHIN_28_DAYS = "due_within_28_days", "Due within 28 days"
    UP_TO_DATE = "up_to_date", "Up to date"


def review_due(latest_authorised_due: date | None, early_review_due: date | None) -> date | None:
    """The next review is due on the earlier of the plan's own date and any early review asked
    for since; with no authorised plan there is no review date, only a missing plan."""
    if latest_authorised_due is None:
        return None
    if early_review_due is not None and early_review_due < latest_authorised_due:
        return early_review_due
    return latest_authorised_due


def plan_status(
    *, on: date, latest_authorised_due: date | None, early_review_due: date | None,
    required: bool,
) -> PlanStanding:
    """Where the plan stands on `on` (INTERFACES.md §3 `pathway_plans`):

    - `not_required` unless the status is eligible, relevant, former relevant (or in education)
      or a 21-25 returner (CA ss.23B, 23C, 23CA, 23CZB; CPPCR reg 40);
    - `none` with no authorised plan: only authorised plans count (DOMAIN.md §2);
    - `overdue` if the review is due before `on`; due on `on` itself is still in time;
    - `due_within_28_days` if due no later than `on` + 28 days (a part of up to date);
    - `up_to_date` otherwise.
    """
    if not required:
        return PlanStanding.NOT_REQUIRED
    due = review_due(latest_authorised_due, early_review_due)
    if due is None:
        return PlanStanding.NONE
    if due < on:
        return PlanStanding.OVERDUE
    if due <= on + timedelta(days=DUE_SOON_DAYS):
        return PlanStanding.DUE_WITHIN_28_DAYS
    return PlanStanding.UP_TO_DATE


def explain_due(
    *, held_on: date | None, requested_earlier: date | None = None,
    early_review_due_on: date | None = None, early_review_requested_on: date | None = None,
    required: bool = True,
) -> str:
    """The review date in plain words, with why, for the record page:
    "Next review due 28 February 2027: 6 months after the review held on 31 August 2026"."""
    if not required:
        return "They do not need a pathway plan."
    if held_on is None:
        return "There is no authorised pathway plan yet."
    plan_due = next_review_due(held_on, requested_earlier)
    due = review_due(plan_due, early_review_due_on)
    if due != plan_due:
        asked = (f" on {long_date(early_review_requested_on)}"
                 if early_review_requested_on else "")
        why = f"within 28 days of the early review asked for{asked}"
    elif requested_earlier is not None and plan_due == requested_earlier:
        why = f"the earlier date set at the review held on {long_date(held_on)}"
    else:
        why = f"6 months after the review held on {long_date(held_on)}"
    return f"Next review due {long_date(due)}: {why}"


@dataclass(frozen=True)
class NeedsAssessmentDue:
    due_on: date
    reason: str


_PLAN_STATUSES_AFTER_ELIGIBLE = (Status.RELEVANT,)


def needs_assessment_due(
    *, date_of_birth: date, status_changes: Iterable[tuple[str, date]], has_plan: bool,
    last_completed_on: date | None,
) -> NeedsAssessmentDue | None:
    """When a needs assessment is due, or None if none is.

    `status_changes` are (status, effective date) pairs from the young person's status history;
    `has_plan` says whether they have an authorised pathway plan; `last_completed_on` is when
    their latest needs assessment was completed.

    - Eligible: within 3 months of the 16th birthday, or of becoming eligible if that was later
      (CPPCR reg 42(1)).
    - Relevant without a plan (never eligible, so never assessed): within 3 months of becoming
      relevant (CLR reg 5).
    - A former relevant young person of 21 to 25 who asks for support: within 3 months of the
      request, a fresh assessment even if there was one before (CA s.23CZB; CLR reg 5).

    Any completed assessment meets the first two; only one completed on or after the request
    meets the third.
    """
    changes = sorted(status_changes, key=lambda change: change[1])
    returner = [on for status, on in changes if status == Status.RETURNER_21_25]
    if returner:
        requested_on = returner[-1]
        if last_completed_on is None or last_completed_on < requested_on:
            return NeedsAssessmentDue(
                add_months(requested_on, NEEDS_ASSESSMENT_MONTHS),
                f"3 months after they asked for support again on {long_date(requested_on)}",
            )
        return None
    if last_completed_on is not None or has_plan:
        return None
    eligible = [on for status, on in changes if status == Status.ELIGIBLE]
    if eligible:
        b16 = birthday(date_of_birth, 16)
        if eligible[0] <= b16:
            return NeedsAssessmentDue(
                add_months(b16, NEEDS_ASSESSMENT_MONTHS),
                f"3 months after their 16th birthday on {long_date(b16)}",
            )
        return NeedsAssessmentDue(
            add_months(eligible[0], NEEDS_ASSESSMENT_MONTHS),
            f"3 months after they became eligible on {long_date(eligible[0])}",
        )
    relevant = [on for status, on in changes if status in _PLAN_STATUSES_AFTER_ELIGIBLE]
    if relevant:
        return NeedsAssessmentDue(
            add_months(relevant[0], NEEDS_ASSESSMENT_MONTHS),
            f"3 months after they became relevant on {long_date(relevant[0])}",
        )
    return None
