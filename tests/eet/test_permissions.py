"""Someone else can't: who may see and change what a young person does (DOMAIN.md §6)."""

import pytest
from django.urls import reverse

from eet.models import ActivityEpisode
from tests.advisers.people import allocate, young_person
from tests.eet.activities import activity, activity_post, days_ago

pytestmark = pytest.mark.django_db

PAGES = ["eet", "eet-add", "eet-edit"]
CHANGES = ["eet-add", "eet-edit"]


@pytest.fixture
def person(teams, staff):
    person = young_person(teams["north"], first_name="Jo", last_name="Bloggs")
    allocate(person, staff["pa"])
    return person


@pytest.fixture
def saved(person):
    return activity(person, "F2", start_on=days_ago(100), hours_per_week=18)


def url(name, person, saved):
    if name == "eet-edit":
        return reverse(name, args=[person.pk, saved.pk])
    return reverse(name, args=[person.pk])


def nothing_changed(saved):
    saved.refresh_from_db()
    assert ActivityEpisode.objects.count() == 1
    assert (saved.activity_code, saved.version) == ("F2", 1)


@pytest.mark.parametrize("persona", ["other_pa", "other_manager", "board", "admin"])
@pytest.mark.parametrize("name", PAGES)
def test_staff_outside_the_team_cannot_see_or_change_it(client, staff, person, saved, persona,
                                                        name):
    client.force_login(staff[persona])

    assert client.get(url(name, person, saved)).status_code == 404
    response = client.post(url(name, person, saved), activity_post(start_on=days_ago(10),
                                                                   version=1))
    assert response.status_code == 404
    assert "Bloggs" not in response.content.decode()
    nothing_changed(saved)


@pytest.mark.parametrize("persona", ["colleague", "duty", "service"])
@pytest.mark.parametrize("name", CHANGES)
def test_staff_who_can_read_the_record_cannot_change_it(client, staff, person, saved, persona,
                                                        name):
    client.force_login(staff[persona])

    assert client.get(url(name, person, saved)).status_code == 403
    assert client.post(url(name, person, saved), activity_post(version=1)).status_code == 403
    nothing_changed(saved)


@pytest.mark.parametrize("persona", ["pa", "manager"])
@pytest.mark.parametrize("name", CHANGES)
def test_their_personal_adviser_and_team_manager_can_change_it(client, staff, person, saved,
                                                               persona, name):
    client.force_login(staff[persona])

    assert client.get(url(name, person, saved)).status_code == 200
    response = client.post(url(name, person, saved), activity_post(start_on=days_ago(10),
                                                                   version=1))
    assert response.status_code == 302


@pytest.mark.parametrize("persona", ["pa", "colleague", "manager", "duty", "service"])
def test_staff_who_work_with_the_team_can_read_it(client, staff, person, saved, persona):
    client.force_login(staff[persona])

    assert client.get(url("eet", person, saved)).status_code == 200


def test_a_restricted_record_is_only_for_the_staff_named_on_it(client, staff, teams):
    person = young_person(teams["north"], restricted=True, restricted_to=[staff["colleague"]])

    client.force_login(staff["manager"])
    assert client.get(reverse("eet", args=[person.pk])).status_code == 404
    client.force_login(staff["colleague"])
    assert client.get(reverse("eet", args=[person.pk])).status_code == 200
