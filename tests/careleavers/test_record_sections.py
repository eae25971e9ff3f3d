"""The record in parts: an overview short enough for a phone, every part reached from the same
sub navigation, a chronology that narrows to what someone is looking for, every contact in
one list, and the changes to their details with who made them."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from careleavers.record import ChronologyEntry, chronology_filtered
from careleavers.services import young_person_update
from tests.advisers.people import contact
from tests.careleavers.records import add_young_person, allocate, years_ago

pytestmark = pytest.mark.django_db

PARTS = ["young-person", "young-person-chronology", "contact-list", "plan-list",
         "accommodation", "eet", "documents", "immigration", "care-history",
         "young-person-history"]


@pytest.fixture
def person(staff, teams):
    young_person = add_young_person(team=teams["north"], actor=staff["manager"],
                                    first_name="Amani", last_name="Okafor",
                                    date_of_birth=years_ago(19))
    allocate(young_person, staff["pa"])
    return young_person


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


@pytest.mark.parametrize("part", PARTS)
def test_every_part_of_the_record_links_to_every_other_and_marks_itself(
    client, staff, person, part
):
    client.force_login(staff["pa"])

    page = client.get(reverse(part, args=[person.pk])).content.decode()

    navigation = page[page.index('class="moj-sub-navigation'):page.index("</nav>",
                                                                       page.index("moj-sub"))]
    for other in PARTS:
        assert f'href="{reverse(other, args=[person.pk])}"' in navigation, other
    current = navigation[:navigation.index('aria-current="page"')]
    assert current.rstrip().endswith(f'href="{reverse(part, args=[person.pk])}"'), part


@pytest.mark.parametrize("part", ["young-person-chronology", "contact-list",
                                  "young-person-history"])
def test_another_teams_adviser_cannot_open_a_part_of_the_record(client, staff, person, part):
    client.force_login(staff["other_pa"])

    assert client.get(reverse(part, args=[person.pk])).status_code == 404


def test_the_overview_shows_only_what_happened_last_and_links_to_the_rest(client, staff, person):
    for days in range(1, 8):
        contact(person, staff["pa"], on=days_ago(days), notes=f"Visit number {days}")
    client.force_login(staff["pa"])

    page = client.get(reverse("young-person", args=[person.pk])).content.decode()

    assert "Visit number 1" in page
    assert "Visit number 5" not in page
    assert reverse("young-person-chronology", args=[person.pk]) in page


def test_the_chronology_narrows_to_visits(client, staff, person):
    contact(person, staff["pa"], on=days_ago(3), notes="Talked about college")
    contact(person, staff["pa"], on=days_ago(2), contact_type="phone", outcome="spoke",
            notes="Rang about money")
    client.force_login(staff["pa"])

    page = client.get(reverse("young-person-chronology", args=[person.pk]),
                      {"kind": "Visit"}).content.decode()

    assert "Talked about college" in page
    assert "Rang about money" not in page
    assert "Personal Adviser" not in page[page.index('class="moj-timeline"'):]


def test_the_chronology_finds_words_in_its_notes_and_keeps_to_the_days_asked(
    client, staff, person
):
    contact(person, staff["pa"], on=days_ago(40), notes="Starting college in September")
    contact(person, staff["pa"], on=days_ago(2), notes="College is going well")
    contact(person, staff["pa"], on=days_ago(1), notes="Bus pass sorted")
    since = timezone.localdate() - timedelta(days=10)
    client.force_login(staff["pa"])

    page = client.get(reverse("young-person-chronology", args=[person.pk]), {
        "words": "college", "since_0": since.day, "since_1": since.month,
        "since_2": since.year,
    }).content.decode()

    assert "College is going well" in page
    assert "Starting college" not in page
    assert "Bus pass" not in page


def test_a_to_date_before_the_from_date_is_explained_next_to_the_field(client, staff, person):
    client.force_login(staff["pa"])

    response = client.get(reverse("young-person-chronology", args=[person.pk]), {
        "since_0": "10", "since_1": "5", "since_2": "2026",
        "until_0": "1", "until_1": "5", "until_2": "2026",
    })

    assert response.context["form"].errors["until"] == [
        "The to date must be the same as or after the from date"]
    assert "There is a problem" in response.content.decode()


def test_chronology_filter_reads_days_on_the_local_clock():
    # 23:30 UTC on 30 June is 00:30 on 1 July in London: it belongs to 1 July.
    late = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    entries = [ChronologyEntry(at=late, kind="Visit", title="Late visit")]

    assert chronology_filtered(entries, since=date(2026, 7, 1)) == entries
    assert chronology_filtered(entries, until=date(2026, 6, 30)) == []


def test_every_contact_is_listed_with_who_made_it_a_page_at_a_time(client, staff, person):
    for days in range(1, 53):
        contact(person, staff["pa"], on=days_ago(days), notes=f"Contact {days} days ago")
    client.force_login(staff["pa"])

    first = client.get(reverse("contact-list", args=[person.pk])).content.decode()
    second = client.get(reverse("contact-list", args=[person.pk]), {"page": 2}).content.decode()

    assert "Contact 1 days ago" in first and "Contact 52 days ago" not in first
    assert "Contact 52 days ago" in second
    assert staff["pa"].get_full_name() in first
    assert "Showing 51 to 52 of 52 contacts" in second


def test_changes_to_their_details_say_what_was_before_who_changed_it_and_when(
    client, staff, person
):
    young_person_update(actor=staff["pa"], young_person=person, version=person.version,
                        today=timezone.localdate(), preferred_name="Ami", phone="07700 900123")
    client.force_login(staff["manager"])

    page = client.get(reverse("young-person-history", args=[person.pk])).content.decode()

    changes = page[page.index('id="changes"'):]
    assert "2 details changed" in changes
    assert "Preferred name" in changes and "Ami" in changes
    assert "Was: Not recorded" in changes
    assert f"by {staff['pa'].get_full_name()}" in changes
    assert "Record added" in changes


@pytest.mark.parametrize("how_many", [10, 120])
def test_the_contacts_page_runs_a_fixed_number_of_queries(
    client, staff, person, how_many, django_assert_max_num_queries
):
    for days in range(how_many):
        contact(person, staff["pa"], on=days_ago(days + 1))
    client.force_login(staff["pa"])

    # Session and user; the young person with their team and status; the view logged; the
    # Personal Adviser's allocation (to decide who may change a contact); the count and the
    # page of contacts with who made them; what this user may do; the navigation's status tag.
    with django_assert_max_num_queries(14):
        response = client.get(reverse("contact-list", args=[person.pk]))
    assert response.status_code == 200
