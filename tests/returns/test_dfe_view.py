"""The DfE view of a care leaver around a birthday (SSDA903 OC3): IN_TOUCH, ACTIV and ACCOM, at
the edges of the in-touch window and for many young people at once."""

from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accommodation.services import accommodation_record, suitability_record_judgement
from eet.services import activity_record
from eligibility.models import CareFacts, SupportChoice
from eligibility.models import SupportChoiceKind as Kind
from returns.dfe import dfe_view, dfe_views, in_touch_window
from tests.accommodation.places import assess
from tests.advisers.people import young_person
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

BIRTHDAY = date(2025, 6, 15)  # their 19th
WINDOW_OPENS = date(2025, 3, 15)  # 3 months before
WINDOW_CLOSES = date(2025, 7, 15)  # 1 month after


@pytest.fixture
def person(teams):
    return young_person(teams["north"], date_of_birth=date(2006, 6, 15))


def contact(person, day, outcome="seen", hour=12, minute=0):
    return ContactFactory(
        young_person=person, outcome=outcome, contact_type="phone",
        contact_at=timezone.make_aware(datetime.combine(day, time(hour, minute))),
    )


def in_touch(person, **kwargs) -> str:
    return dfe_view(person, BIRTHDAY, **kwargs).in_touch


def test_the_window_is_three_months_before_to_one_month_after_the_birthday():
    assert in_touch_window(BIRTHDAY) == (WINDOW_OPENS, WINDOW_CLOSES)
    # A month without the day: the month's last day.
    assert in_touch_window(date(2025, 5, 31)) == (date(2025, 2, 28), date(2025, 6, 30))


@pytest.mark.parametrize("day, expected", [
    (WINDOW_OPENS - timedelta(days=1), "NO"),  # the day before the window opens
    (WINDOW_OPENS, "YES"),  # its first day
    (BIRTHDAY, "YES"),
    (WINDOW_CLOSES, "YES"),  # its last day
    (WINDOW_CLOSES + timedelta(days=1), "NO"),  # the day after
])
def test_in_touch_at_the_edges_of_the_window(staff, person, day, expected):
    contact(person, day)

    assert in_touch(person) == expected


@pytest.mark.parametrize("day, hour, minute, expected", [
    (date(2025, 7, 15), 0, 30, "YES"),  # 23:30 on the 14th by UTC, but the 15th here (BST)
    (date(2025, 7, 14), 23, 30, "NO"),
])
def test_a_contact_counts_on_its_local_date(person, day, hour, minute, expected):
    contact(person, day, hour=hour, minute=minute)

    # For a birthday on 15 October the window opens on 15 July.
    assert dfe_view(person, date(2025, 10, 15)).in_touch == expected


@pytest.mark.parametrize("outcomes, expected", [
    (["spoke"], "YES"),
    (["refused", "spoke"], "YES"),
    (["refused"], "REFU"),
    (["refused", "attempted"], "REFU"),
    (["attempted"], "NO"),
    ([], "NO"),
])
def test_in_touch_from_what_happened_at_contacts_in_the_window(person, outcomes, expected):
    for number, outcome in enumerate(outcomes):
        contact(person, BIRTHDAY - timedelta(days=number), outcome=outcome)

    assert in_touch(person) == expected


def test_a_refusal_outside_the_window_does_not_count(person):
    contact(person, WINDOW_OPENS - timedelta(days=1), outcome="refused")

    assert in_touch(person) == "NO"


@pytest.mark.parametrize("went_home, expected", [
    (date(2024, 12, 15), "RHOM"),  # exactly 6 months before the birthday
    (date(2024, 6, 1), "RHOM"),
    (date(2024, 12, 16), "NO"),  # a day short of 6 months
])
def test_returned_home_for_six_months_by_the_birthday(person, went_home, expected):
    CareFacts.objects.create(young_person=person, returned_home_on=went_home)

    assert in_touch(person) == expected


def test_being_in_touch_comes_before_having_gone_home(person):
    CareFacts.objects.create(young_person=person, returned_home_on=date(2024, 1, 1))
    contact(person, BIRTHDAY)

    assert in_touch(person) == "YES"


@pytest.mark.parametrize("opted_out, asked_again, expected", [
    (date(2025, 1, 10), None, "NREQ"),
    (WINDOW_CLOSES, None, "NREQ"),
    (WINDOW_CLOSES + timedelta(days=1), None, "NO"),  # after the window: not yet
    (date(2025, 1, 10), date(2025, 4, 1), "NO"),  # asked for support again since
])
def test_no_longer_requires_services_after_opting_out(person, opted_out, asked_again, expected):
    SupportChoice.objects.create(young_person=person, kind=Kind.OPTED_OUT, on=opted_out)
    if asked_again:
        SupportChoice.objects.create(young_person=person, kind=Kind.ASKED, on=asked_again)

    assert in_touch(person) == expected


def test_not_in_touch_gives_zero_for_activity_and_accommodation(person):
    activity_record(actor=None, young_person=person, start_on=date(2024, 9, 1),
                    activity_code="F2")
    accommodation_record(actor=None, young_person=person, start_on=date(2024, 9, 1),
                         type_code="U")
    contact(person, BIRTHDAY, outcome="refused")

    view = dfe_view(person, BIRTHDAY)

    assert (view.in_touch, view.activ, view.accom) == ("REFU", "0", "0")


@pytest.mark.parametrize("start, end, expected", [
    (date(2024, 9, 1), None, "F4"),
    (BIRTHDAY, None, "F4"),  # started on the birthday
    (date(2024, 9, 1), BIRTHDAY, "F4"),  # ended on the birthday
    (date(2024, 9, 1), BIRTHDAY - timedelta(days=1), None),  # ended the day before
    (BIRTHDAY + timedelta(days=1), None, None),  # started the day after
])
def test_activity_is_what_they_did_on_the_birthday(person, start, end, expected):
    contact(person, BIRTHDAY)
    activity_record(actor=None, young_person=person, start_on=start, end_on=end,
                    activity_code="F4")

    assert dfe_view(person, BIRTHDAY).activ == expected


def test_accommodation_is_the_place_on_the_birthday_with_its_suitability(person):
    contact(person, BIRTHDAY)
    accommodation_record(actor=None, young_person=person, start_on=date(2024, 9, 1),
                         type_code="D")
    lodgings = accommodation_record(actor=None, young_person=person, start_on=BIRTHDAY,
                                    type_code="E")
    assess(lodgings, outcome="suitable", assessed_on=BIRTHDAY + timedelta(days=3))

    view = dfe_view(person, BIRTHDAY)
    before = dfe_view(person, BIRTHDAY - timedelta(days=1))

    assert (view.accom, view.accom_assessed) == ("E1", True)
    assert (before.accom, before.accom_assessed) == ("D2", False)  # never assessed: 2


def test_the_latest_assessment_made_by_the_end_of_the_window_counts(person):
    contact(person, BIRTHDAY)
    place = accommodation_record(actor=None, young_person=person, start_on=date(2024, 9, 1),
                                 type_code="K")
    assess(place, outcome="suitable", assessed_on=date(2024, 9, 5))
    assess(place, outcome="unsuitable", assessed_on=WINDOW_CLOSES, repair=False)
    assess(place, outcome="suitable", assessed_on=WINDOW_CLOSES + timedelta(days=1))

    assert dfe_view(person, BIRTHDAY).accom == "K2"


@pytest.mark.parametrize("code", ["S", "X"])
def test_no_fixed_abode_and_custody_are_never_suitable(person, code):
    contact(person, BIRTHDAY)
    accommodation_record(actor=None, young_person=person, start_on=date(2025, 5, 1),
                         type_code=code)

    assert dfe_view(person, BIRTHDAY).accom == f"{code}2"


def test_in_touch_with_nothing_recorded_leaves_a_gap_to_fill(person):
    contact(person, BIRTHDAY)

    view = dfe_view(person, BIRTHDAY)

    assert (view.in_touch, view.activ, view.accom) == ("YES", None, None)


def test_staying_close_keeps_the_code_of_the_place_itself(person):
    # The DfE has no code for Staying Close: the place is returned as what it is.
    contact(person, BIRTHDAY)
    place = accommodation_record(actor=None, young_person=person, start_on=date(2024, 9, 1),
                                 type_code="U", staying_close=True,
                                 staying_close_home="Oak Lodge children’s home")
    assess(place, outcome="suitable", assessed_on=date(2024, 9, 5))

    assert dfe_view(person, BIRTHDAY).accom == "U1"


def test_an_imported_judgement_counts_as_assessed(person):
    contact(person, BIRTHDAY)
    place = accommodation_record(actor=None, young_person=person, start_on=date(2024, 9, 1),
                                 type_code="Z", staying_put_carer="Janet Pearson")
    suitability_record_judgement(actor=None, episode=place, suitable=True,
                                 assessed_on=place.start_on)

    assert dfe_view(person, BIRTHDAY).accom == "Z1"


def test_the_window_is_a_setting(settings, person):
    contact(person, date(2025, 4, 1))
    assert in_touch(person) == "YES"

    settings.DFE_IN_TOUCH_WINDOW = (1, 0)

    assert dfe_view(person, BIRTHDAY).window == (date(2025, 5, 15), BIRTHDAY)
    assert in_touch(person) == "NO"


def _people(teams, count):
    people = []
    for number in range(count):
        person = young_person(teams["north"], date_of_birth=date(2006, 6, 15))
        contact(person, BIRTHDAY, outcome=["seen", "refused", "attempted"][number % 3])
        activity_record(actor=None, young_person=person, start_on=date(2024, 9, 1),
                        activity_code="G5")
        place = accommodation_record(actor=None, young_person=person,
                                     start_on=date(2024, 9, 1), type_code="U")
        assess(place, assessed_on=date(2024, 9, 2))
        CareFacts.objects.create(young_person=person)
        people.append(person)
    return people


@pytest.mark.parametrize("count", [3, 30])
def test_many_young_people_take_six_queries_and_agree_with_one_at_a_time(teams, count):
    people = _people(teams, count)
    pairs = [(person, BIRTHDAY + timedelta(days=n % 5)) for n, person in enumerate(people)]

    with CaptureQueriesContext(connection) as captured:
        views = dfe_views(pairs)

    # contacts in the windows, care facts, requests for support and opt-outs, activities,
    # accommodation, assessments
    assert len(captured) == 6
    assert views == [dfe_view(person, birthday_on) for person, birthday_on in pairs]
    assert [v.in_touch for v in views[:3]] == ["YES", "REFU", "NO"]
    assert (views[0].activ, views[0].accom) == ("G5", "U1")


def test_no_young_people_is_no_queries():
    assert dfe_views([]) == []
