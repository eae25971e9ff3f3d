"""A young person's health record: a PA records their GP and dentist, their health history given
to them, their needs and support in their own words and any disability; the form refuses what
cannot be right, a stale save is refused, and every version is kept."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from careleavers.concurrency import StaleEditError
from careleavers.history import changes_of
from careleavers.services import young_person_update
from health.models import HealthRecord
from health.services import health_update
from tests.advisers.people import error_next_to
from tests.health.people import days_ago, health_post, held, record_health, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(teams, staff):
    return held(teams, staff, first_name="Jo", last_name="Bloggs")


def test_a_pa_records_their_health_and_sees_it_on_the_page(client, staff, person):
    client.force_login(staff["pa"])

    response = client.post(reverse("health-edit", args=[person.pk]),
                           health_post(history_given_on=days_ago(30)))

    assert response.status_code == 302
    record = HealthRecord.objects.get(young_person=person)
    assert (record.gp_registered, record.gp_practice) == ("yes", "Canal Street Surgery")
    assert record.history_given_on == days_ago(30)
    page = client.get(reverse("health", args=[person.pk])).content.decode()
    assert "Registered with a GP" in page and "Canal Street Surgery" in page
    assert "Their health history was given to them on" in page
    assert "I see the counsellor at college every week." in page


def test_a_record_not_yet_saved_says_nothing_is_known(client, staff, person):
    client.force_login(staff["pa"])

    page = client.get(reverse("health", args=[person.pk])).content.decode()

    assert "Not given to them yet" in page
    assert not HealthRecord.objects.exists()


@pytest.mark.parametrize("fields, field, message", [
    ({"history_given_on_0": "1", "history_given_on_1": "1", "history_given_on_2": "2099"},
     "history_given_on", "must be today or in the past"),
    ({"gp_practice": ""}, "gp_practice", "Enter the name of the GP’s practice"),
    ({"dentist_practice": ""}, "dentist_practice", "Enter the name of the dentist’s practice"),
    ({"gp_registered": "no"}, "gp_practice", "Only give a practice if they are registered"),
    ({"disability_details": "Autism"}, "disability_details", "Only say what their disability"),
    ({"gp_registered": ""}, "gp_registered", "Select yes if they are registered with a GP"),
])
def test_the_form_refuses_what_cannot_be_right_and_saves_nothing(client, staff, person, fields,
                                                                 field, message):
    client.force_login(staff["pa"])

    response = client.post(reverse("health-edit", args=[person.pk]), health_post(**fields))

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in error_next_to(response, f"id_{field}")
    assert not HealthRecord.objects.exists()


def test_a_stale_save_is_refused_and_keeps_what_they_typed(client, staff, person):
    record_health(person, actor=staff["colleague"])  # version 1, read by both
    record_health(person, actor=staff["colleague"], gp_practice="Mill Lane Practice")  # now 2
    client.force_login(staff["pa"])

    response = client.post(reverse("health-edit", args=[person.pk]),
                           health_post(version=1, health_needs="Hay fever."))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else changed this record" in page
    assert "Mill Lane Practice" in page  # what they changed, shown
    assert "Hay fever." in page  # what this PA typed, kept
    record = HealthRecord.objects.get()
    assert (record.version, record.gp_practice, record.health_needs) == (
        2, "Mill Lane Practice", "")


def test_a_second_first_save_is_refused_as_stale(staff, person):
    record_health(person, actor=staff["pa"])

    with pytest.raises(StaleEditError):
        health_update(actor=staff["colleague"], young_person=person, version=0,
                      gp_registered="no", gp_practice="")


def test_every_version_is_kept_with_who_made_it(staff, person):
    record_health(person, actor=staff["pa"])
    record_health(person, actor=staff["colleague"], dentist_registered="yes",
                  dentist_practice="Smile Dental")

    changes = changes_of(HealthRecord.objects.get().history.all())

    assert [(c.what, c.by) for c in changes] == [("Changed", str(staff["colleague"])),
                                                ("Added", str(staff["pa"]))]
    assert ("Registered with a dentist", "No", "Yes") in changes[0].fields


def test_a_yes_or_no_on_disability_is_the_same_on_their_details(staff, person):
    record_health(person, actor=staff["pa"], disability="yes",
                  disability_details="Partially sighted")
    person.refresh_from_db()
    assert person.disability is True

    young_person_update(actor=staff["pa"], young_person=person, version=person.version,
                        today=today(), disability=False)

    record = HealthRecord.objects.get()
    assert (record.disability, record.disability_details) == ("no", "")


def test_not_known_on_the_health_record_leaves_their_details_alone(staff, person):
    record_health(person, actor=staff["pa"], disability="not_known")
    person.refresh_from_db()
    assert person.disability is False
    assert HealthRecord.objects.get().disability == "not_known"


def test_the_service_refuses_a_health_history_given_before_they_were_born(staff, person):
    with pytest.raises(ValidationError) as refused:
        record_health(person, actor=staff["pa"],
                      history_given_on=person.date_of_birth.replace(year=2000))
    assert "history_given_on" in refused.value.message_dict
