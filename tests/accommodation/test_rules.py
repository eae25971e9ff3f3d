"""The DfE's accommodation codes and the visiting rule, as pure functions."""

from datetime import date

import pytest

from accommodation.rules import (
    MOVED_TO,
    NEEDS_MANAGER,
    AccommodationType,
    accom_code,
    first_visit_due,
    next_visit_due,
)

# Every letter of DOMAIN.md §4, with what it means.
LETTERS = {
    "B": "parents or relatives", "C": "residential care", "D": "supported accommodation",
    "E": "supported lodgings", "G": "abroad", "H": "deported", "K": "ordinary lodgings",
    "R": "not known", "S": "no fixed abode", "T": "foyer", "U": "independent living",
    "V": "emergency", "W": "bed and breakfast", "X": "custody", "Y": "other",
    "Z": "staying put",
}


def test_every_dfe_letter_is_a_type_and_nothing_else_is():
    assert set(AccommodationType.values) == set(LETTERS)


@pytest.mark.parametrize("letter, words", LETTERS.items())
def test_each_letter_says_what_it_means_and_how_a_move_there_reads(letter, words):
    assert words in AccommodationType(letter).label.lower()
    assert MOVED_TO[AccommodationType(letter)]


@pytest.mark.parametrize("letter", [c for c in LETTERS if c not in "SX"])
def test_accom_is_the_letter_then_1_if_suitable_or_2_if_not(letter):
    assert accom_code(letter, True) == f"{letter}1"
    assert accom_code(letter, False) == f"{letter}2"


@pytest.mark.parametrize("letter", ["S", "X"])
def test_no_fixed_abode_and_custody_are_never_suitable_for_the_dfe(letter):
    assert accom_code(letter, True) == f"{letter}2"
    assert accom_code(letter, False) == f"{letter}2"


def test_an_unknown_letter_is_refused():
    with pytest.raises(ValueError):
        accom_code("A", True)


def test_bed_and_breakfast_emergency_no_fixed_abode_and_custody_need_a_manager():
    assert {str(t) for t in NEEDS_MANAGER} == {"W", "V", "S", "X"}


def test_the_first_visit_is_due_within_7_days_of_moving_in():
    assert first_visit_due(date(2026, 3, 3)) == date(2026, 3, 10)
    assert next_visit_due(start_on=date(2026, 3, 3), last_visit_on=None) == date(2026, 3, 10)


def test_a_visit_before_the_move_does_not_count():
    assert next_visit_due(start_on=date(2026, 3, 3),
                          last_visit_on=date(2026, 3, 1)) == date(2026, 3, 10)


def test_after_a_visit_the_next_is_due_within_two_months():
    assert next_visit_due(start_on=date(2026, 3, 3),
                          last_visit_on=date(2026, 3, 5)) == date(2026, 5, 5)
    assert next_visit_due(start_on=date(2025, 11, 1),
                          last_visit_on=date(2025, 12, 31)) == date(2026, 2, 28)
