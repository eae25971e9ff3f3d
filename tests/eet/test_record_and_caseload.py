"""What they do each day on the record page, in the chronology, and on caseload tables."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careleavers.models import YoungPerson
from eet.record_parts import activity_part, education_or_work
from tests.advisers.people import allocate, young_person
from tests.eet.activities import activity, days_ago, long_date

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(teams, staff):
    person = young_person(teams["north"], first_name="Jo", last_name="Bloggs")
    allocate(person, staff["pa"])
    return person


def panel(client, person) -> str:
    body = client.get(reverse("young-person", args=[person.pk])).content.decode()
    start = body.index('id="education-and-work"')
    end = body.find('<div class="govuk-summary-card"', start)
    return body[start:end if end != -1 else body.index('id="latest"', start)]


def test_the_record_shows_what_they_do_now_and_before(client, staff, person):
    activity(person, "G5", start_on=days_ago(300), neet_reason="Looking for work")
    activity(person, "F4", start_on=days_ago(30), hours_per_week=30,
             course_or_job="Apprentice chef", provider_or_employer="The Canal Kitchen")
    client.force_login(staff["pa"])

    shown = panel(client, person)

    assert "In education, work or training" in shown
    assert "Apprenticeship, full time (30 hours a week)" in shown
    assert "Apprentice chef at The Canal Kitchen" in shown
    assert "F4" in shown
    assert (f"Not in education, employment or training: other reasons, "
            f"{long_date(days_ago(300))} to {long_date(days_ago(31))}") in shown
    assert "Record what they are doing" in shown


def test_someone_not_in_education_work_or_training_shows_why(client, staff, person):
    activity(person, "G6", neet_reason="Looking after their daughter")
    client.force_login(staff["colleague"])

    shown = panel(client, person)

    assert "Not in education, work or training" in shown
    assert "Looking after their daughter" in shown
    assert "Record what they are doing" not in shown


def test_activities_are_in_the_chronology(client, staff, person):
    activity(person, "F2", start_on=days_ago(300), hours_per_week=18, actor=staff["pa"],
             course_or_job="Level 2 Plumbing", provider_or_employer="Northfield College")
    client.force_login(staff["pa"])

    chronology = client.get(
        reverse("young-person-chronology", args=[person.pk])).context["pages"].rows

    entry = next(e for e in chronology if e.kind == "Education or work")
    assert entry.title == "Started: other education, full time"
    assert entry.text == "Level 2 Plumbing at Northfield College"
    assert entry.by == str(staff["pa"])


def test_the_panel_runs_a_fixed_number_of_queries(staff, person):
    for number in range(20):
        start = days_ago(2000 - number * 20)
        activity(person, "G5", start_on=start, end_on=start, neet_reason="")
    with CaptureQueriesContext(connection) as captured:
        activity_part(young_person=person, user=staff["pa"], today=timezone.localdate())

    # 1 the activities, 2 whether this user may change them.
    assert len(captured) == 2


def test_my_caseload_shows_education_or_work(client, staff, teams, person):
    activity(person, "F4", hours_per_week=30)
    neet = young_person(teams["north"], first_name="Sam", last_name="Okafor")
    allocate(neet, staff["pa"])
    activity(neet, "G4", neet_reason="Waiting for support")
    unknown = young_person(teams["north"], first_name="Lee", last_name="Wong")
    allocate(unknown, staff["pa"])
    client.force_login(staff["pa"])

    page = client.get(reverse("my-caseload")).content.decode()

    assert "Education or work</th>" in page
    row = page[page.index("Jo Bloggs"):]
    assert "Apprenticeship, full time" in row[:row.index("</tr>")]
    row = page[page.index("Sam Okafor"):]
    assert "Not in education, work or training" in row[:row.index("</tr>")]
    row = page[page.index("Lee Wong"):]
    assert "Not recorded" in row[:row.index("</tr>")]


@pytest.mark.parametrize("count", [5, 50])
def test_the_caseload_column_is_one_query_however_many_young_people(teams, count):
    for number in range(count):
        activity(young_person(teams["north"]), "F2" if number % 2 else "G5",
                 hours_per_week=18 if number % 2 else None)

    with CaptureQueriesContext(connection) as captured:
        cells = education_or_work(young_people=YoungPerson.objects.all(),
                                  today=timezone.localdate())

    assert len(captured) == 1 and len(cells) == count
