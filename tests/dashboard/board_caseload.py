"""A known caseload of 12 young people for the board pack tests, with names, IDs, UPNs and dates of
birth that must never reach the board:

- 8 former relevant young people in the north team, each with the PA, seen 10 days ago, and an
  authorised plan reviewed 30 days ago: 8 in touch, 8 plans up to date;
- 3 relevant 17-year-olds in the south team with no PA, no contact and no plan;
- 1 eligible 16-year-old in the north team, with the PA, seen 10 days ago, no plan.

So, today: 12 young people, 12 needing a plan (8 up to date, 4 with none), 12 to keep in touch
with (9 within the standard, 3 never seen), 3 needing a PA and having none.
"""

from datetime import date, timedelta

from eligibility.rules import Status
from tests.advisers.people import allocate, contact, days_ago, today, young_person
from tests.pathways.plan_setup import authorised_plan

FIRST_NAMES = ["Zebedee", "Quillon", "Marisol", "Tavish", "Odalys", "Florian", "Yusra",
               "Bartholomew", "Seraphina", "Caedmon", "Ilsabet", "Rainier"]
LAST_NAMES = ["Quillfeather", "Ottershaw", "Pemberthy", "Kingsnorth", "Vantongeren",
              "Halloway", "Drinkwater", "Oyelaran", "Fitzwarren", "Blackadder", "Nightingale",
              "Ashcombe"]


def _born(age: int, number: int) -> date:
    """A birthday `age` years and some months ago (different for each young person)."""
    day = today() - timedelta(days=int(365.25 * age) + 40 + 9 * number)
    return day


def board_caseload(teams, staff) -> list:
    """The 12 young people (see the module's docstring), in order."""
    pa, manager = staff["pa"], staff["manager"]
    people = []
    plan = [(Status.FORMER_RELEVANT, teams["north"], 19)] * 8 + [
        (Status.RELEVANT, teams["south"], 17)] * 3 + [(Status.ELIGIBLE, teams["north"], 16)]
    for number, (status, team, age) in enumerate(plan):
        person = young_person(
            team, status, first_name=FIRST_NAMES[number], last_name=LAST_NAMES[number],
            person_id=f"BRD{number + 1:05d}", upn=f"A9990000{number + 1:05d}",
            date_of_birth=_born(age, number),
        )
        if status != Status.RELEVANT:
            allocate(person, pa)
            contact(person, pa, on=days_ago(10))
        if status == Status.FORMER_RELEVANT:
            authorised_plan(person, pa, manager, held_on=days_ago(30))
        people.append(person)
    return people


def dates_of_birth(people) -> list[str]:
    """Each date of birth written the ways a document might: 01/03/2007, 2007-03-01,
    1 March 2007, 1/3/2007."""
    written = []
    for person in people:
        born = person.date_of_birth
        written += [f"{born:%d/%m/%Y}", born.isoformat(), f"{born.day} {born:%B %Y}",
                    f"{born.day}/{born.month}/{born.year}"]
    return written
