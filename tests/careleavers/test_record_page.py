from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from careleavers.models import RecordView
from eligibility.models import StatusChange
from eligibility.rules import Status
from eligibility.services import care_period_add
from tests.careleavers.records import add_young_person, allocate, years_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def young_person(staff, teams):
    person = add_young_person(
        team=teams["north"], actor=staff["manager"], first_name="Amani", last_name="Okafor",
        preferred_name="Ami", date_of_birth=years_ago(17), person_id="CL123",
    )
    care_period_add(actor=staff["manager"], young_person=person,
                    start_on=years_ago(1), end_on=None)
    return person


def test_record_shows_who_they_are_their_status_and_why(client, staff, young_person):
    client.force_login(staff["pa"])

    response = client.get(reverse("young-person", args=[young_person.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Amani Okafor" in page
    assert "Known as Ami" in page
    assert "CL123" in page
    assert "(age 17)" in page
    assert "moj-identity-bar" in page
    assert "Eligible" in page
    assert young_person.statutory_status.reason in page
    assert "Care history and status" in page


def test_opening_a_record_is_logged_with_who_opened_it(client, staff, young_person):
    client.force_login(staff["colleague"])

    client.get(reverse("young-person", args=[young_person.pk]))

    view = RecordView.objects.get(young_person=young_person)
    assert view.viewed_by == staff["colleague"]
    assert view.page == "record"


def test_chronology_lists_status_changes_newest_first_with_the_reason(
    client, staff, young_person
):
    StatusChange.objects.create(
        young_person=young_person, status=Status.RELEVANT, previous_status=Status.ELIGIBLE,
        reason="Left care on a later date", effective_on=timezone.localdate() + timedelta(days=1),
    )
    client.force_login(staff["pa"])

    page = client.get(reverse("young-person-chronology", args=[young_person.pk])).content.decode()

    timeline = page[page.index('class="moj-timeline"'):]
    assert "Status changed to Relevant" in timeline
    assert "Left care on a later date" in timeline
    relevant = timeline.index("Status changed to Relevant")
    eligible = timeline.index("Status changed to Eligible")
    assert relevant < eligible < timeline.index("Record added")


def test_first_status_and_nightly_check_are_named_in_the_chronology(client, staff, teams):
    person = add_young_person(team=teams["north"], actor=staff["manager"],
                              date_of_birth=years_ago(15))
    StatusChange.objects.create(
        young_person=person, status=Status.QUALIFYING, previous_status=Status.NOT_ENTITLED,
        reason="Turned 16", effective_on=timezone.localdate(), recorded_by=None,
    )
    client.force_login(staff["pa"])

    page = client.get(reverse("young-person", args=[person.pk])).content.decode()

    assert "Status set to Not entitled" in page
    assert "by the nightly check" in page
    assert f"by {escape(staff['manager'])}" in page  # names like O'Neill are escaped


def test_restricted_record_is_not_found_by_staff_who_are_not_named(client, staff, teams):
    person = add_young_person(team=teams["north"], restricted=True,
                              restricted_to=[staff["colleague"]])

    for persona in ("pa", "manager", "duty", "service"):
        client.force_login(staff[persona])
        response = client.get(reverse("young-person", args=[person.pk]))
        assert response.status_code == 404, persona
    assert not RecordView.objects.exists()


def test_restricted_record_opens_for_a_named_member_of_staff(client, staff, teams):
    person = add_young_person(team=teams["north"], restricted=True,
                              restricted_to=[staff["colleague"]])
    client.force_login(staff["colleague"])

    response = client.get(reverse("young-person", args=[person.pk]))

    assert response.status_code == 200
    assert "Restricted record" in response.content.decode()
    assert RecordView.objects.get().viewed_by == staff["colleague"]


@pytest.mark.parametrize("persona, can_change", [
    ("manager", True), ("pa", True), ("colleague", False), ("duty", False),
])
def test_change_link_shows_only_to_those_who_can_change_the_record(
    client, staff, young_person, persona, can_change
):
    allocate(young_person, staff["pa"])
    client.force_login(staff[persona])

    page = client.get(reverse("young-person", args=[young_person.pk])).content.decode()

    assert (reverse("young-person-edit", args=[young_person.pk]) in page) is can_change


def test_covering_colleague_can_change_the_record(client, staff, young_person):
    allocate(young_person, staff["colleague"], kind="cover")
    client.force_login(staff["colleague"])

    response = client.get(reverse("young-person-edit", args=[young_person.pk]))

    assert response.status_code == 200
