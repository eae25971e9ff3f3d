"""Someone else can't: who may see and change a young person's health and their children
(DOMAIN.md §6). The same people as their record."""

import pytest
from django.urls import reverse

from health.models import Child, HealthRecord
from tests.health.people import add_child, child_post, days_ago, health_post, held, record_health

pytestmark = pytest.mark.django_db

PAGES = ["health", "health-edit", "child-add", "child-edit", "child-remove"]
CHANGES = ["health-edit", "child-add", "child-edit", "child-remove"]


@pytest.fixture
def person(teams, staff):
    person = held(teams, staff, first_name="Jo", last_name="Bloggs")
    record_health(person, actor=staff["pa"])
    return person


@pytest.fixture
def child(person, staff):
    return add_child(person, actor=staff["pa"], name="Ava")


def url(name, person, child):
    if name in ("health", "health-edit", "child-add"):
        return reverse(name, args=[person.pk])
    return reverse(name, args=[person.pk, child.pk])


def post_data(name) -> dict:
    if name == "health-edit":
        return health_post(version=1, gp_practice="Somewhere Else")
    if name == "child-remove":
        return {"reason": "In error", "version": "1"}
    return child_post(born_on=days_ago(30), version=1, name="Changed")


def nothing_changed(child):
    record = HealthRecord.objects.get()
    assert (record.version, record.gp_practice) == (1, "Canal Street Surgery")
    assert Child.objects.count() == 1
    child.refresh_from_db()
    assert (child.name, child.version, child.removed_on) == ("Ava", 1, None)


@pytest.mark.parametrize("persona", ["other_pa", "other_manager", "board", "admin"])
@pytest.mark.parametrize("name", PAGES)
def test_staff_outside_the_team_cannot_see_or_change_their_health(client, staff, person, child,
                                                                  persona, name):
    client.force_login(staff[persona])

    assert client.get(url(name, person, child)).status_code == 404
    response = client.post(url(name, person, child), post_data(name))

    assert response.status_code == 404
    assert "Bloggs" not in response.content.decode()
    nothing_changed(child)


@pytest.mark.parametrize("persona", ["colleague", "duty", "service"])
@pytest.mark.parametrize("name", CHANGES)
def test_staff_who_can_read_the_record_cannot_change_their_health(client, staff, person, child,
                                                                  persona, name):
    client.force_login(staff[persona])

    assert client.get(url(name, person, child)).status_code == 403
    assert client.post(url(name, person, child), post_data(name)).status_code == 403
    nothing_changed(child)


@pytest.mark.parametrize("persona", ["colleague", "manager", "duty", "service"])
def test_staff_who_work_with_the_team_read_it_without_change_links_unless_they_may(
        client, staff, person, child, persona):
    client.force_login(staff[persona])

    page = client.get(url("health", person, child)).content.decode()

    assert "Canal Street Surgery" in page and "Ava" in page
    assert ("Add a child" in page) == (persona == "manager")


def test_a_child_of_another_young_person_is_not_found_through_this_one(client, staff, teams,
                                                                       child):
    other = held(teams, staff)
    client.force_login(staff["pa"])

    assert client.get(reverse("child-edit", args=[other.pk, child.pk])).status_code == 404
    assert client.post(reverse("child-remove", args=[other.pk, child.pk]),
                       {"reason": "x", "version": "1"}).status_code == 404
    nothing_changed(child)


def test_signed_out_visitors_are_sent_to_sign_in(client, person, child):
    for name in PAGES:
        response = client.get(url(name, person, child))
        assert response.status_code == 302 and "sign-in" in response["Location"]
