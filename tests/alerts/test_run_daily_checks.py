"""`run_daily_checks [--on YYYY-MM-DD]` (INTERFACES.md §5) and the nightly Celery task."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.management import CommandError, call_command

from alerts.tasks import run_daily_checks
from careleavers.services import young_person_create
from eligibility.models import StatusChange, StatutoryStatus
from eligibility.services import care_period_add
from standing.models import Standing

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
EVE_OF_18TH = date(2026, 3, 3)
BIRTHDAY_18 = date(2026, 3, 4)


@pytest.fixture
def turning_18(teams):
    """Two 17-year-olds who turn 18 tomorrow: one still in care (eligible), one who left care
    at 17 (relevant)."""
    people = {}
    with time_machine.travel(datetime(2026, 3, 3, 9, 0, tzinfo=LONDON), tick=False):
        for person_id, end_on in (("EL-1", None), ("RE-1", date(2025, 12, 31))):
            young_person = young_person_create(
                actor=None, today=EVE_OF_18TH, person_id=person_id, first_name="Test",
                last_name=person_id, date_of_birth=date(2008, 3, 4), sex="F",
                ethnicity="WBRI", team=teams["north"],
            )
            care_period_add(actor=None, young_person=young_person, start_on=date(2024, 1, 1),
                            end_on=end_on, today=EVE_OF_18TH)
            people[person_id] = young_person
    assert status("EL-1") == "eligible" and status("RE-1") == "relevant"
    return people


def status(person_id):
    return StatutoryStatus.objects.get(young_person__person_id=person_id).status


def run(*args) -> str:
    out = StringIO()
    call_command("run_daily_checks", *args, stdout=out)
    return out.getvalue()


def test_on_the_18th_birthday_eligible_and_relevant_become_former_relevant(turning_18):
    out = run("--on", BIRTHDAY_18.isoformat())

    assert status("EL-1") == "former_relevant"
    assert status("RE-1") == "former_relevant"
    assert "Daily checks for 2026-03-04" in out
    assert "Statuses changed: 2" in out
    assert "EL-1: Eligible -> Former relevant" in out
    assert "RE-1: Relevant -> Former relevant" in out


def test_each_change_of_status_is_kept_with_its_date_and_reason(turning_18):
    run("--on", BIRTHDAY_18.isoformat())

    change = StatusChange.objects.filter(young_person__person_id="EL-1").latest("pk")
    assert (change.previous_status, change.status) == ("eligible", "former_relevant")
    assert change.effective_on == BIRTHDAY_18
    assert change.recorded_by is None
    assert "day before turning 18" in change.reason
    assert StatutoryStatus.objects.get(young_person__person_id="EL-1").since == BIRTHDAY_18


def test_running_twice_for_one_date_changes_nothing_the_second_time(turning_18):
    run("--on", BIRTHDAY_18.isoformat())
    changes = StatusChange.objects.count()
    statuses = list(StatutoryStatus.objects.order_by("pk").values())

    out = run("--on", BIRTHDAY_18.isoformat())

    assert "Statuses changed: 0" in out
    assert StatusChange.objects.count() == changes
    assert list(StatutoryStatus.objects.order_by("pk").values()) == statuses


def test_the_day_before_the_birthday_nothing_moves(turning_18):
    out = run("--on", EVE_OF_18TH.isoformat())

    assert "Statuses changed: 0" in out
    assert status("EL-1") == "eligible"


def test_without_a_date_it_runs_for_today(turning_18):
    with time_machine.travel(datetime(2026, 3, 4, 2, 0, tzinfo=LONDON), tick=False):
        out = run()

    assert "Daily checks for 2026-03-04" in out
    assert status("EL-1") == "former_relevant"


def test_a_date_that_is_not_iso_is_refused(turning_18):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--on", "04/03/2026")


def test_the_nightly_task_runs_the_same_checks(turning_18):
    result = run_daily_checks.apply(args=[BIRTHDAY_18.isoformat()]).get()

    assert (result["on"], result["statuses_changed"]) == ("2026-03-04", 2)
    assert status("EL-1") == "former_relevant"
    assert run_daily_checks.apply(args=[BIRTHDAY_18.isoformat()]).get()["statuses_changed"] == 0


def test_the_nightly_task_defaults_to_today(turning_18):
    with time_machine.travel(datetime(2026, 3, 4, 2, 0, tzinfo=LONDON), tick=False):
        result = run_daily_checks.apply().get()

    assert (result["on"], result["statuses_changed"]) == ("2026-03-04", 2)


def test_celery_beat_runs_the_task_every_night():
    assert settings.CELERY_BEAT_SCHEDULE["daily-checks"]["task"] == run_daily_checks.name


def test_verify_names_each_standing_the_night_mended_and_the_facts_that_moved(turning_18):
    # Someone's standing changed behind the service's back (a hand-made database edit).
    Standing.objects.filter(young_person__person_id="RE-1").update(last_in_touch_on=EVE_OF_18TH)

    with time_machine.travel(datetime(2026, 3, 4, 2, 0, tzinfo=LONDON), tick=False):
        out = run("--verify")
        again = run("--verify")

    assert "Standings brought up to date: 2" in out
    listed = mended(out)
    # Both turned 18: their status moved; the edit is put back from the records.
    assert "status" in listed["EL-1"]
    assert "last_in_touch_on" in listed["RE-1"]
    assert Standing.objects.get(young_person__person_id="RE-1").last_in_touch_on is None
    assert "Standings brought up to date: 0" in again
    assert mended(again) == {}


def mended(out: str) -> dict[str, list[str]]:
    """The young people `--verify` lists under "Standings brought up to date", with their facts."""
    section = out.split("Standings brought up to date")[1].split("Alerts raised")[0]
    return {person: facts.split(", ") for person, facts in
            (line.strip().split(": ", 1) for line in section.splitlines()[1:] if line.strip())}


def test_the_nightly_task_says_which_facts_it_mended(turning_18):
    with time_machine.travel(datetime(2026, 3, 4, 2, 0, tzinfo=LONDON), tick=False):
        result = run_daily_checks.apply().get()

    assert result["standings_mended"] == 2
    assert result["standing_facts_moved"]["status"] == 2
