"""Someone else can't: who may see and change where a young person lives (DOMAIN.md §6)."""

import pytest
from django.urls import reverse

from accommodation.models import AccommodationEpisode, SuitabilityAssessment
from tests.accommodation.places import assessment_post, days_ago, episode_post, place
from tests.advisers.people import allocate, young_person

pytestmark = pytest.mark.django_db

PAGES = ["accommodation", "accommodation-add", "accommodation-edit", "accommodation-assess"]
CHANGES = ["accommodation-add", "accommodation-edit", "accommodation-assess"]


@pytest.fixture
def person(teams, staff):
    person = young_person(teams["north"], first_name="Jo", last_name="Bloggs")
    allocate(person, staff["pa"])
    return person


@pytest.fixture
def episode(person):
    return place(person, "D", start_on=days_ago(100), provider="Step Up")


def url(name, person, episode):
    if name in ("accommodation", "accommodation-add"):
        return reverse(name, args=[person.pk])
    return reverse(name, args=[person.pk, episode.pk])


def post_data(version=1) -> dict:
    return {**episode_post("U", start_on=days_ago(10), version=version), **assessment_post()}


def nothing_changed(episode):
    episode.refresh_from_db()
    assert AccommodationEpisode.objects.count() == 1
    assert (episode.type_code, episode.provider, episode.version) == ("D", "Step Up", 1)
    assert not SuitabilityAssessment.objects.exists()


@pytest.mark.parametrize("persona", ["other_pa", "other_manager", "board", "admin"])
@pytest.mark.parametrize("name", PAGES)
def test_staff_outside_the_team_cannot_see_or_change_where_they_live(
    client, staff, person, episode, persona, name
):
    client.force_login(staff[persona])

    assert client.get(url(name, person, episode)).status_code == 404
    response = client.post(url(name, person, episode), post_data())

    assert response.status_code == 404
    assert "Bloggs" not in response.content.decode()
    nothing_changed(episode)


@pytest.mark.parametrize("persona", ["colleague", "duty", "service"])
@pytest.mark.parametrize("name", CHANGES)
def test_staff_who_can_read_the_record_cannot_change_where_they_live(
    client, staff, person, episode, persona, name
):
    client.force_login(staff[persona])

    assert client.get(url(name, person, episode)).status_code == 403
    assert client.post(url(name, person, episode), post_data()).status_code == 403
    nothing_changed(episode)


@pytest.mark.parametrize("persona", ["pa", "colleague", "manager", "duty", "service"])
def test_staff_who_work_with_the_team_can_read_where_they_live(
    client, staff, person, episode, persona
):
    client.force_login(staff[persona])

    assert client.get(url("accommodation", person, episode)).status_code == 200


@pytest.mark.parametrize("persona", ["pa", "manager"])
@pytest.mark.parametrize("name", CHANGES)
def test_their_personal_adviser_and_team_manager_can_change_it(
    client, staff, person, episode, persona, name
):
    client.force_login(staff[persona])

    assert client.get(url(name, person, episode)).status_code == 200
    assert client.post(url(name, person, episode), post_data()).status_code == 302


def test_a_restricted_record_is_only_for_the_staff_named_on_it(client, staff, teams):
    person = young_person(teams["north"], restricted=True, restricted_to=[staff["colleague"]])
    episode = place(person, "D")

    client.force_login(staff["manager"])
    assert client.get(url("accommodation", person, episode)).status_code == 404
    client.force_login(staff["colleague"])
    assert client.get(url("accommodation", person, episode)).status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_signed_out_visitors_are_sent_to_sign_in(client, person, episode, name):
    response = client.get(url(name, person, episode))

    assert response.status_code == 302 and response.url.startswith(reverse("sign-in"))
