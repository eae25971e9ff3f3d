"""plans.csv in `import_records` (INTERFACES.md §1): plans and reviews from the previous case
system, through the same services as the app, all or nothing."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command

from careleavers.models import YoungPerson
from pathways.models import EarlyReview, PathwayPlan, PlanState
from pathways.rules import PlanStanding
from pathways.selectors import plan_standings
from pathways.services import plan_start
from tests.pathways.plan_setup import snapshot

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 3, 3, 15, 0, tzinfo=ZoneInfo("Europe/London"))
LONDON = ZoneInfo("Europe/London")

CASELOAD = {
    "teams.csv": "team_id,name\nnorth,North team\nsouth,South team\n",
    "staff.csv": """\
username,full_name,email,role,team_id
ppatel,Pat Patel,ppatel@council.example,personal_adviser,north
tnguyen,Tam Nguyen,tnguyen@council.example,personal_adviser,north
mgreen,Morgan Green,mgreen@council.example,team_manager,north
kblue,Kit Blue,,team_manager,south
dduty,Dee Duty,,duty_manager,
""",
    "young_people.csv": """\
person_id,first_name,last_name,date_of_birth,sex,ethnicity,team_id
YP-1,Benjamin,Example,2006-01-15,M,WBRI,north
YP-2,Amara,Testperson,2008-09-01,F,BAFR,north
YP-3,Cal,Sample,2007-02-10,M,MWBC,north
""",
    "care_periods.csv": """\
person_id,start_date,end_date
YP-1,2019-05-01,2024-01-14
YP-2,2025-08-01,
YP-3,2020-01-01,2025-02-09
""",
    # Out of order, and submitted_on left out for YP-3 (= the day the review was held).
    "plans.csv": """\
person_id,author_username,review_held_on,submitted_on,authorised_on,authorised_by,next_review_due
YP-1,ppatel,2025-09-08,2025-09-10,2025-09-15,dduty,2026-01-08
YP-2,tnguyen,2026-02-20,2026-02-24,,,
YP-1,ppatel,2025-03-10,2025-03-12,2025-03-20,mgreen,
YP-3,ppatel,2025-09-25,,2025-10-03,mgreen,
""",
}


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def write(directory, files):
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def run(directory) -> str:
    out, err = StringIO(), StringIO()
    call_command("import_records", str(directory), stdout=out, stderr=err)
    assert err.getvalue() == ""
    return out.getvalue()


def run_failing(directory) -> list[str]:
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_records", str(directory), stdout=StringIO(), stderr=err)
    return err.getvalue().splitlines()


def plans_of(person_id):
    return list(PathwayPlan.objects.filter(young_person__person_id=person_id)
                .select_related("author", "decided_by").order_by("number"))


def test_plans_are_imported_as_versions_in_the_order_they_were_reviewed(
    tmp_path, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        out = run(write(tmp_path, CASELOAD))

    assert "plans.csv: 4 rows (4 added, 0 updated, 0 unchanged)" in out
    first, second = plans_of("YP-1")
    assert (first.number, first.review_held_on, first.state) == (
        1, date(2025, 3, 10), PlanState.AUTHORISED)
    assert (first.author.username, first.decided_by.username) == ("ppatel", "mgreen")
    assert first.submitted_at.astimezone(LONDON) == datetime(2025, 3, 12, 12, tzinfo=LONDON)
    assert first.decided_at.astimezone(LONDON) == datetime(2025, 3, 20, 12, tzinfo=LONDON)
    assert (second.number, second.based_on, second.decided_by.username) == (2, first, "dduty")
    assert second.next_review_requested_on == date(2026, 1, 8)
    assert second.next_review_due == date(2026, 1, 8)
    # Imported plans bring dates, not text.
    assert not any(section.is_filled for section in second.sections.all())
    # Nobody is emailed about decisions made in the previous system.
    assert mailoutbox == [] and callbacks == []


def test_a_plan_awaiting_authorisation_is_imported_as_sent(tmp_path):
    run(write(tmp_path, CASELOAD))

    (waiting,) = plans_of("YP-2")
    assert waiting.state == PlanState.SUBMITTED
    assert waiting.decided_at is None and waiting.decided_by is None
    assert waiting.submitted_at.astimezone(LONDON) == datetime(2026, 2, 24, 12, tzinfo=LONDON)
    (same_day,) = plans_of("YP-3")
    assert same_day.submitted_at.date() == date(2025, 9, 25)


def test_imported_plans_give_the_plan_status_the_rules_say(tmp_path):
    run(write(tmp_path, CASELOAD))

    standings = plan_standings(YoungPerson.objects.all(), on=TODAY.date())

    by_id = {YoungPerson.objects.get(pk=pk).person_id: s for pk, s in standings.items()}
    assert by_id == {
        "YP-1": PlanStanding.OVERDUE,  # the earlier date set at the review: 8 January
        "YP-2": PlanStanding.NONE,  # waiting for authorisation does not count yet
        "YP-3": PlanStanding.DUE_WITHIN_28_DAYS,  # 25 September + 6 months = 25 March
    }


def test_importing_the_same_files_again_changes_nothing(tmp_path):
    write(tmp_path, CASELOAD)
    run(tmp_path)
    before = snapshot()

    out = run(tmp_path)

    assert snapshot() == before
    assert "plans.csv: 4 rows (0 added, 0 updated, 4 unchanged)" in out


def test_a_plan_waiting_in_one_file_and_authorised_in_the_next_is_authorised(tmp_path):
    run(write(tmp_path, CASELOAD))
    later = CASELOAD["plans.csv"].replace(
        "YP-2,tnguyen,2026-02-20,2026-02-24,,,", "YP-2,tnguyen,2026-02-20,2026-02-24,2026-03-02,"
                                                "mgreen,")

    out = run(write(tmp_path, {"plans.csv": later}))

    assert "plans.csv: 4 rows (0 added, 1 updated, 3 unchanged)" in out
    (plan,) = plans_of("YP-2")
    assert (plan.state, plan.decided_by.username) == (PlanState.AUTHORISED, "mgreen")


def test_a_review_in_the_app_starts_from_the_imported_plan(tmp_path, django_user_model):
    run(write(tmp_path, CASELOAD))
    pat = django_user_model.objects.get(username="ppatel")

    plan = plan_start(actor=pat, young_person=YoungPerson.objects.get(person_id="YP-1"))

    assert plan.number == 3 and plan.based_on.review_held_on == date(2025, 9, 8)


def test_bad_rows_are_each_listed_and_nothing_is_imported(tmp_path):
    bad = """\
person_id,author_username,review_held_on,submitted_on,authorised_on,authorised_by,next_review_due
YP-9,ppatel,2025-03-10,,,,
YP-1,nobody,2025-03-10,,,,
YP-1,ppatel,2026-03-04,,,,
YP-1,ppatel,2025-01-10,2025-01-09,,,
YP-1,ppatel,2025-02-10,2025-02-11,2025-02-10,mgreen,
YP-1,ppatel,2025-04-10,,2025-04-12,,
YP-1,ppatel,2025-05-10,,,mgreen,
YP-1,ppatel,2025-06-10,,2025-06-11,tnguyen,
YP-1,ppatel,2025-07-10,,2025-07-11,ppatel,
YP-1,ppatel,2025-08-10,,2025-08-11,kblue,
YP-1,ppatel,2025-08-31,,2025-09-01,mgreen,2026-03-01
YP-1,ppatel,2025-08-31,,2025-09-01,mgreen,
YP-2,tnguyen,2025-10-01,,,,
YP-2,tnguyen,2026-01-10,,,,
YP-3,ppatel,2025-10-01,,2025-10-0X,mgreen,
"""
    errors = run_failing(write(tmp_path, {**CASELOAD, "plans.csv": bad}))

    assert errors == [
        "plans.csv:2: person_id: Unknown young person 'YP-9': not in young_people.csv and not "
        "already here",
        "plans.csv:3: author_username: Unknown member of staff 'nobody': not in staff.csv and "
        "not already here",
        "plans.csv:4: review_held_on: The date the review was held must be today or in the past",
        "plans.csv:5: submitted_on: A plan cannot be sent for authorisation before its review "
        "was held",
        "plans.csv:6: authorised_on: A plan cannot be authorised before it was sent",
        "plans.csv:7: authorised_by: Enter who authorised the plan",
        "plans.csv:8: authorised_on: Enter the date it was authorised, or leave authorised_by "
        "blank for a plan awaiting authorisation",
        "plans.csv:9: authorised_by: Only a team manager or a duty manager can authorise a plan",
        "plans.csv:10: authorised_by: You cannot authorise a plan you wrote, changed or sent "
        "for authorisation: another manager must decide it",
        "plans.csv:11: authorised_by: Only a manager of the young person's team (North team), "
        "or a duty manager, can authorise this plan",
        "plans.csv:12: next_review_due: The next review must be due within 6 months of this "
        "one, by 28 February 2026",
        "plans.csv:13: review_held_on: The same record is on line 12",
        "plans.csv:14: authorised_on: Only the latest plan can be awaiting authorisation: a "
        "later review is on line 15",
        "plans.csv:16: authorised_on: '2025-10-0X' is not a real date as YYYY-MM-DD",
    ]
    assert PathwayPlan.objects.count() == 0
    assert EarlyReview.objects.count() == 0
    assert YoungPerson.objects.count() == 0
