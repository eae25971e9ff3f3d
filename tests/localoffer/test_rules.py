"""Who can have each entitlement, and money in pounds and pence: the rules every page, form,
import and figure asks, one clause at a time. No database."""

from types import SimpleNamespace

import pytest

from eligibility.rules import Status
from localoffer.rules import (
    can_have,
    left,
    needs_a_manager,
    pence_from_pounds,
    plain_pounds,
    pounds,
)


def offer(**changes):
    values = {"active": True, "statuses": [Status.FORMER_RELEVANT, Status.RELEVANT],
              "youngest_age": 18, "oldest_age": 24, "manager_over_pence": 5_000}
    return SimpleNamespace(**{**values, **changes})


def test_a_young_person_of_a_status_it_is_for_within_its_ages_can_have_it():
    assert can_have(offer(), status=Status.FORMER_RELEVANT, age=20)


@pytest.mark.parametrize("status", [Status.QUALIFYING, Status.ELIGIBLE, Status.NOT_ENTITLED,
                                    None])
def test_a_status_it_is_not_for_cannot_have_it(status):
    assert not can_have(offer(), status=status, age=20)


def test_the_youngest_age_is_included_and_a_year_younger_is_not():
    assert can_have(offer(), status=Status.FORMER_RELEVANT, age=18)
    assert not can_have(offer(), status=Status.FORMER_RELEVANT, age=17)


def test_the_oldest_age_is_included_and_a_year_older_is_not():
    assert can_have(offer(), status=Status.FORMER_RELEVANT, age=24)
    assert not can_have(offer(), status=Status.FORMER_RELEVANT, age=25)


def test_a_retired_entitlement_is_for_nobody():
    assert not can_have(offer(active=False), status=Status.FORMER_RELEVANT, age=20)


def test_a_request_over_the_limit_needs_a_manager_and_one_at_it_does_not():
    assert needs_a_manager(offer(), 5_001)
    assert not needs_a_manager(offer(), 5_000)
    assert needs_a_manager(offer(manager_over_pence=0), 1)


def test_help_that_is_not_money_needs_no_manager_unless_the_limit_says_so():
    assert not needs_a_manager(offer(manager_over_pence=0), None)


@pytest.mark.parametrize("typed, pence", [("3000", 300_000), ("£3,000", 300_000),
                                          ("49.99", 4_999), ("25.5", 2_550), (" 0.01 ", 1)])
def test_pounds_typed_are_read_as_whole_pence(typed, pence):
    assert pence_from_pounds(typed) == pence


@pytest.mark.parametrize("typed", ["", "-5", "1.999", "ten", "1e3", "12345678", "£", "1.2.3"])
def test_anything_but_an_amount_of_money_is_refused(typed):
    with pytest.raises(ValueError):
        pence_from_pounds(typed)


def test_money_is_shown_in_pounds_and_pence():
    assert pounds(300_000) == "£3,000.00"
    assert pounds(300_000, whole=True) == "£3,000"
    assert pounds(4_999, whole=True) == "£49.99"
    assert pounds(None) == ""
    assert plain_pounds(300_050) == "3000.50"


def test_what_is_left_is_never_below_nothing():
    assert left(300_000, 120_000) == 180_000
    assert left(300_000, 400_000) == 0
    assert left(None, 0) is None
