"""The statutory status rule (DOMAIN.md §1), clause by clause, at its boundaries.

Most tests follow one young person born on 15 June 2008: 14 on 15 June 2022, 16 on 15 June 2024,
18 on 15 June 2026, 21 on 15 June 2029 and 25 on 15 June 2033.
"""

from datetime import date, timedelta

import pytest

from eligibility.rules import (
    CarePeriod,
    Facts,
    Status,
    SupportChoice,
    age_on,
    birthday,
    born_aged,
    decide_status,
    support_choices_from,
)

DOB = date(2008, 6, 15)
B14, B16, B18 = date(2022, 6, 15), date(2024, 6, 15), date(2026, 6, 15)
B21, B25 = date(2029, 6, 15), date(2033, 6, 15)

# In care from 16 and a half months before 16 until 30 September 2025, aged 17.
LEFT_CARE_ON = date(2025, 9, 30)
LEFT_AT_17 = CarePeriod(date(2023, 4, 1), LEFT_CARE_ON)
# In care until the day before the 18th birthday.
STAYED_TO_18 = CarePeriod(date(2023, 4, 1), B18 - timedelta(days=1))
# Left care at 16 after only 51 days: qualifying, never relevant.
BRIEFLY_IN_CARE_AT_16 = CarePeriod(B16, B16 + timedelta(days=50))


def days(n: int) -> timedelta:
    return timedelta(days=n)


def period(start: date, end: date | None = None, *, short_break: bool = False) -> CarePeriod:
    return CarePeriod(start, end, short_break)


def decide(on: date, *periods: CarePeriod, dob: date = DOB, **facts):
    return decide_status(Facts(date_of_birth=dob, care_periods=periods, **facts), on)


def asked(on: date) -> SupportChoice:
    return SupportChoice(on, asked=True)


def said_no(on: date) -> SupportChoice:
    return SupportChoice(on, asked=False)


# --- birthdays and ages ---------------------------------------------------------------------------


def test_age_changes_on_the_birthday():
    assert age_on(DOB, B16 - days(1)) == 15
    assert age_on(DOB, B16) == 16
    assert birthday(DOB, 18) == B18


def test_29_february_birthday_falls_on_1_march_in_other_years():
    leap_baby = date(2008, 2, 29)
    assert birthday(leap_baby, 16) == date(2024, 2, 29)
    assert birthday(leap_baby, 18) == date(2026, 3, 1)
    assert age_on(leap_baby, date(2026, 2, 28)) == 17
    assert age_on(leap_baby, date(2026, 3, 1)) == 18



def test_an_age_band_is_a_range_of_dates_of_birth_on_any_day():
    # Every day of a leap year and the next, 29 February births included: someone is aged 18
    # to 20 on the day exactly when born within the range.
    for on in (date(2024, 1, 1) + days(n) for n in range(0, 731, 3)):
        first, last = born_aged(18, 20, on)
        for born in (first - days(1), first, last, last + days(1), date(2004, 2, 29)):
            assert (first <= born <= last) == (18 <= age_on(born, on) <= 20), (on, born)


def test_someone_born_on_29_february_joins_the_band_on_1_march():
    assert born_aged(18, 20, date(2026, 2, 28))[1] == date(2008, 2, 28)
    assert born_aged(18, 20, date(2026, 3, 1))[1] == date(2008, 3, 1)

# --- under 16 -------------------------------------------------------------------------------------


def test_in_care_the_day_before_16th_birthday_is_not_entitled():
    decision = decide(B16 - days(1), period(B14))
    assert decision.status == Status.NOT_ENTITLED
    assert "Under 16 (turns 16 on 15 June 2024)" in decision.reason


def test_in_care_on_16th_birthday_after_91_days_is_eligible():
    decision = decide(B16, period(B14))
    assert decision.status == Status.ELIGIBLE
    assert decision.reason.startswith("Still in care at 16 and in care for 732 days")


def test_special_guardianship_order_under_16_is_not_entitled():
    assert decide(B16 - days(1), special_guardianship_order=True).status == Status.NOT_ENTITLED


# --- eligible: 91 days from the 14th birthday -----------------------------------------------------


def test_looked_after_90_days_at_16_is_not_yet_eligible():
    decision = decide(B16 + days(89), period(B16))
    assert decision.status == Status.NOT_ENTITLED
    assert "for only 90 days since turning 14" in decision.reason


def test_looked_after_91_days_at_16_is_eligible():
    decision = decide(B16 + days(90), period(B16))
    assert decision.status == Status.ELIGIBLE
    assert "in care for 91 days since turning 14, including after turning 16" in decision.reason
    assert decision.reason.endswith("(Children Act 1989 Sch 2 para 19B; CPPCR reg 40).")


def test_days_before_14th_birthday_do_not_count():
    # 45 days from the 14th birthday (and 100 before it), then 45 or 46 days from the 16th.
    before_and_after_14 = period(B14 - days(100), B14 + days(44))
    assert decide(B16 + days(44), before_and_after_14, period(B16)).status == Status.NOT_ENTITLED
    assert decide(B16 + days(45), before_and_after_14, period(B16)).status == Status.ELIGIBLE


def test_overlapping_periods_are_counted_once():
    first, overlapping = period(B16, B16 + days(59)), period(B16 + days(30))
    assert decide(B16 + days(89), first, overlapping).status == Status.NOT_ENTITLED
    assert decide(B16 + days(90), first, overlapping).status == Status.ELIGIBLE


def test_periods_starting_on_the_same_day_are_counted_once():
    ended, still_open = period(B16, B16 + days(10)), period(B16)
    decision = decide(B16 + days(90), ended, still_open)
    assert decision.status == Status.ELIGIBLE
    assert "91 days" in decision.reason


def test_periods_starting_after_the_date_do_not_count():
    assert decide(B16 + days(10), period(B16 + days(11))).status == Status.NOT_ENTITLED


# --- short breaks ---------------------------------------------------------------------------------


def test_short_break_of_28_days_is_ignored():
    short_break = period(B16 - days(40), B16 - days(13), short_break=True)
    decision = decide(B16 + days(89), short_break, period(B16))
    assert decision.status == Status.NOT_ENTITLED
    assert "only 90 days" in decision.reason


def test_short_break_of_29_days_counts_as_care():
    long_break = period(B16 - days(41), B16 - days(13), short_break=True)
    decision = decide(B16 + days(89), long_break, period(B16))
    assert decision.status == Status.ELIGIBLE
    assert "119 days" in decision.reason


def test_on_a_short_break_after_leaving_care_is_still_relevant():
    short_break = period(date(2025, 11, 1), date(2025, 11, 10), short_break=True)
    assert decide(date(2025, 11, 5), LEFT_AT_17, short_break).status == Status.RELEVANT


def test_open_short_break_is_ignored_for_its_first_28_days():
    on = date(2025, 12, 1)
    decision = decide(on, period(on - days(27), short_break=True))
    assert decision.status == Status.NOT_ENTITLED
    assert decision.reason.startswith("On a short break in care at 17")
    assert "qualifying starts once the break ends" in decision.reason


def test_open_short_break_longer_than_28_days_counts_as_care():
    on = date(2025, 12, 1)
    assert decide(on, period(on - days(90), short_break=True)).status == Status.ELIGIBLE


def test_only_short_breaks_after_16_qualifies_once_they_end():
    # A child on short breaks is looked after (CA s.22(1)); reg 48 reaches the 13-week test only.
    short_break = period(B16 + days(10), B16 + days(20), short_break=True)
    decision = decide(B16 + days(100), short_break)
    assert decision.status == Status.QUALIFYING
    assert "was on short breaks after turning 16, last on 5 July 2024" in decision.reason
    assert not decision.personal_adviser_required


def test_qualifying_from_short_breaks_ends_at_21():
    short_break = period(B16 + days(10), B16 + days(20), short_break=True)
    assert decide(B21 - days(1), short_break).status == Status.QUALIFYING
    assert decide(B21, short_break).status == Status.NOT_ENTITLED


def test_during_a_short_break_after_16_not_yet_qualifying():
    short_break = period(B16 + days(10), B16 + days(20), short_break=True)
    assert decide(B16 + days(15), short_break).status == Status.NOT_ENTITLED
    assert decide(B16 + days(21), short_break).status == Status.QUALIFYING


def test_short_breaks_only_before_16_do_not_qualify():
    short_break = period(B16 - days(30), B16 - days(20), short_break=True)
    decision = decide(B16 + days(100), short_break)
    assert decision.status == Status.NOT_ENTITLED
    assert decision.reason.startswith("Only on short breaks in care, all before turning 16")


def test_short_breaks_do_not_make_a_young_person_eligible_or_relevant():
    # Thirteen weeks of short breaks after 16, each of them 10 days: still not eligible.
    breaks = [period(B16 + days(20 * i), B16 + days(20 * i + 9), short_break=True)
              for i in range(10)]
    assert decide(B16 + days(185), *breaks).status == Status.NOT_ENTITLED
    assert decide(B16 + days(195), *breaks).status == Status.QUALIFYING


# --- relevant -------------------------------------------------------------------------------------


def test_on_last_day_in_care_is_still_eligible():
    assert decide(LEFT_CARE_ON, LEFT_AT_17).status == Status.ELIGIBLE


def test_leaving_care_at_17_after_91_days_is_relevant():
    decision = decide(LEFT_CARE_ON + days(1), LEFT_AT_17)
    assert decision.status == Status.RELEVANT
    assert "Left care on 30 September 2025, aged 17" in decision.reason
    assert decision.reason.endswith("(Children Act 1989 s.23A; CLR reg 3).")


def test_relevant_until_the_day_before_18th_birthday():
    assert decide(B18 - days(1), LEFT_AT_17).status == Status.RELEVANT


def test_leaving_care_at_16_after_91_days_is_relevant():
    assert decide(B16 + days(100), period(B16, B16 + days(90))).status == Status.RELEVANT


def test_leaving_care_at_16_after_90_days_is_qualifying():
    decision = decide(B16 + days(100), period(B16, B16 + days(89)))
    assert decision.status == Status.QUALIFYING
    assert "only 90 days since turning 14, fewer than the 91 needed" in decision.reason


def test_leaving_care_the_day_before_16th_birthday_is_not_relevant():
    decision = decide(B16 + days(10), period(B14, B16 - days(1)))
    assert decision.status == Status.NOT_ENTITLED
    assert "all before turning 16" in decision.reason


def test_leaving_care_on_16th_birthday_after_91_days_is_relevant():
    assert decide(B16 + days(1), period(B14, B16)).status == Status.RELEVANT


def test_coming_back_into_care_is_eligible_again():
    back_in_care = period(date(2025, 12, 1))
    assert decide(date(2025, 12, 5), LEFT_AT_17, back_in_care).status == Status.ELIGIBLE


# --- detained or in hospital on the 16th birthday (CLR reg 3) -------------------------------------


def test_detained_on_16th_birthday_after_91_days_in_care_is_relevant():
    decision = decide(B16, period(B16 - days(91), B16 - days(1)), detained_on_16th_birthday=True)
    assert decision.status == Status.RELEVANT
    assert "In custody or hospital on their 16th birthday (15 June 2024)" in decision.reason
    assert "91 days" in decision.reason


def test_detained_on_16th_birthday_after_90_days_in_care_is_not_entitled():
    decision = decide(B16, period(B16 - days(90), B16 - days(1)), detained_on_16th_birthday=True)
    assert decision.status == Status.NOT_ENTITLED
    assert "custody or hospital on their 16th birthday" in decision.reason


def test_detention_counts_only_days_after_14th_birthday():
    # 90 days from the 14th birthday, many more before it.
    in_care = period(B14 - days(300), B14 + days(89))
    assert decide(B16, in_care, detained_on_16th_birthday=True).status == Status.NOT_ENTITLED


def test_detained_relevant_child_is_former_relevant_at_18():
    in_care = period(B16 - days(91), B16 - days(1))
    assert decide(B18, in_care, detained_on_16th_birthday=True).status == Status.FORMER_RELEVANT


# --- going home -----------------------------------------------------------------------------------


def test_relevant_until_the_day_before_6_months_at_home():
    # 31 October + 6 months is 30 April: April has no 31st.
    went_home = date(2025, 10, 31)
    decision = decide(date(2026, 4, 29), LEFT_AT_17, returned_home_on=went_home)
    assert decision.status == Status.RELEVANT
    assert "went home on 31 October 2025" in decision.reason


def test_6_months_at_home_ends_relevant_and_leaves_qualifying():
    decision = decide(date(2026, 4, 30), LEFT_AT_17, returned_home_on=date(2025, 10, 31))
    assert decision.status == Status.QUALIFYING
    assert "no longer relevant after 6 months at home, from 30 April 2026" in decision.reason


def test_6_months_at_home_before_18_means_not_former_relevant():
    decision = decide(B18, LEFT_AT_17, returned_home_on=date(2025, 10, 31))
    assert decision.status == Status.QUALIFYING


def test_going_home_less_than_6_months_before_18_is_still_former_relevant():
    went_home = date(2026, 1, 1)
    assert decide(B18, LEFT_AT_17, returned_home_on=went_home).status == Status.FORMER_RELEVANT
    assert decide(B18 + days(60), LEFT_AT_17, returned_home_on=went_home).status == (
        Status.FORMER_RELEVANT
    )


# --- former relevant, 18 to 20 --------------------------------------------------------------------


def test_eligible_the_day_before_18th_birthday_is_former_relevant_at_18():
    assert decide(B18 - days(1), STAYED_TO_18).status == Status.ELIGIBLE
    decision = decide(B18, STAYED_TO_18)
    assert decision.status == Status.FORMER_RELEVANT
    assert "was eligible on 14 June 2026, the day before turning 18" in decision.reason
    assert decision.reason.endswith("(Children Act 1989 s.23C).")


def test_relevant_the_day_before_18th_birthday_is_former_relevant_at_18():
    decision = decide(B18, LEFT_AT_17)
    assert decision.status == Status.FORMER_RELEVANT
    assert "was relevant on 14 June 2026" in decision.reason


def test_qualifying_the_day_before_18th_birthday_stays_qualifying_at_18():
    decision = decide(B18, BRIEFLY_IN_CARE_AT_16)
    assert decision.status == Status.QUALIFYING
    assert "was not eligible or relevant the day before turning 18" in decision.reason


def test_former_relevant_until_the_day_before_21st_birthday():
    assert decide(B21 - days(1), LEFT_AT_17).status == Status.FORMER_RELEVANT


# --- former relevant, 21 to 25 --------------------------------------------------------------------


def test_former_relevant_at_21_who_has_not_asked_can_ask():
    decision = decide(B21, LEFT_AT_17)
    assert decision.status == Status.ENTITLED_ON_REQUEST
    assert "has not asked for support since turning 21" in decision.reason
    assert "can ask for support until turning 25 on 15 June 2033" in decision.reason
    assert not decision.personal_adviser_required
    assert not decision.pathway_plan_required


def test_former_relevant_in_education_keeps_support_from_21_to_25():
    for on in (B21, B25 - days(1)):
        decision = decide(on, LEFT_AT_17, in_education_or_training=True)
        assert decision.status == Status.FORMER_RELEVANT_EDUCATION
        assert decision.personal_adviser_required and decision.pathway_plan_required
    assert "s.23CA" in decision.reason


def test_everyone_is_not_entitled_from_25th_birthday():
    decision = decide(
        B25, LEFT_AT_17, in_education_or_training=True, support_choices=(asked(B21 + days(10)),)
    )
    assert decision.status == Status.NOT_ENTITLED
    assert decision.reason == (
        "Turned 25 on 15 June 2033: leaving-care duties end at 25 (Children Act 1989 s.23CZB)."
    )


def test_at_25_asking_for_support_makes_no_returner():
    choices = (asked(B21 + days(10)), said_no(B21 + days(40)), asked(B25 - days(1)))
    assert decide(B25 - days(1), LEFT_AT_17, support_choices=choices).status == (
        Status.RETURNER_21_25
    )
    assert decide(B25, LEFT_AT_17, support_choices=choices).status == Status.NOT_ENTITLED
    assert decide(B25, LEFT_AT_17, support_choices=(asked(B25),)).status == Status.NOT_ENTITLED


def test_asking_for_support_on_21st_birthday_makes_a_returner():
    decision = decide(B21, LEFT_AT_17, support_choices=(asked(B21),))
    assert decision.status == Status.RETURNER_21_25
    assert decision.reason == (
        "Asked for support on 15 June 2029; aged 21, and was former relevant at 21 "
        "(Children Act 1989 s.23CZB)."
    )
    assert decision.personal_adviser_required and decision.pathway_plan_required


def test_asking_before_21st_birthday_is_not_a_request_after_21():
    decision = decide(B21 + days(10), LEFT_AT_17, support_choices=(asked(B21 - days(1)),))
    assert decision.status == Status.ENTITLED_ON_REQUEST
    assert "has not asked for support since turning 21" in decision.reason


def test_request_counts_from_the_day_it_is_made():
    on = B21 + days(30)
    assert decide(on - days(1), LEFT_AT_17, support_choices=(asked(on),)).status == (
        Status.ENTITLED_ON_REQUEST
    )
    assert decide(on, LEFT_AT_17, support_choices=(asked(on),)).status == Status.RETURNER_21_25


def test_opting_out_after_asking_ends_support_from_that_day():
    choices = (asked(B21 + days(10)), said_no(B21 + days(40)))
    assert decide(B21 + days(39), LEFT_AT_17, support_choices=choices).status == (
        Status.RETURNER_21_25
    )
    decision = decide(B21 + days(40), LEFT_AT_17, support_choices=choices)
    assert decision.status == Status.ENTITLED_ON_REQUEST
    assert not decision.personal_adviser_required and not decision.pathway_plan_required
    assert decision.reason == (
        "Said they no longer want support on 25 July 2029; aged 21, and was former relevant "
        "at 21, so can ask again until turning 25 on 15 June 2033 (Children Act 1989 s.23CZB)."
    )


def test_asking_again_after_opting_out_makes_a_returner_again():
    choices = (asked(B21 + days(10)), said_no(B21 + days(40)), asked(B21 + days(300)))
    assert decide(B21 + days(299), LEFT_AT_17, support_choices=choices).status == (
        Status.ENTITLED_ON_REQUEST
    )
    decision = decide(B21 + days(300), LEFT_AT_17, support_choices=choices)
    assert decision.status == Status.RETURNER_21_25
    assert decision.reason.startswith(
        "Asked for support again on 11 April 2030, having said on 25 July 2029 they no longer "
        "wanted it"
    )


def test_a_choice_dated_after_the_day_asked_about_does_not_count():
    choices = (asked(B21 + days(10)), said_no(B21 + days(40)))
    decision = decide(B21 + days(20), LEFT_AT_17, support_choices=choices)
    assert decision.status == Status.RETURNER_21_25
    assert "25 July 2029" not in decision.reason
    assert decide(B21 + days(5), LEFT_AT_17, support_choices=choices).status == (
        Status.ENTITLED_ON_REQUEST
    )


def test_choices_are_read_by_date_whatever_order_they_come_in():
    choices = (said_no(B21 + days(40)), asked(B21 + days(10)))
    assert decide(B21 + days(50), LEFT_AT_17, support_choices=choices).status == (
        Status.ENTITLED_ON_REQUEST
    )


def test_on_one_day_the_choice_made_last_counts():
    on = B21 + days(10)
    assert decide(on, LEFT_AT_17, support_choices=(asked(on), said_no(on))).status == (
        Status.ENTITLED_ON_REQUEST
    )
    assert decide(on, LEFT_AT_17, support_choices=(said_no(on), asked(on))).status == (
        Status.RETURNER_21_25
    )


@pytest.mark.parametrize("requested, opted_out", [
    (None, None), (B21 + days(10), None), (None, B21 + days(10)),
    (B21 + days(10), B21 + days(10)), (B21 + days(10), B21 + days(40)),
    (B21 + days(40), B21 + days(10)), (B21 - days(5), B21 + days(10)),
    (B21 + days(10), B21 - days(5)), (B21 + days(400), B21 + days(10)),
])
def test_one_request_and_one_opt_out_read_as_the_two_dates_always_were(requested, opted_out):
    """eligibility_check and facts.csv give one date of each (INTERFACES.md): receiving support
    when the request was made from 21 up to the day, and no opt-out followed it (on that day or
    after) by then."""
    on = B21 + days(100)
    was_asked = requested is not None and B21 <= requested <= on
    returner = was_asked and not (opted_out is not None and requested <= opted_out <= on)
    decision = decide(on, LEFT_AT_17,
                      support_choices=support_choices_from(requested, opted_out))
    assert (decision.status == Status.RETURNER_21_25) == returner
    assert decision.status in (Status.RETURNER_21_25, Status.ENTITLED_ON_REQUEST)


def test_education_comes_before_a_request():
    decision = decide(
        B21 + days(20), LEFT_AT_17, in_education_or_training=True,
        support_choices=(asked(B21),),
    )
    assert decision.status == Status.FORMER_RELEVANT_EDUCATION


def test_not_former_relevant_at_21_is_not_entitled_unless_in_education():
    decision = decide(B21, BRIEFLY_IN_CARE_AT_16)
    assert decision.status == Status.NOT_ENTITLED
    assert "was not former relevant at 21" in decision.reason


# --- qualifying -----------------------------------------------------------------------------------


def test_special_guardianship_order_at_16_is_qualifying():
    decision = decide(B16, special_guardianship_order=True)
    assert decision.status == Status.QUALIFYING
    assert "special guardianship order" in decision.reason
    assert decision.reason.endswith("(Children Act 1989 s.24).")
    assert not decision.personal_adviser_required
    assert not decision.pathway_plan_required


def test_privately_fostered_after_16_is_qualifying():
    decision = decide(B16 + days(30), privately_fostered_after_16=True)
    assert decision.status == Status.QUALIFYING
    assert "privately fostered" in decision.reason


def test_qualifying_ends_at_21():
    assert decide(B21 - days(1), special_guardianship_order=True).status == Status.QUALIFYING
    assert decide(B21, special_guardianship_order=True).status == Status.NOT_ENTITLED


def test_qualifying_in_education_lasts_until_25():
    in_education = {"in_education_or_training": True}
    decision = decide(B21, BRIEFLY_IN_CARE_AT_16, **in_education)
    assert decision.status == Status.QUALIFYING
    assert "Aged 21, in education or training, and was in care after turning 16" in (
        decision.reason
    )
    assert decide(B25 - days(1), BRIEFLY_IN_CARE_AT_16, **in_education).status == (
        Status.QUALIFYING
    )
    assert decide(B25, BRIEFLY_IN_CARE_AT_16, **in_education).status == Status.NOT_ENTITLED


def test_still_in_care_is_not_qualifying_for_having_been_in_care_after_16():
    assert decide(B16 + days(30), period(B16)).status == Status.NOT_ENTITLED


def test_never_in_care_is_not_entitled():
    decision = decide(B16 + days(10))
    assert decision.status == Status.NOT_ENTITLED
    assert decision.reason.startswith("Never in care after turning 14")


# --- precedence -----------------------------------------------------------------------------------


ALL_GROUNDS = {
    "special_guardianship_order": True,
    "privately_fostered_after_16": True,
    "detained_on_16th_birthday": True,
    "in_education_or_training": True,
}


def test_eligible_comes_before_relevant_and_qualifying():
    assert decide(B16 + days(10), STAYED_TO_18, **ALL_GROUNDS).status == Status.ELIGIBLE


def test_relevant_comes_before_qualifying():
    assert decide(LEFT_CARE_ON + days(1), LEFT_AT_17, **ALL_GROUNDS).status == Status.RELEVANT


def test_former_relevant_comes_before_qualifying():
    assert decide(B18, LEFT_AT_17, **ALL_GROUNDS).status == Status.FORMER_RELEVANT
    assert decide(B21, LEFT_AT_17, **ALL_GROUNDS).status == Status.FORMER_RELEVANT_EDUCATION


# --- 29 February birthdays ------------------------------------------------------------------------


def test_29_february_child_turns_16_on_29_february_in_a_leap_year():
    leap_baby, in_care = date(2008, 2, 29), period(date(2023, 1, 1), date(2026, 2, 28))
    assert decide(date(2024, 2, 28), in_care, dob=leap_baby).status == Status.NOT_ENTITLED
    assert decide(date(2024, 2, 29), in_care, dob=leap_baby).status == Status.ELIGIBLE


def test_29_february_child_becomes_former_relevant_on_1_march():
    leap_baby, in_care = date(2008, 2, 29), period(date(2023, 1, 1), date(2026, 2, 28))
    assert decide(date(2026, 2, 28), in_care, dob=leap_baby).status == Status.ELIGIBLE
    decision = decide(date(2026, 3, 1), in_care, dob=leap_baby)
    assert decision.status == Status.FORMER_RELEVANT
    assert "was eligible on 28 February 2026, the day before turning 18" in decision.reason


def test_29_february_child_turns_25_on_1_march():
    leap_baby, in_care = date(2004, 2, 29), period(date(2019, 6, 1), date(2022, 2, 28))
    facts = {"dob": leap_baby, "in_education_or_training": True}
    assert decide(date(2029, 2, 28), in_care, **facts).status == Status.FORMER_RELEVANT_EDUCATION
    decision = decide(date(2029, 3, 1), in_care, **facts)
    assert decision.status == Status.NOT_ENTITLED
    assert "Turned 25 on 1 March 2029" in decision.reason


# --- what each status brings ----------------------------------------------------------------------


# What each status brings, from DOMAIN.md §1's table, written out rather than derived.
PA_AND_PLAN_BY_STATUS = {
    "eligible": (True, True),
    "relevant": (True, True),
    "former_relevant": (True, True),
    "former_relevant_education": (True, True),
    "returner_21_25": (True, True),
    "entitled_on_request": (False, False),
    "qualifying": (False, False),
    "not_entitled": (False, False),
}


@pytest.mark.parametrize(("code", "expected"), PA_AND_PLAN_BY_STATUS.items())
def test_what_each_status_brings(code, expected):
    status = Status(code)
    assert (status.requires_personal_adviser, status.requires_pathway_plan) == expected


def test_every_status_is_in_the_table():
    assert {status.value for status in Status} == set(PA_AND_PLAN_BY_STATUS)


def test_a_decision_carries_what_its_status_brings():
    decision = decide(B16 + days(90), period(B16))
    assert decision.status == Status.ELIGIBLE
    assert decision.personal_adviser_required and decision.pathway_plan_required
    decision = decide(B16 + days(100), BRIEFLY_IN_CARE_AT_16)
    assert decision.status == Status.QUALIFYING
    assert not decision.personal_adviser_required and not decision.pathway_plan_required


@pytest.mark.parametrize(
    ("on", "periods", "facts"),
    [
        (B16 - days(1), (), {}),
        (B16 + days(90), (period(B16),), {}),
        (B16 + days(89), (period(B16),), {}),
        (LEFT_CARE_ON + days(1), (LEFT_AT_17,), {"returned_home_on": date(2025, 10, 31)}),
        (B16, (period(B16 - days(91), B16 - days(1)),), {"detained_on_16th_birthday": True}),
        (B18, (LEFT_AT_17,), {}),
        (B21, (LEFT_AT_17,), {}),
        (B21, (LEFT_AT_17,), {"in_education_or_training": True}),
        (B21, (LEFT_AT_17,), {"support_choices": (asked(B21),)}),
        (B21, (LEFT_AT_17,), {"support_choices": (asked(B21), said_no(B21))}),
        (B21 + days(9), (LEFT_AT_17,), {"support_choices": (asked(B21), said_no(B21 + days(1)),
                                                           asked(B21 + days(9)))}),
        (B18, (BRIEFLY_IN_CARE_AT_16,), {}),
        (B21, (BRIEFLY_IN_CARE_AT_16,), {}),
        (B18 + days(1), (period(B18 - days(30)),), {}),
        (B16 + days(10), (period(B14, B16 - days(1)),), {"detained_on_16th_birthday": True}),
        (B25, (), {}),
    ],
)
def test_every_reason_ends_with_its_statutory_basis(on, periods, facts):
    decision = decide(on, *periods, **facts)
    assert decision.reason.endswith(").")
    assert "(" in decision.reason
    expected = PA_AND_PLAN_BY_STATUS[decision.status.value]
    assert (decision.personal_adviser_required, decision.pathway_plan_required) == expected
