from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advisers.record_parts import personal_adviser_and_contact
from eligibility.rules import Status
from tests.advisers.people import allocate, contact, cover, days_ago, today, young_person

pytestmark = pytest.mark.django_db


def long_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


def panel(client, person) -> str:
    body = client.get(reverse("young-person", args=[person.pk])).content.decode()
    start = body.index("Personal Adviser and contact")
    return body[start:body.index('<div class="govuk-summary-card"', start)]


@pytest.fixture
def person(teams, staff):
    person = young_person(teams["north"], Status.FORMER_RELEVANT)
    allocate(person, staff["pa"], start_on=days_ago(300))
    return person


def test_the_record_shows_the_adviser_cover_and_when_contact_is_due(client, staff, person):
    cover(person, staff["colleague"], end_on=days_ago(-7))
    contact(person, staff["pa"], on=days_ago(20), contact_type="phone", outcome="spoke")
    contact(person, staff["pa"], on=days_ago(2), outcome="attempted")
    client.force_login(staff["pa"])

    shown = panel(client, person)

    assert f"{staff['pa'].get_full_name()}, since {long_date(days_ago(300))}" in shown
    assert f"{staff['colleague'].get_full_name()} until {long_date(days_ago(-7))}" in shown
    assert f"{long_date(days_ago(20))} (phone call, spoke)" in shown
    assert "Last tried" in shown
    assert long_date(days_ago(20) + timedelta(days=56)) in shown
    assert "At least every 8 weeks" in shown


def test_someone_never_seen_is_flagged(client, staff, person):
    client.force_login(staff["pa"])

    shown = panel(client, person)

    assert "Never seen" in shown
    assert "Not yet" in shown


def test_someone_who_needs_an_adviser_and_has_none_is_flagged(client, staff, teams):
    unallocated = young_person(teams["north"], Status.RELEVANT)
    client.force_login(staff["manager"])

    assert "Needs a Personal Adviser" in panel(client, unallocated)


def test_a_status_with_no_standard_says_so(client, staff, teams):
    qualifying = young_person(teams["north"], Status.QUALIFYING)
    client.force_login(staff["pa"])

    shown = panel(client, qualifying)

    assert "No keep-in-touch standard for their status" in shown
    assert "Not required" in shown


@pytest.mark.parametrize(
    "persona, record_contact, change_adviser",
    [("pa", True, False), ("colleague", True, False), ("manager", True, True),
     ("duty", False, False), ("service", False, False)],
)
def test_links_are_offered_only_to_those_who_may_use_them(
    client, staff, person, persona, record_contact, change_adviser
):
    client.force_login(staff[persona])

    shown = panel(client, person)

    assert (reverse("contact-add", args=[person.pk]) in shown) is record_contact
    assert (reverse("allocation", args=[person.pk]) in shown) is change_adviser


def test_contacts_and_allocations_are_in_the_chronology(staff, person):
    saved = contact(person, staff["pa"], on=days_ago(5), location="The office",
                    notes="word " * 100)
    allocate(person, staff["colleague"], start_on=days_ago(400), end_on=days_ago(301),
             reason="New to the service", end_reason="Left the team")

    part = personal_adviser_and_contact(young_person=person, user=staff["pa"], today=today())

    titles = [(entry.kind, entry.title) for entry in part.chronology]
    assert ("Visit", "Home visit: seen") in titles
    colleague = staff["colleague"].get_full_name()
    assert ("Allocation", f"{colleague} became their Personal Adviser") in titles
    assert ("Allocation", f"{colleague} stopped being their Personal Adviser") in titles
    assert ("Allocation", f"{staff['pa'].get_full_name()} became their Personal Adviser") in titles
    visit = next(entry for entry in part.chronology if entry.kind == "Visit")
    assert visit.by == staff["pa"].get_full_name()
    assert "Where: The office" in visit.text
    assert visit.text.endswith("…")
    assert len(visit.text.split()) < 60
    assert visit.url == reverse("contact-edit", args=[saved.pk])


def test_the_edit_link_is_only_for_those_who_may_change_the_contact(staff, person):
    contact(person, staff["pa"])

    for persona, may in [("pa", True), ("manager", True), ("colleague", False),
                         ("duty", False)]:
        part = personal_adviser_and_contact(young_person=person, user=staff[persona],
                                            today=today())
        entry = next(entry for entry in part.chronology if entry.kind in ("Visit", "Contact"))
        assert bool(entry.url) is may, persona


def test_the_panel_runs_a_fixed_number_of_queries_however_many_contacts(staff, person):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            personal_adviser_and_contact(young_person=person, user=staff["pa"], today=today())
        return len(captured)

    contact(person, staff["pa"])
    with_one = queries()
    for days in range(30):
        contact(person, staff["colleague"], on=days_ago(days + 10))

    # The status, the standards, the allocations, the contacts, and what the user may do.
    assert queries() == with_one <= 7
