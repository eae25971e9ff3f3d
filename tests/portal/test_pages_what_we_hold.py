"""What we hold about you: a summary of a young person's record for them (their data-protection
right to know), with how to ask for all of it; never a note written for staff, never who a
restricted record is kept to."""

from datetime import date

import pytest
from django.urls import reverse

from careleavers.dates import long_date
from eligibility.models import StatutoryStatus
from tests.accommodation.places import place
from tests.advisers.people import allocate, contact, days_ago, young_person
from tests.documents.files import keep
from tests.eet.activities import activity
from tests.portal.see_support import authorised, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def documents_store(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                      "OPTIONS": {"location": tmp_path / "documents"}},
    }


@pytest.fixture
def person(teams, staff):
    staff["pa"].full_name = "Priya Adviser"
    staff["pa"].save()
    person = young_person(
        teams["north"], first_name="Joanne", preferred_name="Jo", last_name="Bloggs",
        date_of_birth=date(2006, 5, 14), address="Flat 3\n12 High Street", phone="07700 900456",
        email="jo@example.org",
    )
    allocate(person, staff["pa"], start_on=days_ago(200))
    return person


def held_page(client):
    response = client.get(reverse("portal-what-we-hold"))
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_their_details_as_held(client, staff, person):
    sign_in(client, person, staff["pa"])

    page = held_page(client)

    assert "Joanne Bloggs" in page and "What you like to be called" in page
    assert "14 May 2006" in page
    assert "Flat 3<br>12 High Street" in page
    assert "07700 900456" in page and "jo@example.org" in page


def test_it_says_their_status_in_plain_words_and_why(client, staff, person):
    StatutoryStatus.objects.filter(young_person=person).update(
        reason="Left care on 3 May 2024, aged 17, so was eligible when leaving.")
    sign_in(client, person, staff["pa"])

    page = held_page(client)

    assert "You left care and you are 18, 19 or 20." in page
    assert "Our records call this <strong>former relevant</strong>" in page
    assert "Left care on 3 May 2024, aged 17, so was eligible when leaving." in page


def test_it_says_who_their_pa_is_and_since_when(client, staff, person):
    sign_in(client, person, staff["pa"])

    assert f"Your PA is Priya Adviser, since {long_date(days_ago(200))}" in held_page(client)


def test_it_says_where_they_live_and_what_they_do_as_recorded(client, staff, person):
    place(person, "E", actor=staff["pa"])
    activity(person, "F4", actor=staff["pa"])
    sign_in(client, person, staff["pa"])

    page = held_page(client)

    assert "Supported lodgings" in page
    assert "Apprenticeship, full time" in page


def test_it_counts_contacts_plans_and_documents_with_the_latest_dates(client, staff, person):
    for days in (40, 12):
        contact(person, staff["pa"], on=days_ago(days))
    authorised(person, staff["pa"], staff["manager"], held_on=days_ago(30), accommodation="Stay")
    keep(person, staff["pa"])
    sign_in(client, person, staff["pa"])

    page = held_page(client)

    assert f"2, the latest on {long_date(days_ago(12))}" in page
    assert f"1, the latest on {long_date(days_ago(30))}" in page
    assert "1, the latest added on" in page


def test_it_says_how_to_ask_for_a_full_copy(client, staff, person, settings):
    settings.PORTAL_DATA_PROTECTION_EMAIL = "dpo@council.example"
    sign_in(client, person, staff["pa"])

    page = held_page(client)

    assert "subject access request" in page
    assert 'href="mailto:dpo@council.example"' in page


def test_a_contact_note_written_for_staff_never_appears_on_any_page(client, staff, person):
    contact(person, staff["pa"], notes="Staff only: worried about her new boyfriend")
    sign_in(client, person, staff["pa"])

    for name in ("portal-home", "portal-plan", "portal-money", "portal-documents",
                 "portal-what-we-hold"):
        page = client.get(reverse(name)).content.decode()
        assert "worried about her new boyfriend" not in page, name


def test_who_a_restricted_record_is_kept_to_never_appears(client, staff, teams):
    staff["colleague"].full_name = "Rita Relative"
    staff["colleague"].save()
    restricted = young_person(teams["north"], restricted=True, restricted_to=[staff["colleague"]],
                              first_name="Ray")
    sign_in(client, restricted, staff["pa"])

    for name in ("portal-home", "portal-plan", "portal-money", "portal-documents",
                 "portal-what-we-hold"):
        page = client.get(reverse(name)).content.decode()
        assert "Rita Relative" not in page, name
        assert "restricted" not in page.lower(), name
