"""Each young person's standing: what their records say, kept in the transaction of the change
that moves it, and the same as a rebuild from the records gives."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accommodation.services import accommodation_record
from advisers.services import adviser_allocate, contact_record, contact_update
from careleavers.models import YoungPerson
from careleavers.services import young_person_update
from eet.services import activity_record
from eligibility.rules import Status
from pathways.models import PlanState
from pathways.rules import next_review_due
from pathways.services import plan_authorise, plan_submit
from standing.models import Standing
from standing.standings import standings_rebuild
from tests.accommodation.places import place
from tests.advisers.people import allocate, at, contact, days_ago, today, young_person
from tests.factories import PathwayPlanFactory
from tests.pathways.plan_setup import written_plan

pytestmark = pytest.mark.django_db


def standing_of(person) -> Standing:
    return Standing.objects.get(young_person=person)


@pytest.fixture
def settled(teams, staff):
    """Former relevant, with a PA, seen 10 days ago, a plan reviewed 60 days ago, living in
    their own flat and at college; standings derived for everyone."""
    person = young_person(teams["north"], first_name="Ada", last_name="Settled")
    allocate(person, staff["pa"])
    contact(person, staff["pa"], on=days_ago(10))
    PathwayPlanFactory(young_person=person, number=1, review_held_on=days_ago(60))
    place(person, "W", start_on=days_ago(100))
    standings_rebuild(on=today())
    return person


def test_a_standing_says_what_their_records_say(settled, staff, teams):
    standing = standing_of(settled)

    assert standing.status == Status.FORMER_RELEVANT
    assert standing.team == teams["north"] and standing.adviser == staff["pa"]
    assert standing.last_in_touch_on == days_ago(10)
    assert standing.contact_due_on == days_ago(10) + timedelta(
        days=standing.keep_in_touch_every_days)
    assert standing.plan_required
    assert standing.plan_review_due_on == next_review_due(days_ago(60), None)
    assert standing.place_type == "W"


def test_a_visit_moves_last_in_touch_and_the_next_visit_in_the_same_transaction(settled, staff):
    contact_record(actor=staff["pa"], young_person=settled, contact_at=at(days_ago(1)),
                   contact_type="home_visit", outcome="seen")

    standing = standing_of(settled)
    assert standing.last_in_touch_on == days_ago(1)
    assert standing.contact_due_on == days_ago(1) + timedelta(
        days=standing.keep_in_touch_every_days)
    assert standings_rebuild(on=today()).written == 0


def test_who_last_saw_them_is_who_made_the_contact_that_counts_as_in_touch(settled, staff):
    assert standing_of(settled).last_in_touch_by == staff["pa"]

    # A colleague covering sees them: the colleague is who was last in touch.
    seen = contact_record(actor=staff["colleague"], young_person=settled,
                          contact_at=at(days_ago(2)), contact_type="home_visit", outcome="seen")
    assert standing_of(settled).last_in_touch_by == staff["colleague"]
    assert standings_rebuild(on=today()).written == 0

    # Their PA tries later and cannot reach them: not in touch, so it is still the colleague.
    contact_record(actor=staff["pa"], young_person=settled, contact_at=at(days_ago(1)),
                   contact_type="phone", outcome="attempted")
    standing = standing_of(settled)
    assert (standing.last_in_touch_on, standing.last_in_touch_by) == (days_ago(2),
                                                                       staff["colleague"])
    assert standings_rebuild(on=today()).written == 0

    # The visit was in fact the PA's: corrected, the standing follows.
    contact_update(actor=staff["pa"], contact=seen, version=seen.version, made_by=staff["pa"])
    assert standing_of(settled).last_in_touch_by == staff["pa"]
    assert standings_rebuild(on=today()).written == 0


def test_someone_never_seen_has_nobody_last_in_touch(teams, staff):
    person = young_person(teams["north"])
    contact(person, staff["pa"], on=days_ago(3), outcome="refused")
    standings_rebuild(on=today())

    standing = standing_of(person)
    assert (standing.last_in_touch_on, standing.last_in_touch_by) == (None, None)


def test_a_new_pa_is_their_pa_at_once(settled, staff):
    assert standing_of(settled).pa_changed_on is None  # their first PA is not a change

    adviser_allocate(actor=staff["manager"], young_person=settled, adviser=staff["colleague"],
                     start_on=today())

    assert standing_of(settled).adviser == staff["colleague"]
    assert standing_of(settled).pa_changed_on == today()
    assert standings_rebuild(on=today()).written == 0


def test_a_plan_sent_and_authorised_moves_the_plan_and_its_review(settled, staff):
    plan = written_plan(settled, staff["pa"], held_on=days_ago(2))
    assert standing_of(settled).plan_review_not_written_up
    plan = plan_submit(actor=staff["pa"], plan=plan)
    standing = standing_of(settled)
    assert standing.plan_being_worked_on == PlanState.SUBMITTED
    assert not standing.plan_review_not_written_up

    plan_authorise(actor=staff["manager"], plan=plan)

    standing = standing_of(settled)
    assert standing.plan_being_worked_on == ""
    assert standing.plan_review_due_on == next_review_due(days_ago(2), None)
    assert standings_rebuild(on=today()).written == 0


def test_a_move_and_a_new_activity_are_where_they_live_and_what_they_do(settled, staff):
    accommodation_record(actor=staff["pa"], young_person=settled, type_code="B",
                         start_on=days_ago(2), today=today())
    activity_record(actor=staff["pa"], young_person=settled, activity_code="F1",
                    start_on=days_ago(2), today=today())

    standing = standing_of(settled)
    assert (standing.place_type, standing.activity_code) == ("B", "F1")
    assert standings_rebuild(on=today()).written == 0


def test_a_move_to_another_team_moves_their_standing(settled, staff, teams):
    young_person_update(actor=staff["manager"], young_person=settled,
                        version=settled.version, today=today(), team=teams["south"])

    assert standing_of(settled).team == teams["south"]


def test_a_corrected_date_of_birth_and_uasc_are_on_their_standing_at_once(settled, staff):
    born = settled.date_of_birth - timedelta(days=400)
    young_person_update(actor=staff["manager"], young_person=settled,
                        version=settled.version, today=today(), date_of_birth=born, uasc=True)

    standing = standing_of(settled)
    assert (standing.date_of_birth, standing.uasc) == (born, True)


def test_the_night_writes_only_the_standings_the_date_moves(settled, staff, teams):
    others = [young_person(teams["north"]) for _ in range(3)]
    for person in others:
        allocate(person, staff["pa"], end_on=today())
    standings_rebuild(on=today())

    again = standings_rebuild(on=today())
    tomorrow = standings_rebuild(on=today() + timedelta(days=1))

    assert again.written == 0
    assert tomorrow.written == 3  # their PA allocations ended today
    assert all(standing_of(person).adviser is None for person in others)
    assert standing_of(settled).derived_on == today()  # not rewritten


def test_deriving_runs_the_same_queries_for_many_young_people_as_for_one(teams, staff):
    def add(how_many):
        for number in range(how_many):
            person = young_person(teams["north"])
            allocate(person, staff["pa"])
            contact(person, staff["pa"], on=days_ago(number + 1))
            PathwayPlanFactory(young_person=person, review_held_on=days_ago(30 + number))
            place(person, "W", start_on=days_ago(50))

    add(1)
    with CaptureQueriesContext(connection) as one:
        standings_rebuild(on=today())
    add(20)
    with CaptureQueriesContext(connection) as twenty_one:
        standings_rebuild(on=today())

    assert len(twenty_one) == len(one)
    assert Standing.objects.count() == 21


def test_the_demo_opens_with_everyone_standing_as_their_records_say():
    call_command("seed_demo", "--young-people", "20", stdout=StringIO())

    assert Standing.objects.count() == YoungPerson.objects.count() == 20
    assert standings_rebuild(on=today()).written == 0


def test_a_service_upgraded_with_young_people_and_no_standings_gets_them_on_migrate(
    settled, staff
):
    Standing.objects.all().delete()

    call_command("migrate", verbosity=0)

    assert standing_of(settled).last_in_touch_on == days_ago(10)
    assert standing_of(settled).last_in_touch_by == staff["pa"]
    assert standings_rebuild(on=today()).written == 0
