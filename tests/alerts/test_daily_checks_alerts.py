"""The nightly checks raise an alert for each condition of DOMAIN.md §2 and resolve it the day the
condition clears; running them twice for one date changes nothing."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from accommodation.models import PlacementAlert
from accommodation.services import placement_alert_acknowledge
from advisers.services import adviser_allocate, contact_record
from alerts.alerts import alerts_sync
from alerts.models import Alert, AlertKind
from careleavers.services import young_person_create
from eligibility.rules import Status
from eligibility.services import care_period_add
from pathways.models import NeedsAssessment
from tests.accommodation.places import place
from tests.advisers.people import allocate, at, contact, days_ago, today, young_person
from tests.alerts.people import eligible_and_never_assessed
from tests.factories import PathwayPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def well(teams, staff):
    """A former relevant young person with nothing to do: a PA, seen a week ago, and a plan
    reviewed 60 days ago."""
    person = young_person(teams["north"], first_name="Ada", last_name="Well")
    allocate(person, staff["pa"])
    contact(person, staff["pa"], on=days_ago(7))
    PathwayPlanFactory(young_person=person, number=1, review_held_on=days_ago(60))
    return person


def open_kinds(person) -> set[str]:
    return set(Alert.objects.open().filter(young_person=person).values_list("kind", flat=True))


def test_nothing_is_raised_for_a_young_person_with_nothing_to_do(well):
    alerts_sync(on=today())

    assert open_kinds(well) == set()


def test_overdue_plan_raises_an_alert_that_closes_when_a_new_plan_is_authorised(well):
    PathwayPlanFactory(young_person=well, number=2, review_held_on=days_ago(200))
    well.pathway_plans.filter(number=1).delete()

    alerts_sync(on=today())
    alert = Alert.objects.get(young_person=well)
    assert (alert.kind, alert.raised_on, alert.resolved_on) == (
        AlertKind.PLAN_OVERDUE, today(), None)
    assert alert.team == well.team
    assert alert.detail.startswith("Review due ")

    PathwayPlanFactory(young_person=well, number=3, review_held_on=today())
    changes = alerts_sync(on=today() + timedelta(days=1))

    alert.refresh_from_db()
    assert alert.resolved_on == today() + timedelta(days=1)
    assert changes.resolved == [alert] and changes.raised == []
    assert open_kinds(well) == set()


def test_plan_due_within_28_days_raises_an_alert_that_becomes_overdue_when_the_date_passes(well):
    well.pathway_plans.update(review_held_on=days_ago(170))

    alerts_sync(on=today())
    assert open_kinds(well) == {AlertKind.PLAN_DUE_SOON}

    alerts_sync(on=today() + timedelta(days=40))
    assert open_kinds(well) == {AlertKind.PLAN_OVERDUE}
    assert Alert.objects.get(kind=AlertKind.PLAN_DUE_SOON).resolved_on == (
        today() + timedelta(days=40))


def test_missed_contact_raises_an_alert_that_closes_when_they_are_seen(well, staff):
    well.contacts.all().delete()
    contact(well, staff["pa"], on=days_ago(70))

    alerts_sync(on=today())
    alert = Alert.objects.get(young_person=well)
    assert alert.kind == AlertKind.CONTACT_MISSED
    assert alert.detail == f"Last seen or spoken to {days_ago(70).day} {days_ago(70):%B %Y}"

    contact(well, staff["pa"], on=today())
    alerts_sync(on=today())
    assert open_kinds(well) == set()


def test_a_young_person_never_seen_has_a_missed_contact_alert(well):
    well.contacts.all().delete()

    alerts_sync(on=today())

    assert Alert.objects.get(young_person=well).detail == "Never seen or spoken to"


def test_contacts_after_the_date_checked_do_not_count(well):
    alerts_sync(on=days_ago(30))  # their only contact was a week ago

    assert AlertKind.CONTACT_MISSED in open_kinds(well)


def test_a_phone_call_unanswered_does_not_count_as_in_touch(well, staff):
    well.contacts.all().delete()
    contact(well, staff["pa"], on=days_ago(1), outcome="no_answer", contact_type="phone")

    alerts_sync(on=today())

    assert open_kinds(well) == {AlertKind.CONTACT_MISSED}


def test_no_personal_adviser_raises_an_alert_that_closes_when_one_is_allocated(well, staff):
    well.allocations.all().delete()

    alerts_sync(on=today())
    assert open_kinds(well) == {AlertKind.UNALLOCATED}

    allocate(well, staff["colleague"], start_on=today())
    alerts_sync(on=today())
    assert open_kinds(well) == set()


def test_not_entitled_young_people_raise_no_alerts(teams):
    person = young_person(teams["north"], status=Status.NOT_ENTITLED)

    alerts_sync(on=today())

    assert open_kinds(person) == set()


def test_placement_needing_a_manager_raises_an_alert_until_a_manager_marks_it_seen(well, staff):
    place(well, "W", start_on=days_ago(2))

    alerts_sync(on=today())
    assert open_kinds(well) == {AlertKind.PLACEMENT_NEEDS_MANAGER}
    assert "since" in Alert.objects.get(young_person=well).detail

    placement_alert_acknowledge(actor=staff["manager"],
                                alert=PlacementAlert.objects.get(episode__young_person=well))
    alerts_sync(on=today())
    assert open_kinds(well) == set()


def test_overdue_needs_assessment_raises_an_alert_until_one_is_completed(teams, staff):
    person = eligible_and_never_assessed(teams["north"], staff["pa"])

    alerts_sync(on=today())
    assert open_kinds(person) == {AlertKind.NEEDS_ASSESSMENT_OVERDUE}
    assert "16th birthday" in Alert.objects.get(young_person=person).detail

    NeedsAssessment.objects.create(young_person=person, started_on=days_ago(10),
                                   completed_on=days_ago(1), areas={"health": "Well"})
    alerts_sync(on=today())
    assert open_kinds(person) == set()


def test_running_twice_for_one_date_changes_nothing(well, teams):
    well.contacts.all().delete()
    well.allocations.all().delete()
    young_person(teams["south"])  # never seen, no PA
    first = alerts_sync(on=today())
    rows = list(Alert.objects.order_by("pk").values())

    second = alerts_sync(on=today())

    assert len(first.raised) == 4 and first.resolved == []
    assert second.raised == [] and second.resolved == []
    assert list(Alert.objects.order_by("pk").values()) == rows


def test_a_condition_that_returns_after_clearing_raises_a_new_alert(well, staff):
    well.allocations.all().delete()
    alerts_sync(on=days_ago(10))
    allocate(well, staff["pa"], start_on=days_ago(5), end_on=days_ago(2))
    alerts_sync(on=days_ago(4))
    alerts_sync(on=today())

    alerts = list(Alert.objects.filter(young_person=well, kind=AlertKind.UNALLOCATED)
                  .order_by("pk"))
    assert [(a.raised_on, a.resolved_on) for a in alerts] == [
        (days_ago(10), days_ago(4)), (today(), None)]


def test_a_run_for_an_earlier_date_leaves_later_alerts_alone(well):
    well.allocations.all().delete()
    alerts_sync(on=today())

    alerts_sync(on=days_ago(300))  # before any of it

    alert = Alert.objects.get(young_person=well, kind=AlertKind.UNALLOCATED)
    assert (alert.raised_on, alert.resolved_on) == (today(), None)


def test_run_daily_checks_prints_what_it_raised_and_resolved(teams, staff):
    """A care leaver of 19 recorded as the app records them, through the services: what needs
    doing is raised as the records are saved, and the night raises only what the passing of
    time brings (here, the next visit falling due)."""
    person = young_person_create(
        actor=None, today=today(), person_id="FR-1", first_name="Fran", last_name="Rel",
        date_of_birth=today().replace(year=today().year - 19) - timedelta(days=10), sex="F",
        ethnicity="WBRI", team=teams["north"],
    )
    care_period_add(actor=None, young_person=person, start_on=days_ago(365 * 4),
                    end_on=days_ago(400), today=today())
    assert open_kinds(person) == {AlertKind.CONTACT_MISSED, AlertKind.UNALLOCATED}
    adviser_allocate(actor=staff["manager"], young_person=person, adviser=staff["pa"],
                     start_on=days_ago(60))
    contact_record(actor=staff["pa"], young_person=person, contact_at=at(days_ago(50)),
                   contact_type="home_visit", outcome="seen")
    assert open_kinds(person) == set()
    out = StringIO()

    call_command("run_daily_checks", "--on", (today() + timedelta(days=10)).isoformat(),
                 stdout=out)

    assert "Alerts raised: 1" in out.getvalue()
    assert "FR-1: Not in touch within the standard" in out.getvalue()
    assert "Alerts resolved: 0" in out.getvalue()

    out = StringIO()
    call_command("run_daily_checks", "--on", (today() + timedelta(days=10)).isoformat(),
                 stdout=out)
    assert "Alerts raised: 0" in out.getvalue() and "Alerts resolved: 0" in out.getvalue()
