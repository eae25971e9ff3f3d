"""Staying Close: a young person who left a children's home lives near it, with its support.
Recorded on the place they live, beside Staying Put, through the same form and service."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accommodation.models import AccommodationEpisode
from accommodation.rules import STAYING_CLOSE_TYPES, AccommodationType
from accommodation.services import accommodation_record, accommodation_update
from tests.accommodation.places import days_ago, episode_post, long_date, place
from tests.advisers.people import allocate, date_post, error_next_to, young_person

pytestmark = pytest.mark.django_db

HOME = "Oak Lodge children’s home"


@pytest.fixture
def person(teams, staff):
    person = young_person(teams["north"], first_name="Jo", last_name="Bloggs")
    allocate(person, staff["pa"])
    return person


def refused(call, **kwargs) -> dict:
    with pytest.raises(ValidationError) as error:
        call(**kwargs)
    return error.value.message_dict


def staying_close_post(type_code="U", **fields) -> dict:
    return episode_post(type_code, staying_close="on", staying_close_home=HOME,
                        **date_post("staying_close_agreed_on", days_ago(20)), **fields)


# --- the service ---------------------------------------------------------------------------------

@pytest.mark.parametrize("code", sorted(STAYING_CLOSE_TYPES))
def test_staying_close_is_recorded_on_a_place_of_their_own_or_supported(person, code):
    episode = place(person, code, start_on=days_ago(10), staying_close=True,
                    staying_close_home=f"  {HOME} ", staying_close_agreed_on=days_ago(30))

    episode.refresh_from_db()
    assert episode.is_staying_close
    assert (episode.staying_close_home, episode.staying_close_agreed_on) == (HOME, days_ago(30))


@pytest.mark.parametrize("code", sorted(set(AccommodationType.values) - STAYING_CLOSE_TYPES))
def test_staying_close_is_refused_where_it_cannot_be(person, code):
    errors = refused(accommodation_record, actor=None, young_person=person,
                     start_on=days_ago(10), type_code=code, staying_close=True,
                     staying_close_home=HOME, staying_put_carer="Janet Pearson"
                     if code == "Z" else "")

    label = AccommodationType(code).label.lower()
    assert errors["staying_close"] == [
        f"Staying Close cannot be {label}: it is a place of their own or supported "
        "accommodation near the children’s home they left"]
    assert not AccommodationEpisode.objects.exists()


def test_staying_close_needs_the_childrens_home_that_supports_them(person):
    errors = refused(accommodation_record, actor=None, young_person=person,
                     start_on=days_ago(10), type_code="U", staying_close=True)

    assert errors == {"staying_close_home": [
        "Enter the name of the children’s home that supports them"]}


def test_staying_close_cannot_be_agreed_in_the_future(person):
    errors = refused(accommodation_record, actor=None, young_person=person,
                     start_on=days_ago(10), type_code="U", staying_close=True,
                     staying_close_home=HOME, staying_close_agreed_on=days_ago(-1))

    assert errors == {"staying_close_agreed_on": [
        "The date Staying Close was agreed must be in the past"]}


def test_a_home_or_a_date_without_staying_close_is_refused(person):
    errors = refused(accommodation_record, actor=None, young_person=person,
                     start_on=days_ago(10), type_code="U", staying_close_home=HOME,
                     staying_close_agreed_on=days_ago(20))

    assert set(errors) == {"staying_close_home", "staying_close_agreed_on"}
    assert errors["staying_close_home"][0].startswith("Only give a children’s home for Staying")


def test_a_correction_to_staying_close_keeps_the_earlier_version_in_its_history(staff, person):
    episode = place(person, "D", start_on=days_ago(40), actor=staff["pa"])

    accommodation_update(actor=staff["manager"], episode=episode, version=1,
                         staying_close=True, staying_close_home=HOME)
    corrected = accommodation_update(actor=staff["pa"], episode=episode, version=2,
                                     staying_close_home="Beech House")

    versions = list(corrected.history.order_by("history_date")
                    .values_list("staying_close", "staying_close_home", "history_user"))
    assert versions == [(False, "", staff["pa"].pk), (True, HOME, staff["manager"].pk),
                        (True, "Beech House", staff["pa"].pk)]


def test_moving_a_staying_close_place_to_a_type_it_cannot_be_is_refused(person):
    episode = place(person, "U", start_on=days_ago(40), staying_close=True,
                    staying_close_home=HOME)

    errors = refused(accommodation_update, actor=None, episode=episode, version=1,
                     type_code="W")

    assert "Staying Close cannot be bed and breakfast" in errors["staying_close"][0]
    episode.refresh_from_db()
    assert (episode.type_code, episode.version) == ("U", 1)


# --- the pages -----------------------------------------------------------------------------------

def test_pa_records_staying_close_and_where_they_live_shows_it(client, staff, person):
    client.force_login(staff["pa"])

    response = client.post(reverse("accommodation-add", args=[person.pk]),
                           staying_close_post("U", start_on=days_ago(5)))

    assert response.status_code == 302
    episode = AccommodationEpisode.objects.get()
    assert (episode.staying_close, episode.staying_close_home, episode.type_code,
            episode.staying_close_agreed_on) == (True, HOME, "U", days_ago(20))
    page = client.get(reverse("accommodation", args=[person.pk])).content.decode()
    assert f"Staying Close, with support from {HOME}." in page
    assert long_date(days_ago(20)) in page
    record = client.get(reverse("young-person", args=[person.pk])).content.decode()
    assert "Staying Close, supported by" in record
    assert "Moved to live independently, Staying Close with support from" in record


def test_the_change_form_shows_staying_close_as_recorded(client, staff, person):
    episode = place(person, "D", start_on=days_ago(40), staying_close=True,
                    staying_close_home=HOME)
    client.force_login(staff["pa"])

    page = client.get(reverse("accommodation-edit", args=[person.pk, episode.pk])) \
        .content.decode()

    assert re.search(r'<input type="checkbox" name="staying_close"[^>]* checked', page)
    assert f'value="{HOME}"' in page


@pytest.mark.parametrize("fields, field_id, message", [
    ({"type_code": "W"}, "id_staying_close",
     "Staying Close cannot be bed and breakfast: it is a place of their own or supported "
     "accommodation near the children’s home they left"),
    ({"staying_close_home": ""}, "id_staying_close_home",
     "Enter the name of the children’s home that supports them"),
])
def test_bad_staying_close_is_refused_next_to_the_field_and_nothing_is_saved(
    client, staff, person, fields, field_id, message
):
    client.force_login(staff["pa"])

    response = client.post(reverse("accommodation-add", args=[person.pk]),
                           {**staying_close_post(), **fields})

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert f'<a href="#{field_id}">{message}</a>' in response.content.decode()
    if field_id == "id_staying_close_home":
        assert error_next_to(response, field_id) == message
    assert not AccommodationEpisode.objects.exists()


@pytest.mark.parametrize("persona", ["other_pa", "other_manager", "board"])
def test_staff_outside_the_team_cannot_record_staying_close(client, staff, person, persona):
    client.force_login(staff[persona])

    response = client.post(reverse("accommodation-add", args=[person.pk]), staying_close_post())

    assert response.status_code == 404
    assert not AccommodationEpisode.objects.exists()


def test_a_colleague_who_may_read_cannot_record_staying_close(client, staff, person):
    episode = place(person, "U", start_on=days_ago(40))
    client.force_login(staff["colleague"])

    response = client.post(reverse("accommodation-edit", args=[person.pk, episode.pk]),
                           staying_close_post(start_on=days_ago(40), version=1))

    assert response.status_code == 403
    episode.refresh_from_db()
    assert not episode.staying_close and episode.version == 1
