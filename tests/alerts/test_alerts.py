"""Whose alerts each member of staff is shown: a PA their own and covered young people's, a team
manager their team's, duty and service managers every team's, nobody else any; restricted
records only to the staff named on them."""

import pytest

from alerts.alerts import alerts_for, alerts_sync
from tests.advisers.people import allocate, cover, today, young_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(teams, staff):
    """Nobody here has been seen: each has a missed-contact alert."""
    people = {
        "mine": young_person(teams["north"]),
        "covered": young_person(teams["north"]),
        "colleagues": young_person(teams["north"]),
        "southern": young_person(teams["south"]),
    }
    allocate(people["mine"], staff["pa"])
    allocate(people["covered"], staff["colleague"])
    cover(people["covered"], staff["pa"])
    allocate(people["colleagues"], staff["colleague"])
    alerts_sync(on=today())
    return people


def shown(user, people) -> set[str]:
    pks = {alert.young_person_id for alert in alerts_for(user, today=today())}
    return {name for name, person in people.items() if person.pk in pks}


def test_a_pa_is_shown_their_own_and_covered_young_people(staff, people):
    assert shown(staff["pa"], people) == {"mine", "covered"}


def test_a_pa_in_another_team_is_shown_none_of_them(staff, people):
    assert shown(staff["other_pa"], people) == set()


def test_a_team_manager_is_shown_their_team(staff, people):
    assert shown(staff["manager"], people) == {"mine", "covered", "colleagues"}
    assert shown(staff["other_manager"], people) == {"southern"}


@pytest.mark.parametrize("persona", ["duty", "service"])
def test_duty_and_service_managers_are_shown_every_team(staff, people, persona):
    assert shown(staff[persona], people) == set(people)


@pytest.mark.parametrize("persona", ["board", "admin"])
def test_board_members_and_administrators_are_shown_none(staff, people, persona):
    assert shown(staff[persona], people) == set()


def test_a_restricted_record_is_shown_only_to_the_staff_named_on_it(staff, people, teams):
    people["mine"].restricted = True
    people["mine"].save(update_fields=["restricted"])
    people["mine"].restricted_to.set([staff["colleague"]])

    assert "mine" not in shown(staff["pa"], people)
    assert "mine" not in shown(staff["manager"], people)
