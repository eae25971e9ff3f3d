"""Their health and children on the record: the overview's panel, "Health" entries in the
chronology, the plan's health section, and the pages' queries, fixed however many children."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.health.people import add_child, days_ago, held, record_health, today
from tests.pathways.plan_setup import written_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(teams, staff):
    return held(teams, staff, first_name="Jo", last_name="Bloggs",
                date_of_birth=today().replace(year=today().year - 21))


def long(day) -> str:
    return f"{day.day} {day:%B %Y}"


def panel(client, person) -> str:
    body = client.get(reverse("young-person", args=[person.pk])).content.decode()
    start = body.index('id="health-and-family"')
    return body[start:body.index("</dl>", start)]


def test_the_overview_shows_their_gp_dentist_health_history_and_children(client, staff,
                                                                        person):
    record_health(person, actor=staff["pa"], history_given_on=days_ago(90))
    add_child(person, actor=staff["pa"], name="Ava", born_on=days_ago(300))
    client.force_login(staff["pa"])

    shown = panel(client, person)

    assert "Yes, Canal Street Surgery" in shown
    assert f"Given to them on {long(days_ago(90))}" in shown
    assert f"Ava, born {long(days_ago(300))}" in shown


def test_nothing_recorded_says_so(client, staff, person):
    client.force_login(staff["pa"])

    shown = panel(client, person)

    assert "Not recorded" in shown and "None recorded" in shown


def test_the_chronology_shows_their_health_history_given_and_a_child_born(client, staff,
                                                                         person):
    record_health(person, actor=staff["pa"], history_given_on=days_ago(90))
    add_child(person, actor=staff["pa"], name="Ava", born_on=days_ago(300))
    client.force_login(staff["pa"])

    page = client.get(reverse("young-person-chronology", args=[person.pk]),
                      {"kind": "Health"}).content.decode()

    assert "Their health history was given to them" in page
    assert "Ava was born" in page


def test_the_plans_health_section_shows_what_their_health_record_says(client, staff, person):
    record_health(person, actor=staff["pa"], history_given_on=days_ago(90), disability="yes",
                  disability_details="Dyslexia")
    plan = written_plan(person, staff["pa"], health="See the GP about asthma.")
    client.force_login(staff["pa"])

    page = client.get(reverse("plan-detail", args=[plan.pk])).content.decode()

    health = page.split('id="section-health"')[1].split('id="section-')[0]
    assert "What their record says" in health
    assert "Registered with a GP" in health and "Yes, Canal Street Surgery" in health
    assert "Registered with a dentist" in health
    assert f"On {long(days_ago(90))}" in health
    assert "Yes, Dyslexia" in health
    accommodation = page.split('id="section-accommodation"')[1].split('id="section-')[0]
    assert "Canal Street Surgery" not in accommodation


def test_a_plan_for_someone_with_no_health_record_says_nothing_is_recorded(client, staff,
                                                                           person):
    plan = written_plan(person, staff["pa"])
    client.force_login(staff["pa"])

    page = client.get(reverse("plan-detail", args=[plan.pk])).content.decode()

    health = page.split('id="section-health"')[1].split('id="section-')[0]
    assert "Nothing recorded yet" in health


@pytest.mark.parametrize("children", [1, 12])
def test_the_health_page_runs_a_fixed_number_of_queries(client, staff, person, children,
                                                        django_assert_max_num_queries):
    record_health(person, actor=staff["pa"])
    for n in range(children):
        add_child(person, actor=staff["pa"], born_on=days_ago(30 + n * 40))
    client.force_login(staff["pa"])
    client.get(reverse("health", args=[person.pk]))  # warm up

    # 1 session, 2 user, 3 the young person and team, 4 logging the view, 5 the children with
    # who recorded them, 6 the health record, 7 whether this user may change it, 8 the status
    # in the header, 9-11 the session's last-seen time saved (savepoint, update, release).
    with django_assert_max_num_queries(11):
        response = client.get(reverse("health", args=[person.pk]))

    assert response.status_code == 200


def test_the_overview_panel_runs_the_same_queries_for_one_child_or_many(client, staff, teams):
    counts = []
    for children in (1, 15):
        someone = held(teams, staff, date_of_birth=today().replace(year=today().year - 22))
        record_health(someone, actor=staff["pa"], history_given_on=days_ago(50))
        for n in range(children):
            add_child(someone, actor=staff["pa"], born_on=days_ago(30 + n * 20),
                      name=f"Child {n}")
        client.force_login(staff["pa"])
        client.get(reverse("young-person", args=[someone.pk]))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("young-person", args=[someone.pk])).status_code == 200
        counts.append(len(captured))

    assert counts[0] == counts[1]


def test_a_baby_due_is_shown_but_not_in_the_chronology_until_born(client, staff, person):
    add_child(person, actor=staff["pa"], expected_on=today() + timedelta(days=30))
    client.force_login(staff["pa"])

    assert f"A baby due {long(today() + timedelta(days=30))}" in panel(client, person)
    page = client.get(reverse("young-person-chronology", args=[person.pk]),
                      {"kind": "Health"}).content.decode()
    assert "was born" not in page
