"""A plan's section shows what the rest of the record says on it, from the package that owns
the facts (the local offer on money, the GP on health), under the section's own words."""

import pytest
from django.urls import reverse

from careleavers import record
from careleavers.record import SectionFact, plan_section_facts
from tests.advisers.people import allocate
from tests.pathways.plan_setup import written_plan, young_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def gp_on_health():
    def gp(*, young_person, today):
        return [SectionFact("Registered with a GP", f"Yes, for {young_person.first_name}")]

    plan_section_facts("health")(gp)
    yield
    record._plan_section_facts["health"].remove(gp)


def test_a_section_shows_what_the_record_says_on_it(client, staff, teams, gp_on_health):
    person = young_person(teams["north"])
    allocate(person, staff["pa"])
    draft = written_plan(person, staff["pa"], health="Sees the GP for asthma.",
                         accommodation="Stay in the flat.")
    client.force_login(staff["pa"])
    page = client.get(reverse("plan-detail", args=[draft.pk])).content.decode()
    health = page.split('id="section-health"')[1].split('class="govuk-summary-card"')[0]
    assert "What their record says" in health
    assert f"Yes, for {person.first_name}" in health
    accommodation = page.split('id="section-accommodation"')[1].split('id="section-')[0]
    assert "What their record says" not in accommodation
