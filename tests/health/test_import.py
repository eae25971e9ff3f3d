"""health.csv in `import_records`: through the same services as the forms, all or nothing, and
the same file twice changes nothing."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command

from careleavers.models import YoungPerson
from health.models import Child, HealthRecord

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 3, 3, 15, 0, tzinfo=ZoneInfo("Europe/London"))

BASE = {
    "teams.csv": "team_id,name\nnorth,North team\n",
    "staff.csv": ("username,full_name,email,role,team_id\n"
                  "mgreen,Morgan Green,mgreen@council.example,team_manager,north\n"),
    "young_people.csv": (
        "person_id,first_name,last_name,date_of_birth,sex,ethnicity,team_id\n"
        "YP-1,Amara,Testperson,2005-09-01,F,BAFR,north\n"
        "YP-2,Ben,Example,2005-01-15,M,WBRI,north\n"
        "YP-3,Cal,Sample,2006-02-02,M,WBRI,north\n"
    ),
}
HEALTH = """\
person_id,gp_registered,gp_practice,dentist_registered,dentist_practice,health_history_given_on,disability,disability_details,child_date_of_birth
YP-1,Y,Canal Street Surgery,Y,Smile Dental,2024-08-30,N,,2025-06-14
YP-2,N,,,,,Y,Partially sighted,
YP-3,,,,,,,,
"""


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def write(directory, **files):
    for name, text in {**BASE, **files}.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def run(directory) -> str:
    out = StringIO()
    call_command("import_records", str(directory), stdout=out, stderr=StringIO())
    return out.getvalue()


def run_failing(directory) -> list[str]:
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_records", str(directory), stdout=StringIO(), stderr=err)
    return err.getvalue().splitlines()


def test_health_records_and_a_child_are_imported(tmp_path):
    out = run(write(tmp_path, **{"health.csv": HEALTH}))

    assert "health.csv: 3 rows (2 added, 0 updated, 1 unchanged)" in out
    amara = HealthRecord.objects.get(young_person__person_id="YP-1")
    assert (amara.gp_registered, amara.gp_practice, amara.dentist_practice,
            amara.history_given_on, amara.disability) == (
        "yes", "Canal Street Surgery", "Smile Dental", date(2024, 8, 30), "no")
    assert list(Child.objects.values_list("young_person__person_id", "born_on")) == [
        ("YP-1", date(2025, 6, 14))]
    ben = HealthRecord.objects.get(young_person__person_id="YP-2")
    assert (ben.gp_registered, ben.dentist_registered, ben.disability,
            ben.disability_details) == ("no", "not_known", "yes", "Partially sighted")
    assert YoungPerson.objects.get(person_id="YP-2").disability is True
    assert not HealthRecord.objects.filter(young_person__person_id="YP-3").exists()


def test_the_same_file_again_changes_nothing(tmp_path):
    write(tmp_path, **{"health.csv": HEALTH})
    run(tmp_path)

    out = run(tmp_path)

    assert "health.csv: 3 rows (0 added, 0 updated, 3 unchanged)" in out
    assert HealthRecord.objects.get(young_person__person_id="YP-1").version == 1
    assert Child.objects.count() == 1


def test_a_change_in_the_file_updates_the_record_and_keeps_the_last_in_its_history(tmp_path):
    run(write(tmp_path, **{"health.csv": HEALTH}))

    out = run(write(tmp_path, **{"health.csv": HEALTH.replace("Y,Smile Dental", "N,")}))

    assert "health.csv: 3 rows (0 added, 1 updated, 2 unchanged)" in out
    amara = HealthRecord.objects.get(young_person__person_id="YP-1")
    assert (amara.dentist_registered, amara.version) == ("no", 2)
    assert amara.history.count() == 2


def test_any_bad_row_imports_nothing_and_every_error_is_listed(tmp_path):
    bad = HEALTH + ("YP-9,Y,Somewhere,,,,,,\n"
                    "YP-3,Y,,,,2099-01-01,maybe,,2026-13-01\n")

    errors = run_failing(write(tmp_path, **{"health.csv": bad}))

    assert "health.csv:5: person_id: Unknown young person 'YP-9': not in young_people.csv and " \
           "not already here" in errors
    assert "health.csv:6: person_id: The same record is on line 4" in errors
    assert not YoungPerson.objects.exists()
    assert not HealthRecord.objects.exists() and not Child.objects.exists()


def test_what_the_service_refuses_is_reported_against_the_files_columns(tmp_path):
    bad = HEALTH.replace("YP-3,,,,,,,,", "YP-3,Y,,,,2099-01-01,maybe,,2026-12-01")

    errors = run_failing(write(tmp_path, **{"health.csv": bad}))

    assert "health.csv:4: disability: 'maybe' must be Y, N or blank (not known)" in errors
    fixed = bad.replace("maybe", "N")
    errors = run_failing(write(tmp_path, **{"health.csv": fixed}))
    assert any(line.startswith("health.csv:4: gp_practice: Enter the name") for line in errors)
    assert any(line.startswith("health.csv:4: health_history_given_on: ") for line in errors)
    assert not HealthRecord.objects.exists() and not Child.objects.exists()


def test_a_childs_date_of_birth_in_the_future_is_refused(tmp_path):
    bad = HEALTH.replace("2025-06-14", "2026-12-01")

    errors = run_failing(write(tmp_path, **{"health.csv": bad}))

    assert ("health.csv:2: child_date_of_birth: The child’s date of birth must be today or in "
            "the past") in errors
    assert not Child.objects.exists()
