"""The DfE SSDA903 care leaver return: who is in it, the exact files `export_903` writes, and the
page where a service manager sees who would fail before downloading them."""

import io
import zipfile
from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse

from careleavers.models import RecordView
from eligibility.models import CareFacts
from eligibility.rules import Status
from returns.models import Return903File
from returns.returns_903 import oc3_cohort, return_903
from returns.returns_903_prepare import return_903_prepare
from tests.dashboard.people_903 import (
    YEAR,
    care_leaver,
    doing,
    in_care,
    in_touch_and_settled,
    living,
    seen,
    status_history,
)

pytestmark = pytest.mark.django_db

HEADER_CSV = (
    "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n"
    "CL-BEN,M,01/04/2006,WBRI,A123456789012,,\r\n"
    "CL-AMY,F,15/06/2005,BAFR,,,\r\n"
    "CL-CARA,F,31/03/2004,MWBC,,,\r\n"
)
OC3_CSV = (
    "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\r\n"
    "CL-BEN,01/04/2006,NO,0,0\r\n"
    "CL-AMY,15/06/2005,YES,F2,U1\r\n"
    "CL-CARA,31/03/2004,RHOM,0,0\r\n"
)


@pytest.fixture
def caseload(teams):
    north, south = teams["north"], teams["south"]
    # 18 on 1 April 2024, the year's first day; never in touch.
    care_leaver(north, born=date(2006, 4, 1), person_id="CL-BEN", first_name="Ben",
                last_name="Ash", sex="M", ethnicity="WBRI", upn="A123456789012")
    # 19 on 15 June 2024: seen on 1 June, at college full time, in her own flat, suitable.
    amy = care_leaver(south, born=date(2005, 6, 15), person_id="CL-AMY", first_name="Amy",
                      last_name="Bell", sex="F", ethnicity="BAFR")
    seen(amy, date(2024, 6, 1))
    doing(amy, "F2", date(2023, 9, 1))
    living(amy, "U", date(2024, 1, 10))
    # 21 on 31 March 2025, the year's last day; went home to her parents two years before.
    cara = care_leaver(north, born=date(2004, 3, 31), status=Status.ENTITLED_ON_REQUEST,
                       person_id="CL-CARA", first_name="Cara", last_name="Dunn", sex="F",
                       ethnicity="MWBC", restricted=True)
    CareFacts.objects.create(young_person=cara, returned_home_on=date(2023, 1, 1))
    # Not in it: 21 on 31 March 2024 (the year before) and so 22 in this one; 16 in the year;
    # 17 in the year and still in care; qualifying, never a relevant child.
    care_leaver(north, born=date(2003, 3, 31), person_id="CL-DAN")
    care_leaver(north, born=date(2008, 6, 1), status=Status.RELEVANT, person_id="CL-EVE")
    care_leaver(north, born=date(2007, 5, 1), status=Status.ELIGIBLE, person_id="CL-FAY")
    care_leaver(north, born=date(2005, 7, 1), status=Status.QUALIFYING, person_id="CL-GUS")


def export(tmp_path, year=YEAR):
    out, err = StringIO(), StringIO()
    try:
        call_command("export_903", "--year", str(year), "--out", str(tmp_path / "903"),
                     stdout=out, stderr=err)
        status = 0
    except CommandError as error:
        err.write(str(error))
        status = error.returncode
    return status, out.getvalue(), err.getvalue()


def read(tmp_path, name) -> str:
    return (tmp_path / "903" / name).read_bytes().decode("utf-8")


def cohort_ids(year=YEAR, **kwargs) -> list[str]:
    return [m.young_person.person_id for m in oc3_cohort(year, **kwargs)]


# Who is in it -------------------------------------------------------------------------------


def test_care_leavers_with_a_17th_to_21st_birthday_in_the_year_are_in_it(caseload):
    assert cohort_ids() == ["CL-BEN", "CL-AMY", "CL-CARA"]


def test_birthdays_on_the_first_and_last_days_of_the_year_count(teams):
    care_leaver(teams["north"], born=date(2005, 4, 1), person_id="FIRST")  # 19 on 1 April 2024
    care_leaver(teams["north"], born=date(2006, 3, 31), person_id="LAST")  # 19 on 31 March 2025

    assert cohort_ids() == ["FIRST", "LAST"]


def test_a_birthday_on_31_march_of_the_year_before_is_not_in_it(teams):
    care_leaver(teams["north"], born=date(2003, 3, 31), person_id="21-LAST-YEAR")
    care_leaver(teams["north"], born=date(2007, 3, 31), person_id="17-LAST-YEAR")

    assert cohort_ids() == ["17-LAST-YEAR"]  # 18 on 31 March 2025; 21-LAST-YEAR is 22 then


@pytest.mark.parametrize("status, counted", [
    (Status.RELEVANT, True),
    (Status.FORMER_RELEVANT, True),
    (Status.FORMER_RELEVANT_EDUCATION, True),
    (Status.RETURNER_21_25, True),
    (Status.ENTITLED_ON_REQUEST, True),
    (Status.ELIGIBLE, False),  # still looked after: the episodes tables count them
    (Status.QUALIFYING, False),
    (Status.NOT_ENTITLED, False),
])
def test_only_care_leavers_are_in_it(teams, status, counted):
    care_leaver(teams["north"], born=date(2005, 6, 15), status=status, person_id="CL-1")

    assert cohort_ids() == (["CL-1"] if counted else [])


def test_the_status_on_the_birthday_counts_not_todays(teams):
    left_later = care_leaver(teams["north"], born=date(2007, 6, 1), status=Status.RELEVANT,
                             person_id="ELIGIBLE-AT-17")
    status_history(left_later, (date(2023, 8, 1), Status.ELIGIBLE),
                   (date(2024, 9, 1), Status.RELEVANT))
    became = care_leaver(teams["north"], born=date(2005, 6, 1), status=Status.QUALIFYING,
                         person_id="FR-AT-19")
    status_history(became, (date(2023, 6, 1), Status.FORMER_RELEVANT),
                   (date(2024, 10, 1), Status.QUALIFYING))

    assert cohort_ids() == ["FR-AT-19"]


def test_a_caseload_brought_over_after_the_birthday_is_judged_by_its_care_history(teams):
    # Brought over from the old system on 10 January 2025, after her 19th birthday: the service
    # recorded no status for her then, so the rule decides it from her care history.
    imported = care_leaver(teams["north"], born=date(2005, 6, 1), person_id="IMPORTED")
    in_care(imported, date(2019, 6, 1), date(2023, 5, 31))  # from 14 to 18
    status_history(imported, (date(2025, 1, 10), Status.NOT_ENTITLED),
                   (date(2025, 1, 10), Status.FORMER_RELEVANT))
    # Brought over the same day with no care history: never a care leaver.
    never = care_leaver(teams["north"], born=date(2005, 7, 1), person_id="NEVER-IN-CARE")
    status_history(never, (date(2025, 1, 10), Status.NOT_ENTITLED))

    assert cohort_ids() == ["IMPORTED"]


@pytest.mark.parametrize("last_day_in_care, counted", [
    (date(2024, 6, 14), False),  # care ended on the 18th birthday: DfE rules 1007 and 1016
    (None, False),  # still looked after
    (date(2024, 5, 13), True),  # left a month before: a relevant child on the birthday
])
def test_at_18_only_those_who_left_care_before_the_birthday(teams, last_day_in_care, counted):
    person = care_leaver(teams["north"], born=date(2006, 6, 15), person_id="CL-18")
    in_care(person, date(2021, 1, 1), last_day_in_care)

    assert cohort_ids() == (["CL-18"] if counted else [])


def test_care_that_ended_at_18_does_not_take_them_out_at_19(teams):
    person = care_leaver(teams["north"], born=date(2005, 6, 15), person_id="CL-19")
    in_care(person, date(2021, 1, 1), date(2023, 6, 14))

    assert cohort_ids() == ["CL-19"]


def test_restricted_records_are_in_the_statutory_return(caseload):
    assert "CL-CARA" in [row["CHILD"] for row in return_903(YEAR).oc3]


# The files ----------------------------------------------------------------------------------


def test_export_writes_the_dfe_columns_codes_and_dates(caseload, tmp_path):
    status, out, err = export(tmp_path)

    assert status == 0, err
    assert read(tmp_path, "header.csv") == HEADER_CSV
    assert read(tmp_path, "oc3.csv") == OC3_CSV
    assert out.strip() == (
        f"2024-25: 3 care leavers in oc3.csv, 3 in header.csv, 0 would fail the DfE's rules; "
        f"written to {tmp_path / '903'}"
    )
    assert err == ""


def test_before_2024_25_sex_is_1_for_male_and_2_for_female(teams, tmp_path):
    for person_id, sex, born in (("CL-M", "M", date(2004, 6, 1)),
                                 ("CL-F", "F", date(2004, 7, 1))):
        person = care_leaver(teams["north"], born=born, person_id=person_id, sex=sex)
        in_touch_and_settled(person, born.replace(year=2023))

    status, _, err = export(tmp_path, year=2024)

    assert status == 0, err
    assert read(tmp_path, "header.csv") == (
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n"
        "CL-M,1,01/06/2004,WBRI,,,\r\n"
        "CL-F,2,01/07/2004,WBRI,,,\r\n"
    )


def test_an_empty_year_writes_the_column_names_only(db, tmp_path):
    status, out, _ = export(tmp_path)

    assert status == 0
    assert read(tmp_path, "oc3.csv") == "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\r\n"
    assert read(tmp_path, "header.csv") == "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n"
    assert "0 care leavers in oc3.csv" in out


def test_export_lists_who_would_fail_on_stderr_and_exits_1(caseload, teams, tmp_path):
    # In touch around her 20th birthday, but no activity recorded for it.
    gap = care_leaver(teams["north"], born=date(2004, 9, 20), person_id="CL-GAP",
                      first_name="Gail", last_name="Pike")
    seen(gap, date(2024, 9, 1))
    living(gap, "D", date(2024, 1, 1))

    status, out, err = export(tmp_path)

    assert status == 1
    assert "1 would fail the DfE's rules" in out
    assert ("CL-GAP: 132, 153: In touch around their 20th birthday (20 September 2024) but no "
            "education, training or work recorded for that day") in err
    assert "1 young person would fail the DfE's rules" in err
    # The files are still written, with the gap left blank as the DfE would see it.
    assert "CL-GAP,20/09/2004,YES,,D1\r\n" in read(tmp_path, "oc3.csv")


def test_export_refuses_a_year_that_is_not_one(db, tmp_path):
    with pytest.raises(CommandError, match="--year must be a year"):
        call_command("export_903", "--year", "24", "--out", str(tmp_path))


# The page -----------------------------------------------------------------------------------
# The page shows the return a worker prepared (returns.returns_903_prepare); these tests prepare
# it as the worker does, and tests/returns/test_return_903_prepared.py follow the asking.


def signed_in(client, user):
    client.force_login(user)
    return client


def prepared(user, year=YEAR) -> Return903File:
    file = Return903File.objects.create(year=year, requested_by=user)
    assert return_903_prepare(file.pk) is True
    file.refresh_from_db()
    return file


def page(client, user, **query):
    return signed_in(client, user).get(reverse("return-903"), query)


@pytest.fixture
def with_failure(caseload, teams):
    gap = care_leaver(teams["north"], born=date(2004, 9, 20), person_id="CL-GAP",
                      first_name="Gail", last_name="Pike")
    seen(gap, date(2024, 9, 1))
    return gap


def test_service_manager_sees_who_would_fail_and_why(client, staff, with_failure):
    prepared(staff["service"])

    response = page(client, staff["service"], year=YEAR)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-count="oc3">4<' in html
    assert 'data-count="failing">1<' in html
    assert f'href="{reverse("young-person", args=[with_failure.pk])}">Gail Pike</a>' in html
    assert "CL-GAP" in html
    assert "20th: 20 September 2024" in html
    assert ("In touch around their 20th birthday (20 September 2024) but no education, training "
            "or work recorded for that day") in html
    assert ("In touch around their 20th birthday (20 September 2024) but no accommodation "
            "recorded for that day") in html
    assert 'data-rule="133, 153"' in html
    assert "Record where they were living on 20 September 2024 under Where they live." in html
    assert "Amy Bell" not in html  # nothing wrong with her return


def test_nobody_failing_says_so(client, staff, caseload):
    prepared(staff["service"])

    html = page(client, staff["service"], year=YEAR).content.decode()

    assert 'data-count="failing">0<' in html
    assert "No young person would fail the DfE's checks" in html


@time_machine.travel(date(2025, 5, 10), tick=False)
def test_the_page_opens_on_the_year_just_ended(client, staff, caseload):
    prepared(staff["service"], 2025)

    html = page(client, staff["service"]).content.decode()

    assert "1 April 2024 to 31 March 2025</dd>" in html
    assert '<option value="2025" selected>April 2024 to March 2025</option>' in html
    assert '<option value="2026">April 2025 to March 2026 (so far)</option>' in html
    assert 'data-count="oc3">3<' in html


def test_a_year_not_offered_is_refused_with_a_message(client, staff, caseload):
    html = page(client, staff["service"], year="1999").content.decode()

    assert "Select a collection year from the list" in html
    assert "govuk-error-summary" in html


def test_download_holds_the_two_files(client, staff, caseload):
    file = prepared(staff["service"])

    response = signed_in(client, staff["service"]).get(
        reverse("return-903-download", args=[file.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        'attachment; filename="ssda903-care-leavers-2024-25.zip"'
    )
    assert "no-store" in response["Cache-Control"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert sorted(archive.namelist()) == ["header.csv", "oc3.csv"]
        assert archive.read("header.csv").decode("utf-8") == HEADER_CSV
        assert archive.read("oc3.csv").decode("utf-8") == OC3_CSV


def test_a_download_is_logged_on_the_record_of_each_young_person_in_it(client, staff, caseload):
    file = prepared(staff["service"])

    signed_in(client, staff["service"]).get(reverse("return-903-download", args=[file.pk]))

    logged = RecordView.objects.filter(viewed_by=staff["service"],
                                       page="downloaded the SSDA903 care leaver return "
                                            "April 2024 to March 2025")
    in_return = [row.split(",")[0] for row in OC3_CSV.splitlines()[1:]]
    assert sorted(logged.values_list("young_person__person_id", flat=True)) == sorted(in_return)


@pytest.mark.parametrize("who", ["pa", "manager", "duty", "board", "admin"])
def test_only_service_managers_get_the_return(client, staff, caseload, who):
    file = prepared(staff["service"])
    signed_in(client, staff[who])

    assert page(client, staff[who], year=YEAR).status_code == 403
    assert client.get(reverse("return-903-download", args=[file.pk])).status_code == 403
    assert client.get(reverse("return-903-status", args=[file.pk])).status_code == 403
    assert client.post(reverse("return-903-prepare"), {"year": YEAR}).status_code == 403
    assert not RecordView.objects.filter(viewed_by=staff[who]).exists()
    assert list(Return903File.objects.all()) == [file]


def test_signed_out_goes_to_sign_in(client):
    response = client.get(reverse("return-903"))

    assert response.status_code == 302
    assert "sign-in" in response["Location"] or "login" in response["Location"]


@pytest.mark.parametrize("people", [3, 30])
def test_the_page_takes_the_same_queries_however_many(client, staff, teams, people,
                                                       django_assert_max_num_queries):
    for number in range(people):
        person = care_leaver(teams["north"], born=date(2005, 6, 1 + number % 28),
                             person_id=f"CL-{number}")
        seen(person, date(2024, 5, 20))
        if number % 2:
            doing(person, "F2", date(2023, 9, 1))
    prepared(staff["service"])
    signed_in(client, staff["service"])
    client.get(reverse("return-903"), {"year": YEAR})  # warm the session and user

    # The session and the user; the latest return asked for, with who asked; the session kept
    # alive (a savepoint, the update, its release). Nothing is worked out from the records.
    with django_assert_max_num_queries(6):
        response = client.get(reverse("return-903"), {"year": YEAR})

    assert f'data-count="oc3">{people}<' in response.content.decode()
