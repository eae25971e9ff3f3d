"""Who can open a young person's record page (DOMAIN.md §6). Changing it is tested with the
change form (test_record_edit.py), adding with the add form (test_record_add.py)."""

import pytest
from django.urls import reverse

from careleavers.models import RecordView
from tests.careleavers.records import add_young_person, allocate

pytestmark = pytest.mark.django_db


@pytest.fixture
def young_person(staff, teams):
    person = add_young_person(team=teams["north"], first_name="Amani", last_name="Okafor")
    allocate(person, staff["pa"])
    return person


@pytest.mark.parametrize("persona", ["pa", "colleague", "manager", "duty", "service"])
def test_staff_who_work_with_the_team_can_open_the_record(client, staff, young_person, persona):
    client.force_login(staff[persona])

    response = client.get(reverse("young-person", args=[young_person.pk]))

    assert response.status_code == 200
    assert RecordView.objects.filter(viewed_by=staff[persona]).count() == 1


@pytest.mark.parametrize("persona", ["other_pa", "other_manager", "board", "admin"])
def test_others_cannot_open_the_record_or_learn_it_exists(client, staff, young_person, persona):
    client.force_login(staff[persona])

    response = client.get(reverse("young-person", args=[young_person.pk]))

    assert response.status_code == 404
    assert "Okafor" not in response.content.decode()
    assert not RecordView.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, young_person):
    response = client.get(reverse("young-person", args=[young_person.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("sign-in"))


def test_a_record_that_does_not_exist_is_not_found(client, staff):
    client.force_login(staff["duty"])

    assert client.get(reverse("young-person", args=[999999])).status_code == 404
