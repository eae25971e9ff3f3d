"""Nothing sent to a signed-in user is kept by the browser: on a shared council PC the back button
after sign-out must not bring a young person's record back."""

import pytest
from django.urls import reverse

from tests.advisers.people import allocate, young_person

pytestmark = pytest.mark.django_db


def kept_by_nobody(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


@pytest.fixture
def person(staff, teams):
    person = young_person(teams["north"], first_name="Amara")
    allocate(person, staff["pa"])
    return person


@pytest.mark.parametrize("persona, url", [
    ("pa", lambda person: reverse("home")),
    ("pa", lambda person: reverse("young-person-search") + "?q=Amara"),
    ("pa", lambda person: reverse("young-person", args=[person.pk])),
    ("pa", lambda person: reverse("my-caseload")),
    ("manager", lambda person: reverse("team-caseload")),
    ("manager", lambda person: reverse("dashboard")),
    ("pa", lambda person: reverse("contact-add", args=[person.pk])),
    ("manager", lambda person: reverse("dashboard-list-csv") + "?figure=pathway_plans.overdue"),
])
def test_pages_for_signed_in_staff_are_not_stored(client, staff, person, persona, url):
    client.force_login(staff[persona])

    response = client.get(url(person))

    assert response.status_code == 200, url(person)
    assert kept_by_nobody(response)


def test_a_refused_form_and_a_page_not_found_are_not_stored_either(client, staff, person):
    client.force_login(staff["pa"])

    assert kept_by_nobody(client.post(reverse("contact-add", args=[person.pk]), {}))
    assert kept_by_nobody(client.get(reverse("young-person", args=[person.pk + 1000])))

