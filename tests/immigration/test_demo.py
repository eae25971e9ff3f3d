"""`seed_demo` gives the young people who came to the country alone their immigration positions,
one with leave that ends within weeks, and the young person in custody a release date soon,
each on their Personal Adviser's list."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from accommodation.models import AccommodationEpisode
from alerts.models import Alert, AlertKind
from careleavers.models import YoungPerson
from immigration.models import ImmigrationRecord

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_the_demo_has_leave_ending_soon_and_a_release_from_custody_soon():
    out = seed()
    today = timezone.localdate()

    assert "Immigration:" in out
    assert not ImmigrationRecord.objects.filter(young_person__uasc=False).exists()
    assert ImmigrationRecord.objects.values("young_person").distinct().count() == (
        YoungPerson.objects.filter(uasc=True).count())
    leave = Alert.objects.open().filter(kind=AlertKind.LEAVE_ENDS_SOON)
    assert leave.exists() and all(alert.young_person.uasc for alert in leave)
    [custody] = AccommodationEpisode.objects.covering(today).in_custody()
    assert 0 < (custody.expected_release_on - today).days <= 56
    assert custody.custody_establishment and custody.custody_worker
    [release] = Alert.objects.open().filter(kind=AlertKind.RELEASE_SOON)
    assert release.young_person_id == custody.young_person_id


def test_running_it_again_adds_nothing():
    seed()
    before = ImmigrationRecord.history.count()

    seed()

    assert ImmigrationRecord.history.count() == before
