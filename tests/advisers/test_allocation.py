import pytest
from django.urls import reverse

from advisers.models import Allocation, AllocationKind
from careleavers.models import RecordView
from eligibility.rules import Status
from tests.advisers.people import (
    allocate,
    cover,
    date_post,
    days_ago,
    error_next_to,
    today,
    young_person,
)

pytestmark = pytest.mark.django_db


def url(person):
    return reverse("allocation", args=[person.pk])


def allocate_post(adviser, *, start_on=None, reason=""):
    return {"action": "allocate", "allocate-adviser": adviser.pk if adviser else "",
            **date_post("allocate-start_on", start_on or today()), "allocate-reason": reason}


def cover_post(adviser, *, start_on=None, end_on=None, reason=""):
    return {"action": "cover", "cover-adviser": adviser.pk,
            **date_post("cover-start_on", start_on or today()),
            **date_post("cover-end_on", end_on), "cover-reason": reason}


def end_post(allocation, *, end_on=None, reason="Moved away"):
    return {"action": "end", "end-allocation": allocation.pk,
            **date_post("end-end_on", end_on or today()), "end-reason": reason}


@pytest.fixture
def person(teams):
    return young_person(teams["north"], Status.RELEVANT, first_name="Jo", last_name="Bloggs")


def test_manager_sees_the_personal_adviser_cover_and_history(client, staff, person):
    allocate(person, staff["colleague"], start_on=days_ago(400), end_on=days_ago(101),
             reason="New to the service")
    allocate(person, staff["pa"], start_on=days_ago(100))
    cover(person, staff["colleague"], end_on=days_ago(-10))
    client.force_login(staff["manager"])

    response = client.get(url(person))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Change Personal Adviser" in body
    assert staff["pa"].get_full_name() in body
    assert "until" in body
    assert "New to the service" in body
    assert RecordView.objects.filter(young_person=person, viewed_by=staff["manager"]).exists()


def test_options_show_each_advisers_caseload_against_capacity(client, staff, person, teams):
    staff["pa"].caseload_capacity = 20
    staff["pa"].save()
    allocate(young_person(teams["north"]), staff["pa"])
    client.force_login(staff["manager"])

    body = client.get(url(person)).content.decode()

    assert f"{staff['pa'].get_full_name()} (1 of 20)" in body
    assert f"{staff['colleague'].get_full_name()} (0 young people)" in body
    assert staff["other_pa"].get_full_name() not in body


def test_manager_allocates_a_personal_adviser(client, staff, person):
    client.force_login(staff["manager"])

    response = client.post(url(person), allocate_post(staff["pa"], reason="First allocation"),
                           follow=True)

    allocation = Allocation.objects.get(young_person=person)
    assert (allocation.adviser, allocation.kind, allocation.start_on, allocation.end_on) == (
        staff["pa"], AllocationKind.PERSONAL_ADVISER, today(), None)
    assert allocation.history.get().history_user == staff["manager"]
    assert f"{staff['pa'].get_full_name()} is Jo Bloggs’s Personal Adviser" in (
        response.content.decode())


def test_reallocation_ends_the_old_allocation_the_day_before(client, staff, person):
    old = allocate(person, staff["pa"], start_on=days_ago(100))
    client.force_login(staff["manager"])

    client.post(url(person), allocate_post(staff["colleague"], reason="Moved area"))

    old.refresh_from_db()
    assert old.end_on == days_ago(1)
    assert old.end_reason == "Moved area"
    new = Allocation.objects.get(young_person=person, end_on__isnull=True)
    assert (new.adviser, new.start_on) == (staff["colleague"], today())
    assert old.history.latest().history_user == staff["manager"]


def test_allocation_to_a_personal_adviser_in_another_team_is_refused(client, staff, person):
    client.force_login(staff["manager"])

    response = client.post(url(person), allocate_post(staff["other_pa"]))

    assert response.status_code == 200
    assert error_next_to(response, "id_allocate-adviser") == (
        "Select a Personal Adviser in the North team")
    assert not Allocation.objects.exists()


def test_allocation_to_a_manager_is_refused(client, staff, person):
    client.force_login(staff["manager"])

    response = client.post(url(person), allocate_post(staff["manager"]))

    assert error_next_to(response, "id_allocate-adviser") == (
        "Select a Personal Adviser in the North team")
    assert not Allocation.objects.exists()


def test_allocating_the_current_adviser_again_is_refused(client, staff, person):
    allocate(person, staff["pa"])
    client.force_login(staff["manager"])

    response = client.post(url(person), allocate_post(staff["pa"]))

    assert error_next_to(response, "id_allocate-adviser") == (
        f"{staff['pa'].get_full_name()} is already their Personal Adviser")
    assert Allocation.objects.count() == 1


def test_a_new_adviser_cannot_start_before_the_current_one_did(client, staff, person):
    allocate(person, staff["pa"], start_on=days_ago(5))
    client.force_login(staff["manager"])

    response = client.post(url(person), allocate_post(staff["colleague"], start_on=days_ago(10)))

    assert error_next_to(response, "id_allocate-start_on").startswith(
        "The start date must be after the current Personal Adviser started")
    assert Allocation.objects.count() == 1
    assert Allocation.objects.get().end_on is None


def test_the_start_date_must_be_a_real_date(client, staff, person):
    client.force_login(staff["manager"])
    data = {**allocate_post(staff["pa"]), "allocate-start_on_1": "13"}

    response = client.post(url(person), data)

    assert error_next_to(response, "id_allocate-start_on") == "The start date must be a real date"
    assert not Allocation.objects.exists()


def test_manager_adds_a_colleague_to_cover(client, staff, person):
    allocate(person, staff["pa"])
    client.force_login(staff["manager"])

    client.post(url(person), cover_post(staff["colleague"], end_on=days_ago(-14),
                                        reason="Annual leave"))

    covering = Allocation.objects.get(young_person=person, kind=AllocationKind.COVER)
    assert (covering.adviser, covering.start_on, covering.end_on, covering.reason) == (
        staff["colleague"], today(), days_ago(-14), "Annual leave")
    assert Allocation.objects.get(kind=AllocationKind.PERSONAL_ADVISER).end_on is None


def test_cover_cannot_end_before_it_starts(client, staff, person):
    client.force_login(staff["manager"])

    response = client.post(url(person), cover_post(staff["colleague"], end_on=days_ago(1)))

    assert error_next_to(response, "id_cover-end_on") == (
        "The end date must be on or after the start date")
    assert not Allocation.objects.exists()


def test_the_personal_adviser_cannot_also_cover(client, staff, person):
    allocate(person, staff["pa"])
    client.force_login(staff["manager"])

    response = client.post(url(person), cover_post(staff["pa"]))

    assert error_next_to(response, "id_cover-adviser") == (
        f"{staff['pa'].get_full_name()} is already their Personal Adviser")
    assert Allocation.objects.count() == 1


def test_manager_ends_an_allocation_with_a_reason(client, staff, person):
    allocation = allocate(person, staff["pa"])
    client.force_login(staff["manager"])

    client.post(url(person), end_post(allocation, reason="No longer needs a PA"))

    allocation.refresh_from_db()
    assert (allocation.end_on, allocation.end_reason) == (today(), "No longer needs a PA")


def test_ending_an_allocation_needs_a_reason(client, staff, person):
    allocation = allocate(person, staff["pa"])
    client.force_login(staff["manager"])

    response = client.post(url(person), end_post(allocation, reason=""))

    assert error_next_to(response, "id_end-reason") == "Enter why the allocation is ending"
    allocation.refresh_from_db()
    assert allocation.end_on is None


def test_an_allocation_of_another_young_person_cannot_be_ended_here(
    client, staff, person, teams
):
    other = allocate(young_person(teams["north"]), staff["pa"])
    allocate(person, staff["colleague"])
    client.force_login(staff["manager"])

    response = client.post(url(person), end_post(other))

    assert error_next_to(response, "id_end-allocation") == "Select the allocation that is ending"
    other.refresh_from_db()
    assert other.end_on is None


@pytest.mark.parametrize(
    "persona, status",
    [("pa", 403), ("colleague", 403), ("other_pa", 404), ("other_manager", 404),
     ("duty", 403), ("service", 403), ("board", 404), ("admin", 404)],
)
def test_only_the_team_manager_can_open_allocation(client, staff, person, persona, status):
    client.force_login(staff[persona])

    assert client.get(url(person)).status_code == status


@pytest.mark.parametrize("persona", ["pa", "other_manager", "duty", "service", "board", "admin"])
def test_only_the_team_manager_can_allocate(client, staff, person, persona):
    client.force_login(staff[persona])

    response = client.post(url(person), allocate_post(staff["colleague"]))

    assert response.status_code in (403, 404)
    assert not Allocation.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, person):
    response = client.get(url(person))

    assert response.status_code == 302
    assert response.url.startswith(reverse("sign-in"))


def test_cover_set_to_end_later_can_be_ended_early(client, staff, person):
    allocate(person, staff["pa"])
    covering = cover(person, staff["colleague"], end_on=days_ago(-14))
    client.force_login(staff["manager"])

    client.post(url(person), end_post(covering, reason="Back from leave early"))

    covering.refresh_from_db()
    assert (covering.end_on, covering.end_reason) == (today(), "Back from leave early")
