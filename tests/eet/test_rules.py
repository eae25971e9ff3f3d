"""The DfE's activity codes: what each means, and full or part time from the hours."""

import pytest

from eet.rules import (
    EET_CODES,
    NEET_CODES,
    Activity,
    ActivityCode,
    activity_code,
    activity_of,
    hours_match_code,
)

# DOMAIN.md §4: F full time, P part time.
EET = {
    Activity.HIGHER_EDUCATION: ("F1", "P1"),
    Activity.OTHER_EDUCATION: ("F2", "P2"),
    Activity.APPRENTICESHIP: ("F4", "P4"),
    Activity.TRAINING_OR_EMPLOYMENT: ("F5", "P5"),
}
NEET = {
    Activity.NEET_ILLNESS: "G4",
    Activity.NEET_OTHER: "G5",
    Activity.NEET_PARENTING: "G6",
}


def test_the_codes_are_the_dfe_list():
    assert set(ActivityCode.values) == {"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4",
                                        "G5", "G6"}
    assert {str(c) for c in EET_CODES} == {"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5"}
    assert {str(c) for c in NEET_CODES} == {"G4", "G5", "G6"}


@pytest.mark.parametrize("activity, codes", EET.items())
def test_16_hours_a_week_or_more_is_full_time_and_fewer_is_part_time(activity, codes):
    full, part = codes
    assert activity_code(activity, 16) == full
    assert activity_code(activity, 37) == full
    assert activity_code(activity, 15) == part
    assert activity_code(activity, 1) == part


@pytest.mark.parametrize("activity, code", NEET.items())
def test_not_in_education_employment_or_training_is_coded_by_the_reason(activity, code):
    assert activity_code(activity) == code
    assert activity_code(activity, 20) == code  # hours make no difference


def test_education_employment_or_training_needs_the_hours():
    with pytest.raises(ValueError):
        activity_code(Activity.APPRENTICESHIP)


@pytest.mark.parametrize("code", ActivityCode.values)
def test_every_code_comes_back_from_the_activity_it_stands_for(code):
    activity = activity_of(code)
    if code.startswith("G"):
        assert activity_code(activity) == code
    else:
        assert activity_code(activity, 30 if code[0] == "F" else 10) == code


@pytest.mark.parametrize("code, label", [
    ("F1", "Higher education, full time"), ("P2", "Other education, part time"),
    ("F4", "Apprenticeship, full time"), ("P5", "Training or employment, part time"),
    ("G4", "illness or disability"), ("G5", "other reasons"), ("G6", "pregnancy or parenting"),
])
def test_each_code_says_what_it_means(code, label):
    assert label in ActivityCode(code).label


def test_hours_that_contradict_full_or_part_time_are_spotted():
    assert hours_match_code("F5", 16)
    assert not hours_match_code("F5", 15)
    assert hours_match_code("P5", 15)
    assert not hours_match_code("P5", 16)
    assert hours_match_code("G5", 40)
