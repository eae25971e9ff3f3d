"""What needs doing is true in the request that changed it: each service that changes a young
person's records leaves their open alerts exactly as a full rebuild (the nightly `alerts_sync`
for everyone) would leave them, with no nightly job run in between."""

import html
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accommodation.models import PlacementAlert
from accommodation.services import accommodation_update, placement_alert_acknowledge
from advisers.services import adviser_allocate, allocation_end, contact_record, contact_update
from alerts.alerts import alerts_sync
from alerts.models import Alert, AlertKind
from careleavers.access import record_view
from careleavers.models import RecordView
from careleavers.services import changes_collected, young_person_create, young_person_update
from eligibility.models import SupportChoiceKind
from eligibility.rules import Status
from eligibility.services import (
    care_period_add,
    care_period_update,
    support_choice_record,
)
from pathways.models import PlanState
from pathways.services import (
    early_review_request,
    needs_assessment_complete,
    needs_assessment_start,
    plan_authorise,
    plan_return,
    plan_submit,
)
from standing.standings import standings_rebuild
from tests.accommodation.places import place
from tests.advisers.people import allocate, at, contact, date_post, days_ago, today, young_person
from tests.alerts.people import eligible_and_never_assessed
from tests.factories import PathwayPlanFactory
from tests.pathways.plan_setup import written_plan
from tests.support import in_another_connection, wait_until_another_connection_waits_for_a_lock

pytestmark = pytest.mark.django_db

HOME = reverse("home")
NOT_IN_TOUCH = AlertKind.CONTACT_MISSED.label
SENT_BACK = AlertKind.PLAN_RETURNED.label


# --- the home page, through the web ------------------------------------------------------------


def names_under(page: str, heading: str) -> list[str]:
    """The young people listed in the "What needs doing" table with this heading ([] when
    there is no such table)."""
    table = re.search(
        rf'<caption[^>]*>{re.escape(html.escape(heading))} \(\d+\)</caption>(.*?)</table>',
        page, re.S,
    )
    if table is None:
        return []
    return [html.unescape(name) for name in re.findall(
        r'<a class="govuk-link" href="/young-people/\d+/">([^<]+)</a>', table[1])]


def home_page(client) -> str:
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def contact_form(made_by, *, on: date, outcome="seen") -> dict:
    """The record-a-contact form as the browser posts it."""
    return {
        **date_post("contact_at", on), "contact_time": "10:30", "contact_type": "home_visit",
        "outcome": outcome, "seen_alone": "yes", "location": "Their flat",
        "made_by": made_by.pk, "notes": "Settled in the new flat.",
    }


def test_a_visit_recorded_takes_them_off_not_in_touch_on_the_next_page(client, staff, teams):
    jo = young_person(teams["north"], first_name="Jo", last_name="Bloggs")
    still_unseen = young_person(teams["north"], first_name="Ria", last_name="Unseen")
    for person in (jo, still_unseen):
        allocate(person, staff["pa"])
        PathwayPlanFactory(young_person=person, review_held_on=days_ago(60))
    alerts_sync(on=today())  # as the night left it: neither has ever been seen
    client.force_login(staff["pa"])
    assert sorted(names_under(home_page(client), NOT_IN_TOUCH)) == ["Jo Bloggs", "Ria Unseen"]

    response = client.post(reverse("contact-add", args=[jo.pk]),
                           contact_form(staff["pa"], on=days_ago(1)))

    assert response.status_code == 302
    assert names_under(home_page(client), NOT_IN_TOUCH) == ["Ria Unseen"]


def test_a_returned_plan_is_on_the_authors_home_page_until_they_send_it_again(
    client, staff, teams
):
    sam = young_person(teams["north"], first_name="Sam", last_name="Returned")
    allocate(sam, staff["pa"])
    contact(sam, staff["pa"], on=days_ago(7))
    plan = written_plan(sam, staff["pa"], submit=True)
    client.force_login(staff["manager"])

    response = client.post(reverse("plan-decide", args=[plan.pk]),
                           {"decision": "return", "reasons": "Add what they said about money."})

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.state == PlanState.RETURNED
    client.force_login(staff["pa"])
    page = home_page(client)
    assert names_under(page, SENT_BACK) == ["Sam Returned"]
    assert (f"Plan {plan.number} sent back by {staff['manager']} on "
            f"{today().day} {today():%B %Y}") in page

    response = client.post(reverse("plan-submit", args=[plan.pk]), {"version": plan.version})

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED
    page = home_page(client)
    assert names_under(page, SENT_BACK) == []
    assert "Nothing needs doing for your young people today." in page


# --- each kind of change leaves the alerts as a full rebuild would -------------------------------


def open_alerts() -> list[tuple]:
    """Every open alert: its kind, young person, team and detail."""
    return sorted(Alert.objects.open().values_list("kind", "young_person", "team", "detail"))


def open_for(person) -> dict[str, tuple]:
    """{kind: (detail, team)} of this young person's open alerts."""
    return {kind: (detail, team) for kind, young_person_id, team, detail in open_alerts()
            if young_person_id == person.pk}


@dataclass
class Moved:
    """One young person's open alerts before and after a change."""

    before: dict = field(default_factory=dict)
    after: dict = field(default_factory=dict)

    @property
    def raised(self) -> set[str]:
        return set(self.after) - set(self.before)

    @property
    def resolved(self) -> set[str]:
        return set(self.before) - set(self.after)


@contextmanager
def as_a_full_rebuild_would_leave_them(person):
    """Start from alerts a full rebuild gives; after the change inside the block, the young
    person's alerts must have moved, and a full rebuild must then raise, resolve and rewrite
    nothing: the change kept everyone's alerts as they would be after the night. So too their
    standings: rebuilt from the records, none differs from what the change left."""
    standings_rebuild(on=today())
    alerts_sync(on=today())
    moved = Moved(before=open_for(person))
    yield moved
    moved.after = open_for(person)
    assert moved.after != moved.before, "the change should move this young person's alerts"
    kept = open_alerts()
    rebuilt = alerts_sync(on=today())
    assert (rebuilt.raised, rebuilt.resolved) == ([], [])
    assert open_alerts() == kept
    assert standings_rebuild(on=today()).written == 0


@pytest.fixture
def well(teams, staff):
    """A former relevant young person with nothing to do: a PA, seen a week ago, and a plan
    reviewed 60 days ago."""
    person = young_person(teams["north"], first_name="Ada", last_name="Well")
    allocate(person, staff["pa"])
    contact(person, staff["pa"], on=days_ago(7))
    PathwayPlanFactory(young_person=person, number=1, review_held_on=days_ago(60))
    return person


@pytest.fixture
def others(teams, staff):
    """Young people the changes are not about, with alerts of their own that must stay."""
    unseen = young_person(teams["north"])
    allocate(unseen, staff["colleague"])
    young_person(teams["south"])  # never seen and no PA
    return unseen


def care_leaver(team, *, age: int, left_care_days_ago: int = 400, **fields):
    """A care leaver recorded as the app records them: their status is worked out from their
    care history (in care from 15 until `left_care_days_ago`)."""
    born = today().replace(year=today().year - age) - timedelta(days=10)
    person = young_person_create(
        actor=None, today=today(), person_id=fields.pop("person_id", "CL-1"), first_name="Fran",
        last_name="Leaver", date_of_birth=born, sex="F", ethnicity="WBRI", team=team, **fields,
    )
    care_period_add(actor=None, young_person=person, start_on=born.replace(year=born.year + 15),
                    end_on=days_ago(left_care_days_ago), today=today())
    person.refresh_from_db()
    return person


def test_a_visit_recorded_clears_not_in_touch(staff, well, others):
    well.contacts.all().delete()

    with as_a_full_rebuild_would_leave_them(well) as alerts:
        contact_record(actor=staff["pa"], young_person=well, contact_at=at(days_ago(1)),
                       contact_type="home_visit", outcome="seen")

    assert alerts.resolved == {AlertKind.CONTACT_MISSED} and alerts.raised == set()


def test_a_visit_corrected_to_not_reached_puts_them_back_on_not_in_touch(staff, well, others):
    [visit] = well.contacts.all()

    with as_a_full_rebuild_would_leave_them(well) as alerts:
        contact_update(actor=staff["pa"], contact=visit, version=visit.version,
                       outcome="attempted")

    assert alerts.raised == {AlertKind.CONTACT_MISSED} and alerts.resolved == set()
    assert alerts.after[AlertKind.CONTACT_MISSED][0] == "Never seen or spoken to"


def test_a_pa_allocated_clears_no_personal_adviser(staff, well, others):
    well.allocations.all().delete()

    with as_a_full_rebuild_would_leave_them(well) as alerts:
        adviser_allocate(actor=staff["manager"], young_person=well, adviser=staff["colleague"],
                         start_on=today())

    assert alerts.resolved == {AlertKind.UNALLOCATED} and alerts.raised == set()


def test_the_allocation_ended_raises_no_personal_adviser(staff, well, others):
    [allocation] = well.allocations.all()

    with as_a_full_rebuild_would_leave_them(well) as alerts:
        allocation_end(actor=staff["manager"], allocation=allocation, end_on=days_ago(1),
                       reason="Left the service")

    assert alerts.raised == {AlertKind.UNALLOCATED} and alerts.resolved == set()


def test_a_plan_authorised_clears_the_overdue_review(staff, well, others):
    well.pathway_plans.update(review_held_on=days_ago(200))
    plan = written_plan(well, staff["pa"], submit=True)

    with as_a_full_rebuild_would_leave_them(well) as alerts:
        plan_authorise(actor=staff["manager"], plan=plan, notify=False)

    assert alerts.resolved == {AlertKind.PLAN_OVERDUE} and alerts.raised == set()


def test_a_plan_returned_is_sent_back_for_changes(staff, well, others):
    plan = written_plan(well, staff["pa"], submit=True)

    with as_a_full_rebuild_would_leave_them(well) as alerts:
        plan_return(actor=staff["manager"], plan=plan, reasons="Add their own words.",
                    notify=False)

    assert alerts.raised == {AlertKind.PLAN_RETURNED} and alerts.resolved == set()
    assert alerts.after[AlertKind.PLAN_RETURNED][0].startswith(
        f"Plan {plan.number} sent back by {staff['manager']} on ")


def test_a_returned_plan_sent_again_is_no_longer_sent_back(staff, well, others):
    plan = written_plan(well, staff["pa"], submit=True)
    plan = plan_return(actor=staff["manager"], plan=plan, reasons="Add their own words.",
                       notify=False)

    with as_a_full_rebuild_would_leave_them(well) as alerts:
        plan_submit(actor=staff["pa"], plan=plan, version=plan.version)

    assert alerts.resolved == {AlertKind.PLAN_RETURNED} and alerts.raised == set()


@pytest.fixture
def assessment_overdue(teams, staff):
    return eligible_and_never_assessed(teams["north"], staff["pa"])


def test_a_needs_assessment_started_leaves_it_overdue_until_it_is_completed(
    staff, assessment_overdue, others
):
    alerts_sync(on=today())
    assessment = needs_assessment_start(actor=staff["pa"], young_person=assessment_overdue)

    assert set(open_for(assessment_overdue)) == {AlertKind.NEEDS_ASSESSMENT_OVERDUE}
    with as_a_full_rebuild_would_leave_them(assessment_overdue) as alerts:
        needs_assessment_complete(actor=staff["pa"], assessment=assessment,
                                  version=assessment.version, areas={"health": "Well"})

    assert alerts.resolved == {AlertKind.NEEDS_ASSESSMENT_OVERDUE} and alerts.raised == set()


def test_a_move_into_bed_and_breakfast_needs_a_manager_until_one_marks_it_seen(
    staff, well, others
):
    place(well, "D", start_on=days_ago(300))

    with as_a_full_rebuild_would_leave_them(well) as alerts:
        place(well, "W", start_on=days_ago(1), actor=staff["pa"])

    # A move is a significant change: the plan's review is brought forward to within 28 days.
    assert alerts.raised == {AlertKind.PLACEMENT_NEEDS_MANAGER, AlertKind.PLAN_DUE_SOON}

    with as_a_full_rebuild_would_leave_them(well) as alerts:
        placement_alert_acknowledge(
            actor=staff["manager"], alert=PlacementAlert.objects.get(episode__young_person=well))

    assert alerts.resolved == {AlertKind.PLACEMENT_NEEDS_MANAGER} and alerts.raised == set()


def test_a_place_corrected_to_bed_and_breakfast_needs_a_manager(staff, well, others):
    episode = place(well, "D", start_on=days_ago(300))

    with as_a_full_rebuild_would_leave_them(well) as alerts:
        accommodation_update(actor=staff["pa"], episode=episode, version=episode.version,
                             type_code="W")

    assert alerts.raised == {AlertKind.PLACEMENT_NEEDS_MANAGER} and alerts.resolved == set()


def test_an_early_review_asked_for_brings_the_plan_due_soon(staff, well, others):
    with as_a_full_rebuild_would_leave_them(well) as alerts:
        early_review_request(actor=staff["pa"], young_person=well, requested_on=today(),
                             reason="young_person_asked")

    assert alerts.raised == {AlertKind.PLAN_DUE_SOON} and alerts.resolved == set()


def test_a_care_period_added_makes_them_former_relevant_with_a_pa_and_visits_due(teams, others):
    person = young_person_create(
        actor=None, today=today(), person_id="CL-1", first_name="Fran", last_name="Leaver",
        date_of_birth=today().replace(year=today().year - 19) - timedelta(days=10), sex="F",
        ethnicity="WBRI", team=teams["north"],
    )

    with as_a_full_rebuild_would_leave_them(person) as alerts:
        care_period_add(actor=None, young_person=person, start_on=days_ago(365 * 4),
                        end_on=days_ago(400), today=today())

    assert person.statutory_status.status == Status.FORMER_RELEVANT
    assert alerts.raised == {AlertKind.CONTACT_MISSED, AlertKind.UNALLOCATED}


def test_a_care_period_corrected_to_a_month_leaves_them_qualifying_with_nothing_to_do(
    teams, others
):
    person = care_leaver(teams["north"], age=19)
    [period] = person.care_periods.all()

    with as_a_full_rebuild_would_leave_them(person) as alerts:
        care_period_update(actor=None, period=period, start_on=days_ago(430),
                           end_on=days_ago(400), short_break=False, today=today())

    person.refresh_from_db()
    assert person.statutory_status.status == Status.QUALIFYING  # advice, no PA or visits
    assert alerts.resolved == {AlertKind.CONTACT_MISSED, AlertKind.UNALLOCATED}


def test_asking_for_support_again_at_22_brings_a_pa_and_visits_every_8_weeks(teams, staff,
                                                                              others):
    person = care_leaver(teams["north"], age=22, left_care_days_ago=365 * 3)
    contact(person, staff["pa"], on=days_ago(100))  # in touch within the yearly standard
    assert person.statutory_status.status == Status.ENTITLED_ON_REQUEST

    with as_a_full_rebuild_would_leave_them(person) as alerts:
        support_choice_record(actor=None, young_person=person, kind=SupportChoiceKind.ASKED,
                              on=today(), today=today())

    assert alerts.raised == {AlertKind.CONTACT_MISSED, AlertKind.UNALLOCATED}


def test_a_date_of_birth_corrected_to_over_25_leaves_nothing_to_do(teams, others):
    person = care_leaver(teams["north"], age=19)

    with as_a_full_rebuild_would_leave_them(person) as alerts:
        young_person_update(actor=None, young_person=person, version=person.version,
                            today=today(),
                            date_of_birth=person.date_of_birth.replace(
                                year=person.date_of_birth.year - 6))

    person.refresh_from_db()
    assert person.statutory_status.status == Status.NOT_ENTITLED
    assert alerts.resolved == {AlertKind.CONTACT_MISSED, AlertKind.UNALLOCATED}


def test_a_move_to_another_team_takes_their_alerts_with_them(teams, others):
    person = care_leaver(teams["north"], age=19)

    with as_a_full_rebuild_would_leave_them(person) as alerts:
        young_person_update(actor=None, young_person=person, version=person.version,
                            today=today(), team=teams["south"])

    assert set(alerts.after) == set(alerts.before) == {AlertKind.CONTACT_MISSED,
                                                       AlertKind.UNALLOCATED}
    assert {team for _, team in alerts.after.values()} == {teams["south"].pk}


# --- a change saved while the nightly checks run ---------------------------------------------


@pytest.fixture
def fell_due_today(teams, staff):
    """Seen 60 days ago: their visit (every 8 weeks) is overdue, and no alert says so yet, as on
    the morning it falls due before anything has synced their alerts."""
    person = young_person(teams["north"], first_name="Dee", last_name="Due")
    allocate(person, staff["pa"])
    contact(person, staff["pa"], on=days_ago(60))
    PathwayPlanFactory(young_person=person, review_held_on=days_ago(60))
    return person


@pytest.mark.django_db(transaction=True)
def test_a_change_saved_while_the_nightly_checks_run_raises_nothing_twice(staff, fell_due_today):
    with transaction.atomic():
        # A PA asks for an early review: their alerts are synced, not in touch raised with them.
        early_review_request(actor=staff["pa"], young_person=fell_due_today,
                             requested_on=today(), reason="young_person_asked")
        # The nightly checks, on another connection, come to the same young person meanwhile.
        nightly, outcome = in_another_connection(lambda: alerts_sync(on=today()))
        wait_until_another_connection_waits_for_a_lock()
        assert nightly.is_alive(), "the nightly checks wait for the change to commit"
    nightly.join(timeout=10)

    assert "error" not in outcome, outcome.get("error")
    assert sorted(Alert.objects.open().filter(young_person=fell_due_today)
                  .values_list("kind", flat=True)) == sorted(
        [AlertKind.CONTACT_MISSED, AlertKind.PLAN_DUE_SOON])


@pytest.mark.django_db(transaction=True)
def test_a_visit_recorded_while_the_nightly_checks_run_stays_off_the_list(staff, fell_due_today):
    with transaction.atomic():
        # The nightly checks raise not in touch for them, and have not committed yet...
        alerts_sync(on=today())
        # ...when their PA records a visit, on another connection.
        visit, outcome = in_another_connection(lambda: contact_record(
            actor=staff["pa"], young_person=fell_due_today, contact_at=at(days_ago(1)),
            contact_type="home_visit", outcome="seen"))
        wait_until_another_connection_waits_for_a_lock(unless_finished=visit)
    visit.join(timeout=10)

    assert "error" not in outcome, outcome.get("error")
    assert not Alert.objects.open().filter(young_person=fell_due_today).exists()


@pytest.mark.django_db(transaction=True)
def test_a_record_opened_while_the_nightly_checks_run_does_not_wait_for_them(
    staff, fell_due_today
):
    with transaction.atomic():
        alerts_sync(on=today())  # the nightly checks, not committed yet
        opening, outcome = in_another_connection(
            lambda: record_view(staff["pa"], fell_due_today, "record"))
        opening.join(timeout=5)
        assert not opening.is_alive(), "opening a record waits for the nightly checks"

    assert "error" not in outcome, outcome.get("error")
    assert RecordView.objects.filter(young_person=fell_due_today).count() == 1


# --- a fixed number of queries -----------------------------------------------------------------


def test_recording_a_contact_runs_the_same_queries_however_many_others_there_are(
    teams, staff, django_assert_max_num_queries
):
    def never_seen():
        person = young_person(teams["north"])
        allocate(person, staff["pa"])
        PathwayPlanFactory(young_person=person, review_held_on=days_ago(200))
        return person

    def more_young_people(how_many):
        for number in range(how_many):
            person = never_seen()
            if number % 2:
                place(person, "W", start_on=days_ago(2))

    def visit(person):
        contact_record(actor=staff["pa"], young_person=person, contact_at=at(days_ago(1)),
                       contact_type="home_visit", outcome="seen")

    more_young_people(1)
    first = never_seen()
    alerts_sync(on=today())
    with CaptureQueriesContext(connection) as with_one_other:
        visit(first)
    more_young_people(29)
    second = never_seen()
    alerts_sync(on=today())

    # Saving the visit: 1 savepoint; 2-3 its young person and who made it exist; 4-5 the contact
    # and its history row. Their standing, in a savepoint (6): 7 the young person locked; 8 the
    # young person with everything their facts look at; 9-10 when a needs assessment is due
    # (plan dates with the last assessment, status changes); 11 the keep-in-touch standards;
    # 12 the leave to remain they hold (someone with a place adds its expected release from
    # custody); 13 the standing written; 14 released. Their alerts, in a savepoint (15): 16 the
    # young person and their team, locked; then for each kind of alert its condition and the
    # open alerts of that kind, locked: 17-18 review overdue (plan dates), 19-20 due soon (plan
    # dates), 21-22 plan sent back (returned plans), 23-25 needs assessment, 26-28 not in touch
    # (statuses, their standing; then the alert resolved), 29-30 no PA, 31-32 placement needing
    # a manager, 33-34 immigration decision, 35-36 leave to remain ending, 37-38 release from
    # custody; 39-40 the two savepoints released.
    with django_assert_max_num_queries(40) as with_thirty_others:
        visit(second)

    assert len(with_thirty_others) == len(with_one_other)
    for person in (first, second):
        assert set(open_for(person)) == {AlertKind.PLAN_OVERDUE}  # not in touch cleared


# --- many changes at once ------------------------------------------------------------------------


def test_changes_collected_refresh_each_young_person_once_on_the_way_out(staff, teams, others):
    people = [young_person(teams["north"]) for _ in range(3)]
    for person in people:
        allocate(person, staff["pa"])
    alerts_sync(on=today())
    assert all(AlertKind.CONTACT_MISSED in open_for(person) for person in people)

    with changes_collected():
        for person in people:
            contact_record(actor=staff["pa"], young_person=person, contact_at=at(days_ago(1)),
                           contact_type="home_visit", outcome="seen")
        # Nothing is refreshed row by row: an import of thousands stays one pass.
        assert all(AlertKind.CONTACT_MISSED in open_for(person) for person in people)

    assert not any(AlertKind.CONTACT_MISSED in open_for(person) for person in people)
    assert AlertKind.CONTACT_MISSED in open_for(others)  # nobody else's alerts touched
    rebuilt = alerts_sync(on=today())
    assert (rebuilt.raised, rebuilt.resolved) == ([], [])


def test_changes_collected_in_work_that_fails_refresh_nothing(staff, teams):
    person = young_person(teams["north"])
    allocate(person, staff["pa"])
    alerts_sync(on=today())

    with pytest.raises(ValueError), transaction.atomic(), changes_collected():
        contact_record(actor=staff["pa"], young_person=person, contact_at=at(days_ago(1)),
                       contact_type="home_visit", outcome="seen")
        raise ValueError("a later row is wrong")

    assert person.contacts.count() == 0
    assert AlertKind.CONTACT_MISSED in open_for(person)
