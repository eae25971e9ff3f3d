"""`import_903 DIR [DIR …]` (INTERFACES.md §4): a council moving to the service brings its own
SSDA903 returns over, a folder for each collection year, and its young people's care histories,
statuses and care leaver circumstances come out as the return said, derived as if typed in."""

import json
import os
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse

from accommodation.models import AccommodationEpisode, SuitabilityAssessment
from advisers.models import Contact
from advisers.services import adviser_allocate
from careleavers.models import YoungPerson
from careleavers.services import young_person_create
from eet.models import ActivityEpisode
from eligibility.models import CareFacts, CarePeriod, StatusChange, SupportChoice
from eligibility.rules import Status
from returns.models import Episode903
from returns.returns_903_import import folder_year
from standing.models import Standing
from tests.crowd import crowd
from tests.returns.test_903_matches_dfe_validator import (
    CANNOT_RUN,
    VALIDATOR_PYTHON,
    dfe_validator,
)
from tests.returns.test_data_quality import section

pytestmark = pytest.mark.django_db

TODAY = date(2026, 5, 10)  # after the collection year April 2025 to March 2026

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
EPISODES = ("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,"
            "PL_POST,URN")
OC3 = "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM"

#: Three years of a made-up council's returns. Every postcode is in the area the DfE's validator
#: is told is the council's.
RETURNS = {
    "2024": {
        "header": [
            "C1001,1,01/03/2008,WBRI,A100000000001,,",
            "C1002,2,15/06/2006,BAFR,A100000000002,0,",
            "C1006,2,01/02/2008,MWBC,A100000000006,0,",
        ],
        "episodes": [
            # A placement change: one period of care over two episodes.
            "C1001,01/09/2023,S,C2,N1,U1,PR1,01/02/2024,X1,CARPL,TW1 1AA,TW1 1AF,SC000001",
            "C1001,01/02/2024,P,C2,N1,U4,PR1,,,,TW1 1AA,TW1 1AR,SC000002",
            # A gap between two episodes: two periods of care.
            "C1002,01/05/2022,S,V2,N2,U1,PR1,01/06/2023,E4A,,TW1 1AS,TW1 1AW,SC000003",
            "C1002,01/09/2023,S,C2,N1,U1,PR1,,,,TW1 1AS,TW1 1AX,SC000003",
            "C1006,01/01/2023,S,C2,N1,U1,PR1,,,,TW1 1AY,TW1 1AZ,SC000004",
        ],
        "oc3": [],
    },
    "2025": {
        "header": [
            "C1001,M,01/03/2008,WBRI,A100000000001,,",
            "C1002,F,15/06/2006,BAFR,A100000000002,0,",
            "C1004,F,01/09/2009,WIRI,A100000000004,0,",
            "C1006,F,01/02/2008,MWBC,A100000000006,0,",
        ],
        "episodes": [
            "C1001,01/02/2024,P,C2,N1,U4,PR1,,,,TW1 1AA,TW1 1AR,SC000002",
            "C1002,01/09/2023,S,C2,N1,U1,PR1,16/06/2024,E8,,TW1 1AS,TW1 1AX,SC000003",
            "C1004,01/10/2024,S,C2,N1,U1,PR1,,,,TW1 1BA,TW1 1BB,SC000005",
            # Left care at 16: relevant, and a care leaver at 17.
            "C1006,01/01/2023,S,C2,N1,U1,PR1,01/05/2024,E8,,TW1 1AY,TW1 1AZ,SC000004",
        ],
        "oc3": ["C1006,01/02/2008,YES,F2,E1"],
    },
    "2026": {
        "header": [
            "C1001,M,01/03/2008,WBRI,A100000000001,,",
            "C1002,F,15/06/2006,BAFR,A100000000002,,",
            "C1003,M,10/01/2009,ABAN,A100000000003,,",
            "C1004,F,01/09/2009,WIRI,A100000000004,0,",
            "C1005,M,20/08/2005,WBRI,,,",
            "C1006,F,01/02/2008,MWBC,A100000000006,,",
            "C1007,F,02/04/2009,WBRI,A100000000007,,",
        ],
        "episodes": [
            # Left care the day after the 18th birthday (DEC is the day after the last day).
            "C1001,01/02/2024,P,C2,N1,U4,PR1,02/03/2026,E8,,TW1 1AA,TW1 1AR,SC000002",
            # Pre-planned short breaks.
            "C1003,05/05/2025,S,V3,N1,R1,PR1,09/05/2025,E13,,,,",
            "C1003,01/08/2025,S,V3,N1,R1,PR1,04/08/2025,E13,,,,",
            "C1007,01/06/2025,S,V4,N1,R1,PR1,04/06/2025,E13,,,,",
            # Still looked after.
            "C1004,01/10/2024,S,C2,N1,U1,PR1,,,,TW1 1BA,TW1 1BB,SC000005",
        ],
        # C1005 is in the care leaver table with no episodes held.
        "oc3": ["C1002,15/06/2006,YES,F2,D1", "C1005,20/08/2005,YES,G5,U1",
                "C1006,01/02/2008,YES,F2,E1"],
    },
}

#: What DOMAIN.md §1 says of each on 10 May 2026.
STATUSES = {
    "C1001": Status.FORMER_RELEVANT,  # 18, looked after on the 18th birthday
    "C1002": Status.FORMER_RELEVANT,  # 19, looked after on the 18th birthday
    "C1003": Status.QUALIFYING,  # 17, short breaks only after 16: looked after, never eligible
    "C1004": Status.ELIGIBLE,  # 16, looked after 13 weeks since 14, a day of it after 16
    "C1005": Status.NOT_ENTITLED,  # no care history held
    "C1006": Status.FORMER_RELEVANT,  # 18, relevant when 18
    "C1007": Status.QUALIFYING,  # 17, a short break after 16
}


@pytest.fixture(autouse=True)
def on_10_may_2026():
    with time_machine.travel("2026-05-10 12:00", tick=False):
        yield


def write_returns(root: Path, returns=RETURNS) -> list[str]:
    """Each year's tables in a folder named by the year, under file names the council chose:
    the service knows each table by its columns."""
    folders = []
    for year, tables in returns.items():
        folder = root / year
        folder.mkdir(parents=True)
        for name, columns in (("header", HEADER), ("episodes", EPISODES), ("oc3", OC3)):
            rows = tables.get(name)
            if rows is not None:
                (folder / f"ssda903_{year}_{name}_extract.csv").write_text(
                    "\r\n".join([columns, *rows]) + "\r\n", encoding="utf-8")
        folders.append(str(folder))
    return folders


def import_903(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_903", *args, stdout=out, stderr=err)
    except CommandError as error:
        raise AssertionError(f"{error}\n{err.getvalue()}") from None
    return out.getvalue(), err.getvalue()


def refused(*args) -> list[str]:
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_903", *args, stdout=StringIO(), stderr=err)
    return err.getvalue().splitlines()


def periods_of(child: str) -> list[tuple]:
    return [(p.start_on, p.end_on, p.short_break)
            for p in CarePeriod.objects.filter(young_person__person_id=child).order_by("start_on")]


@pytest.fixture
def imported(teams, staff, tmp_path):
    folders = write_returns(tmp_path / "903")
    out, _ = import_903(*folders, "--team", "north", "--recorded-by", "pa")
    return {"folders": folders, "out": out}


def test_episodes_with_placement_changes_and_no_gap_are_one_period(imported):
    assert periods_of("C1001") == [(date(2023, 9, 1), date(2026, 3, 1), False)]


def test_a_gap_between_episodes_makes_two_periods(imported):
    assert periods_of("C1002") == [(date(2022, 5, 1), date(2023, 5, 31), False),
                                   (date(2023, 9, 1), date(2024, 6, 15), False)]


def test_legal_status_v3_and_v4_are_short_breaks(imported):
    assert periods_of("C1003") == [(date(2025, 5, 5), date(2025, 5, 8), True),
                                   (date(2025, 8, 1), date(2025, 8, 3), True)]
    assert periods_of("C1007") == [(date(2025, 6, 1), date(2025, 6, 3), True)]


def test_an_open_episode_is_a_period_still_open(imported):
    assert periods_of("C1004") == [(date(2024, 10, 1), None, False)]


def test_young_people_come_from_the_header_with_the_later_years_codes(imported):
    person = YoungPerson.objects.get(person_id="C1001")
    assert (person.date_of_birth, person.sex, person.ethnicity, person.upn) == (
        date(2008, 3, 1), "M", "WBRI", "A100000000001")
    assert person.team.team_id == "north"
    assert YoungPerson.objects.count() == 7


def test_each_status_and_reason_is_what_the_status_rule_says(imported, tmp_path):
    """The statuses are derived from the care periods, as `eligibility_check` derives them from
    the same care history, never taken from the files."""
    scenarios = [
        {"id": child, "on": TODAY.isoformat(), "date_of_birth": dob.isoformat(),
         "care_periods": [{"start": start.isoformat(), "end": end and end.isoformat(),
                           "short_break": short} for start, end, short in periods_of(child)]}
        for child, dob in YoungPerson.objects.values_list("person_id", "date_of_birth")
    ]
    (tmp_path / "scenarios.json").write_text(json.dumps(scenarios))
    out = StringIO()
    call_command("eligibility_check", str(tmp_path / "scenarios.json"), stdout=out)
    decided = {found["id"]: found for found in map(json.loads, out.getvalue().splitlines())}

    stored = {person.person_id: person.statutory_status
              for person in YoungPerson.objects.select_related("statutory_status")}
    assert {child: status.status for child, status in stored.items()} == STATUSES
    for child, status in stored.items():
        assert (status.status, status.reason) == (decided[child]["status"],
                                                  decided[child]["reason"]), child
    assert "short break" in stored["C1003"].reason.lower()
    # Each standing was refreshed from the derived status, once, as the import finished.
    assert dict(Standing.objects.values_list("young_person__person_id", "status")) == STATUSES


def test_the_care_leaver_table_fills_the_birthdays_nothing_was_recorded_for(imported):
    person = YoungPerson.objects.get(person_id="C1002")
    birthday = date(2025, 6, 15)  # the 19th, in 2025-26
    contact = Contact.objects.get(young_person=person)
    assert (contact.contact_at.date(), contact.outcome, contact.made_by.username) == (
        birthday, "spoke", "pa")
    assert "2025-26" in contact.notes
    activity = ActivityEpisode.objects.get(young_person=person)
    assert (activity.start_on, activity.end_on, activity.activity_code) == (
        birthday, birthday, "F2")
    place = AccommodationEpisode.objects.get(young_person=person)
    assert (place.start_on, place.end_on, place.type_code) == (birthday, birthday, "D")
    assert SuitabilityAssessment.objects.get(episode=place).outcome == "suitable"


def test_a_care_leaver_with_no_episodes_is_imported_and_listed_as_care_history_not_held(
        imported, client, staff):
    assert "Care history not held for 1 young person (C1005)" in imported["out"]
    person = YoungPerson.objects.get(person_id="C1005")
    assert not CarePeriod.objects.filter(young_person=person).exists()
    assert Contact.objects.filter(young_person=person).exists()  # the care leaver row kept

    client.force_login(staff["manager"])
    html = client.get(reverse("data-quality")).content.decode()

    listed = section(html, "care-history-not-held")
    assert f'href="/young-people/{person.pk}/"' in listed
    assert "Care history not held (1)" in html
    assert "C1001" not in listed


def test_the_later_years_episode_wins_and_the_output_says_so(imported):
    # 2024-25 had C1006's episode still open; 2025-26 says it ceased.
    assert periods_of("C1006") == [(date(2023, 1, 1), date(2024, 4, 30), False)]
    assert ("2025/ssda903_2025_episodes_extract.csv:5: CHILD C1006: the later year's episode "
            "replaces 2024/ssda903_2024_episodes_extract.csv:6 (from 01/01/2023)"
            in imported["out"])


def history_rows() -> dict[str, int]:
    return {
        "young people": YoungPerson.history.count(),
        "care periods": CarePeriod.history.count(),
        "episodes": Episode903.history.count(),
        "contacts": Contact.history.count(),
        "activities": ActivityEpisode.history.count(),
        "places": AccommodationEpisode.history.count(),
        "suitability": SuitabilityAssessment.history.count(),
        "care facts": CareFacts.history.count(),
        "support choices": SupportChoice.history.count(),
        "status changes": StatusChange.objects.count(),
    }


def test_importing_the_same_files_again_changes_nothing_and_says_so(imported):
    before = history_rows()

    out, _ = import_903(*imported["folders"], "--team", "north", "--recorded-by", "pa")

    assert history_rows() == before
    assert "Nothing changed: everything in these files is already recorded." in out
    assert "Young people: 7 in the headers (0 added, 0 updated, 7 unchanged)" in out
    assert "Care periods: 8 from the episodes (0 added, 0 updated, 8 unchanged)" in out


def test_history_names_the_import_as_import_records_does(imported):
    rows = CarePeriod.history.filter(young_person__person_id="C1001")
    assert [row.history_user for row in rows] == [None]
    assert YoungPerson.history.filter(person_id="C1001").get().history_user is None


def test_a_dry_run_reports_and_keeps_nothing(teams, staff, tmp_path):
    folders = write_returns(tmp_path / "903")

    out, _ = import_903(*folders, "--team", "north", "--recorded-by", "pa", "--dry-run")

    assert "Care periods: 8 from the episodes (8 added, 0 updated, 0 unchanged)" in out
    assert "Dry run: everything checked, nothing was imported." in out
    assert not YoungPerson.objects.exists()
    assert not StatusChange.objects.exists()


def test_a_upn_given_for_two_children_is_refused_naming_both_lines(teams, staff, tmp_path):
    returns = {"2026": {"header": ["C2001,M,01/01/2008,WBRI,B100000000001,,",
                                   "C2002,F,01/02/2008,WBRI,C100000000002,,",
                                   "C2003,F,01/03/2008,WBRI,B100000000001,,"],
                        "episodes": [], "oc3": []}}
    folders = write_returns(tmp_path / "903", returns)

    errors = refused(*folders, "--team", "north")

    name = "2026/ssda903_2026_header_extract.csv"
    assert errors == [
        f"{name}:2: UPN: B100000000001 is also given for CHILD C2003 on {name}:4: each child "
        "has their own UPN",
        f"{name}:4: UPN: B100000000001 is also given for CHILD C2001 on {name}:2: each child "
        "has their own UPN",
    ]
    assert not YoungPerson.objects.exists()


def test_a_upn_already_another_young_persons_is_refused(teams, staff, tmp_path):
    folders = write_returns(tmp_path / "903")
    import_903(*folders, "--team", "north", "--recorded-by", "pa")
    returns = {"2027": {"header": ["C3001,M,01/01/2009,WBRI,A100000000004,,"],
                        "episodes": [], "oc3": []}}

    errors = refused(*write_returns(tmp_path / "later", returns), "--team", "north")

    assert errors == ["2027/ssda903_2027_header_extract.csv:2: UPN: A100000000004 is already "
                      "the UPN of C1004: each child has their own UPN"]


def test_a_date_in_the_wrong_format_is_refused_and_nothing_is_imported(teams, staff, tmp_path):
    returns = {"2026": {**RETURNS["2026"], "episodes": [
        *RETURNS["2026"]["episodes"],
        "C1005,2025-06-01,S,C2,N1,U1,PR1,,,,TW1 1BA,TW1 1BB,SC000005",
    ]}}
    folders = write_returns(tmp_path / "903", returns)

    errors = refused(*folders, "--team", "north", "--recorded-by", "pa")

    assert errors == ["2026/ssda903_2026_episodes_extract.csv:7: DECOM: '2025-06-01' is not a "
                      "real date as dd/mm/yyyy"]
    assert not YoungPerson.objects.exists()


def test_overlapping_episodes_in_one_year_are_refused(teams, staff, tmp_path):
    returns = {"2026": {"header": ["C2001,M,01/01/2008,WBRI,,,"], "oc3": [], "episodes": [
        "C2001,01/06/2025,S,C2,N1,U1,PR1,,,,,,",
        "C2001,01/09/2025,P,C2,N1,U1,PR1,,,,,,",
    ]}}

    errors = refused(*write_returns(tmp_path / "903", returns), "--team", "north")

    assert errors == ["2026/ssda903_2026_episodes_extract.csv:3: DECOM: This episode shares "
                      "days with the one on line 2: a child has one episode at a time"]


def test_being_in_touch_needs_someone_to_record_the_contact_under(teams, staff, tmp_path):
    errors = refused(*write_returns(tmp_path / "903"), "--team", "north")

    assert ("2026/ssda903_2026_oc3_extract.csv:2: IN_TOUCH: They had no Personal Adviser on the "
            "birthday to record their contact under: name the member of staff to record it "
            "under with --recorded-by USERNAME") in errors


def test_a_folder_not_named_by_its_year_is_refused(teams, staff, tmp_path):
    folder = tmp_path / "latest"
    folder.mkdir()
    (folder / "header.csv").write_text(HEADER + "\r\n")

    errors = refused(str(folder), "--team", "north")

    assert errors[0].startswith("latest:1: -: Name the folder by the collection year it holds")


def test_the_export_gives_back_the_imported_care_leaver_rows(imported, tmp_path):
    for year in ("2025", "2026"):
        call_command("export_903", "--year", year, "--out", str(tmp_path / year),
                     stdout=StringIO(), stderr=StringIO())
    exported = {year: (tmp_path / year / "oc3.csv").read_text().splitlines()[1:]
                for year in ("2025", "2026")}

    assert exported["2025"] == RETURNS["2025"]["oc3"]
    # C1005's care history is not held, so the service does not count them as a care leaver.
    assert exported["2026"] == [row for row in RETURNS["2026"]["oc3"]
                                if not row.startswith("C1005")]


def test_the_export_gives_back_the_imported_episodes_while_they_make_up_the_period(
        imported, tmp_path):
    call_command("export_903", "--year", "2025", "--out", str(tmp_path / "2025"),
                 stdout=StringIO(), stderr=StringIO())
    assert (tmp_path / "2025" / "episodes.csv").read_text().splitlines() == [
        EPISODES, RETURNS["2025"]["episodes"][3]]

    # Someone corrects the day C1006 left care: the period is no longer the episodes.
    period = CarePeriod.objects.get(young_person__person_id="C1006")
    period.end_on = date(2024, 5, 10)
    period.save()
    call_command("export_903", "--year", "2025", "--out", str(tmp_path / "again"),
                 stdout=StringIO(), stderr=StringIO())
    assert (tmp_path / "again" / "episodes.csv").read_text().splitlines() == [
        EPISODES, "C1006,01/01/2023,S,,,,,11/05/2024,,,,,"]


def test_the_dfe_validator_passes_the_returns_and_the_export_of_them(imported, tmp_path):
    """The made-up returns are ones the DfE would take; brought over and exported again, the
    header, episodes and care leaver tables are too: no rule fails, on any table."""
    if not VALIDATOR_PYTHON.exists():
        message = "The DfE's 903 validator is not installed: run `make dfe-validator`"
        if os.environ.get("REQUIRE_DFE_VALIDATOR"):
            pytest.fail(message)
        pytest.skip(message)
    for year in ("2025", "2026"):
        call_command("export_903", "--year", year, "--out", str(tmp_path / "export" / year),
                     stdout=StringIO(), stderr=StringIO())
    exported = [(int(year), tmp_path / "export" / year) for year in ("2025", "2026")]
    theirs = [(int(Path(folder).name), Path(folder)) for folder in imported["folders"]]

    found = dfe_validator(*theirs, *exported)

    for (year, folder), result in zip([*theirs, *exported], found, strict=True):
        assert result["failing"] == {}, (year, folder)
        assert result["crashed"].keys() <= CANNOT_RUN.keys(), (year, folder)
    # Not an agreement about nothing: an episode and care leavers went out in 2024-25.
    assert len((tmp_path / "export" / "2025" / "episodes.csv").read_text().splitlines()) == 2


def many_returns(count: int) -> dict:
    """`count` care leavers, each with a header row, an episode and a care leaver row."""
    header, episodes, oc3 = [], [], []
    for number in range(count):
        child, born = f"M{number:03d}", f"{1 + number % 28:02d}/07/2006"
        header.append(f"{child},F,{born},WBRI,A2000000000{number:02d},,")
        episodes.append(f"{child},01/01/2022,S,C2,N1,U1,PR1,01/01/2024,E8,,TW1 1AA,TW1 1AF,"
                        "SC000001")
        oc3.append(f"{child},{born},YES,F5,U1")
    return {"2026": {"header": header, "episodes": episodes, "oc3": oc3}}


@pytest.mark.parametrize("count", [3, 12])
def test_importing_again_reads_in_the_same_queries_however_many(
        teams, staff, tmp_path, count, django_assert_max_num_queries):
    folders = write_returns(tmp_path / "903", many_returns(count))
    import_903(*folders, "--team", "north", "--recorded-by", "pa")

    # The team and the member of staff named; a savepoint and its release; the young people
    # held and who holds their UPNs; their care periods; their episodes' codes; the six reads
    # of the DfE view around the birthdays (contacts, care facts, support choices, activities,
    # places, their assessments), then their activities, places, care facts and Personal
    # Advisers to check what is recorded; who has no care history.
    with django_assert_max_num_queries(19):
        out, _ = import_903(*folders, "--team", "north", "--recorded-by", "pa")

    assert "Nothing changed" in out


def test_the_care_history_list_shows_only_the_managers_own_teams(imported, client, staff):
    client.force_login(staff["other_manager"])  # manages the south team
    html = client.get(reverse("data-quality")).content.decode()

    assert "Care history not held (0)" in html
    assert "C1005" not in section(html, "care-history-not-held")


EXAMPLES = Path(__file__).resolve().parents[2] / "returns" / "examples" / "903"
README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_example_gives_the_output_the_readme_shows(teams, staff):
    """README's worked example, on the made-up returns committed beside the code: they are
    the ones these tests write, and the command prints what README says it prints."""
    for year, tables in RETURNS.items():
        for name, file_name in (("header", "header.csv"), ("episodes", "episodes.csv"),
                                ("oc3", "care_leavers.csv")):
            columns = {"header": HEADER, "episodes": EPISODES, "oc3": OC3}[name]
            assert (EXAMPLES / year / file_name).read_text(encoding="utf-8").splitlines() == [
                columns, *tables[name]]
    readme = README.read_text(encoding="utf-8")
    command = ("python manage.py import_903 returns/examples/903/2024 returns/examples/903/2025 "
               "returns/examples/903/2026 --team north --recorded-by pa")
    shown = readme.split(f"$ {command}\n", 1)[1].split("```", 1)[0].splitlines()

    out, _ = import_903(*(str(EXAMPLES / year) for year in RETURNS), "--team", "north",
                        "--recorded-by", "pa")

    assert out.splitlines() == shown


def test_a_later_year_alone_carries_on_the_periods_already_held(teams, staff, tmp_path):
    earlier = write_returns(tmp_path / "903", {y: RETURNS[y] for y in ("2024", "2025")})
    import_903(*earlier, "--team", "north", "--recorded-by", "pa")
    assert periods_of("C1001") == [(date(2023, 9, 1), None, False)]

    # 2025-26 holds only the second of C1001's episodes, which ceased in the year.
    later = write_returns(tmp_path / "later", {"2026": RETURNS["2026"]})
    out, _ = import_903(*later, "--team", "north", "--recorded-by", "pa")

    assert periods_of("C1001") == [(date(2023, 9, 1), date(2026, 3, 1), False)]
    assert "Care periods: 5 from the episodes (3 added, 1 updated, 1 unchanged)" in out


def test_the_care_history_list_is_a_page_of_50_at_a_time(teams, staff, client):
    crowd(teams["north"], 51)  # nobody's time in care recorded
    client.force_login(staff["manager"])

    first = client.get(reverse("data-quality")).content.decode()
    second = client.get(reverse("data-quality"), {"care_history_page": "2"}).content.decode()

    assert "Care history not held (51)" in first
    assert section(first, "care-history-not-held").count('href="/young-people/') == 50
    assert section(second, "care-history-not-held").count('href="/young-people/') == 1
    assert "Person 50" in section(second, "care-history-not-held")


def test_each_in_touch_code_is_recorded_as_what_it_means_and_exported_again(
        teams, staff, tmp_path):
    codes = {"C2101": "REFU", "C2102": "NREQ", "C2103": "RHOM", "C2104": "NO", "C2105": "DIED"}
    header, episodes, oc3 = [], [], []
    for number, (child, code) in enumerate(codes.items()):
        born = f"{10 + number:02d}/06/2005"  # 20 in 2025-26, left care at 18
        header.append(f"{child},M,{born},WBRI,,,")
        episodes.append(f"{child},01/01/2021,S,C2,N1,U1,PR1,{11 + number:02d}/06/2023,E8,,"
                        "TW1 1AA,TW1 1AF,SC000001")
        oc3.append(f"{child},{born},{code},0,0")
    folders = write_returns(tmp_path / "903", {"2026": {"header": header, "episodes": episodes,
                                                         "oc3": oc3}})

    out, _ = import_903(*folders, "--team", "north", "--recorded-by", "pa")

    assert Contact.objects.get(young_person__person_id="C2101").outcome == "refused"
    assert SupportChoice.objects.get(young_person__person_id="C2102").kind == "opted_out"
    assert CareFacts.objects.get(young_person__person_id="C2103").returned_home_on == date(
        2024, 12, 12)  # 6 months before the 20th birthday
    assert not Contact.objects.filter(young_person__person_id__in=["C2104", "C2105"]).exists()
    assert ("IN_TOUCH: CHILD C2105 died, the return says; the product does not record a death, "
            "so record it on their record") in out

    call_command("export_903", "--year", "2026", "--out", str(tmp_path / "export"),
                 stdout=StringIO(), stderr=StringIO())
    exported = (tmp_path / "export" / "oc3.csv").read_text().splitlines()[1:]
    assert exported == [*oc3[:4], oc3[4].replace("DIED", "NO")]


@pytest.mark.parametrize(("name", "year"), [
    ("2024", 2024), ("2023-24", 2024), ("ssda903_2023_24", 2024), ("903-2023_2024", 2024),
    ("returns 2025", 2025), ("latest", None), ("903", None),
])
def test_a_folder_is_named_by_its_collection_year(name, year):
    assert folder_year(name) == year


def test_a_contact_is_recorded_under_the_personal_adviser_they_had_on_the_birthday(
        teams, staff, tmp_path):
    folders = write_returns(tmp_path / "903", {"2026": {
        "header": ["C2201,F,15/06/2006,WBRI,,,"], "oc3": ["C2201,15/06/2006,YES,F5,U1"],
        "episodes": ["C2201,01/01/2021,S,C2,N1,U1,PR1,16/06/2024,E8,,TW1 1AA,TW1 1AF,"
                     "SC000001"]}})
    person = young_person_create(actor=None, today=TODAY, person_id="C2201", first_name="Ada",
                                 last_name="Ames", date_of_birth=date(2006, 6, 15), sex="F",
                                 ethnicity="WBRI", team=teams["north"])
    adviser_allocate(actor=None, young_person=person, adviser=staff["colleague"],
                     start_on=date(2024, 6, 1), reason="Imported")

    import_903(*folders, "--recorded-by", "pa", "--team", "north")

    assert Contact.objects.get(young_person=person).made_by == staff["colleague"]
    assert YoungPerson.objects.get(pk=person.pk).first_name == "Ada"  # the name kept


def test_a_corrected_header_updates_the_young_person_and_nothing_else(imported, tmp_path):
    corrected = {**RETURNS["2026"], "header": [
        row.replace(",WIRI,", ",WIRT,") for row in RETURNS["2026"]["header"]]}
    folders = write_returns(tmp_path / "again", {**RETURNS, "2026": corrected})
    before = history_rows()

    out, _ = import_903(*folders, "--team", "north", "--recorded-by", "pa")

    assert YoungPerson.objects.get(person_id="C1004").ethnicity == "WIRT"
    assert "Young people: 7 in the headers (0 added, 1 updated, 6 unchanged)" in out
    assert history_rows() == {**before, "young people": before["young people"] + 1}
