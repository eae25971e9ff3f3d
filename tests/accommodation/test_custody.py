"""Custody: where they are held, when they are expected out and who works with them on their
sentence, recorded with the place, checked, kept in its history and shown on "Where they live";
and a visit in custody counts as being in touch."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accommodation.models import AccommodationEpisode
from accommodation.services import accommodation_update
from alerts.models import Alert, AlertKind
from standing.models import Standing
from tests.accommodation.places import days_ago, episode_post, long_date, place, today
from tests.advisers.people import allocate, date_post, error_next_to, young_person
from tests.advisers.test_contacts import contact_post

pytestmark = pytest.mark.django_db

CUSTODY = {
    "custody_establishment": "HMP YOI Demo", "custody_worker": "Sam Reid, Youth Justice Service",
    "custody_worker_contact": "0113 496 0001",
}


@pytest.fixture
def person(teams, staff):
    person = young_person(teams["north"], first_name="Jo", last_name="Bloggs")
    allocate(person, staff["pa"])
    return person


def custody_post(*, release_on, start_on=None, **fields) -> dict:
    return {**episode_post("X", start_on=start_on or days_ago(10), council_provided=False),
            "address": "", "postcode": "", "provider": "",
            **CUSTODY, **date_post("expected_release_on", release_on), **fields}


def test_the_form_asks_about_custody(client, staff, person):
    client.force_login(staff["pa"])

    form = client.get(reverse("accommodation-add", args=[person.pk])).content.decode()

    assert "Custody: prison or young offender institution (optional)" in form
    assert "Custody: when are they expected to be released? (optional)" in form
    assert "Custody: youth justice or probation worker (optional)" in form


def test_pa_records_custody_and_sees_it_where_they_live(client, staff, person):
    client.force_login(staff["pa"])

    response = client.post(reverse("accommodation-add", args=[person.pk]),
                           custody_post(release_on=today() + timedelta(days=40)))

    assert response.status_code == 302
    episode = AccommodationEpisode.objects.get()
    assert (episode.custody_establishment, episode.expected_release_on, episode.custody_worker,
            episode.custody_worker_contact) == (
        "HMP YOI Demo", today() + timedelta(days=40), "Sam Reid, Youth Justice Service",
        "0113 496 0001")
    for url in (reverse("accommodation", args=[person.pk]),
                reverse("young-person", args=[person.pk])):
        page = client.get(url).content.decode()
        assert "HMP YOI Demo" in page
        assert "Expected release</dt>" in page
        assert long_date(today() + timedelta(days=40)) in page
        assert "Sam Reid, Youth Justice Service" in page and "0113 496 0001" in page
    assert Standing.objects.get(young_person=person).release_expected_on == (
        today() + timedelta(days=40))


def test_a_release_date_before_they_went_in_is_refused_next_to_the_field(client, staff, person):
    client.force_login(staff["pa"])

    response = client.post(reverse("accommodation-add", args=[person.pk]),
                           custody_post(start_on=days_ago(10), release_on=days_ago(11)))

    assert response.status_code == 200
    assert error_next_to(response, "id_expected_release_on") == (
        "The expected release date must be on or after the date they went into custody")
    assert not AccommodationEpisode.objects.exists()


def test_custody_details_are_only_for_custody(client, staff, person):
    client.force_login(staff["pa"])

    response = client.post(reverse("accommodation-add", args=[person.pk]), {
        **episode_post("D"), **CUSTODY,
        **date_post("expected_release_on", today() + timedelta(days=5))})

    assert error_next_to(response, "id_custody_establishment") == (
        "Only give a prison or young offender institution for custody")
    assert error_next_to(response, "id_expected_release_on") == (
        "Only give an expected release date for custody")
    assert not AccommodationEpisode.objects.exists()


def test_a_new_release_date_is_kept_in_the_places_history(staff, person):
    episode = place(person, "X", start_on=days_ago(30), actor=staff["pa"],
                    expected_release_on=today() + timedelta(days=100), **CUSTODY)

    accommodation_update(actor=staff["manager"], episode=episode, version=episode.version,
                         expected_release_on=today() + timedelta(days=20))

    assert [h.expected_release_on for h in episode.history.order_by("history_date")] == [
        today() + timedelta(days=100), today() + timedelta(days=20)]
    with pytest.raises(ValidationError):
        accommodation_update(actor=staff["manager"], episode=episode, version=2,
                             expected_release_on=days_ago(31))
    episode.refresh_from_db()
    assert episode.expected_release_on == today() + timedelta(days=20)


def test_a_visit_in_custody_counts_as_being_in_touch(client, staff, person):
    place(person, "X", start_on=days_ago(60), **CUSTODY)
    client.force_login(staff["pa"])
    assert Alert.objects.open().filter(young_person=person,
                                       kind=AlertKind.CONTACT_MISSED).exists()

    client.post(reverse("contact-add", args=[person.pk]), contact_post(
        staff["pa"], on=days_ago(1), contact_type="custody_visit", location="HMP YOI Demo"))

    standing = Standing.objects.get(young_person=person)
    assert (standing.last_in_touch_on, standing.last_in_touch_by) == (days_ago(1), staff["pa"])
    assert not Alert.objects.open().filter(young_person=person,
                                           kind=AlertKind.CONTACT_MISSED).exists()
