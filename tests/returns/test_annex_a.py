"""Ofsted Annex A, List 9 (leaving care services) for service managers: every Annex A column, in
order, with the right values for a known caseload (tests/dashboard/caseload.py), as CSV and as
a workbook; the whole service, restricted records included, not-entitled young people left out."""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from accommodation.models import AccommodationEpisode, SuitabilityAssessment
from advisers.models import AllocationKind
from careleavers.models import Role, User, YoungPerson
from eet.models import ActivityEpisode
from eligibility.rules import Status
from returns.annex_a import list_9_rows
from tests.advisers.people import allocate, contact, days_ago, young_person
from tests.dashboard.caseload import load_caseload
from tests.factories import PathwayPlanFactory, StaffFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 3, 16, 0, tzinfo=ZoneInfo("Europe/London"))
ON = date(2026, 3, 3)
PAGE = reverse("annex-a")
CSV = reverse("annex-a-csv")
XLSX = reverse("annex-a-xlsx")

HEADINGS = [
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
    "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
    "Does the Child have a Disability",
    "Allocated Team",
    "Allocated Worker",
    "Allocated Personal Advisor",
    "Eligibility Category",
    "Latest Pathway Plan Review Date",
    "LA In Touch",
    "Latest Date of Contact",
    "Type of Accommodation",
    "Suitability of Accommodation",
    "Activity Status",
]

# On 3 March 2026. Amara is disabled; Tam Nguyen is covering for Ben's Personal Adviser. Eli has
# a Personal Adviser only from 10 March and has never been reached; Fay has none. Ben last spoke
# to the service 57 days ago, against a standard of 56. Eli's custody and Fay's Staying Put have
# not been assessed. Cal's latest plan is waiting for a manager, so his review is not yet counted.
EXPECTED = [
    ["YP-1", "Female", "BAFR", "01/09/2008", "17", "Yes", "Yes", "North team", "Pat Patel",
     "Pat Patel", "Eligible", "", "Yes", "20/02/2026", "", "", ""],
    ["YP-2", "Male", "WBRI", "15/01/2006", "20", "No", "No", "North team", "Tam Nguyen",
     "Pat Patel", "Former relevant", "20/09/2025", "No", "05/01/2026", "E: Supported lodgings",
     "Suitable", "F2: Other education, full time"],
    ["YP-3", "Male", "MWBC", "20/06/2004", "21", "No", "No", "South team", "Sam Jones",
     "Sam Jones", "Former relevant in education or training", "", "Yes", "03/03/2026",
     "W: Bed and breakfast", "Not suitable",
     "G5: Not in education, employment or training: other reasons"],
    ["YP-5", "Male", "WBRI", "01/06/2008", "17", "No", "No", "North team", "", "", "Relevant",
     "01/06/2025", "No", "", "X: In custody", "", ""],
    ["YP-6", "Female", "WIRI", "01/05/2007", "18", "No", "No", "North team", "", "",
     "Former relevant", "", "Yes", "01/02/2026",
     "Z: With former foster carers (Staying Put)", "", ""],
]


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def caseload(tmp_path, frozen):
    load_caseload(tmp_path)
    YoungPerson.objects.filter(person_id="YP-1").update(disability=True)
    allocate(YoungPerson.objects.get(person_id="YP-2"), User.objects.get(username="tnguyen"),
             kind=AllocationKind.COVER, start_on=date(2026, 2, 25), end_on=date(2026, 3, 10))


def signed_in(client, username):
    client.force_login(User.objects.get(username=username))
    return client


def csv_lines(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def sheet_of(response):
    return load_workbook(io.BytesIO(response.content)).active


def test_the_annex_a_columns_are_complete_in_the_csv(client, caseload):
    response = signed_in(client, "hblack").get(CSV)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="annex-a-list-9-2026-03-03.csv"'
    assert csv_lines(response) == [HEADINGS, *EXPECTED]


def test_the_annex_a_columns_are_complete_in_the_workbook(client, caseload):
    response = signed_in(client, "hblack").get(XLSX)

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="annex-a-list-9-2026-03-03.xlsx"'
    )
    sheet = sheet_of(response)
    lines = [list(line) for line in sheet.iter_rows(values_only=True)]
    assert lines[0] == HEADINGS
    # The same values as the CSV, with dates as dates, the age as a number and empty cells blank.
    as_text = [
        ["" if value is None
         else f"{value:%d/%m/%Y}" if isinstance(value, datetime) else str(value)
         for value in line]
        for line in lines[1:]
    ]
    assert as_text == EXPECTED
    ben = lines[2]
    assert ben[3] == datetime(2006, 1, 15) and ben[4] == 20
    assert ben[11] == datetime(2025, 9, 20) and ben[13] == datetime(2026, 1, 5)
    assert sheet["D3"].number_format == "dd/mm/yyyy"
    assert sheet["L3"].number_format == "dd/mm/yyyy"


def test_the_workbook_header_is_bold_stays_in_view_and_columns_are_wide_enough(client, caseload):
    sheet = sheet_of(signed_in(client, "hblack").get(XLSX))

    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:Q6"
    assert sheet.column_dimensions["K"].width >= len("Former relevant")
    assert sheet.column_dimensions["Q"].width >= 30


def test_the_list_leaves_out_young_people_not_entitled(client, caseload):
    ids = [line[0] for line in csv_lines(signed_in(client, "hblack").get(CSV))[1:]]

    # Dee, 17, was never looked after.
    assert YoungPerson.objects.filter(person_id="YP-4").exists()
    assert "YP-4" not in ids
    assert ids == ["YP-1", "YP-2", "YP-3", "YP-5", "YP-6"]


def test_the_list_includes_restricted_records_the_service_manager_cannot_open(client, caseload):
    ben = YoungPerson.objects.get(person_id="YP-2")
    ben.restricted = True
    ben.save()
    ben.restricted_to.set([User.objects.get(username="ppatel")])
    client = signed_in(client, "hblack")

    assert not YoungPerson.objects.visible_to(User.objects.get(username="hblack")).filter(
        pk=ben.pk).exists()
    assert [line for line in csv_lines(client.get(CSV)) if line[0] == "YP-2"] == [EXPECTED[1]]
    assert "YP-2" in [line[0] for line in sheet_of(client.get(XLSX)).iter_rows(values_only=True)]
    page = client.get(PAGE).content.decode()
    assert '<dd class="govuk-summary-list__value">5</dd>' in page


def test_in_touch_is_blank_for_those_with_no_keep_in_touch_standard(teams, frozen):
    person = young_person(teams["north"], Status.QUALIFYING, person_id="Q-1")
    contact(person, StaffFactory(), on=days_ago(3))

    (row,) = list_9_rows(ON)

    assert (row.child_id, row.eligibility_category) == ("Q-1", "Qualifying")
    assert row.la_in_touch == ""
    assert row.latest_contact == date(2026, 2, 28)


def test_a_list_for_an_earlier_date_shows_what_had_happened_by_then(caseload):
    rows = {row.child_id: row for row in list_9_rows(date(2026, 1, 10))}

    # Cal moved into bed and breakfast on 1 February; Amara was first seen on 20 February; the
    # cover for Ben began on 25 February.
    assert rows["YP-3"].accommodation_type == ""
    assert rows["YP-3"].accommodation_suitability == ""
    assert (rows["YP-1"].la_in_touch, rows["YP-1"].latest_contact) == ("No", None)
    assert rows["YP-2"].allocated_worker == "Pat Patel"
    assert rows["YP-2"].latest_contact == date(2026, 1, 5)
    assert rows["YP-2"].age == 19


def test_a_service_manager_sees_what_the_list_is_and_how_many_are_on_it(client, caseload):
    response = signed_in(client, "hblack").get(PAGE)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Ofsted Annex A, List 9: leaving care services" in page
    assert '<dd class="govuk-summary-list__value">5</dd>' in page
    assert "3 March 2026" in page
    assert f'href="{CSV}"' in page and f'href="{XLSX}"' in page
    assert "including restricted records" in page


def test_the_reports_page_links_to_annex_a_for_service_managers_only(client, caseload):
    page = signed_in(client, "hblack").get(reverse("reports")).content.decode()
    assert f'href="{PAGE}"' in page

    # Team managers may open the reports page for other reports, but not this one.
    response = signed_in(client, "mgreen").get(reverse("reports"))
    assert f'href="{PAGE}"' not in response.content.decode()


@pytest.mark.parametrize("url", [PAGE, CSV, XLSX])
def test_nothing_about_annex_a_is_kept_in_a_cache(client, caseload, url):
    response = signed_in(client, "hblack").get(url)

    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("persona", ["pa", "manager", "duty", "board", "admin"])
@pytest.mark.parametrize("url", [PAGE, CSV, XLSX])
def test_only_service_managers_may_have_annex_a(client, staff, persona, url):
    client.force_login(staff[persona])

    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", [PAGE, CSV, XLSX])
def test_annex_a_asks_to_sign_in_first(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sign-in"))


def _service_of(teams, count, advisers):
    """`count` young people with something in every column."""
    manager = StaffFactory(role=Role.TEAM_MANAGER, teams=[teams["north"]])
    statuses = [Status.RELEVANT, Status.FORMER_RELEVANT, Status.QUALIFYING,
                Status.ELIGIBLE, Status.NOT_ENTITLED]
    for i in range(count):
        person = young_person(teams["north" if i % 2 else "south"], statuses[i % 5],
                              restricted=i % 7 == 0)
        allocate(person, advisers[i % len(advisers)])
        if i % 3 == 0:
            allocate(person, advisers[(i + 1) % len(advisers)], kind=AllocationKind.COVER,
                     start_on=days_ago(5))
        contact(person, advisers[0], on=days_ago(10 + i % 90))
        PathwayPlanFactory(young_person=person, number=1, author=advisers[0],
                           decided_by=manager)
        episode = AccommodationEpisode.objects.create(
            young_person=person, start_on=days_ago(100), type_code="WXZEU"[i % 5])
        SuitabilityAssessment.objects.create(
            episode=episode, assessed_on=days_ago(50), outcome="suitable", reason="Checked")
        ActivityEpisode.objects.create(young_person=person, start_on=days_ago(100),
                                       activity_code=["F1", "G4", "P2"][i % 3])
        contact(person, advisers[0], on=days_ago(5), outcome="attempted")


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_runs_a_fixed_number_of_queries(
    client, staff, teams, django_assert_max_num_queries, count
):
    advisers = [staff["pa"], staff["colleague"], staff["other_pa"]]
    _service_of(teams, count, advisers)
    client.force_login(staff["service"])

    # 1 the session, 2 the signed-in user; 3 who is in touch, 4 the young people with every
    # other column from their standing; 5 their records and 6 the download logged on each;
    # 7-9 the session's idle clock saved (savepoint, update, release).
    for url in (CSV, XLSX):
        with django_assert_max_num_queries(9):
            response = client.get(url)
        assert response.status_code == 200
    # The page: the session, the user, everyone's status, the count, the session's clock.
    with django_assert_max_num_queries(7):
        response = client.get(PAGE)
    assert response.status_code == 200
    on_list = len([i for i in range(count) if i % 5 != 4])
    assert len(csv_lines(client.get(CSV))) == 1 + on_list


def test_today_s_list_read_from_the_standing_is_the_one_the_records_give():
    """Today's list reads each young person's standing; an earlier day's, the records as they
    stood. On the demo service both give the same list for today, line by line."""
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    from returns.annex_a import _from_records, list_9_lines

    call_command("seed_demo", "--young-people", "60", stdout=StringIO())
    today = timezone.localdate()
    kept = list_9_rows(today)
    from_records = list_9_lines(today, _from_records)

    assert len(kept) == len(from_records) > 30
    rows = [row.values() for row in kept]
    assert rows == [row.values() for row in from_records]
    # Every column has a value for someone.
    assert all(any(row[n] not in ("", None) for row in rows) for n in range(len(rows[0])))
