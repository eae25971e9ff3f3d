"""A service manager opens the DfE 903 return, prepares it, sees a young person who would fail the
DfE's checks, downloads the files and follows the link to the young person's record to put it
right; the data quality page beside it."""

from datetime import date

import pytest
from django.utils import timezone

from returns.models import Return903File
from returns.returns_903 import latest_ended_year
from returns.returns_903_prepare import return_903_prepare
from tests.browser.conftest import assert_accessible
from tests.dashboard.people_903 import care_leaver, living, seen

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def gail(teams):
    """In touch around her 20th birthday in the year just ended, nothing recorded for it but a
    supported flat."""
    year = latest_ended_year(timezone.localdate())
    person = care_leaver(teams["north"], born=date(year - 21, 9, 20), person_id="CL-GAP",
                         first_name="Gail", last_name="Pike")
    seen(person, date(year - 1, 9, 10))
    living(person, "D", date(year - 2, 1, 1))
    care_leaver(teams["north"], born=date(year - 22, 1, 10), first_name="Ed", last_name="Eve")
    return person


def test_service_manager_follows_a_failing_young_person_to_their_record(
    page, staff, gail, sign_in_as
):
    sign_in_as(staff["service"]).goto("/reports/")
    page.get_by_role("link", name="DfE SSDA903 return: care leavers").click()

    page.get_by_role("heading", name="DfE SSDA903 return: care leavers", level=1).wait_for()
    assert_accessible(page, "return-903-not-prepared")
    # Without a queue (as here) the return is prepared as the request ends; with one, the page
    # follows the worker.
    page.get_by_role("button", name="Prepare the return").click()

    page.get_by_role("heading", name="The return as prepared", level=2).wait_for()
    failing = page.get_by_role("table", name="Young people who would fail the DfE's checks")
    row = failing.get_by_role("row").filter(has_text="CL-GAP")
    assert "but no education, training or work recorded for that day" in row.inner_text()
    assert "DfE rules 132, 153" in row.inner_text()
    assert page.get_by_role("button", name="Download the return (ZIP)").count() == 1
    assert page.get_by_role("button", name="Prepare it again").count() == 1
    assert_accessible(page, "return-903")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the return (ZIP)").click()
    assert download.value.suggested_filename.startswith("ssda903-care-leavers-")

    row.get_by_role("link", name="Gail Pike").click()
    page.get_by_role("heading", name="Gail Pike").first.wait_for()
    assert page.url.endswith(f"/young-people/{gail.pk}/")


def test_the_data_quality_page_lists_records_to_put_right(page, staff, gail, sign_in_as):
    sign_in_as(staff["manager"]).goto("/reports/")
    page.get_by_role("link", name="Data quality: records to put right").click()

    page.get_by_role("heading", name="Data quality", level=1).wait_for()
    never = page.get_by_role("table", name="No contact recorded (1)")
    assert never.get_by_role("link", name="Ed Eve").count() == 1
    assert_accessible(page, "data-quality")


def test_the_page_follows_the_return_being_prepared_until_it_is_ready(
    page, staff, gail, sign_in_as
):
    year = latest_ended_year(timezone.localdate())
    # Asked for, and waiting for the worker.
    file = Return903File.objects.create(year=year, requested_by=staff["service"])

    sign_in_as(staff["service"]).goto(f"/reports/903/?year={year}")
    page.get_by_role("heading", name=f"Preparing the return for April {year - 1} to March {year}",
                     level=2).wait_for()
    bar = page.get_by_label("How far it has got")
    assert bar.get_attribute("value") == "0"
    assert page.get_by_role("status").inner_text() == "Waiting to start."
    assert page.get_by_role("link", name="Refresh").count() == 1
    assert_accessible(page, "return-903-preparing")

    return_903_prepare(file.pk)  # the worker

    # The page's script asks every 2 seconds: the bar fills and the way to the return appears.
    show = page.get_by_role("button", name="Show the return")
    show.wait_for(timeout=30_000)
    assert page.get_by_role("status").inner_text() == "The return is ready."
    assert bar.evaluate("bar => bar.value") == 100
    assert page.get_by_role("link", name="Refresh").count() == 0
    show.click()
    page.get_by_role("heading", name="The return as prepared", level=2).wait_for()
    assert "CL-GAP" in page.get_by_role(
        "table", name="Young people who would fail the DfE's checks").inner_text()
