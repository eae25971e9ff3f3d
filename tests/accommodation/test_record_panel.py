"""Where they live, on the young person's record: now, before, suitability, visits due, moves in
the chronology."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accommodation.record_parts import accommodation_part
from tests.accommodation.places import assess, days_ago, long_date, place, today
from tests.advisers.people import allocate, contact, young_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(teams, staff):
    person = young_person(teams["north"], first_name="Jo", last_name="Bloggs")
    allocate(person, staff["pa"])
    return person


def panel(client, person) -> str:
    body = client.get(reverse("young-person", args=[person.pk])).content.decode()
    start = body.index('id="accommodation"')
    return body[start:body.index('<div class="govuk-summary-card"', start)]


def test_the_record_shows_where_they_live_now_and_before(client, staff, person):
    place(person, "D", start_on=days_ago(300))
    current = place(person, "E", start_on=days_ago(20), address="14 Mill Lane\nNorthfield",
                    postcode="ZZ1 2AB", provider="Lodgings scheme")
    assess(current, assessed_on=days_ago(18))
    client.force_login(staff["pa"])

    shown = panel(client, person)

    assert "Supported lodgings" in shown
    assert long_date(days_ago(20)) in shown
    assert "14 Mill Lane<br>Northfield<br>ZZ1 2AB" in shown
    assert "Suitable</strong>" in shown and f"assessed {long_date(days_ago(18))}" in shown
    assert "E1" in shown
    assert (f"Semi-independent or supported accommodation, {long_date(days_ago(300))} to "
            f"{long_date(days_ago(21))}") in shown
    assert "Record a move" in shown


def test_nothing_recorded_says_so(client, staff, person):
    client.force_login(staff["colleague"])

    shown = panel(client, person)

    assert "Not recorded" in shown
    assert "Record a move" not in shown  # a colleague reads but does not change


def test_council_provided_accommodation_shows_the_first_visit_due_within_7_days(
    client, staff, person
):
    place(person, "D", start_on=days_ago(3), council_provided=True)
    contact(person, staff["pa"], on=days_ago(5), contact_type="home_visit")  # before the move
    contact(person, staff["pa"], on=days_ago(1), contact_type="accommodation_visit",
            outcome="attempted")
    client.force_login(staff["pa"])

    shown = panel(client, person)

    assert f"Visit due by {long_date(days_ago(3) + timedelta(days=7))}" in shown
    assert "Nobody has seen them there since they moved in" in shown


def test_a_visit_seen_there_moves_the_next_visit_to_two_months_later(client, staff, person):
    place(person, "D", start_on=days_ago(10), council_provided=True)
    contact(person, staff["pa"], on=days_ago(4), contact_type="accommodation_visit")
    client.force_login(staff["pa"])

    shown = panel(client, person)

    assert "Visit due by" not in shown
    assert f"Last seen there {long_date(days_ago(4))}" in shown
    assert "Next visit due by" in shown


def test_a_late_first_visit_is_flagged(client, staff, person):
    place(person, "D", start_on=days_ago(9), council_provided=True)
    client.force_login(staff["pa"])

    shown = panel(client, person)

    assert "Visit overdue" in shown
    assert f"was due by {long_date(days_ago(2))}" in shown


def test_no_visit_is_due_where_the_council_does_not_provide_the_place(client, staff, person):
    place(person, "U", start_on=days_ago(3), council_provided=False)
    client.force_login(staff["pa"])

    assert "Visit" not in panel(client, person)


def test_a_placement_a_manager_must_see_is_flagged_on_the_record(client, staff, person):
    place(person, "X", start_on=days_ago(2))
    client.force_login(staff["pa"])

    assert "Team manager alerted" in panel(client, person)


def test_moves_and_assessments_are_in_the_chronology(client, staff, person):
    place(person, "D", start_on=days_ago(300), actor=staff["pa"], address="1 Canal Walk")
    moved = place(person, "W", start_on=days_ago(5), actor=staff["pa"])
    assess(moved, outcome="unsuitable", actor=staff["pa"], support=False)
    client.force_login(staff["pa"])

    chronology = client.get(
        reverse("young-person-chronology", args=[person.pk])).context["pages"].rows

    titles = [e.title for e in chronology if e.kind == "Accommodation"]
    assert titles == ["Accommodation assessed: not suitable", "Moved to bed and breakfast",
                      "Moved to semi-independent or supported accommodation"]
    assert next(e for e in chronology if e.title.startswith("Moved to semi")).text == (
        "1 Canal Walk")


def test_the_panel_runs_a_fixed_number_of_queries_however_long_the_history(staff, person):
    def queries(how_many):
        for number in range(how_many):
            start = days_ago(2000 - number * 10)
            episode = place(person, "D", start_on=start, end_on=start + timedelta(days=5),
                            council_provided=True)
            assess(episode, assessed_on=start)
        place(person, "D", start_on=today() - timedelta(days=1), council_provided=True)
        person.refresh_from_db()
        with CaptureQueriesContext(connection) as captured:
            accommodation_part(young_person=person, user=staff["pa"], today=today())
        person.accommodation_episodes.all().delete()
        return len(captured)

    # 1 the places, 2 their assessments, 3 the last visit where they live, 4 whether this user
    # may change it.
    assert queries(2) == queries(30) == 4
