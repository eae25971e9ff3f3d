"""A Personal Adviser records that a young person who left a children's home is Staying Close,
on a wide screen and a phone: a missing home is refused next to the field, and Where they live
then says who supports them. axe finds nothing on either page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accommodation.models import AccommodationEpisode
from accommodation.services import accommodation_record
from tests.browser.conftest import assert_accessible
from tests.careleavers.records import add_young_person, allocate, years_ago

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sam(staff, teams):
    person = add_young_person(team=teams["north"], actor=staff["manager"], first_name="Sam",
                              last_name="Hill", date_of_birth=years_ago(18, days=60))
    allocate(person, staff["pa"])
    accommodation_record(actor=staff["pa"], young_person=person, start_on=years_ago(1),
                         type_code="C", provider="Oak Lodge")
    return person


def _fill_date(page, group_name, day):
    group = page.get_by_role("group", name=group_name)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


@pytest.mark.parametrize("width", [1280, 390])
def test_pa_records_staying_close_and_where_they_live_shows_the_home(
    page, staff, sign_in_as, sam, width
):
    page.set_viewport_size({"width": width, "height": 900})
    today = timezone.localdate()
    sign_in_as(staff["pa"]).goto(f"/young-people/{sam.pk}/accommodation/add/")
    page.get_by_role("heading", name="Record a move").wait_for()
    page.get_by_label("Independent living, for example their own tenancy (U)").check()
    _fill_date(page, "When did they move in?", today - timedelta(days=5))
    page.get_by_role("group", name="Does the council provide it?").get_by_label("No").check()
    page.get_by_label("They are Staying Close").check()
    page.get_by_role("button", name="Save").click()

    message = "Enter the name of the children’s home that supports them"
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert message in page.locator("#id_staying_close_home_1_error").inner_text()
    assert_accessible(page, f"staying-close-error-{width}")
    summary.get_by_role("link", name=message).click()
    assert page.evaluate("document.activeElement.id") == "id_staying_close_home"
    assert not AccommodationEpisode.objects.filter(staying_close=True).exists()

    page.get_by_label("Staying Close: the children’s home that supports them (optional)") \
        .fill("Oak Lodge")
    _fill_date(page, "Staying Close: when was it agreed? (optional)", today - timedelta(days=20))
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name="Is the accommodation suitable?").wait_for()

    page.goto(f"/young-people/{sam.pk}/accommodation/")
    main = page.locator("main").inner_text()
    assert "Staying Close, with support from Oak Lodge." in main
    assert "Staying Close, supported by" in main
    assert_accessible(page, f"where-they-live-staying-close-{width}")
