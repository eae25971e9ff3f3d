"""A Personal Adviser records a young person's GP and dentist and the day their health history
was given to them, on a wide screen and a phone: a missing practice is explained next to the
field, and what they saved shows on the Health and family page and in their pathway plan's
health section. axe finds nothing on the pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from careleavers.dates import long_date
from tests.browser.conftest import assert_accessible
from tests.careleavers.records import add_young_person, allocate, years_ago
from tests.pathways.plan_setup import written_plan

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sam(staff, teams):
    person = add_young_person(team=teams["north"], actor=staff["manager"], first_name="Sam",
                              last_name="Okoro", date_of_birth=years_ago(19, days=30),
                              person_id="CL-1901")
    allocate(person, staff["pa"])
    return person


def _answer(page, question, answer):
    page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


@pytest.mark.parametrize("width", [1280, 390])
def test_pa_records_gp_dentist_and_health_history_and_sees_them_on_the_plan(
    page, staff, sign_in_as, sam, width
):
    plan = written_plan(sam, staff["pa"], health="Book a GP appointment.")
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_as(staff["pa"]).goto(f"/young-people/{sam.pk}/health/")
    page.get_by_role("heading", name="Health and family", exact=True).wait_for()
    assert_accessible(page, f"health-page-empty-{width}")

    page.get_by_role("link", name="Change their health record").click()
    page.get_by_role("heading", name="Their health").wait_for()
    _answer(page, "Are they registered with a GP?", "Yes")
    _answer(page, "Are they registered with a dentist?", "Yes")
    page.get_by_label("Dental practice (if they are registered)").fill("Smile Dental")
    page.get_by_role("button", name="Save").click()

    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    message = "Enter the name of the GP’s practice they are registered with"
    assert message in page.locator(".govuk-error-message").first.inner_text()
    assert_accessible(page, f"health-form-error-{width}")
    summary.get_by_role("link", name=message).click()
    assert page.evaluate("document.activeElement.id") == "id_gp_practice"

    given = timezone.localdate() - timedelta(days=20)
    page.get_by_label("GP practice (if they are registered)").fill("Canal Street Surgery")
    group = page.get_by_role("group", name="When was their health history given to them?")
    group.get_by_label("Day").fill(str(given.day))
    group.get_by_label("Month").fill(str(given.month))
    group.get_by_label("Year").fill(str(given.year))
    page.get_by_role("button", name="Save").click()

    page.get_by_role("heading", name="Health and family", exact=True).wait_for()
    card = page.locator("#health").inner_text()
    assert "Canal Street Surgery" in card and "Smile Dental" in card
    assert long_date(given) in card
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert_accessible(page, f"health-page-saved-{width}")

    page.goto(f"/plans/{plan.pk}/")
    health = page.locator("#section-health").inner_text()
    assert "Registered with a GP" in health and "Yes, Canal Street Surgery" in health
    assert "Yes, Smile Dental" in health
    assert f"On {long_date(given)}" in health
    assert_accessible(page, f"health-on-plan-{width}")
