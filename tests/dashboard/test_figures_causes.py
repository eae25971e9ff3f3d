"""The figures behind the board's questions (DOMAIN.md §5) beyond INTERFACES.md §3: why plans
are overdue, needs assessments overdue, what 17-18 and 22-25 year olds do and why some do
nothing, changes of Personal Adviser, and how long plans wait to be authorised. On the known
caseload of tests/dashboard/caseload.py."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from advisers.services import adviser_allocate
from alerts.alerts import needs_assessment_overdue
from careleavers.models import User, YoungPerson
from dashboard.figures import figures_for, pks_behind
from eet.services import activity_record
from pathways.models import PathwayPlan, Section
from pathways.services import plan_authorise, plan_start, plan_submit, plan_update
from tests.advisers.people import young_person
from tests.dashboard.caseload import load_caseload
from tests.factories import PathwayPlanFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def caseload(tmp_path):
    with time_machine.travel(datetime(2026, 3, 3, 15, 0, tzinfo=LONDON), tick=False):
        load_caseload(tmp_path)


def person(person_id):
    return YoungPerson.objects.get(person_id=person_id)


def user(username):
    return User.objects.get(username=username)


def ids(pks) -> set[str]:
    return set(YoungPerson.objects.filter(pk__in=pks).values_list("person_id", flat=True))


def behind(key, on) -> set[str]:
    return ids(pks_behind(key, on))


def eli_review_held_on_20_march(*, submit_on=None, authorise_on=None) -> PathwayPlan:
    """Eli's review (due 1 December) is finally held on 20 March and written up later."""
    with time_machine.travel(datetime(2026, 3, 20, 15, 0, tzinfo=LONDON), tick=False):
        plan = plan_start(actor=user("tnguyen"), young_person=person("YP-5"))
        plan = plan_update(
            actor=user("tnguyen"), plan=plan, version=plan.version,
            review_held_on=date(2026, 3, 20),
            sections={Section.HEALTH: {"plan_text": "Sees the prison GP each month"}},
        )
    if submit_on:
        with time_machine.travel(datetime.combine(submit_on, datetime.min.time(), LONDON)
                                 .replace(hour=9)):
            plan = plan_submit(actor=user("tnguyen"), plan=plan, version=plan.version)
    if authorise_on:
        with time_machine.travel(datetime.combine(authorise_on, datetime.min.time(), LONDON)
                                 .replace(hour=11)):
            plan = plan_authorise(actor=user("mgreen"), plan=plan, notify=False)
    return plan


def test_overdue_plans_are_split_by_why_and_the_causes_add_up(caseload):
    eli_review_held_on_20_march(submit_on=date(2026, 3, 24))
    causes = ("overdue_awaiting_authorisation", "overdue_review_not_recorded",
              "overdue_not_held")

    # Before the review: Eli's is overdue and not held.
    assert behind("pathway_plans.overdue_not_held", date(2026, 3, 19)) == {"YP-5"}
    # Held on 20 March, written up but not sent: a review held and not yet recorded.
    assert behind("pathway_plans.overdue_review_not_recorded", date(2026, 3, 22)) == {"YP-5"}
    # Sent on 24 March: now waiting for a manager. Ben's (due 20 March) was never held.
    on = date(2026, 3, 25)
    assert behind("pathway_plans.overdue_awaiting_authorisation", on) == {"YP-5"}
    assert behind("pathway_plans.overdue_not_held", on) == {"YP-2"}
    for day in (date(2026, 3, 19), date(2026, 3, 22), on):
        plans = figures_for(day)["pathway_plans"]
        assert sum(plans[cause] for cause in causes) == plans["overdue"]


def test_time_to_authorise_is_the_median_wait_of_plans_authorised_in_the_last_28_days(caseload):
    eli_review_held_on_20_march(submit_on=date(2026, 3, 21), authorise_on=date(2026, 3, 26))

    authorisation = figures_for(date(2026, 3, 27))["authorisation"]

    assert authorisation == {"waiting": 1, "authorised_last_28_days": 1,
                             "median_days_to_authorise": 5}
    assert behind("authorisation.waiting", date(2026, 3, 27)) == {"YP-3"}
    assert behind("authorisation.waiting", date(2026, 3, 23)) == {"YP-3", "YP-5"}
    # 28 days later it has dropped out of the measure.
    assert figures_for(date(2026, 4, 23))["authorisation"]["median_days_to_authorise"] is None


def test_needs_assessments_overdue_are_the_ones_the_nightly_alert_raises(caseload):
    on = date(2026, 6, 10)

    overdue = pks_behind("needs_assessments.overdue", on)

    # Amara became eligible when her status was first worked out on 3 March: her assessment was
    # due by 3 June and none is recorded.
    assert ids(overdue) == {"YP-1"}
    assert overdue == set(needs_assessment_overdue(YoungPerson.objects.all(), on))
    assert figures_for(date(2026, 5, 1))["needs_assessments"]["overdue"] == 0


def test_not_in_education_employment_or_training_by_reason_in_each_age_band(caseload):
    with time_machine.travel(datetime(2026, 3, 3, 15, 0, tzinfo=LONDON), tick=False):
        activity_record(actor=user("ppatel"), young_person=person("YP-6"),
                        start_on=date(2026, 3, 1), activity_code="G4")
        activity_record(actor=user("ppatel"), young_person=person("YP-5"),
                        start_on=date(2026, 3, 1), activity_code="G6")

    figures = figures_for(date(2026, 3, 3))

    assert figures["eet_17_18"] == {
        "cohort": 2, "in_eet": 0, "neet": 2, "not_recorded": 0,
        "neet_illness_or_disability": 1, "neet_pregnancy_or_parenting": 1, "neet_other": 0,
    }
    assert behind("eet_17_18.neet_illness_or_disability", date(2026, 3, 3)) == {"YP-6"}
    # Cal, 21, looking for work, is counted among 19 to 21 year olds, not 22 to 25.
    assert figures["eet_19_21"]["neet_other"] == 1
    assert figures["eet_22_25"]["cohort"] == 0


def test_a_change_of_personal_adviser_counts_for_12_months(caseload):
    with time_machine.travel(datetime(2026, 3, 3, 15, 0, tzinfo=LONDON), tick=False):
        adviser_allocate(actor=user("mgreen"), young_person=person("YP-2"),
                         adviser=user("tnguyen"), start_on=date(2026, 3, 1),
                         reason="Pat's caseload is full")

    assert behind("stability.pa_changed_12_months", date(2026, 3, 3)) == {"YP-2"}
    assert behind("stability.pa_changed_12_months", date(2027, 3, 1)) == set()
    # Eli's first Personal Adviser (10 March) is not a change.
    assert behind("stability.pa_changed_12_months", date(2026, 3, 25)) == {"YP-2"}


def test_plans_authorised_lately_are_counted_by_the_day_in_london(teams):
    """On 30 June (summer time), a plan authorised at 00:30 on 3 June London time is within the
    28 days, and one at 23:30 on 2 June is not, though both are 2 June in UTC."""
    on = date(2026, 6, 30)
    london = ZoneInfo("Europe/London")
    for hour, minute, day in ((0, 30, 3), (23, 30, 2), (23, 59, 30)):
        decided = datetime(2026, 6, day, hour, minute, tzinfo=london)
        PathwayPlanFactory(young_person=young_person(teams["north"]), number=1,
                           submitted_at=decided - timedelta(days=4), decided_at=decided,
                           review_held_on=date(2026, 5, 20))

    authorised = figures_for(on)["authorisation"]
    assert authorised["authorised_last_28_days"] == 2
    assert authorised["median_days_to_authorise"] == 4
