"""A service manager gets the reports that leave the service from the reports page."""

import csv

import pytest

from eligibility.rules import Status
from tests.advisers.people import allocate, contact, days_ago, young_person
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def service(staff, teams):
    jo = young_person(teams["north"], Status.FORMER_RELEVANT, person_id="CL-1001")
    allocate(jo, staff["pa"])
    contact(jo, staff["pa"], on=days_ago(10))
    young_person(teams["south"], Status.RELEVANT, person_id="CL-1002", restricted=True)
    young_person(teams["north"], Status.NOT_ENTITLED, person_id="CL-1003")


def test_service_manager_downloads_annex_a_for_the_inspectors(
    page, staff, service, sign_in_as, tmp_path
):
    sign_in_as(staff["service"]).goto("/reports/")
    page.get_by_role("heading", name="Reports", level=1).wait_for()
    assert_accessible(page, "reports")

    page.get_by_role("link", name="Ofsted Annex A, List 9: leaving care services").click()
    page.get_by_role("heading", name="Ofsted Annex A, List 9: leaving care services").wait_for()
    count = page.locator(".govuk-summary-list__row", has_text="Young people").locator("dd")
    assert count.inner_text() == "2"  # the restricted record too; not the one not entitled
    assert page.get_by_role("button", name="Download for Excel (XLSX)").count() == 1
    assert_accessible(page, "annex-a")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download as CSV").click()
    name = download.value.suggested_filename
    assert name.startswith("annex-a-list-9-") and name.endswith(".csv")
    path = tmp_path / name
    download.value.save_as(path)
    with path.open(encoding="utf-8", newline="") as file:
        lines = list(csv.reader(file))
    assert lines[0][:2] == ["Child Unique ID", "Gender"]
    assert len(lines[0]) == 17
    assert [line[0] for line in lines[1:]] == ["CL-1001", "CL-1002"]
    assert lines[1][9] == staff["pa"].full_name  # Allocated Personal Advisor
    assert lines[1][12] == "Yes"  # LA In Touch: seen 10 days ago
