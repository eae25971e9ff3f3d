"""Text typed into a record never runs as a formula in a download: the dashboard's lists, Annex A
as CSV and as a workbook, and the 903 return show it as text. Plain numbers stay numbers."""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from careleavers.models import User, YoungPerson
from careleavers.spreadsheets import safe_cell
from returns.returns_903 import return_903
from tests.dashboard.caseload import load_caseload
from tests.dashboard.people_903 import YEAR, care_leaver

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 3, 16, 0, tzinfo=ZoneInfo("Europe/London"))
LINK = '=HYPERLINK("http://x","y")'


@pytest.fixture
def caseload(tmp_path):
    with time_machine.travel(NOW, tick=False):
        load_caseload(tmp_path)
        YoungPerson.objects.filter(person_id="YP-1").update(first_name=LINK, last_name="@SUM(A1)")
        User.objects.filter(username="ppatel").update(full_name="+Pat -1+1")
        yield


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def test_a_name_that_looks_like_a_formula_is_text_in_the_dashboard_download(client, caseload):
    client.force_login(User.objects.get(username="dduty"))

    rows = rows_of(client.get(reverse("dashboard-list-csv"),
                              {"figure": "caseloads.per_adviser.ppatel"}))

    amara = next(row for row in rows if row[0] == "YP-1")
    assert amara[1:3] == [f"'{LINK}", "'@SUM(A1)"]
    assert amara[4] == "17"
    assert amara[7] == "'+Pat -1+1"


def test_annex_a_shows_formula_like_text_as_text(client, caseload):
    client.force_login(User.objects.get(username="hblack"))

    csv_rows = rows_of(client.get(reverse("annex-a-csv")))
    sheet = load_workbook(io.BytesIO(client.get(reverse("annex-a-xlsx")).content)).active

    assert csv_rows[1][0] == "YP-1" and csv_rows[1][9] == "'+Pat -1+1"
    # A workbook cell can say it holds text, so it keeps exactly what was typed.
    cell = sheet["J2"]
    assert cell.value == "+Pat -1+1" and cell.data_type == "s"


def test_the_workbook_never_holds_a_formula(client, caseload):
    User.objects.filter(username="ppatel").update(full_name=LINK)
    client.force_login(User.objects.get(username="hblack"))

    sheet = load_workbook(io.BytesIO(client.get(reverse("annex-a-xlsx")).content)).active

    assert sheet["J2"].value == LINK
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_a_council_id_starting_with_a_formula_sign_is_text_in_the_903_return(teams):
    care_leaver(teams["north"], born=date(2006, 4, 1), person_id="=1+1", sex="M",
                ethnicity="WBRI")

    lines = return_903(YEAR, today=date(2025, 5, 10)).header_csv().splitlines()

    assert lines[1].startswith("'=1+1,M,01/04/2006,WBRI")


@pytest.mark.parametrize("value, written", [
    (LINK, f"'{LINK}"),
    ("+44 7700 900123", "'+44 7700 900123"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tTab", "'\tTab"),
    ("\rReturn", "'\rReturn"),
    ("-5", "-5"),
    ("+3.5", "+3.5"),
    (-5, -5),
    ("Amara", "Amara"),
    ("", ""),
    (None, None),
])
def test_only_text_a_spreadsheet_would_run_gets_an_apostrophe(value, written):
    assert safe_cell(value) == written
