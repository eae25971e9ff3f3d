"""Recording what a young person does, and correcting it, through the pages."""

import re

import pytest
from django.urls import reverse

from careleavers.models import RecordView
from eet.models import ActivityEpisode
from tests.advisers.people import allocate, error_next_to, young_person
from tests.eet.activities import activity, activity_post, days_ago, long_date

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(teams, staff):
    person = young_person(teams["north"], first_name="Jo", last_name="Bloggs")
    allocate(person, staff["pa"])
    return person


@pytest.mark.parametrize("what, hours, code", [
    ("apprenticeship", "30", "F4"), ("apprenticeship", "16", "F4"),
    ("apprenticeship", "15", "P4"), ("higher_education", "12", "P1"),
    ("other_education", "18", "F2"), ("training_or_employment", "8", "P5"),
    ("neet_illness", "", "G4"), ("neet_other", "", "G5"), ("neet_parenting", "", "G6"),
])
def test_what_they_do_and_the_hours_give_the_dfe_code(client, staff, person, what, hours, code):
    client.force_login(staff["pa"])

    response = client.post(reverse("eet-add", args=[person.pk]),
                           activity_post(what, hours=hours, neet_reason="Waiting for a course"))

    assert response.status_code == 302
    assert response.url == reverse("young-person", args=[person.pk])
    saved = ActivityEpisode.objects.get()
    assert saved.activity_code == code and saved.recorded_by == staff["pa"]


def test_a_new_activity_ends_the_last_and_says_what_was_saved(client, staff, person):
    college = activity(person, "F2", start_on=days_ago(300))
    client.force_login(staff["pa"])

    response = client.post(reverse("eet-add", args=[person.pk]), activity_post(), follow=True)

    college.refresh_from_db()
    assert college.end_on == days_ago(4)
    assert f"Saved: apprenticeship, full time from {long_date(days_ago(3))}" in (
        response.content.decode())


@pytest.mark.parametrize("data, field, message", [
    ({"hours": ""}, "id_hours_per_week", "Enter how many hours a week they do it, like 30"),
    ({"hours": "lots"}, "id_hours_per_week", "Enter hours a week as a whole number, like 30"),
    ({"activity": ""}, "id_activity", "Select what they are doing"),
    ({"activity": "F3"}, "id_activity", "Select a valid choice"),
    ({"start_on": days_ago(5), "end_on": days_ago(6)}, "id_end_on",
     "The date it ended must be on or after the date they started"),
    ({"start_on": days_ago(250), "end_on": days_ago(150)}, "id_start_on",
     "This overlaps another activity"),
])
def test_bad_input_is_refused_next_to_the_field_and_nothing_is_saved(
    client, staff, person, data, field, message
):
    activity(person, "G5", start_on=days_ago(300))
    client.force_login(staff["pa"])

    response = client.post(reverse("eet-add", args=[person.pk]), activity_post(**data))

    assert response.status_code == 200
    assert error_next_to(response, field).startswith(message)
    assert ActivityEpisode.objects.count() == 1


def test_a_correction_starts_from_what_was_saved_and_keeps_the_version(client, staff, person):
    saved = activity(person, "P5", hours_per_week=10, course_or_job="Retail assistant")
    url = reverse("eet-edit", args=[person.pk, saved.pk])
    client.force_login(staff["manager"])

    form = client.get(url).context["form"]
    assert (form["activity"].value(), form["hours_per_week"].value()) == (
        "training_or_employment", 10)

    response = client.post(url, activity_post("training_or_employment", hours="20",
                                              start_on=saved.start_on, version=1))

    assert response.status_code == 302
    saved.refresh_from_db()
    assert (saved.activity_code, saved.hours_per_week, saved.version) == ("F5", 20, 2)
    stale = client.post(url, activity_post("training_or_employment", hours="5",
                                           start_on=saved.start_on, version=1))
    assert "Someone else changed this record while you were editing" in stale.content.decode()


def test_the_history_lists_everything_newest_first(client, staff, person):
    activity(person, "G5", start_on=days_ago(300), end_on=days_ago(200),
             neet_reason="Looking for work")
    activity(person, "F4", start_on=days_ago(100), hours_per_week=30,
             course_or_job="Apprentice chef", provider_or_employer="The Canal Kitchen")
    client.force_login(staff["colleague"])

    response = client.get(reverse("eet", args=[person.pk]))

    page = response.content.decode()
    assert page.index("Apprentice chef at The Canal Kitchen") < page.index("Looking for work")
    assert reverse("eet-add", args=[person.pk]) not in page
    assert RecordView.objects.filter(viewed_by=staff["colleague"],
                                     page="education and work").exists()


def test_hours_a_week_is_a_gov_uk_text_box_for_numbers(client, staff, person):
    client.force_login(staff["pa"])

    page = client.get(reverse("eet-add", args=[person.pk])).content.decode()

    box = re.search(r"<input[^>]*id=\"id_hours_per_week\"[^>]*>", page).group(0)
    assert 'type="text"' in box and 'inputmode="numeric"' in box
    assert "govuk-input" in box
