"""What a young person does each day, in the DfE's terms (DOMAIN.md §4). Pure code: no database
access, so the forms, the imports and the DfE view read the same rules.

Source: SSDA903 care leaver table (OC3), ACTIV codes. F is full time and P part time; full time
means 16 hours a week or more, as the DfE defines it for the return.
"""

from django.db import models


class ActivityCode(models.TextChoices):
    F1 = "F1", "Higher education, full time"
    P1 = "P1", "Higher education, part time"
    F2 = "F2", "Other education, full time"
    P2 = "P2", "Other education, part time"
    F4 = "F4", "Apprenticeship, full time"
    P4 = "P4", "Apprenticeship, part time"
    F5 = "F5", "Training or employment, full time"
    P5 = "P5", "Training or employment, part time"
    G4 = "G4", "Not in education, employment or training: illness or disability"
    G5 = "G5", "Not in education, employment or training: other reasons"
    G6 = "G6", "Not in education, employment or training: pregnancy or parenting"


class Activity(models.TextChoices):
    """What they do, as a Personal Adviser would ask it; with the hours, it gives the code."""

    HIGHER_EDUCATION = "higher_education", "Higher education, such as university"
    OTHER_EDUCATION = "other_education", "Other education, such as school, sixth form or college"
    APPRENTICESHIP = "apprenticeship", "An apprenticeship"
    TRAINING_OR_EMPLOYMENT = "training_or_employment", "Training or a job"
    NEET_ILLNESS = "neet_illness", "Not in education, employment or training: ill or disabled"
    NEET_PARENTING = "neet_parenting", (
        "Not in education, employment or training: pregnant or looking after their child"
    )
    NEET_OTHER = "neet_other", "Not in education, employment or training: another reason"


#: Full time is 16 hours a week or more (DfE, SSDA903 guidance).
FULL_TIME_HOURS = 16

_EET_DIGITS = {
    Activity.HIGHER_EDUCATION: "1",
    Activity.OTHER_EDUCATION: "2",
    Activity.APPRENTICESHIP: "4",
    Activity.TRAINING_OR_EMPLOYMENT: "5",
}
_NEET_CODES = {
    Activity.NEET_ILLNESS: ActivityCode.G4,
    Activity.NEET_OTHER: ActivityCode.G5,
    Activity.NEET_PARENTING: ActivityCode.G6,
}

#: In education, employment or training (F1 to P5), and not (G4 to G6): INTERFACES.md §3.
EET_CODES = frozenset(c for c in ActivityCode if c.value[0] in "FP")
NEET_CODES = frozenset(c for c in ActivityCode if c.value[0] == "G")


def is_full_time(hours_per_week: int) -> bool:
    return hours_per_week >= FULL_TIME_HOURS


def activity_code(activity: str, hours_per_week: int | None = None) -> ActivityCode:
    """The DfE code for an activity: F or P by the hours for education, employment or training
    (which must then be given), G4, G5 or G6 for the reason someone is not."""
    activity = Activity(activity)
    if activity in _NEET_CODES:
        return _NEET_CODES[activity]
    if hours_per_week is None:
        raise ValueError(f"Hours a week are needed to code {activity.label}")
    prefix = "F" if is_full_time(hours_per_week) else "P"
    return ActivityCode(prefix + _EET_DIGITS[activity])


def activity_of(code: str) -> Activity:
    """The activity a code stands for, without full or part time."""
    code = ActivityCode(code)
    if code in NEET_CODES:
        return next(a for a, c in _NEET_CODES.items() if c == code)
    return next(a for a, digit in _EET_DIGITS.items() if digit == code.value[1])


def is_eet(code: str) -> bool:
    return code in EET_CODES


def hours_match_code(code: str, hours_per_week: int) -> bool:
    """Whether hours a week agree with the code's F (16 or more) or P (fewer)."""
    code = ActivityCode(code)
    if code not in EET_CODES:
        return True
    return (code.value[0] == "F") == is_full_time(hours_per_week)
