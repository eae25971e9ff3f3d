"""Where each young person's plan stands, and the authorisation queue: the right answers, in a
fixed number of queries however many young people and plans there are."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from careleavers.models import YoungPerson
from eligibility.rules import Status
from pathways.models import EarlyReviewReason, PlanState
from pathways.rules import PlanStanding
from pathways.selectors import (
    authorisation_queue,
    explain_plan_due,
    plan_due_on,
    plan_position_for,
    plan_standing,
    plan_standings,
    with_plan_dates,
)
from pathways.services import early_review_request, plan_authorise
from tests.advisers.people import with_status
from tests.factories import EarlyReviewFactory, PathwayPlanFactory, YoungPersonFactory
from tests.pathways.plan_setup import days_ago, today, written_plan, young_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def north(teams):
    return teams["north"]


def plan(person, held_on, *, state=PlanState.AUTHORISED, number=None, **fields):
    return PathwayPlanFactory(young_person=person, review_held_on=held_on, state=state,
                              **({"number": number} if number else {}), **fields)


def standing_of(person, on=None):
    return plan_standing(plan_position_for(person, on=on or today()), on or today())


def test_each_standing_comes_from_the_latest_authorised_plan(north):
    up_to_date = young_person(north)
    plan(up_to_date, days_ago(60))
    due_soon = young_person(north)
    plan(due_soon, days_ago(170))
    overdue = young_person(north)
    plan(overdue, days_ago(400), number=1)
    plan(overdue, days_ago(200), number=2)
    no_plan = young_person(north)
    plan(no_plan, days_ago(10), state=PlanState.SUBMITTED)
    not_required = young_person(north, status=Status.QUALIFYING)
    no_status = young_person(north, status=None)

    assert standing_of(up_to_date) == PlanStanding.UP_TO_DATE
    assert standing_of(due_soon) == PlanStanding.DUE_WITHIN_28_DAYS
    assert standing_of(overdue) == PlanStanding.OVERDUE
    assert standing_of(no_plan) == PlanStanding.NONE
    assert standing_of(not_required) == PlanStanding.NOT_REQUIRED
    assert standing_of(no_status) == PlanStanding.NOT_REQUIRED


def test_a_plan_is_overdue_the_day_after_six_months_from_its_review(north):
    person = young_person(north)
    plan(person, date(2025, 8, 31))

    assert standing_of(person, on=date(2026, 2, 28)) == PlanStanding.DUE_WITHIN_28_DAYS
    assert standing_of(person, on=date(2026, 3, 1)) == PlanStanding.OVERDUE


def test_a_draft_or_returned_review_does_not_replace_the_plan_in_force(north):
    person = young_person(north)
    plan(person, days_ago(250), number=1)
    plan(person, days_ago(5), number=2, state=PlanState.RETURNED)

    row = plan_position_for(person, on=today())

    assert row.plan_number == 1
    assert row.open_plan_state == PlanState.RETURNED
    assert plan_standing(row, today()) == PlanStanding.OVERDUE


def test_an_early_review_brings_the_due_date_forward_until_met(staff, north):
    person = young_person(north)
    authorised = plan(person, days_ago(30), author=staff["pa"], decided_by=staff["manager"],
                      number=1)
    early_review_request(actor=staff["pa"], young_person=person, requested_on=days_ago(29),
                         reason=EarlyReviewReason.ACCOMMODATION_MOVE)

    row = plan_position_for(person, on=today())
    assert plan_due_on(row) == days_ago(1)
    assert plan_standing(row, today()) == PlanStanding.OVERDUE
    assert explain_plan_due(row).startswith(
        f"Next review due {days_ago(1).day} {days_ago(1):%B} {days_ago(1).year}: within 28 "
        "days of the early review asked for on ")

    review = written_plan(person, staff["pa"], held_on=days_ago(2), submit=True)
    plan_authorise(actor=staff["manager"], plan=review, notify=False)

    row = plan_position_for(person, on=today())
    assert row.plan_number == 2 and authorised.number == 1
    assert row.early_review_due_on is None
    assert plan_standing(row, today()) == PlanStanding.UP_TO_DATE


def test_a_submitted_plan_is_awaiting_authorisation(north):
    person = young_person(north)
    plan(person, days_ago(3), state=PlanState.SUBMITTED)

    row = plan_position_for(person, on=today())

    assert row.plan_awaiting_authorisation
    assert row.open_plan_state == PlanState.SUBMITTED


def make_people(team, count, *, adviser, manager):
    """`count` young people needing a plan, with a mix of plans, early reviews and drafts."""
    for n in range(count):
        person = with_status(YoungPersonFactory(team=team), Status.FORMER_RELEVANT)
        if n % 4 == 0:
            continue  # no plan
        PathwayPlanFactory(young_person=person, number=1, review_held_on=days_ago(20 + n % 300),
                           author=adviser, decided_by=manager)
        if n % 3 == 0:
            EarlyReviewFactory(young_person=person, requested_on=days_ago(n % 20))
        if n % 5 == 0:
            PathwayPlanFactory(young_person=person, number=2, state=PlanState.SUBMITTED,
                               review_held_on=days_ago(5), author=adviser, decided_by=None)


@pytest.mark.parametrize("count", [10, 200])
def test_plan_standings_take_one_query_however_many_young_people(
    staff, north, count, django_assert_max_num_queries
):
    make_people(north, count, adviser=staff["pa"], manager=staff["manager"])

    # 1: the young people, each with their plan dates annotated.
    with django_assert_max_num_queries(1):
        standings = plan_standings(YoungPerson.objects.all(), on=today())

    assert len(standings) == count
    assert PlanStanding.NONE in standings.values()


@pytest.mark.parametrize("count", [10, 200])
def test_the_authorisation_queue_takes_one_query_however_many_plans(
    staff, north, count, django_assert_max_num_queries
):
    make_people(north, count, adviser=staff["pa"], manager=staff["manager"])

    # 1: the plans waiting, with their young people, teams and authors.
    with django_assert_max_num_queries(1):
        rows = [(p.young_person.display_name, p.young_person.team.name, p.author.full_name,
                 p.waiting) for p in authorisation_queue(staff["manager"])]

    assert len(rows) == len([n for n in range(count) if n % 4 and n % 5 == 0])


def test_the_queue_lists_plans_waiting_oldest_first_with_time_waiting(staff, teams):
    now = timezone.now()
    north_people = [young_person(teams["north"]) for _ in range(3)]
    south = young_person(teams["south"])
    newer = plan(north_people[0], days_ago(3), state=PlanState.SUBMITTED,
                 submitted_at=now - timedelta(days=2))
    older = plan(north_people[1], days_ago(9), state=PlanState.SUBMITTED,
                 submitted_at=now - timedelta(days=8, hours=3))
    plan(north_people[2], days_ago(9), state=PlanState.DRAFT)
    southern = plan(south, days_ago(4), state=PlanState.SUBMITTED,
                    submitted_at=now - timedelta(days=1))

    queue = list(authorisation_queue(staff["manager"], now=now))

    assert queue == [older, newer]
    assert queue[0].waiting == timedelta(days=8, hours=3)
    assert list(authorisation_queue(staff["other_manager"], now=now)) == [southern]
    # Duty managers see every team's, for when a team manager is away.
    assert list(authorisation_queue(staff["duty"], now=now)) == [older, newer, southern]


@pytest.mark.parametrize("who", ["pa", "service", "board", "admin"])
def test_only_team_and_duty_managers_have_a_queue(staff, north, who):
    plan(young_person(north), days_ago(3), state=PlanState.SUBMITTED)

    assert list(authorisation_queue(staff[who])) == []


def test_the_queue_keeps_restricted_records_to_the_staff_named_on_them(staff, north):
    restricted = young_person(north, restricted=True, restricted_to=[staff["pa"]])
    plan(restricted, days_ago(3), state=PlanState.SUBMITTED)

    assert list(authorisation_queue(staff["manager"])) == []
    assert list(authorisation_queue(staff["duty"])) == []


def test_the_queue_marks_plans_the_manager_wrote_themselves(staff, north):
    own = plan(young_person(north), days_ago(3), state=PlanState.SUBMITTED,
               author=staff["manager"])

    (row,) = authorisation_queue(staff["manager"])

    assert row == own and row.worked_on_by_user
    assert not authorisation_queue(staff["duty"]).get().worked_on_by_user


def test_with_plan_dates_keeps_the_queryset_chainable(staff, north):
    person = young_person(north)
    plan(person, days_ago(30))

    rows = with_plan_dates(YoungPerson.objects.filter(team=north)).filter(
        plan_review_held_on__lt=days_ago(10))

    assert list(rows) == [person]
