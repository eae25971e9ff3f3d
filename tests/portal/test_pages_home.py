"""A young person's home page: hello, who their PA is and how to reach them, what to do when the
office is closed, and when they will next hear from us."""

from datetime import timedelta

import pytest
from django.urls import reverse

from advisers.models import KeepInTouchStandard
from careleavers.dates import long_date
from tests.advisers.people import allocate, contact, cover, days_ago, young_person
from tests.portal.see_support import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(teams, staff):
    staff["pa"].full_name = "Priya Adviser"
    staff["pa"].email = "priya.adviser@council.example"
    staff["pa"].work_phone = "07700 900123"
    staff["pa"].save()
    person = young_person(teams["north"], first_name="Joanne", preferred_name="Jo",
                          last_name="Bloggs")
    allocate(person, staff["pa"])
    return person


def home(client):
    response = client.get(reverse("portal-home"))
    assert response.status_code == 200
    return response.content.decode()


def test_it_says_hello_and_who_their_pa_is_and_how_to_reach_them(client, staff, person):
    sign_in(client, person, staff["pa"])

    page = home(client)

    assert "Hello Jo" in page
    assert "Your PA is <strong>Priya Adviser</strong>" in page
    assert 'href="tel:07700900123"' in page and "07700 900123" in page
    assert 'href="mailto:priya.adviser@council.example"' in page


def test_it_says_who_to_call_when_the_office_is_closed(client, staff, person, settings):
    settings.PORTAL_OUT_OF_HOURS = "Call the emergency duty team on 01632 960 777."
    sign_in(client, person, staff["pa"])

    assert "Call the emergency duty team on 01632 960 777." in home(client)


def test_it_says_when_their_pa_will_next_be_in_touch(client, staff, person):
    contact(person, staff["pa"], on=days_ago(10))
    days = KeepInTouchStandard.as_dict()[person.statutory_status.status]
    sign_in(client, person, staff["pa"])

    due = long_date(days_ago(10) + timedelta(days=days))
    assert f"Your PA will be in touch by <strong>{due}</strong>" in home(client)


def test_a_missed_date_asks_them_to_get_in_touch(client, staff, person):
    contact(person, staff["pa"], on=days_ago(300))
    sign_in(client, person, staff["pa"])

    page = home(client)

    assert "We should have been in touch by" in page
    assert "Your PA will be in touch by" not in page


def test_someone_covering_is_named(client, staff, person):
    staff["colleague"].full_name = "Colin Cover"
    staff["colleague"].save()
    cover(person, staff["colleague"])
    sign_in(client, person, staff["pa"])

    assert "Colin Cover is helping you while your PA is away" in home(client)


def test_with_no_pa_it_says_who_to_contact(client, staff, teams, settings):
    settings.PORTAL_TEAM_CONTACT = "the leaving care team on 01632 960 555"
    nobody_yet = young_person(teams["north"], first_name="Sam")
    sign_in(client, nobody_yet, staff["pa"])

    page = home(client)

    assert "You do not have a PA right now" in page
    assert "contact the leaving care team on 01632 960 555" in page
    assert "Your PA is" not in page


def test_it_links_to_each_of_their_pages_and_signing_out(client, staff, person):
    sign_in(client, person, staff["pa"])

    page = home(client)

    for name in ("portal-plan", "portal-money", "portal-documents", "portal-what-we-hold"):
        assert f'href="{reverse(name)}"' in page
    assert f'action="{reverse("portal-sign-out")}"' in page


def test_the_staff_navigation_is_not_there(client, staff, person):
    sign_in(client, person, staff["pa"])

    page = home(client)

    assert 'aria-label="Main"' not in page and "Find a young person" not in page
