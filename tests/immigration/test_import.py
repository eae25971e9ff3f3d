"""immigration.csv in `import_records`: through the same service as the form, all or nothing,
and the same file twice changes nothing."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command

from alerts.models import Alert, AlertKind
from immigration.models import ImmigrationRecord

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 3, 3, 15, 0, tzinfo=ZoneInfo("Europe/London"))

BASE = {
    "teams.csv": "team_id,name\nnorth,North team\n",
    "staff.csv": ("username,full_name,email,role,team_id\n"
                  "mgreen,Morgan Green,mgreen@council.example,team_manager,north\n"),
    "young_people.csv": (
        "person_id,first_name,last_name,date_of_birth,sex,ethnicity,uasc,team_id\n"
        "YP-1,Dawit,Testperson,2006-09-01,M,BAFR,Y,north\n"
        "YP-2,Ben,Example,2005-01-15,M,WBRI,N,north\n"
        "YP-3,Aram,Example,2007-04-10,M,OOTH,Y,north\n"
    ),
}
# Out of date order: each young person's positions load oldest first.
IMMIGRATION = """\
person_id,since,stage,leave_kind,leave_granted_on,leave_expires_on,appeal_lodged_on,\
appeal_decided_on,home_office_reference,solicitor,solicitor_contact
YP-1,2024-11-02,leave_granted,refugee,2024-11-02,2026-05-01,,,H1234567,Amna Patel,0113 496 0000
YP-1,2023-06-10,waiting,,,,,,H1234567,Amna Patel,
YP-3,2025-08-01,appealing,,,,2025-08-01,,H7654321,,
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


def positions(person_id):
    return list(ImmigrationRecord.objects.filter(young_person__person_id=person_id)
                .order_by("since").values_list("since", "stage", "leave_expires_on"))


def test_positions_are_imported_with_counts(tmp_path):
    out = run(write(tmp_path, **{"immigration.csv": IMMIGRATION}))

    assert "immigration.csv: 3 rows (3 added, 0 updated, 0 unchanged)" in out
    assert positions("YP-1") == [(date(2023, 6, 10), "waiting", None),
                                 (date(2024, 11, 2), "leave_granted", date(2026, 5, 1))]
    assert positions("YP-3") == [(date(2025, 8, 1), "appealing", None)]


def test_an_imported_decision_is_already_seen_and_leave_ending_soon_is_on_the_list(tmp_path):
    run(write(tmp_path, **{"immigration.csv": IMMIGRATION}))

    assert not ImmigrationRecord.objects.filter(decision_seen_at__isnull=True,
                                                stage="leave_granted").exists()
    assert set(Alert.objects.open().filter(young_person__person_id="YP-1")
               .values_list("kind", flat=True)) >= {AlertKind.LEAVE_ENDS_SOON}
    assert not Alert.objects.filter(kind=AlertKind.IMMIGRATION_DECISION).exists()


def test_importing_the_same_file_again_changes_nothing(tmp_path):
    folder = write(tmp_path, **{"immigration.csv": IMMIGRATION})
    run(folder)
    before = ImmigrationRecord.history.count()

    out = run(folder)

    assert "immigration.csv: 3 rows (0 added, 0 updated, 3 unchanged)" in out
    assert ImmigrationRecord.history.count() == before


def test_a_changed_row_updates_through_the_service(tmp_path):
    run(write(tmp_path, **{"immigration.csv": IMMIGRATION}))

    out = run(write(tmp_path, **{"immigration.csv": IMMIGRATION.replace(
        "2024-11-02,2026-05-01", "2024-11-02,2029-11-01")}))

    assert "immigration.csv: 3 rows (0 added, 1 updated, 2 unchanged)" in out
    assert positions("YP-1")[-1] == (date(2024, 11, 2), "leave_granted", date(2029, 11, 1))
    assert not Alert.objects.open().filter(kind=AlertKind.LEAVE_ENDS_SOON).exists()


def test_any_bad_row_imports_nothing_and_every_error_is_listed(tmp_path):
    bad = IMMIGRATION + (
        "YP-2,2025-01-01,waiting,,,,,,,,\n"  # not recorded as UASC
        "YP-3,2025-09-01,leave_granted,refugee,2025-09-01,2025-08-01,,,,,\n"
        "YP-3,2025-10-01,appeal_rights_exhausted,,,,2025-10-01,2025-09-01,,,\n"
        "YP-3,2025-11-01,granted,,,,,,,,\n"
    )

    errors = run_failing(write(tmp_path, **{"immigration.csv": bad}))

    assert errors == [
        "immigration.csv:5: person_id: They are not recorded as an unaccompanied asylum-seeking "
        "young person: change their details first",
        "immigration.csv:6: leave_expires_on: The date their leave ends must be after it was "
        "granted",
        "immigration.csv:7: appeal_decided_on: The date the appeal was decided must be on or "
        "after it was lodged",
        "immigration.csv:8: stage: 'granted' is not a stage (not_claimed, waiting, refused, "
        "appealing, appeal_rights_exhausted, leave_granted)",
    ]
    assert not ImmigrationRecord.objects.exists()
