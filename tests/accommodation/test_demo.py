"""`seed_demo` gives realistic accommodation and education, employment and training."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from accommodation.models import AccommodationEpisode, PlacementAlert, SuitabilityAssessment
from eet.models import ActivityEpisode
from eet.rules import NEET_CODES

pytestmark = pytest.mark.django_db


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def current_types() -> Counter:
    return Counter(AccommodationEpisode.objects.covering(timezone.localdate())
                   .values_list("type_code", flat=True))


def test_the_demo_has_custody_bed_and_breakfast_staying_put_and_unsuitable_places():
    out = seed()

    now = current_types()
    assert (now["X"], now["W"], now["Z"]) == (1, 1, 2)
    assert sum(now.values()) >= 30
    assert SuitabilityAssessment.objects.filter(outcome="unsuitable").count() >= 4
    assert AccommodationEpisode.objects.filter(end_on__isnull=False).exists()  # moves
    assert sorted(AccommodationEpisode.objects.needing_manager(since=timezone.localdate())
                  .values_list("type_code", flat=True)) == ["W", "X"]
    assert "Accommodation:" in out and "Education and work:" in out


def test_the_demo_has_one_young_person_staying_close_near_the_home_they_left():
    seed()

    (close,) = AccommodationEpisode.objects.filter(staying_close=True)
    before = AccommodationEpisode.objects.filter(
        young_person=close.young_person, start_on__lt=close.start_on).latest("start_on")
    assert close.covers(timezone.localdate()) and close.type_code == "U"
    assert (before.type_code, before.provider) == ("C", close.staying_close_home)
    assert close.staying_close_agreed_on < close.start_on


def test_the_demo_has_a_mix_of_education_work_and_training_with_reasons_for_neet():
    seed()

    codes = Counter(ActivityEpisode.objects.covering(timezone.localdate())
                    .values_list("activity_code", flat=True))
    assert len(codes) >= 6
    neet = ActivityEpisode.objects.filter(activity_code__in=NEET_CODES)
    assert neet.exists() and not neet.filter(neet_reason="").exists()


def test_running_it_again_adds_nothing():
    seed("--young-people", "20")
    before = (AccommodationEpisode.history.count(), SuitabilityAssessment.objects.count(),
              ActivityEpisode.history.count(), PlacementAlert.objects.count())

    seed("--young-people", "20")

    assert (AccommodationEpisode.history.count(), SuitabilityAssessment.objects.count(),
            ActivityEpisode.history.count(), PlacementAlert.objects.count()) == before
