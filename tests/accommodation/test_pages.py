"""Recording a move, correcting it and assessing suitability, through the pages."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from accommodation.models import AccommodationEpisode, PlacementAlert, SuitabilityAssessment
from careleavers.models import RecordView
from tests.accommodation.places import (
    assess,
    assessment_post,
    days_ago,
    episode_post,
    long_date,
    place,
)
from tests.advisers.people import allocate, error_next_to, young_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(teams, staff):
    person = young_person(teams["north"], first_name="Jo", last_name="Bloggs")
    allocate(person, staff["pa"])
    return person


def add_url(person):
    return reverse("accommodation-add", args=[person.pk])


def test_pa_records_a_move_and_is_taken_to_assess_it(client, staff, person):
    old = place(person, "D", start_on=days_ago(300))
    client.force_login(staff["pa"])

    response = client.post(add_url(person), episode_post("E", start_on=days_ago(2)))

    new = AccommodationEpisode.objects.get(end_on__isnull=True)
    assert response.status_code == 302
    assert response.url == reverse("accommodation-assess", args=[person.pk, new.pk])
    assert (new.type_code, new.postcode, new.council_provided, new.recorded_by) == (
        "E", "ZZ1 2AB", True, staff["pa"])
    old.refresh_from_db()
    assert old.end_on == days_ago(3)
    page = client.get(response.url).content.decode()
    assert (f"Moved to supported lodgings from {long_date(days_ago(2))}. "
            f"Visit them there by {long_date(days_ago(2) + timedelta(days=7))}.") in page


def test_the_move_form_logs_who_opened_it(client, staff, person):
    client.force_login(staff["pa"])

    response = client.get(add_url(person))

    assert response.status_code == 200
    assert RecordView.objects.filter(viewed_by=staff["pa"], page="record a move").exists()


def test_a_move_into_custody_says_the_team_manager_has_been_told(
    client, staff, person, django_capture_on_commit_callbacks
):
    client.force_login(staff["pa"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(add_url(person), episode_post(
            "X", start_on=days_ago(1), council_provided=False, address="", postcode="",
            provider="HMP YOI Demo"), follow=True)

    assert "Went into custody from" in response.content.decode()
    assert "Their team manager has been told." in response.content.decode()
    assert PlacementAlert.objects.count() == 1
    assert mail.outbox[0].to == [staff["manager"].email]


@pytest.mark.parametrize("data, field, message", [
    ({"start_on": days_ago(5), "end_on": days_ago(6)}, "id_end_on",
     "The date they moved out must be on or after the date they moved in"),
    ({"start_on": days_ago(250), "end_on": days_ago(150)}, "id_start_on",
     "This overlaps where they lived from"),
    ({"type_code": "Q"}, "id_type_code", "Select one of the types of accommodation listed"),
    ({"type_code": "Z"}, "id_staying_put_carer",
     "Enter the name of the former foster carer they are staying with"),
    ({"postcode": "nowhere"}, "id_postcode", "Enter a real postcode, like HD1 2AB"),
])
def test_bad_input_is_refused_next_to_the_field_and_nothing_is_saved(
    client, staff, person, data, field, message
):
    place(person, "D", start_on=days_ago(300))
    client.force_login(staff["pa"])

    response = client.post(add_url(person), episode_post(**{"type_code": "E", **data}))

    assert response.status_code == 200
    assert error_next_to(response, field).startswith(message)
    assert AccommodationEpisode.objects.count() == 1
    assert "There is a problem" in response.content.decode()


def test_pa_assesses_the_place_factor_by_factor(client, staff, person):
    episode = place(person, "E", start_on=days_ago(2))
    client.force_login(staff["pa"])
    url = reverse("accommodation-assess", args=[person.pk, episode.pk])

    response = client.post(url, assessment_post(
        "unsuitable", factors={**{n: "yes" for n in ("facilities", "repair", "safety",
                                                       "support", "tenancy", "affordability")},
                               "location": "no"},
        location_note="Two buses to college"))

    assert response.status_code == 302 and response.url == reverse("young-person",
                                                                   args=[person.pk])
    assessment = SuitabilityAssessment.objects.get()
    assert (assessment.outcome, assessment.location, assessment.location_note,
            assessment.assessed_by) == ("unsuitable", False, "Two buses to college", staff["pa"])
    record = client.get(response.url).content.decode()
    assert "Assessment saved: the accommodation is not suitable" in record
    assert "E2" in record


def test_an_outcome_without_an_assessment_is_refused_next_to_each_factor(client, staff, person):
    episode = place(person, "E", start_on=days_ago(2))
    client.force_login(staff["pa"])

    response = client.post(reverse("accommodation-assess", args=[person.pk, episode.pk]),
                           assessment_post("suitable", factors={}))

    assert response.status_code == 200
    assert error_next_to(response, "id_repair") == (
        "Say whether the state of repair is suitable before giving an outcome")
    assert error_next_to(response, "id_facilities") == (
        "Say whether the facilities are suitable before giving an outcome")
    assert not SuitabilityAssessment.objects.exists()


def test_an_assessment_with_no_outcome_asks_for_one(client, staff, person):
    episode = place(person, "E", start_on=days_ago(2))
    client.force_login(staff["pa"])

    response = client.post(reverse("accommodation-assess", args=[person.pk, episode.pk]),
                           assessment_post("", reason=""))

    assert error_next_to(response, "id_outcome") == "Select whether the accommodation is suitable"
    assert error_next_to(response, "id_reason") == "Enter why it is suitable or not"
    assert not SuitabilityAssessment.objects.exists()


def test_a_correction_is_saved_and_a_stale_one_keeps_what_was_typed(client, staff, person):
    episode = place(person, "D", start_on=days_ago(30), provider="Step Up")
    url = reverse("accommodation-edit", args=[person.pk, episode.pk])
    client.force_login(staff["manager"])

    response = client.post(url, episode_post("D", start_on=days_ago(30), provider="Step Up "
                                             "Housing", version=1))

    assert response.status_code == 302
    episode.refresh_from_db()
    assert (episode.provider, episode.version) == ("Step Up Housing", 2)

    client.force_login(staff["pa"])
    response = client.post(url, episode_post("D", start_on=days_ago(30), provider="Mine",
                                             version=1))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else changed this record while you were editing" in page
    assert "Step Up Housing" in page and 'value="Mine"' in page
    episode.refresh_from_db()
    assert episode.provider == "Step Up Housing"


def test_the_history_shows_every_place_and_every_assessment(client, staff, person):
    first = place(person, "D", start_on=days_ago(300), provider="Step Up Housing")
    assess(first, outcome="unsuitable", assessed_on=days_ago(290), repair=False,
           repair_note="Damp in the bedroom")
    place(person, "Z", start_on=days_ago(30), staying_put_carer="Janet Pearson")
    client.force_login(staff["colleague"])

    response = client.get(reverse("accommodation", args=[person.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "With former foster carers (Staying Put), since" in page
    assert "Janet Pearson" in page
    assert "Damp in the bedroom" in page
    assert "DfE code D2" in page
    assert reverse("accommodation-add", args=[person.pk]) not in page  # colleagues read only
    assert RecordView.objects.filter(viewed_by=staff["colleague"], page="accommodation").exists()


def test_assessing_a_place_on_another_young_persons_record_is_not_found(
    client, staff, teams, person
):
    someone_else = young_person(teams["north"])
    theirs = place(someone_else, "D")
    client.force_login(staff["manager"])

    url = reverse("accommodation-assess", args=[person.pk, theirs.pk])

    assert client.get(url).status_code == 404
    assert client.post(url, assessment_post()).status_code == 404
    assert not SuitabilityAssessment.objects.exists()


def test_a_place_that_is_not_on_the_record_is_not_found_and_no_view_is_logged(
    client, staff, person
):
    client.force_login(staff["pa"])

    response = client.get(reverse("accommodation-edit", args=[person.pk, 10**30]))

    assert response.status_code == 404
    assert not RecordView.objects.exists()
