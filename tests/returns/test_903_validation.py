"""The DfE's validation rules for the 903 Header and care leaver (OC3) tables: each rule fails the
rows the DfE would refuse and passes the ones it accepts; and what a service manager is told
about a young person who would fail."""

from datetime import date

import pytest

from eligibility.rules import Status
from returns import returns_903_rules as rules
from returns.returns_903 import return_903
from returns.returns_903_rules import RULES, Tables, failing_children
from tests.dashboard.people_903 import YEAR, care_leaver, doing, living, seen

# A young man, 19 on 15 June 2024: valid in both tables for 2024-25.
GOOD_HEADER = {"CHILD": "A", "SEX": "M", "DOB": "15/06/2005", "ETHNIC": "WBRI",
               "UPN": "A123456789012", "MOTHER": "", "MC_DOB": ""}
GOOD_OC3 = {"CHILD": "A", "DOB": "15/06/2005", "IN_TOUCH": "YES", "ACTIV": "F2",
            "ACCOM": "U1"}


def tables(*, year=YEAR, header=None, oc3=None, extra_header=(), extra_oc3=()) -> Tables:
    return Tables(
        year,
        [{**GOOD_HEADER, **(header or {})}, *extra_header],
        [{**GOOD_OC3, **(oc3 or {})}, *extra_oc3],
    )


def fails(check, t: Tables) -> bool:
    return "A" in check(t)


def test_a_good_row_passes_every_rule_for_the_year():
    assert failing_children(tables()) == {}
    assert failing_children(tables(year=2024, header={"SEX": "1"})) == {}


# One case that fails and one that passes, for each rule.
CASES = [
    # (rule, failing tables, passing tables)
    (rules.sex_valid_as_numbers, tables(year=2024, header={"SEX": "M"}),
     tables(year=2024, header={"SEX": "2"})),
    (rules.sex_valid_as_numbers, tables(year=2024, header={"SEX": ""}),
     tables(year=2024, header={"SEX": "1"})),
    (rules.sex_valid_as_letters, tables(header={"SEX": "1"}), tables(header={"SEX": "F"})),
    (rules.sex_valid_as_letters, tables(header={"SEX": ""}), tables(header={"SEX": "U"})),
    (rules.sex_not_unknown, tables(header={"SEX": "U"}), tables(header={"SEX": "M"})),
    (rules.dob_valid, tables(header={"DOB": "2005-06-15"}), tables(header={"DOB": "5/6/2005"})),
    (rules.dob_valid, tables(header={"DOB": "31/02/2005"}), tables(header={"DOB": "28/02/2005"})),
    (rules.dob_valid, tables(header={"DOB": "15/06/05"}), tables()),
    (rules.ethnic_valid, tables(header={"ETHNIC": "wbri"}), tables(header={"ETHNIC": "NOBT"})),
    (rules.ethnic_valid, tables(header={"ETHNIC": ""}), tables(header={"ETHNIC": "REFU"})),
    (rules.upn_valid, tables(header={"UPN": "I072272729588"}),
     tables(header={"UPN": "X06805040829A"})),
    (rules.upn_valid, tables(header={"UPN": "UN7"}), tables(header={"UPN": "UN5"})),
    (rules.upn_valid, tables(header={"UPN": "K06014812931"}), tables(header={"UPN": ""})),
    (rules.upn_not_un1_at_school_age, tables(header={"UPN": "UN1"}),
     tables(header={"UPN": "UN2"})),
    (rules.upn_not_duplicated,
     tables(year=2026, extra_header=[{**GOOD_HEADER, "CHILD": "B"}]),
     tables(year=2026, header={"UPN": "UN5"},
            extra_header=[{**GOOD_HEADER, "CHILD": "B", "UPN": "UN5"}])),
    (rules.dob_not_after_year, tables(header={"DOB": "01/04/2025"}),
     tables(header={"DOB": "31/03/2025"})),
    (rules.not_over_21, tables(year=2022, header={"DOB": "31/03/2000", "SEX": "1"}),
     tables(year=2022, header={"DOB": "01/04/2000", "SEX": "1"})),
    (rules.not_over_25, tables(header={"DOB": "31/03/1999"}),
     tables(header={"DOB": "01/04/1999"})),
    (rules.not_over_25, tables(header={"DOB": "31/03/1999"}),
     tables(header={"DOB": "31/03/2003"})),
    (rules.mc_dob_valid, tables(header={"SEX": "F", "MOTHER": "1", "MC_DOB": "31/31/2023"}),
     tables(header={"SEX": "F", "MOTHER": "1", "MC_DOB": "01/02/2023"})),
    (rules.mc_dob_not_for_males, tables(header={"MC_DOB": "01/02/2023"}),
     tables(header={"SEX": "F", "MOTHER": "1", "MC_DOB": "01/02/2023"})),
    (rules.mc_dob_not_for_males, tables(year=2024, header={"SEX": "1", "MC_DOB": "01/02/2023"}),
     tables(year=2024, header={"SEX": "1"})),
    (rules.mother_has_child_dob, tables(header={"SEX": "F", "MOTHER": "1"}),
     tables(header={"SEX": "F", "MOTHER": "0"})),
    (rules.child_dob_only_for_mothers, tables(header={"SEX": "F", "MC_DOB": "01/02/2023"}),
     tables(header={"SEX": "F", "MOTHER": "1", "MC_DOB": "01/02/2023"})),
    (rules.child_dob_only_for_mothers,
     tables(year=2024, header={"SEX": "2", "MOTHER": "0", "MC_DOB": "01/02/2023"}),
     tables(year=2024, header={"SEX": "2", "MOTHER": "0"})),
    (rules.mother_not_under_11,
     tables(header={"SEX": "F", "MOTHER": "1", "DOB": "02/04/2013", "MC_DOB": "01/02/2024"}),
     tables(header={"SEX": "F", "MOTHER": "1", "DOB": "01/04/2013", "MC_DOB": "01/02/2024"})),
    (rules.mother_older_than_child,
     tables(header={"SEX": "F", "MOTHER": "1", "MC_DOB": "15/06/2005"}),
     tables(header={"SEX": "F", "MOTHER": "1", "MC_DOB": "16/06/2005"})),
    (rules.header_child_once, tables(extra_header=[GOOD_HEADER]), tables()),
    (rules.in_touch_valid, tables(oc3={"IN_TOUCH": ""}), tables(oc3={"IN_TOUCH": "NREQ"})),
    (rules.in_touch_valid, tables(oc3={"IN_TOUCH": "yes"}), tables(oc3={"IN_TOUCH": "REFU"})),
    (rules.activ_valid, tables(oc3={"ACTIV": ""}), tables(oc3={"ACTIV": "G6"})),
    (rules.activ_valid, tables(oc3={"ACTIV": "F3"}), tables(oc3={"ACTIV": "P5"})),
    (rules.accom_valid, tables(oc3={"ACCOM": ""}), tables(oc3={"ACCOM": "S2"})),
    (rules.accom_valid, tables(oc3={"ACCOM": "S1"}), tables(oc3={"ACCOM": "X2"})),
    (rules.accom_valid, tables(oc3={"ACCOM": "X1"}), tables(oc3={"ACCOM": "Z1"})),
    (rules.all_or_none_coded, tables(oc3={"ACTIV": ""}),
     tables(oc3={"IN_TOUCH": "", "ACTIV": "", "ACCOM": ""})),
    (rules.died_or_home_have_no_circumstances, tables(oc3={"IN_TOUCH": "RHOM", "ACTIV": "F2"}),
     tables(oc3={"IN_TOUCH": "RHOM", "ACTIV": "0", "ACCOM": "0"})),
    (rules.died_or_home_have_no_circumstances,
     tables(oc3={"IN_TOUCH": "DIED", "ACTIV": "", "ACCOM": "0"}),
     tables(oc3={"IN_TOUCH": "NO", "ACTIV": "0", "ACCOM": "0"})),
    (rules.in_touch_have_circumstances, tables(oc3={"ACCOM": "0"}), tables()),
    (rules.at_least_17_by_year_end, tables(oc3={"DOB": "01/04/2008"}),
     tables(oc3={"DOB": "31/03/2008"})),
    (rules.no_foyer_under_18, tables(oc3={"DOB": "02/04/2006", "ACCOM": "T1"}),
     tables(oc3={"DOB": "01/04/2006", "ACCOM": "T2"})),
    (rules.oc3_child_once, tables(extra_oc3=[GOOD_OC3]), tables()),
    (rules.oc3_child_in_header, tables(header={"CHILD": "B"}), tables()),
    (rules.same_dob_in_both, tables(oc3={"DOB": "16/06/2005"}), tables(oc3={"DOB": ""})),
    (rules.no_staying_put_at_17,
     tables(header={"DOB": "16/03/2008"}, oc3={"DOB": "16/03/2008", "ACCOM": "Z1"}),
     tables(oc3={"ACCOM": "Z2"})),
]


@pytest.mark.parametrize("check, failing, passing", CASES,
                         ids=[f"{c.__name__}-{n}" for n, (c, _, _) in enumerate(CASES)])
def test_each_rule_fails_what_the_dfe_refuses_and_passes_what_it_accepts(check, failing,
                                                                         passing):
    assert fails(check, failing)
    assert not fails(check, passing)


def test_every_rule_has_a_case():
    assert {r.check for r in RULES} == {check for check, _, _ in CASES}


@pytest.mark.parametrize("year, codes", [
    (2024, {"101"}),  # 1 or 2 only: nothing for not known
    (2025, {"232"}),  # M, F or U: U is queried
])
def test_sex_not_known_fails_by_the_rules_of_the_year(year, codes):
    found = failing_children(tables(year=year, header={"SEX": "U" if year >= 2025 else ""}))
    assert {r.code for r in found["A"]} == codes


def test_rules_start_and_stop_in_the_years_the_dfe_set():
    duplicate_upn = tables(year=2025, extra_header=[{**GOOD_HEADER, "CHILD": "B"}])
    foyer_at_17 = tables(year=2023, oc3={"DOB": "01/09/2006", "ACCOM": "T1"},
                         header={"DOB": "01/09/2006", "SEX": "1"})

    assert "444" not in {r.code for r in failing_children(duplicate_upn).get("A", [])}
    assert "347" not in {r.code for r in failing_children(foyer_at_17).get("A", [])}


# What the service manager is told ------------------------------------------------------------


@pytest.fixture
def north(teams):
    return teams["north"]


def failures_of(person_id, year=YEAR):
    return [(f.code, f.reason, f.fix)
            for f in return_903(year, today=date(2025, 6, 1)).failures.get(person_id, [])]


def test_in_touch_with_nothing_recorded_names_both_gaps_once(north):
    person = care_leaver(north, born=date(2005, 6, 15), person_id="CL-1")
    seen(person, date(2024, 6, 1))

    assert failures_of("CL-1") == [
        ("132, 153", "In touch around their 19th birthday (15 June 2024) but no education, "
                     "training or work recorded for that day",
         "Record what they were doing on 15 June 2024 under Education, work and training, "
         "including the reason if they were in none."),
        ("133, 153", "In touch around their 19th birthday (15 June 2024) but no accommodation "
                     "recorded for that day",
         "Record where they were living on 15 June 2024 under Where they live."),
    ]


def test_activity_and_accommodation_recorded_leaves_nothing_to_fix(north):
    person = care_leaver(north, born=date(2005, 6, 15), person_id="CL-1")
    seen(person, date(2024, 6, 1))
    doing(person, "G5", date(2024, 1, 1))
    living(person, "W", date(2024, 5, 1), suitable=False)

    assert failures_of("CL-1") == []
    assert return_903(YEAR).oc3[0] == {"CHILD": "CL-1", "DOB": "15/06/2005", "IN_TOUCH": "YES",
                                       "ACTIV": "G5", "ACCOM": "W2"}


def test_not_in_touch_leaves_nothing_to_fix(north):
    care_leaver(north, born=date(2005, 6, 15), person_id="CL-1")

    assert failures_of("CL-1") == []


def test_sex_not_known_is_a_failure_to_put_right(north):
    care_leaver(north, born=date(2005, 6, 15), person_id="CL-1", sex="U")

    assert failures_of("CL-1") == [
        ("232", "Their sex is recorded as not known: the DfE will query it",
         "Record their sex on their record, under Change details."),
    ]
    # Before 2024-25 the DfE had no code for it at all.
    assert failures_of("CL-1", year=2024) == [
        ("101", "Their sex is recorded as not known, which the DfE does not accept this year",
         "Record their sex on their record, under Change details."),
    ]


def test_a_upn_in_the_wrong_format_is_a_failure(north):
    care_leaver(north, born=date(2005, 6, 15), person_id="CL-1", upn="12345")

    [(code, reason, _)] = failures_of("CL-1")
    assert code == "168"
    assert reason.startswith("Their unique pupil number (UPN), 12345, is not in the DfE's format")


def test_staying_put_at_17_is_a_failure(north):
    person = care_leaver(north, born=date(2007, 6, 15), status=Status.RELEVANT, person_id="CL-1")
    seen(person, date(2024, 6, 1))
    doing(person, "F2", date(2023, 9, 1))
    living(person, "Z", date(2024, 5, 1), staying_put_carer="Janet Pearson")

    assert [code for code, _, _ in failures_of("CL-1")] == ["3001"]


def test_a_foyer_before_18_is_a_failure(north):
    person = care_leaver(north, born=date(2006, 6, 15), person_id="CL-1")
    seen(person, date(2024, 6, 1))
    doing(person, "F5", date(2023, 9, 1))
    living(person, "T", date(2024, 5, 1))

    [(code, reason, _)] = failures_of("CL-1")
    assert code == "347"
    assert reason.startswith("Living in a foyer on their 18th birthday (15 June 2024), but they "
                             "were under 18 on 1 April 2024")
