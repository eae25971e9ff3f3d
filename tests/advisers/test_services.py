"""The allocation and contact services, as imports and the demo seed call them."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from advisers.models import Allocation, AllocationKind
from advisers.services import adviser_allocate, allocation_end, contact_record, contact_update
from careleavers.concurrency import StaleEditError
from tests.advisers.people import at, days_ago, today, young_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(teams):
    return young_person(teams["north"])


def test_a_personal_adviser_cannot_start_while_an_earlier_one_is_still_in_post(staff, person):
    adviser_allocate(actor=staff["manager"], young_person=person, adviser=staff["pa"],
                     start_on=days_ago(100), end_on=days_ago(10))

    with pytest.raises(ValidationError) as error:
        adviser_allocate(actor=staff["manager"], young_person=person,
                         adviser=staff["colleague"], start_on=days_ago(20))

    assert "start_on" in error.value.error_dict
    assert Allocation.objects.count() == 1


def test_a_colleague_cannot_cover_twice_at_once(staff, person):
    adviser_allocate(actor=staff["manager"], young_person=person, adviser=staff["colleague"],
                     start_on=days_ago(5), kind=AllocationKind.COVER)

    with pytest.raises(ValidationError, match="already covering"):
        adviser_allocate(actor=staff["manager"], young_person=person,
                         adviser=staff["colleague"], start_on=today(),
                         kind=AllocationKind.COVER)


def test_cover_may_follow_an_earlier_cover_that_ended(staff, person):
    adviser_allocate(actor=staff["manager"], young_person=person, adviser=staff["colleague"],
                     start_on=days_ago(30), end_on=days_ago(20), kind=AllocationKind.COVER)

    adviser_allocate(actor=staff["manager"], young_person=person, adviser=staff["colleague"],
                     start_on=days_ago(5), kind=AllocationKind.COVER)

    assert Allocation.objects.filter(kind=AllocationKind.COVER).count() == 2


def test_an_allocation_cannot_end_before_it_started_or_twice(staff, person):
    allocation = adviser_allocate(actor=staff["manager"], young_person=person,
                                  adviser=staff["pa"], start_on=days_ago(5))

    with pytest.raises(ValidationError):
        allocation_end(actor=staff["manager"], allocation=allocation, end_on=days_ago(6),
                       reason="Mistake")
    allocation_end(actor=staff["manager"], allocation=allocation, end_on=today(), reason="Left")
    with pytest.raises(ValidationError, match="already ended"):
        allocation_end(actor=staff["manager"], allocation=allocation, end_on=today(),
                       reason="Again")


def test_a_contact_in_the_future_is_refused(staff, person):
    with pytest.raises(ValidationError) as error:
        contact_record(actor=staff["pa"], young_person=person,
                       contact_at=timezone.now() + timedelta(minutes=5),
                       contact_type="phone", outcome="spoke")

    assert "contact_at" in error.value.error_dict


def test_a_stale_contact_update_is_refused(staff, person):
    contact = contact_record(actor=staff["pa"], young_person=person, contact_at=at(days_ago(1)),
                             contact_type="phone", outcome="spoke")
    contact_update(actor=staff["manager"], contact=contact, version=1, notes="Manager")

    with pytest.raises(StaleEditError):
        contact_update(actor=staff["pa"], contact=contact, version=1, notes="Mine")

    contact.refresh_from_db()
    assert (contact.notes, contact.version) == ("Manager", 2)
