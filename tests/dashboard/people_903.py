"""Care leavers around their birthdays, for the tests of the DfE 903 return and the data quality
page: records made through the services a Personal Adviser's forms use."""

from datetime import date, timedelta

from accommodation.services import accommodation_record
from eet.services import activity_record
from eligibility.models import CarePeriod, StatusChange, StatutoryStatus
from eligibility.rules import Status
from tests.accommodation.places import assess
from tests.advisers.people import at, young_person
from tests.factories import ContactFactory

YEAR = 2025  # the collection year 1 April 2024 to 31 March 2025


def care_leaver(team, *, born: date, status=Status.FORMER_RELEVANT, **fields):
    """A young person whose status has been `status` as long as the service has known them."""
    person = young_person(team, status, date_of_birth=born, **fields)
    StatutoryStatus.objects.filter(young_person=person).update(since=born)
    return person


def seen(person, day: date, *, outcome="seen"):
    return ContactFactory(young_person=person, contact_at=at(day), outcome=outcome)


def doing(person, code: str, since: date, until: date | None = None):
    return activity_record(actor=None, young_person=person, start_on=since, end_on=until,
                           activity_code=code)


def living(person, code: str, since: date, *, suitable: bool | None = True, **fields):
    place = accommodation_record(actor=None, young_person=person, start_on=since, type_code=code,
                                 **fields)
    if suitable is not None:
        assess(place, outcome="suitable" if suitable else "unsuitable", assessed_on=since,
               **({} if suitable else {"repair": False}))
    return place


def in_touch_and_settled(person, birthday_on: date):
    """Seen a week before the birthday, at college full time and in their own flat, judged
    suitable: nothing for the return to query."""
    seen(person, birthday_on - timedelta(days=7))
    doing(person, "F2", date(birthday_on.year - 1, 9, 1))
    living(person, "U", date(birthday_on.year - 1, 9, 1))


def status_history(person, *changes: tuple[date, str]):
    """Changes of status as the service recorded them; the last is the status now."""
    for effective_on, status in changes:
        StatusChange.objects.create(young_person=person, status=status, reason="For the test",
                                    effective_on=effective_on)
    StatutoryStatus.objects.filter(young_person=person).update(
        status=changes[-1][1], since=changes[-1][0]
    )


def in_care(person, start_on: date, end_on: date | None):
    return CarePeriod.objects.create(young_person=person, start_on=start_on, end_on=end_on)
