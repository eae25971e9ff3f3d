"""Pure rules for a young person's health record and their own children: no database access.

Every care leaver should leave care with a summary of their health history, and their GP and
dentist registration and who supports their mental health are recorded (DOMAIN.md §7; the
Hertfordshire strategy: "Every care leaver will have their Health Records").
"""

from datetime import date, timedelta

from django.db import models

#: The furthest ahead a baby can be expected: a pregnancy lasts about 40 weeks.
LONGEST_PREGNANCY = timedelta(weeks=42)
#: The youngest a parent is taken to be when a child's date is checked against theirs.
YOUNGEST_PARENT_AGE = 11


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_KNOWN = "not_known", "Not known"


class LivesWith(models.TextChoices):
    YES = "yes", "Yes, the child lives with them"
    NO = "no", "No, the child lives somewhere else"
    NOT_KNOWN = "not_known", "Not known"


def registration_in_words(answer: str, practice: str) -> str:
    """'Yes, Canal Street Surgery', 'No' or 'Not known'."""
    if answer == Answer.YES:
        return f"Yes, {practice}" if practice else "Yes"
    return Answer(answer).label if answer in Answer.values else Answer.NOT_KNOWN.label


def registration_errors(answer: str, practice: str, *, field: str, who: str) -> dict[str, str]:
    """A practice is named when they are registered, and only then. `field` is the practice's
    field, `who` "a GP" or "a dentist"."""
    if answer == Answer.YES and not practice:
        return {field: f"Enter the name of the {who.split()[-1]}’s practice they are registered "
                       "with"}
    if answer != Answer.YES and practice:
        return {field: f"Only give a practice if they are registered with {who}"}
    return {}


def child_date_errors(*, born_on: date | None, expected_on: date | None, parent_born: date,
                      today: date) -> dict[str, str]:
    """A child is born (a date of birth, by today and after the parent was old enough) or
    expected (a due date from today to about 40 weeks ahead): one, not both."""
    if born_on is None and expected_on is None:
        return {"born_on": "Enter the child’s date of birth, or the date the baby is due"}
    if born_on is not None and expected_on is not None:
        return {"expected_on": "Give a date of birth or a due date, not both"}
    if born_on is not None:
        if born_on > today:
            return {"born_on": "The child’s date of birth must be today or in the past"}
        if born_on < _years_after(parent_born, YOUNGEST_PARENT_AGE):
            return {"born_on": "The child’s date of birth must be after their parent was 11"}
        return {}
    if expected_on < today:
        return {"expected_on": "The date the baby is due must be today or later: if the baby "
                               "has been born, give the date of birth"}
    if expected_on > today + LONGEST_PREGNANCY:
        return {"expected_on": "The date the baby is due must be within the next 9 months"}
    return {}


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def mother_903(*, female: bool, looked_after_until: date | None, in_year: bool,
               first_child_born: date | None, year_end: date) -> tuple[str, date | None]:
    """The SSDA903 Header's MOTHER and MC_DOB for a young woman, as the DfE's rules ask: only of
    a girl looked after at some time in the collection year (rules 165 and 628: blank for a care
    leaver who was not, 165 and 607: 0 or 1 for one who was). MOTHER is 1 if her first child was
    born by the day she stopped being looked after and by the end of the year, and MC_DOB is that
    child's date of birth (rule 625); otherwise 0 with no date. `looked_after_until` is the last
    day she was looked after in the year (None if she still is)."""
    if not female or not in_year:
        return "", None
    last = year_end if looked_after_until is None else min(looked_after_until, year_end)
    if first_child_born is not None and first_child_born <= last:
        return "1", first_child_born
    return "0", None
