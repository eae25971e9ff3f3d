"""A care leaver's own children: added and changed by staff who can edit the record, a baby
expected and then born, never deleted: removed with a reason, and kept in the history."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from careleavers.concurrency import StaleEditError
from careleavers.history import changes_of
from health.models import Child
from health.services import child_remove, child_update
from tests.advisers.people import error_next_to
from tests.health.people import add_child, child_post, days_ago, held, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(teams, staff):
    return held(teams, staff, first_name="Jo", last_name="Bloggs",
                date_of_birth=today().replace(year=today().year - 20) - timedelta(days=40))


def test_a_pa_adds_a_child_and_sees_them_on_the_page(client, staff, person):
    client.force_login(staff["pa"])

    response = client.post(reverse("child-add", args=[person.pk]),
                           child_post(born_on=days_ago(400)))

    assert response.status_code == 302
    child = Child.objects.get()
    assert (child.young_person, child.born_on, child.lives_with_them, child.recorded_by) == (
        person, days_ago(400), "yes", staff["pa"])
    page = client.get(reverse("health", args=[person.pk])).content.decode()
    assert "Ava" in page and "Yes, the child lives with them" in page


def test_a_baby_on_the_way_is_recorded_with_the_date_it_is_due(client, staff, person):
    client.force_login(staff["pa"])

    client.post(reverse("child-add", args=[person.pk]),
                child_post(name="", expected_on=today() + timedelta(days=60)))

    child = Child.objects.get()
    assert (child.born_on, child.expected_on) == (None, today() + timedelta(days=60))
    page = client.get(reverse("health", args=[person.pk])).content.decode()
    assert "A baby due" in page


@pytest.mark.parametrize("data, field, message", [
    ({}, "id_born_on", "Enter the child’s date of birth, or the date the baby is due"),
    ({"born_on": today() + timedelta(days=2)}, "id_born_on", "must be today or in the past"),
    ({"born_on": days_ago(10), "expected_on": today() + timedelta(days=10)}, "id_expected_on",
     "Give a date of birth or a due date, not both"),
    ({"expected_on": days_ago(3)}, "id_expected_on", "The date the baby is due must be today"),
    ({"expected_on": today() + timedelta(days=400)}, "id_expected_on", "within the next 9"),
])
def test_the_form_refuses_dates_that_cannot_be_right(client, staff, person, data, field,
                                                     message):
    client.force_login(staff["pa"])

    response = client.post(reverse("child-add", args=[person.pk]), child_post(**data))

    assert response.status_code == 200
    assert message in error_next_to(response, field)
    assert not Child.objects.exists()


def test_a_child_born_before_their_parent_was_11_is_refused(staff, person):
    with pytest.raises(ValidationError) as refused:
        add_child(person, actor=staff["pa"],
                  born_on=person.date_of_birth + timedelta(days=365 * 5))
    assert "born_on" in refused.value.message_dict


def test_when_the_baby_is_born_the_due_date_gives_way_to_the_date_of_birth(client, staff,
                                                                          person):
    child = add_child(person, actor=staff["pa"], expected_on=today() + timedelta(days=10))
    client.force_login(staff["pa"])

    response = client.post(reverse("child-edit", args=[person.pk, child.pk]),
                           child_post(born_on=today(), version=child.version, name="Milo"))

    assert response.status_code == 302
    child.refresh_from_db()
    assert (child.name, child.born_on, child.expected_on, child.version) == (
        "Milo", today(), None, 2)


def test_a_stale_change_is_refused(client, staff, person):
    child = add_child(person, actor=staff["pa"], name="Ava")
    child_update(actor=staff["colleague"], child=child, version=1, lives_with_them="no")
    client.force_login(staff["pa"])

    response = client.post(reverse("child-edit", args=[person.pk, child.pk]),
                           child_post(born_on=child.born_on, version=1, notes="Nursery"))

    assert "Someone else changed this record" in response.content.decode()
    child.refresh_from_db()
    assert (child.lives_with_them, child.notes, child.version) == ("no", "", 2)


def test_a_child_is_removed_with_a_reason_never_deleted(client, staff, person):
    child = add_child(person, actor=staff["pa"], name="Ava")
    client.force_login(staff["pa"])

    refused = client.post(reverse("child-remove", args=[person.pk, child.pk]),
                          {"reason": "", "version": "1"})
    assert error_next_to(refused, "id_reason") == (
        "Enter why you are removing this child from the record")
    response = client.post(reverse("child-remove", args=[person.pk, child.pk]),
                           {"reason": "Recorded on the wrong young person", "version": "1"})

    assert response.status_code == 302
    child.refresh_from_db()
    assert (child.removed_on, child.removed_reason) == (today(),
                                                        "Recorded on the wrong young person")
    assert list(Child.objects.current()) == []
    page = client.get(reverse("health", args=[person.pk])).content.decode()
    assert "No children recorded." in page
    assert "Removed from the record (1)" in page
    history = changes_of(child.history.all())
    assert [c.what for c in history] == ["Changed", "Added"]


def test_a_removed_child_cannot_be_changed_or_removed_again(staff, person):
    child = add_child(person, actor=staff["pa"])
    child_remove(actor=staff["pa"], child=child, version=1, reason="In error")

    with pytest.raises(ValidationError):
        child_update(actor=staff["pa"], child=child, version=2, name="Ava")
    with pytest.raises(ValidationError):
        child_remove(actor=staff["pa"], child=child, version=2, reason="Again")


def test_a_stale_removal_is_refused(staff, person):
    child = add_child(person, actor=staff["pa"])
    child_update(actor=staff["colleague"], child=child, version=1, name="Ava")

    with pytest.raises(StaleEditError):
        child_remove(actor=staff["pa"], child=child, version=1, reason="In error")
    assert Child.objects.current().count() == 1
