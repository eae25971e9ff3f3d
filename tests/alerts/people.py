"""Young people the alerts tests share, saved directly so each test sets up exactly the history
it talks about."""

from datetime import date

from eligibility.models import StatusChange
from eligibility.rules import Status
from tests.advisers.people import allocate, contact, days_ago, young_person


def eligible_and_never_assessed(team, adviser):
    """Eligible since their 16th birthday, five months ago, seen by their PA three days ago, and
    never assessed: their needs assessment is overdue."""
    sixteenth = days_ago(150)
    person = young_person(team, status=Status.ELIGIBLE,
                          date_of_birth=date(sixteenth.year - 16, sixteenth.month,
                                             min(sixteenth.day, 28)))
    allocate(person, adviser)
    contact(person, adviser, on=days_ago(3))
    StatusChange.objects.create(young_person=person, status=Status.ELIGIBLE,
                                effective_on=person.date_of_birth.replace(
                                    year=person.date_of_birth.year + 16),
                                reason="Looked after for 13 weeks")
    return person
