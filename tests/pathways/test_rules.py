"""When plan reviews and needs assessments are due, and where a plan stands, at the boundaries
(DOMAIN.md §2; INTERFACES.md §3)."""

from datetime import date

import pytest

from eligibility.rules import Status
from pathways.rules import (
    PlanStanding,
    early_review_due,
    explain_due,
    needs_assessment_due,
    next_review_due,
    plan_status,
)


@pytest.mark.parametrize("held_on, due", [
    (date(2026, 8, 31), date(2027, 2, 28)),  # February is shorter: its last day
    (date(2027, 8, 31), date(2028, 2, 29)),  # a leap year: 29 February
    (date(2028, 2, 29), date(2028, 8, 29)),
    (date(2026, 3, 31), date(2026, 9, 30)),
    (date(2026, 1, 15), date(2026, 7, 15)),
    (date(2026, 9, 1), date(2027, 3, 1)),
    (date(2026, 12, 31), date(2027, 6, 30)),
])
def test_the_next_review_is_due_six_calendar_months_after_the_review_was_held(held_on, due):
    assert next_review_due(held_on) == due


def test_an_earlier_date_set_at_the_review_brings_the_next_one_forward():
    assert next_review_due(date(2026, 8, 31), date(2026, 11, 30)) == date(2026, 11, 30)


def test_a_date_set_later_than_six_months_does_not_put_the_review_off():
    assert next_review_due(date(2026, 8, 31), date(2027, 3, 15)) == date(2027, 2, 28)


def test_an_early_review_is_due_28_days_after_it_was_asked_for():
    assert early_review_due(date(2026, 2, 1)) == date(2026, 3, 1)
    assert early_review_due(date(2028, 2, 1)) == date(2028, 2, 29)


def standing(on, due=None, early=None, required=True):
    return plan_status(on=on, latest_authorised_due=due, early_review_due=early,
                       required=required)


def test_a_plan_is_overdue_the_day_after_its_review_was_due_and_not_on_the_day():
    due = date(2027, 2, 28)

    assert standing(date(2027, 2, 28), due) == PlanStanding.DUE_WITHIN_28_DAYS
    assert standing(date(2027, 3, 1), due) == PlanStanding.OVERDUE


def test_due_within_28_days_runs_up_to_and_including_the_28th_day():
    on = date(2026, 2, 1)

    assert standing(on, date(2026, 3, 1)) == PlanStanding.DUE_WITHIN_28_DAYS  # on + 28
    assert standing(on, date(2026, 3, 2)) == PlanStanding.UP_TO_DATE  # on + 29


def test_an_early_review_due_first_is_what_the_plan_is_measured_against():
    on = date(2026, 6, 1)
    plan_due = date(2026, 12, 1)

    assert standing(on, plan_due, early=date(2026, 6, 20)) == PlanStanding.DUE_WITHIN_28_DAYS
    assert standing(on, plan_due, early=date(2026, 5, 31)) == PlanStanding.OVERDUE
    assert standing(on, date(2026, 6, 10), early=date(2026, 7, 1)) == \
        PlanStanding.DUE_WITHIN_28_DAYS


def test_without_an_authorised_plan_there_is_no_plan_whatever_early_reviews_say():
    assert standing(date(2026, 6, 1), None, early=date(2026, 6, 20)) == PlanStanding.NONE


def test_young_people_who_need_no_plan_are_not_counted_whatever_their_dates():
    assert standing(date(2026, 6, 1), date(2026, 1, 1), required=False) == \
        PlanStanding.NOT_REQUIRED


def test_the_due_date_is_explained_in_plain_words():
    assert explain_due(held_on=date(2026, 8, 31)) == (
        "Next review due 28 February 2027: 6 months after the review held on 31 August 2026"
    )
    assert explain_due(held_on=date(2026, 8, 31), requested_earlier=date(2026, 11, 30)) == (
        "Next review due 30 November 2026: the earlier date set at the review held on "
        "31 August 2026"
    )
    assert explain_due(
        held_on=date(2026, 8, 31), early_review_due_on=date(2026, 10, 29),
        early_review_requested_on=date(2026, 10, 1),
    ) == "Next review due 29 October 2026: within 28 days of the early review asked for on " \
         "1 October 2026"
    assert explain_due(held_on=None) == "There is no authorised pathway plan yet."
    assert explain_due(held_on=None, required=False) == "They do not need a pathway plan."


DOB = date(2010, 5, 20)


def test_a_needs_assessment_is_due_3_months_after_the_16th_birthday_for_an_eligible_child():
    due = needs_assessment_due(
        date_of_birth=DOB, status_changes=[(Status.ELIGIBLE, date(2026, 5, 20))],
        has_plan=False, last_completed_on=None,
    )

    assert due.due_on == date(2026, 8, 20)
    assert due.reason == "3 months after their 16th birthday on 20 May 2026"


def test_a_needs_assessment_is_due_3_months_after_becoming_eligible_after_16():
    due = needs_assessment_due(
        date_of_birth=DOB,
        status_changes=[(Status.NOT_ENTITLED, date(2026, 5, 20)),
                        (Status.ELIGIBLE, date(2026, 11, 30))],
        has_plan=False, last_completed_on=None,
    )

    assert due.due_on == date(2027, 2, 28)


def test_a_needs_assessment_is_due_3_months_after_becoming_relevant_without_a_plan():
    changes = [(Status.RELEVANT, date(2027, 1, 10))]

    assert needs_assessment_due(date_of_birth=DOB, status_changes=changes, has_plan=False,
                                last_completed_on=None).due_on == date(2027, 4, 10)
    assert needs_assessment_due(date_of_birth=DOB, status_changes=changes, has_plan=True,
                                last_completed_on=None) is None


def test_a_completed_assessment_meets_the_first_one():
    assert needs_assessment_due(
        date_of_birth=DOB, status_changes=[(Status.ELIGIBLE, date(2026, 5, 20))],
        has_plan=False, last_completed_on=date(2026, 7, 1),
    ) is None


def test_asking_for_support_at_21_to_25_needs_a_fresh_assessment():
    changes = [(Status.ELIGIBLE, date(2026, 5, 20)), (Status.FORMER_RELEVANT, date(2028, 5, 20)),
               (Status.ENTITLED_ON_REQUEST, date(2031, 5, 20)),
               (Status.RETURNER_21_25, date(2032, 3, 4))]

    due = needs_assessment_due(date_of_birth=DOB, status_changes=changes, has_plan=True,
                               last_completed_on=date(2026, 7, 1))
    assert due.due_on == date(2032, 6, 4)
    assert "asked for support again on 4 March 2032" in due.reason
    assert needs_assessment_due(date_of_birth=DOB, status_changes=changes, has_plan=True,
                                last_completed_on=date(2032, 4, 1)) is None


def test_no_needs_assessment_is_due_for_those_never_eligible_or_relevant():
    assert needs_assessment_due(
        date_of_birth=DOB, status_changes=[(Status.QUALIFYING, date(2027, 1, 1))],
        has_plan=False, last_completed_on=None,
    ) is None
