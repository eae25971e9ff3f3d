"""What counts as a move of where they live (`accommodation.selectors.moves_by`), clause by
clause, and who has moved often (`moved_often`): 3 or more in the 12 months up to the date."""

from datetime import date

import pytest

from accommodation.rules import moves_counted_after
from accommodation.selectors import moved_often, moves_by
from accommodation.services import accommodation_update
from careleavers.models import YoungPerson
from tests.accommodation.places import place
from tests.advisers.people import young_person

pytestmark = pytest.mark.django_db

ON = date(2026, 3, 3)


@pytest.fixture
def person(teams):
    return young_person(teams["north"], date_of_birth=date(2006, 1, 15))


def moves(person, on=ON) -> list[date]:
    return sorted(moves_by(on=on).filter(young_person=person).values_list("start_on", flat=True))


def lived(person, *places):
    """Places one after another: (type, start); each ends the day before the next starts."""
    for code, start_on in places:
        place(person, code, start_on=start_on, today=ON)


def moved_often_on(on=ON) -> set:
    return set(YoungPerson.objects.filter(moved_often(on=on)).values_list("pk", flat=True))


def test_the_12_months_run_from_the_day_after_a_year_before_up_to_the_date():
    assert moves_counted_after(ON) == date(2025, 3, 3)
    assert moves_counted_after(date(2028, 2, 29)) == date(2027, 2, 28)


def test_the_first_place_on_record_is_not_a_move(person):
    lived(person, ("D", date(2025, 6, 1)), ("U", date(2025, 9, 1)))

    assert moves(person) == [date(2025, 9, 1)]


def test_a_place_is_a_move_from_the_day_after_a_year_before_to_the_date_itself(person):
    lived(person, ("D", date(2024, 1, 1)), ("E", date(2025, 3, 3)), ("U", date(2025, 3, 4)),
          ("K", date(2026, 3, 3)))

    # 3 March 2025 is a year before: outside. 3 March 2026 is the date: inside.
    assert moves(person) == [date(2025, 3, 4), date(2026, 3, 3)]
    # A day earlier, the 12 months start a day earlier and end before the last move.
    assert moves(person, on=date(2026, 3, 2)) == [date(2025, 3, 3), date(2025, 3, 4)]


def test_a_correction_of_the_same_place_is_not_a_move(person):
    lived(person, ("D", date(2025, 1, 1)), ("E", date(2025, 6, 1)))
    current = place(person, "U", start_on=date(2025, 9, 1), today=ON)

    for version, provider in enumerate(["Step Up", "Step Up Housing", "Step Up Homes"], 1):
        accommodation_update(actor=None, episode=current, version=version, provider=provider,
                             today=ON)
    accommodation_update(actor=None, episode=current, version=4, type_code="K", today=ON)

    assert moves(person) == [date(2025, 6, 1), date(2025, 9, 1)]
    assert moved_often_on() == set()


def test_custody_is_a_move_and_so_is_the_place_after_it(person):
    lived(person, ("D", date(2025, 1, 1)), ("X", date(2025, 6, 1)), ("E", date(2025, 9, 1)),
          ("U", date(2026, 1, 1)))

    assert moves(person) == [date(2025, 6, 1), date(2025, 9, 1), date(2026, 1, 1)]
    assert moved_often_on() == {person.pk}


def test_residence_not_known_is_not_a_move_but_the_next_place_known_is(person):
    lived(person, ("D", date(2025, 1, 1)), ("R", date(2025, 6, 1)), ("E", date(2025, 9, 1)),
          ("U", date(2026, 1, 1)))

    assert moves(person) == [date(2025, 9, 1), date(2026, 1, 1)]
    assert moved_often_on() == set()


def test_a_gap_between_places_does_not_stop_the_next_being_a_move(person):
    place(person, "D", start_on=date(2024, 1, 1), end_on=date(2024, 12, 31), today=ON)
    place(person, "U", start_on=date(2025, 6, 1), today=ON)

    assert moves(person) == [date(2025, 6, 1)]


def test_three_moves_in_12_months_is_moving_often_two_is_not(teams, person):
    twice = young_person(teams["north"], date_of_birth=date(2006, 1, 15))
    lived(person, ("D", date(2025, 1, 1)), ("E", date(2025, 5, 1)), ("U", date(2025, 9, 1)),
          ("K", date(2026, 2, 1)))
    lived(twice, ("D", date(2025, 1, 1)), ("E", date(2025, 5, 1)), ("U", date(2025, 9, 1)))

    assert moved_often_on() == {person.pk}
    # A year after the second move, it has left the 12 months.
    assert moved_often_on(date(2026, 5, 1)) == set()
    assert moved_often_on(date(2026, 4, 30)) == {person.pk}


def test_three_moves_over_14_months_is_not_moving_often(person):
    lived(person, ("D", date(2024, 9, 1)), ("U", date(2024, 12, 1)), ("K", date(2025, 6, 1)),
          ("W", date(2026, 2, 1)))

    for on in (date(2025, 11, 30), date(2025, 12, 1), date(2026, 2, 1), ON):
        assert moved_often_on(on) == set(), on
