"""`seed_demo` gives health records and care leavers' own children that agree with the rest of
their record."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from accommodation.models import AccommodationEpisode
from careleavers.models import YoungPerson
from eet.models import ActivityEpisode
from health.models import Child, HealthRecord

pytestmark = pytest.mark.django_db


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_the_demo_has_health_records_that_agree_with_the_rest_of_the_record():
    out = seed()
    today = timezone.localdate()

    records = HealthRecord.objects.select_related("young_person")
    assert records.count() >= 0.8 * YoungPerson.objects.count()
    assert records.filter(history_given_on__isnull=False).exists()
    assert records.filter(gp_registered="yes").exclude(gp_practice="").exists()
    for record in records:
        assert record.disability == ("yes" if record.young_person.disability else "no")
        assert record.history_given_on is None or record.history_given_on <= today
    in_custody = AccommodationEpisode.objects.covering(today).filter(type_code="X")
    for episode in in_custody:
        assert HealthRecord.objects.get(young_person=episode.young_person_id).gp_registered \
            != "yes"
    assert "Health:" in out


def test_a_young_person_looking_after_their_daughter_has_her_on_their_record():
    seed()

    parenting = ActivityEpisode.objects.filter(activity_code="G6",
                                               neet_reason__startswith="Looking after")
    assert parenting.exists()
    for activity in parenting:
        born = Child.objects.born().filter(young_person=activity.young_person_id,
                                           born_on__lt=activity.start_on)
        assert born.exists(), activity.young_person.person_id
    assert Child.objects.born().values("young_person").distinct().count() >= 1


def test_seeding_again_changes_nothing():
    seed()
    before = (HealthRecord.objects.count(), Child.objects.count(),
              sorted(HealthRecord.objects.values_list("version", flat=True)))

    seed()

    assert (HealthRecord.objects.count(), Child.objects.count(),
            sorted(HealthRecord.objects.values_list("version", flat=True))) == before
