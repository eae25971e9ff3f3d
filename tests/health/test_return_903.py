"""The 903 return's Header asks whether a young woman is a mother (MOTHER) and when her first
child was born (MC_DOB), from her children on her record, as the DfE's rules ask: only of a girl
looked after at some time in the collection year (rules 165, 607 and 628), with the child born by
the day she stopped being looked after (625). The DfE's public validator agrees."""

import os
from datetime import date

import pytest
import time_machine

from health.services import child_remove
from returns.returns_903 import return_903
from tests.dashboard.people_903 import YEAR, care_leaver, in_care, in_touch_and_settled
from tests.health.people import add_child
from tests.returns.test_903_matches_dfe_validator import (
    VALIDATOR_PYTHON,
    dfe_validator,
    export_903,
    with_episodes,
)

pytestmark = pytest.mark.django_db

#: The DfE's rules about MOTHER and MC_DOB.
MOTHER_RULES = {"165", "171", "174", "607", "611", "612", "620", "621", "625", "628"}


@pytest.fixture(autouse=True)
def after_the_year():
    """The return for 2024-25, made in May 2025."""
    with time_machine.travel(date(2025, 5, 10), tick=False):
        yield


def left_care_in_the_year(team, person_id, *, sex="F", left=date(2024, 6, 30)):
    """18 on 1 December 2024, looked after until `left` (in the year 2024-25), a care leaver
    in touch on her birthday."""
    person = care_leaver(team, born=date(2006, 12, 1), person_id=person_id, sex=sex)
    in_care(person, date(2019, 3, 4), left)
    in_touch_and_settled(person, date(2024, 12, 1))
    return person


def left_care_long_ago(team, person_id):
    """20 on 1 September 2024, looked after until her 18th birthday, two years before."""
    person = care_leaver(team, born=date(2004, 9, 1), person_id=person_id, sex="F")
    in_care(person, date(2018, 1, 8), date(2022, 8, 31))
    in_touch_and_settled(person, date(2024, 9, 1))
    return person


@pytest.fixture
def caseload(teams, staff):
    north, pa = teams["north"], staff["pa"]
    mother = left_care_in_the_year(north, "MUM")
    add_child(mother, actor=pa, born_on=date(2024, 3, 10), name="First")
    add_child(mother, actor=pa, born_on=date(2025, 1, 5), name="Second")
    left_care_in_the_year(north, "NO-CHILD")
    after = left_care_in_the_year(north, "BORN-AFTER")
    add_child(after, actor=pa, born_on=date(2024, 9, 1))
    removed = left_care_in_the_year(north, "REMOVED")
    child_remove(actor=pa, child=add_child(removed, actor=pa, born_on=date(2024, 2, 1)),
                 version=1, reason="Recorded on the wrong young person")
    father = left_care_in_the_year(north, "DAD", sex="M")
    add_child(father, actor=pa, born_on=date(2024, 3, 10))
    earlier = left_care_long_ago(north, "LEFT-BEFORE")
    add_child(earlier, actor=pa, born_on=date(2023, 5, 5))


def header(year=YEAR) -> dict[str, tuple[str, str]]:
    return {row["CHILD"]: (row["MOTHER"], row["MC_DOB"]) for row in return_903(year).header}


def test_mother_and_her_first_childs_date_of_birth_are_filled_where_the_dfe_asks(caseload):
    assert header() == {
        "MUM": ("1", "10/03/2024"),  # her first child, born while she was looked after
        "NO-CHILD": ("0", ""),
        "BORN-AFTER": ("0", ""),  # her child was born after she left care (rule 625)
        "REMOVED": ("0", ""),  # a child taken off the record does not count
        "DAD": ("", ""),  # asked of girls only
        "LEFT-BEFORE": ("", ""),  # not looked after in the year: blank (rules 165, 628)
    }


def test_a_girl_still_looked_after_at_the_end_of_the_year_counts_children_born_by_then(
        teams, staff):
    person = left_care_in_the_year(teams["north"], "MUM", left=date(2024, 11, 1))
    add_child(person, actor=staff["pa"], born_on=date(2024, 10, 20))

    assert header()["MUM"] == ("1", "20/10/2024")


def test_the_service_finds_nothing_wrong_with_these_rows(caseload):
    assert not return_903(YEAR).failures


def test_the_dfe_validator_agrees_once_her_episodes_are_in_the_return(caseload, tmp_path):
    """The council's children's social care system sends the episodes of the girls looked after
    in the year; with them, the DfE's rules about motherhood find nothing wrong. Without MOTHER
    for one of them, they would (so this can fail)."""
    if not VALIDATOR_PYTHON.exists():
        message = "The DfE's 903 validator is not installed: run `make dfe-validator`"
        if os.environ.get("REQUIRE_DFE_VALIDATOR"):
            pytest.fail(message)
        pytest.skip(message)
    ours = tmp_path / "ours"
    export_903(YEAR, ours)
    # The episodes of those looked after in the year as their care system sends them: the
    # service's own give no reason an episode ceased (REC), which rule 607 reads.
    with_episodes(ours, YEAR)
    blanked = tmp_path / "blanked"
    blanked.mkdir()
    for name in ("oc3.csv", "episodes.csv"):
        (blanked / name).write_bytes((ours / name).read_bytes())
    (blanked / "header.csv").write_text(
        (ours / "header.csv").read_text().replace(",1,10/03/2024", ",,"), encoding="utf-8")

    found, without = dfe_validator((YEAR, ours), (YEAR, blanked))

    assert {child: set(codes) & MOTHER_RULES for child, codes in found["failing"].items()
            if set(codes) & MOTHER_RULES} == {}
    assert "607" in without["failing"]["MUM"]

