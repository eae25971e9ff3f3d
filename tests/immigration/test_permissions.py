"""Someone else can't: who may see and change a young person's immigration position
(DOMAIN.md §6)."""

import pytest
from django.urls import reverse

from immigration.models import ImmigrationRecord
from tests.advisers.people import days_ago, young_person
from tests.immigration.positions import days_ahead, granted, record_post, uasc_person

pytestmark = pytest.mark.django_db

PAGES = ["immigration", "immigration-add", "immigration-edit"]
CHANGES = ["immigration-add", "immigration-edit", "immigration-decision-seen"]


@pytest.fixture
def person(teams, staff):
    return uasc_person(teams["north"], staff["pa"], first_name="Jo", last_name="Bloggs")


@pytest.fixture
def record(person):
    return granted(person, granted_on=days_ago(20), ends_on=days_ahead(300))


def url(name, person, record):
    if name in ("immigration", "immigration-add"):
        return reverse(name, args=[person.pk])
    return reverse(name, args=[person.pk, record.pk])


def post_data() -> dict:
    return record_post(since=days_ago(10), granted_on=days_ago(10), ends_on=days_ahead(30),
                       version=1)


def nothing_changed(record):
    record.refresh_from_db()
    assert ImmigrationRecord.objects.count() == 1
    assert (record.leave_expires_on, record.version, record.decision_seen_at) == (
        days_ahead(300), 1, None)


@pytest.mark.parametrize("persona", ["other_pa", "other_manager", "board", "admin"])
@pytest.mark.parametrize("name", [*PAGES, "immigration-decision-seen"])
def test_staff_outside_the_team_cannot_see_or_change_it(
    client, staff, person, record, persona, name
):
    client.force_login(staff[persona])

    if name != "immigration-decision-seen":
        assert client.get(url(name, person, record)).status_code == 404
    response = client.post(url(name, person, record), post_data())

    assert response.status_code == 404
    assert "Bloggs" not in response.content.decode()
    nothing_changed(record)


@pytest.mark.parametrize("persona", ["colleague", "duty", "service"])
@pytest.mark.parametrize("name", CHANGES)
def test_staff_who_can_read_the_record_cannot_change_it(
    client, staff, person, record, persona, name
):
    client.force_login(staff[persona])

    if name != "immigration-decision-seen":
        assert client.get(url(name, person, record)).status_code == 403
    assert client.post(url(name, person, record), post_data()).status_code == 403
    nothing_changed(record)


@pytest.mark.parametrize("persona", ["pa", "colleague", "manager", "duty", "service"])
def test_staff_who_work_with_the_team_can_read_it(client, staff, person, record, persona):
    client.force_login(staff[persona])

    assert client.get(url("immigration", person, record)).status_code == 200


@pytest.mark.parametrize("persona", ["pa", "manager"])
@pytest.mark.parametrize("name", CHANGES)
def test_their_personal_adviser_and_team_manager_can_change_it(
    client, staff, person, record, persona, name
):
    client.force_login(staff[persona])

    if name != "immigration-decision-seen":
        assert client.get(url(name, person, record)).status_code == 200
    assert client.post(url(name, person, record), post_data()).status_code == 302


def test_marking_seen_is_post_only(client, staff, person, record):
    client.force_login(staff["pa"])

    assert client.get(url("immigration-decision-seen", person, record)).status_code == 405
    nothing_changed(record)


def test_a_record_on_another_young_persons_record_is_not_found(client, staff, person, teams):
    other = uasc_person(teams["north"], staff["pa"])
    theirs = granted(other)
    client.force_login(staff["pa"])

    edit = reverse("immigration-edit", args=[person.pk, theirs.pk])
    seen = reverse("immigration-decision-seen", args=[person.pk, theirs.pk])

    assert client.get(edit).status_code == 404
    assert client.post(seen).status_code == 404
    theirs.refresh_from_db()
    assert theirs.decision_seen_at is None


def test_a_restricted_record_is_only_for_the_staff_named_on_it(client, staff, teams):
    person = young_person(teams["north"], uasc=True, restricted=True,
                          restricted_to=[staff["colleague"]])

    client.force_login(staff["manager"])
    assert client.get(reverse("immigration", args=[person.pk])).status_code == 404
    client.force_login(staff["colleague"])
    assert client.get(reverse("immigration", args=[person.pk])).status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_signed_out_visitors_are_sent_to_sign_in(client, person, record, name):
    response = client.get(url(name, person, record))

    assert response.status_code == 302 and response.url.startswith(reverse("sign-in"))
