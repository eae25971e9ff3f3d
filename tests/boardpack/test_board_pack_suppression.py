"""The board never sees a number under 5 (DOMAIN.md §6): as a count, a percentage, a change, or
a bar or point on a chart. And each row compares the month with the month before and the same
month a year before, from the figures kept for them."""

from datetime import date

import pytest

from boardpack.board import (
    FEWER_THAN_5,
    NOT_KEPT,
    NOT_SHOWN,
    SECTIONS,
    MonthFigures,
    board_sections,
    change_text,
    count_text,
    drawable,
    percent_text,
    suppressed,
)


@pytest.mark.parametrize("count", [0, 1, 2, 3, 4])
def test_a_number_under_5_is_shown_as_fewer_than_5(count):
    assert suppressed(count)
    assert count_text(count) == "fewer than 5" == FEWER_THAN_5
    assert drawable(count) is None


@pytest.mark.parametrize("count, shown", [(5, "5"), (17, "17"), (1283, "1,283")])
def test_a_number_of_5_or_more_is_shown(count, shown):
    assert not suppressed(count)
    assert count_text(count) == shown
    assert drawable(count) == count


def test_a_figure_not_kept_for_a_month_says_so():
    assert count_text(None) == NOT_KEPT == "not kept"
    assert change_text(12, None) == NOT_KEPT
    assert drawable(None) is None


@pytest.mark.parametrize("count, base, shown", [
    (6, 12, "50%"),
    (5, 5, "100%"),
    (4, 12, NOT_SHOWN),  # 33% of 12 would give the 4 away
    (8, 12, "67%"),
    (3, 4, NOT_SHOWN),
    (0, 40, NOT_SHOWN),
])
def test_a_percentage_is_shown_only_when_both_numbers_may_be(count, base, shown):
    assert percent_text(count, base) == shown


@pytest.mark.parametrize("now, then, shown", [
    (12, 9, "+3"),
    (9, 12, "−3"),
    (7, 7, "no change"),
    (1200, 1000, "+200"),
    (12, 4, NOT_SHOWN),  # +8 from 12 would give the 4 away
    (3, 9, NOT_SHOWN),
    (2, 2, NOT_SHOWN),
])
def test_a_change_is_shown_only_when_both_numbers_may_be(now, then, shown):
    assert change_text(now, then) == shown


def _figures(**changes) -> dict:
    """A whole set of figures (as `figures_for` returns them) with every count 10, then the
    given dotted keys changed."""
    figures = {
        "young_people": {"total": 10, "by_status": {}, "by_age_band": {}, "uasc": 10},
        "pathway_plans": {key: 10 for key in (
            "required", "up_to_date", "overdue", "none", "due_within_28_days",
            "awaiting_authorisation", "overdue_review_not_recorded",
            "overdue_awaiting_authorisation", "overdue_not_held")},
        "needs_assessments": {"required": 10, "overdue": 10},
        "contact": {key: 10 for key in ("required", "within_standard", "overdue", "never")},
        "accommodation": {key: 10 for key in (
            "in_scope", "suitable", "unsuitable", "not_recorded", "custody",
            "bed_and_breakfast", "staying_put", "staying_close", "moved_3_or_more_12_months")},
        "caseloads": {"unallocated_requiring_pa": 10,
                      "per_adviser": {"ppatel": 12, "sjones": 6, "tnguyen": 9}},
        "stability": {"with_pa": 10, "pa_changed_12_months": 10},
        "authorisation": {"waiting": 10, "authorised_last_28_days": 10,
                          "median_days_to_authorise": 6},
    }
    for band in ("eet_17_18", "eet_19_21", "eet_22_25"):
        figures[band] = {key: 10 for key in (
            "cohort", "in_eet", "neet", "not_recorded", "neet_illness_or_disability",
            "neet_other", "neet_pregnancy_or_parenting")}
    for key, value in changes.items():
        *path, last = key.split("__")
        inner = figures
        for part in path:
            inner = inner[part]
        if value is None:
            inner.pop(last, None)
        else:
            inner[last] = value
    return figures


def _rows(this, before, last_year) -> dict[str, list[str]]:
    months = [
        MonthFigures(date(2026, 10, 1), date(2026, 10, 31), this, date(2026, 11, 1)),
        MonthFigures(date(2026, 9, 1), date(2026, 9, 30), before, date(2026, 10, 1)),
        MonthFigures(date(2025, 10, 1), date(2025, 10, 31), last_year, None),
    ]
    sections = board_sections(months, {date(2026, 10, 1): this}, commentary={})
    return {f"{table.caption}: {row.label}": row.cells for section in sections
            for table in section.tables for row in table.rows}


def test_each_row_compares_with_last_month_and_the_same_month_last_year():
    rows = _rows(
        _figures(pathway_plans__required=40, pathway_plans__up_to_date=30,
                 pathway_plans__overdue=3),
        _figures(pathway_plans__required=38, pathway_plans__up_to_date=26,
                 pathway_plans__overdue=9),
        _figures(pathway_plans__required=35, pathway_plans__up_to_date=20,
                 pathway_plans__overdue=12),
    )

    # this month, % of the first line, last month, change, last year, change
    assert rows["Pathway plans: Need a pathway plan"] == ["40", "", "38", "+2", "35", "+5"]
    assert rows["Pathway plans: Plan up to date"] == ["30", "75%", "26", "+4", "20", "+10"]
    assert rows["Pathway plans: Plan review overdue"] == [
        FEWER_THAN_5, NOT_SHOWN, "9", NOT_SHOWN, "12", NOT_SHOWN]


def test_caseloads_are_shown_without_whose_they_are():
    rows = _rows(_figures(), _figures(caseloads__per_adviser={"ppatel": 14, "sjones": 6}),
                 _figures(caseloads__per_adviser={"ppatel": 2, "sjones": 1}))

    table = "Personal Advisers and caseloads"
    assert rows[f"{table}: Personal Advisers holding cases"] == [
        FEWER_THAN_5, "", FEWER_THAN_5, NOT_SHOWN, FEWER_THAN_5, NOT_SHOWN]
    assert rows[f"{table}: Average caseload"] == ["9", "", "10", "−1", NOT_SHOWN, NOT_SHOWN]
    assert rows[f"{table}: Largest caseload"] == [
        "12", "", "14", "−2", FEWER_THAN_5, NOT_SHOWN]


def test_the_time_to_authorise_is_hidden_when_few_plans_were_authorised():
    rows = _rows(_figures(), _figures(authorisation__median_days_to_authorise=4),
                 _figures(authorisation__authorised_last_28_days=3))

    label = ("Authorising plans: Days a plan usually waited to be authorised (median, last "
             "28 days)")
    # 4 days is a measure, not a number of young people: shown, and so is the change.
    assert rows[label] == ["6 days", "", "4 days", "+2 days", NOT_SHOWN, NOT_SHOWN]


def test_figures_kept_before_a_figure_was_counted_say_not_kept():
    rows = _rows(_figures(), _figures(), _figures(needs_assessments=None))

    assert rows["Needs assessments: Needs assessment overdue"] == [
        "10", "100%", "10", "no change", NOT_KEPT, NOT_KEPT]


def test_staying_close_and_moves_are_shown_as_every_figure_is_small_numbers_hidden():
    # The months kept before Staying Close and moves were counted have neither.
    before = _figures(accommodation__staying_close=None,
                      accommodation__moved_3_or_more_12_months=None)
    rows = _rows(_figures(accommodation__in_scope=40, accommodation__staying_close=3,
                          accommodation__moved_3_or_more_12_months=8), before, before)

    assert rows["Where they live: Staying Close to the children’s home they left"] == [
        FEWER_THAN_5, NOT_SHOWN, NOT_KEPT, NOT_KEPT, NOT_KEPT, NOT_KEPT]
    assert rows["Where they live: Moved 3 or more times in the last 12 months"] == [
        "8", "20%", NOT_KEPT, NOT_KEPT, NOT_KEPT, NOT_KEPT]


def test_the_local_offer_shows_counts_and_totals_small_numbers_hidden():
    offer = {"can_have": {"setting-up-home": 40, "driving-lessons": 12},
             "had": {"setting-up-home": 9, "driving-lessons": 2},
             "requests_waiting": 6, "paid_this_month": 7, "paid_this_month_pence": 1_250_000}
    few_paid = {**offer, "paid_this_month": 3, "paid_this_month_pence": 900_000}
    rows = _rows(_figures(local_offer=offer), _figures(local_offer=few_paid),
                 _figures(local_offer=None))

    assert rows["Take-up: Setting up home: can have it"] == [
        "40", "", "40", "no change", NOT_KEPT, NOT_KEPT]
    assert rows["Take-up: Setting up home: had it agreed"] == [
        "9", "", "9", "no change", NOT_KEPT, NOT_KEPT]
    assert rows["Take-up: Driving lessons: had it agreed"][0] == FEWER_THAN_5
    assert rows["Requests and payments: Requests waiting for a manager"][:2] == ["6", ""]
    # Paid this month is a total shown only when 5 or more young people were paid: last month
    # three were, so its total is not shown, nor the change.
    assert rows["Requests and payments: Paid this month"] == [
        "£12,500.00", "", NOT_SHOWN, NOT_SHOWN, NOT_KEPT, NOT_KEPT]


def test_the_local_offer_names_no_young_person():
    pack = _rows(_figures(local_offer={
        "can_have": {"setting-up-home": 6}, "had": {"setting-up-home": 1},
        "requests_waiting": 1, "paid_this_month": 1, "paid_this_month_pence": 300_000}),
        _figures(), _figures())
    offer_rows = {label: cells for label, cells in pack.items()
                  if label.startswith(("Take-up", "Requests and payments"))}

    assert offer_rows["Take-up: Setting up home: had it agreed"][0] == FEWER_THAN_5
    assert offer_rows["Requests and payments: Paid this month"][0] == NOT_SHOWN
    assert not any("£3,000" in cell for cells in offer_rows.values() for cell in cells)


def test_no_chart_draws_a_number_under_5():
    this = _figures(pathway_plans__overdue=2, contact__overdue=0)
    months = [
        MonthFigures(date(2026, 10, 1), date(2026, 10, 31), this, None),
        MonthFigures(date(2026, 9, 1), date(2026, 9, 30), _figures(pathway_plans__overdue=7),
                     None),
        MonthFigures(date(2025, 10, 1), date(2025, 10, 31), _figures(), None),
    ]
    kept = {date(2026, 9, 1): _figures(pathway_plans__overdue=4), date(2026, 10, 1): this}

    sections = {s.key: s for s in board_sections(months, kept, commentary={})}

    plans = sections["pathway_plans"]
    assert "fewer than 5: not drawn" in plans.bar_chart
    assert ">2<" not in plans.bar_chart and ">7<" in plans.bar_chart
    assert plans.chart_notes == ["A number under 5 is not drawn: its bar is left out."]
    assert plans.trend_notes == ["Overdue: not drawn where under 5 (Sep 2026, Oct 2026)."]
    assert "fewer than 5: not drawn" in sections["contact"].bar_chart
    assert {s.key for s in SECTIONS} == set(sections)
