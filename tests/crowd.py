"""Many young people at once, for the tests of long lists (pages, sorting, query budgets): saved
in bulk, with one standing rebuild at the end, so a test of 200 takes seconds, not minutes."""

from datetime import date, timedelta

from advisers.models import Allocation, AllocationKind, Contact
from careleavers.models import YoungPerson
from eligibility.models import StatutoryStatus
from eligibility.rules import Status
from standing.standings import standings_rebuild
from tests.advisers.people import at, days_ago, today


def crowd(team, count, *, pa=None, seen_by=(), first_name="Person", id_prefix="",
          status=Status.FORMER_RELEVANT) -> list[YoungPerson]:
    """`count` young people in `team`: Person 00, Person 01, … (in name order), each with
    `status`, held by `pa` if given, and, if `seen_by` names staff, seen in turn by each of
    them: Person 00 60 days ago, Person 01 61 days ago, … (the later in the list, the more
    overdue)."""
    prefix = id_prefix or f"{team.team_id}-{first_name}"
    people = YoungPerson.objects.bulk_create([
        YoungPerson(person_id=f"{prefix}-{number:03d}", first_name=first_name,
                    last_name=f"{number:02d}", sex="F", ethnicity="WBRI", team=team,
                    date_of_birth=date(2006, 1, 1) + timedelta(days=number))
        for number in range(count)
    ])
    StatutoryStatus.objects.bulk_create([
        StatutoryStatus(young_person=person, status=status, reason="Set for the test",
                        since=days_ago(400), checked_on=today())
        for person in people
    ])
    if pa is not None:
        Allocation.objects.bulk_create([
            Allocation(young_person=person, adviser=pa, kind=AllocationKind.PERSONAL_ADVISER,
                       start_on=days_ago(200))
            for person in people
        ])
    if seen_by:
        Contact.objects.bulk_create([
            Contact(young_person=person, made_by=seen_by[number % len(seen_by)],
                    contact_at=at(days_ago(60 + number)), contact_type="home_visit",
                    outcome="seen")
            for number, person in enumerate(people)
        ])
    standings_rebuild(on=today(), young_people=YoungPerson.objects.filter(
        pk__in=[person.pk for person in people]))
    return people
