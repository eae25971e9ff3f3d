"""`import_records DIR [--dry-run]` (INTERFACES.md §1): a caseload from CSV, all or nothing."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command

from accommodation.models import AccommodationEpisode
from advisers.models import Allocation, Contact
from careleavers.models import Team, User, YoungPerson
from eligibility.models import CareFacts, CarePeriod, StatusChange, StatutoryStatus

pytestmark = pytest.mark.django_db

# Mid-afternoon, so a contact dated today is in the past.
TODAY = datetime(2026, 3, 3, 15, 0, tzinfo=ZoneInfo("Europe/London"))

CASELOAD = {
    "teams.csv": """\
team_id,name
north,North team
south,South team
""",
    # Columns in another order than INTERFACES.md lists them: any order is accepted.
    "staff.csv": """\
role,username,full_name,email,team_id,caseload_capacity
personal_adviser,ppatel,Pat Patel,ppatel@council.example,north,18
personal_adviser,tnguyen,Tam Nguyen,,north,
personal_adviser,sjones,Sam Jones,,south,15
team_manager,mgreen,Morgan Green,mgreen@council.example,north,
service_manager,hblack,Harper Black,,,
""",
    "young_people.csv": """\
person_id,first_name,last_name,preferred_name,date_of_birth,sex,ethnicity,upn,uasc,disability,team_id
YP-1,Amara,Testperson,,2008-09-01,F,BAFR,,Y,N,north
YP-2,Benjamin,Example,Ben,2006-01-15,M,WBRI,,,,north
YP-3,Cal,Sample,,2004-06-20,M,MWBC,,N,Y,south
""",
    "care_periods.csv": """\
person_id,start_date,end_date,short_break
YP-1,2025-08-01,,N
YP-2,2019-05-01,2024-01-14,
YP-3,2018-03-01,2022-06-19,N
YP-3,2016-07-01,2016-07-07,Y
""",
    "facts.csv": """\
person_id,in_education_or_training,requested_support_on
YP-3,Y,
""",
    # Out of date order: each young person's allocations load oldest first.
    "allocations.csv": """\
person_id,username,start_date,end_date
YP-2,ppatel,2024-07-01,
YP-2,tnguyen,2023-01-10,2024-06-30
YP-1,ppatel,2025-09-01,
YP-3,sjones,2022-01-01,
""",
    "contacts.csv": """\
person_id,username,contact_date,contact_type,outcome,notes
YP-1,ppatel,2026-02-20,home_visit,seen,"Talked about college, and her cat"
YP-2,ppatel,2026-01-05,phone,attempted,
YP-2,ppatel,2026-01-05,phone,spoke,Rang back later
YP-3,sjones,2026-03-03,office,seen,
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


def run(directory, *args):
    out, err = StringIO(), StringIO()
    call_command("import_records", str(directory), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(directory, *args) -> list[str]:
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_records", str(directory), *args, stdout=StringIO(), stderr=err)
    return err.getvalue().splitlines()


def everything() -> dict[str, int]:
    """How many rows of each kind there are, history included."""
    models = [Team, User, YoungPerson, CarePeriod, CareFacts, StatutoryStatus, StatusChange,
              Allocation, Contact]
    counts = {model.__name__: model.objects.count() for model in models}
    for model in models:
        if hasattr(model, "history"):
            counts[f"{model.__name__} history"] = model.history.count()
    return counts


def status_of(person_id):
    return StatutoryStatus.objects.get(young_person__person_id=person_id).status


def test_a_caseload_is_imported_with_counts_per_file(tmp_path):
    out, err = run(write(tmp_path, CASELOAD))

    assert err == ""
    assert "teams.csv: 2 rows (2 added, 0 updated, 0 unchanged)" in out
    assert "staff.csv: 5 rows (5 added, 0 updated, 0 unchanged)" in out
    assert "young_people.csv: 3 rows (3 added, 0 updated, 0 unchanged)" in out
    assert "care_periods.csv: 4 rows (4 added, 0 updated, 0 unchanged)" in out
    assert "facts.csv: 1 row (1 added, 0 updated, 0 unchanged)" in out
    assert "allocations.csv: 4 rows (4 added, 0 updated, 0 unchanged)" in out
    assert "contacts.csv: 4 rows (4 added, 0 updated, 0 unchanged)" in out


def test_imported_records_are_what_the_files_say(tmp_path):
    run(write(tmp_path, CASELOAD))

    amara = YoungPerson.objects.get(person_id="YP-1")
    assert amara.team.team_id == "north"
    assert amara.date_of_birth == date(2008, 9, 1)
    assert (amara.uasc, amara.disability) == (True, False)
    assert amara.history.count() == 1
    ben = YoungPerson.objects.get(person_id="YP-2")
    assert ben.preferred_name == "Ben"
    assert (ben.uasc, ben.disability) == (False, False)  # blank flags are N

    pat = User.objects.get(username="ppatel")
    assert (pat.role, pat.caseload_capacity) == ("personal_adviser", 18)
    assert [t.team_id for t in pat.teams.all()] == ["north"]
    assert not pat.has_usable_password()
    assert list(User.objects.get(username="hblack").teams.all()) == []

    short_break = CarePeriod.objects.get(young_person__person_id="YP-3", start_on="2016-07-01")
    assert short_break.short_break and short_break.end_on == date(2016, 7, 7)


def test_statuses_are_derived_from_the_imported_history(tmp_path):
    run(write(tmp_path, CASELOAD))

    # 215 days in care, still looked after, aged 17.
    assert status_of("YP-1") == "eligible"
    # Left care the day before turning 18, now 20.
    assert status_of("YP-2") == "former_relevant"
    # Former relevant at 21 and in education.
    assert status_of("YP-3") == "former_relevant_education"
    # Every change of status is kept, with no one as its author: the import made it.
    amara_changes = StatusChange.objects.filter(young_person__person_id="YP-1").order_by("-pk")
    assert amara_changes.first().status == "eligible"
    assert all(change.recorded_by is None for change in amara_changes)


def test_allocations_keep_their_history_and_the_latest_is_current(tmp_path):
    run(write(tmp_path, CASELOAD))

    ben_allocations = Allocation.objects.filter(young_person__person_id="YP-2").order_by("start_on")
    assert [(a.adviser.username, a.start_on, a.end_on, a.end_reason) for a in ben_allocations] == [
        ("tnguyen", date(2023, 1, 10), date(2024, 6, 30), "Imported"),
        ("ppatel", date(2024, 7, 1), None, ""),
    ]
    assert Allocation.objects.filter(end_on__isnull=True).count() == 3


def test_contacts_are_recorded_at_midday_on_their_date(tmp_path):
    run(write(tmp_path, CASELOAD))

    visit = Contact.objects.get(young_person__person_id="YP-1")
    london = ZoneInfo("Europe/London")
    assert visit.contact_at.astimezone(london) == datetime(2026, 2, 20, 12, 0, tzinfo=london)
    assert visit.made_by.username == "ppatel"
    assert visit.notes == "Talked about college, and her cat"
    assert visit.history.count() == 1
    ben_calls = Contact.objects.filter(young_person__person_id="YP-2").order_by("pk")
    assert [c.outcome for c in ben_calls] == ["attempted", "spoke"]


def test_importing_the_same_files_again_changes_nothing(tmp_path):
    write(tmp_path, CASELOAD)
    run(tmp_path)
    before = everything()
    checked = list(StatutoryStatus.objects.values_list("young_person_id", "checked_on", "since"))

    out, _ = run(tmp_path)

    assert everything() == before
    assert list(StatutoryStatus.objects.values_list("young_person_id", "checked_on",
                                                    "since")) == checked
    assert "young_people.csv: 3 rows (0 added, 0 updated, 3 unchanged)" in out
    assert "contacts.csv: 4 rows (0 added, 0 updated, 4 unchanged)" in out


def test_a_changed_row_is_updated_through_the_services_with_history(tmp_path):
    write(tmp_path, CASELOAD)
    run(tmp_path)
    write(tmp_path, {
        # Amara leaves care: her period gets an end date, and she becomes relevant.
        "care_periods.csv": CASELOAD["care_periods.csv"].replace("YP-1,2025-08-01,,N",
                                                                 "YP-1,2025-08-01,2026-03-01,N"),
        "allocations.csv": CASELOAD["allocations.csv"].replace("YP-3,sjones,2022-01-01,",
                                                               "YP-3,sjones,2022-01-01,2026-03-02"),
    })

    out, _ = run(tmp_path)

    assert "care_periods.csv: 4 rows (0 added, 1 updated, 3 unchanged)" in out
    assert "allocations.csv: 4 rows (0 added, 1 updated, 3 unchanged)" in out
    assert status_of("YP-1") == "relevant"
    latest = StatusChange.objects.filter(young_person__person_id="YP-1").latest("pk")
    assert latest.status == "relevant"
    ended = Allocation.objects.get(young_person__person_id="YP-3")
    assert (ended.end_on, ended.end_reason) == (date(2026, 3, 2), "Imported")


BAD = {
    **CASELOAD,
    "staff.csv": CASELOAD["staff.csv"] + "social_worker,kwhite,Kim White,,north,\n",
    "young_people.csv": CASELOAD["young_people.csv"]
    + "YP-4,Dee,Datefault,,2008-13-01,F,WBRI,,,,north\n"  # line 5
    + "YP-5,Eli,Tooyoung,,2015-01-01,M,WBRI,,,,north\n"  # line 6
    + "YP-6,Fin,Elsewhere,,2007-01-01,M,WBRI,,,,east\n",  # line 7
    "care_periods.csv": CASELOAD["care_periods.csv"]
    + "YP-1,2025-12-01,,N\n"  # line 6: overlaps 2025-08-01 onwards
    + "YP-4,2024-01-01,,N\n",  # line 7: YP-4's own row failed, so this is not reported again
    "allocations.csv": CASELOAD["allocations.csv"] + "YP-1,mgreen,2025-10-01,\n",  # line 6
    "contacts.csv": CASELOAD["contacts.csv"]
    + "YP-1,ppatel,2026-03-10,phone,spoke,\n"  # line 6: in the future
    + "YP-99,ppatel,2026-01-10,phone,spoke,\n",  # line 7: nobody
}


def test_bad_rows_in_any_file_import_nothing_and_every_error_is_listed(tmp_path):
    errors = run_failing(write(tmp_path, BAD))

    assert everything() == {name: 0 for name in everything()}
    assert errors == [
        "staff.csv:7: role: 'social_worker' must be one of personal_adviser, team_manager, "
        "duty_manager, service_manager, board_member, administrator",
        "young_people.csv:5: date_of_birth: '2008-13-01' is not a real date as YYYY-MM-DD",
        "young_people.csv:6: date_of_birth: Date of birth must make them at least 14 years old "
        "today",
        "young_people.csv:7: team_id: Unknown team 'east': not in teams.csv and not already here",
        "care_periods.csv:6: start_date: This period overlaps another from 1 August 2025",
        "allocations.csv:6: username: Morgan Green is not a Personal Adviser",
        "contacts.csv:6: contact_date: The date and time must be now or in the past",
        "contacts.csv:7: person_id: Unknown young person 'YP-99': not in young_people.csv and "
        "not already here",
    ]


def test_a_bad_row_leaves_an_earlier_import_exactly_as_it_was(tmp_path):
    good, bad = tmp_path / "good", tmp_path / "bad"
    good.mkdir()
    bad.mkdir()
    run(write(good, CASELOAD))
    before = everything()

    run_failing(write(bad, {**CASELOAD, "contacts.csv": BAD["contacts.csv"]}))

    assert everything() == before


def test_an_unknown_or_missing_column_is_reported_on_the_header_line(tmp_path):
    write(tmp_path, {
        **CASELOAD,
        "facts.csv": "person_id,favourite_colour\nYP-1,green\n",
        "contacts.csv": CASELOAD["contacts.csv"].replace(",outcome,", ",result,"),
    })

    errors = run_failing(tmp_path)

    assert errors[0].startswith("facts.csv:1: favourite_colour: Unknown column; the columns are")
    assert errors[1] == "contacts.csv:1: outcome: This column is missing"
    assert errors[2].startswith("contacts.csv:1: result: Unknown column")
    assert Team.objects.count() == 0


def test_dry_run_checks_and_counts_but_imports_nothing(tmp_path):
    out, _ = run(write(tmp_path, CASELOAD), "--dry-run")

    assert "young_people.csv: 3 rows (3 added, 0 updated, 0 unchanged)" in out
    assert "Dry run" in out
    assert everything() == {name: 0 for name in everything()}


def test_dry_run_reports_errors_like_a_real_run(tmp_path):
    errors = run_failing(write(tmp_path, BAD), "--dry-run")

    assert "contacts.csv:6: contact_date: The date and time must be now or in the past" in errors


def test_missing_teams_file_fails_clearly(tmp_path):
    files = dict(CASELOAD)
    del files["teams.csv"]

    errors = run_failing(write(tmp_path, files))

    assert errors == [
        "teams.csv:1: -: The file is missing from "
        f"{tmp_path}; teams.csv, staff.csv, young_people.csv are required"
    ]
    assert User.objects.count() == 0


def test_optional_files_may_be_left_out(tmp_path):
    files = {name: CASELOAD[name] for name in ("teams.csv", "staff.csv", "young_people.csv")}

    out, _ = run(write(tmp_path, files))

    assert "young_people.csv: 3 rows (3 added" in out
    assert "contacts.csv" not in out
    # No care history yet: nobody is entitled until it is recorded.
    assert set(StatutoryStatus.objects.values_list("status", flat=True)) == {"not_entitled"}


def test_flags_dates_and_codes_are_checked_with_their_column(tmp_path):
    write(tmp_path, {
        **CASELOAD,
        "young_people.csv": CASELOAD["young_people.csv"].replace(
            "YP-1,Amara,Testperson,,2008-09-01,F,BAFR,,Y,N,north",
            "YP-1,Amara,Testperson,,01/09/2008,X,AFRO,,yes,N,north",
        ),
        "staff.csv": CASELOAD["staff.csv"].replace("north,18", "north,lots"),
    })

    errors = run_failing(tmp_path)

    assert errors == [
        "staff.csv:2: caseload_capacity: 'lots' must be a whole number of 0 or more",
        "young_people.csv:2: date_of_birth: '01/09/2008' is not a real date as YYYY-MM-DD",
        "young_people.csv:2: ethnicity: 'AFRO' is not a DfE ethnicity code (such as WBRI, BAFR "
        "or MOTH)",
        "young_people.csv:2: sex: 'X' must be one of M, F, U",
        "young_people.csv:2: uasc: 'yes' must be Y, N or blank",
    ]


def test_a_personal_adviser_must_have_a_team(tmp_path):
    write(tmp_path, {
        **CASELOAD, "staff.csv": CASELOAD["staff.csv"].replace("tnguyen,Tam Nguyen,,north,",
                                                               "tnguyen,Tam Nguyen,,,"),
    })

    errors = run_failing(tmp_path)

    assert errors == ["staff.csv:3: team_id: Enter the team: a personal adviser works in a team"]


def test_the_same_record_twice_in_a_file_is_an_error(tmp_path):
    write(tmp_path, {
        **CASELOAD,
        "young_people.csv": CASELOAD["young_people.csv"]
        + "yp-1,Amara,Again,,2008-09-01,F,BAFR,,,,north\n",
    })

    errors = run_failing(tmp_path)

    assert errors == ["young_people.csv:5: person_id: The same record is on line 2"]


def test_an_allocation_to_a_personal_adviser_of_another_team_is_refused(tmp_path):
    write(tmp_path, {
        **CASELOAD,
        "allocations.csv": CASELOAD["allocations.csv"].replace("YP-1,ppatel", "YP-1,sjones"),
    })

    errors = run_failing(tmp_path)

    assert errors == [
        "allocations.csv:4: username: Sam Jones is not a Personal Adviser in the North team"
    ]


def test_a_byte_order_mark_from_a_spreadsheet_is_ignored(tmp_path):
    write(tmp_path, CASELOAD)
    (tmp_path / "teams.csv").write_text(CASELOAD["teams.csv"], encoding="utf-8-sig")

    out, _ = run(tmp_path)

    assert "teams.csv: 2 rows (2 added" in out


def test_a_folder_that_does_not_exist_fails(tmp_path):
    with pytest.raises(CommandError, match="is not a folder"):
        call_command("import_records", str(tmp_path / "nowhere"), stdout=StringIO())



def test_a_changed_name_updates_the_record_and_keeps_its_history(tmp_path):
    write(tmp_path, CASELOAD)
    run(tmp_path)
    write(tmp_path, {"young_people.csv": CASELOAD["young_people.csv"].replace(
        "YP-2,Benjamin,Example,Ben", "YP-2,Benjamin,Example-Smith,Ben")})

    out, _ = run(tmp_path)

    ben = YoungPerson.objects.get(person_id="YP-2")
    assert ben.last_name == "Example-Smith"
    assert ben.version == 2
    assert [h.last_name for h in ben.history.order_by("history_id")] == ["Example",
                                                                          "Example-Smith"]
    assert "young_people.csv: 3 rows (0 added, 1 updated, 2 unchanged)" in out


def test_a_nul_character_in_any_value_is_an_error_and_nothing_is_imported(tmp_path):
    write(tmp_path, {
        **CASELOAD,
        "young_people.csv": CASELOAD["young_people.csv"].replace("YP-2,Benjamin,",
                                                                 "YP-2,Benja\x00min,"),
        # A key another file looks up is refused before anything is looked up with it.
        "care_periods.csv": CASELOAD["care_periods.csv"].replace("YP-3,2018-03-01",
                                                                 "YP-3\x00,2018-03-01"),
        "contacts.csv": CASELOAD["contacts.csv"].replace("and her cat", "and her cat\x00"),
    })

    errors = run_failing(tmp_path)

    nul = "Remove the NUL character (a zero byte) from this value"
    assert errors == [
        f"young_people.csv:3: first_name: {nul}",
        f"care_periods.csv:4: person_id: {nul}",
        f"contacts.csv:2: notes: {nul}",
    ]
    assert everything() == {name: 0 for name in everything()}


def test_a_value_longer_than_its_column_holds_is_an_error_and_nothing_is_imported(tmp_path):
    write(tmp_path, {
        **CASELOAD,
        "teams.csv": CASELOAD["teams.csv"].replace("South team", "S" * 201),
        "staff.csv": CASELOAD["staff.csv"].replace("Pat Patel", "P" * 201),
        "young_people.csv": CASELOAD["young_people.csv"].replace("YP-1,Amara,",
                                                                 f"YP-1,{'A' * 101},"),
        "accommodation.csv": "person_id,start_date,type_code,staying_put_carer\n"
                             f"YP-2,2024-01-15,Z,{'J' * 201}\n",
    })

    errors = run_failing(tmp_path)

    assert errors == [
        "teams.csv:3: name: Must be 200 characters or fewer (it has 201)",
        "staff.csv:2: full_name: Must be 200 characters or fewer (it has 201)",
        "young_people.csv:2: first_name: Must be 100 characters or fewer (it has 101)",
        "accommodation.csv:2: staying_put_carer: Must be 200 characters or fewer (it has 201)",
    ]
    assert everything() == {name: 0 for name in everything()}
    assert AccommodationEpisode.objects.count() == 0


def test_a_csv_file_the_command_does_not_read_is_mentioned_and_left_alone(tmp_path):
    write(tmp_path, {**CASELOAD, "favourite_bands.csv": "band\nSomeone\n"})

    out, err = run(tmp_path)

    assert "favourite_bands.csv: not a file this command reads; left alone" in err
    assert "young_people.csv: 3 rows (3 added" in out


# INTERFACES.md §1, column for column and in its order: what another system was told to send.
# Columns are only ever added, so a file with exactly these (and no later, optional ones) must
# always import.
DOCUMENTED = {
    "teams.csv": """\
team_id,name
north,North team
""",
    "staff.csv": """\
username,full_name,email,role,team_id,caseload_capacity
ppatel,Pat Patel,ppatel@council.example,personal_adviser,north,18
mgreen,Morgan Green,mgreen@council.example,team_manager,north,
""",
    "young_people.csv": """\
person_id,first_name,last_name,preferred_name,date_of_birth,sex,ethnicity,upn,uasc,disability,team_id
YP-1,Amara,Testperson,,2006-09-01,F,BAFR,,N,N,north
YP-2,Benjamin,Example,Ben,2005-01-15,M,WBRI,,,,north
""",
    "care_periods.csv": """\
person_id,start_date,end_date,short_break
YP-1,2019-05-01,2024-08-31,N
YP-2,2018-03-01,2023-01-14,
""",
    "facts.csv": """\
person_id,detained_on_16th_birthday,special_guardianship_order,privately_fostered_after_16,returned_home_on,in_education_or_training,requested_support_on,opted_out_on
YP-2,N,N,N,,Y,,
""",
    "allocations.csv": """\
person_id,username,start_date,end_date
YP-1,ppatel,2024-09-01,
YP-2,ppatel,2023-01-15,
""",
    "contacts.csv": """\
person_id,username,contact_date,contact_type,outcome,notes
YP-1,ppatel,2026-02-20,home_visit,seen,Settled with Janet
""",
    "plans.csv": """\
person_id,author_username,review_held_on,submitted_on,authorised_on,authorised_by,next_review_due
YP-1,ppatel,2025-09-08,2025-09-10,2025-09-15,mgreen,
""",
    # Amara stayed on with her foster carer at 18 (Staying Put): the file cannot name the carer.
    "accommodation.csv": """\
person_id,start_date,end_date,type_code,suitable,council_provided
YP-1,2024-09-01,,Z,Y,Y
YP-2,2025-01-01,,U,,N
""",
    "activities.csv": """\
person_id,start_date,end_date,activity_code
YP-1,2025-09-01,,F2
""",
}


def test_the_documented_columns_alone_import_including_staying_put(tmp_path):
    out, err = run(write(tmp_path, DOCUMENTED))

    assert err == ""
    for name, text in DOCUMENTED.items():
        rows = len(text.splitlines()) - 1
        assert f"{name}: {rows} row{'s' if rows > 1 else ''} ({rows} added," in out
    staying_put = AccommodationEpisode.objects.get(young_person__person_id="YP-1")
    assert (staying_put.type_code, staying_put.staying_put_carer) == ("Z", "")
