"""`figures --on --json [--team]` (INTERFACES.md §3) on a known caseload loaded by
`import_records` (see tests/dashboard/caseload.py), for several dates and for one team."""

import json
from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command

from careleavers.models import Team
from dashboard.figures import UnknownFigure, figures_for, young_people_behind
from tests.dashboard.caseload import load_caseload

pytestmark = pytest.mark.django_db

LOADED = datetime(2026, 3, 3, 15, 0, tzinfo=ZoneInfo("Europe/London"))

BY_STATUS = {"eligible": 1, "relevant": 1, "former_relevant": 2, "former_relevant_education": 1,
             "returner_21_25": 0, "entitled_on_request": 0, "qualifying": 0}
YOUNG_PEOPLE = {"total": 5, "by_status": BY_STATUS,
                "by_age_band": {"16-17": 2, "18-20": 2, "21-25": 1}, "uasc": 1}
NEET_REASONS = {"neet_illness_or_disability": 0, "neet_other": 0,
                "neet_pregnancy_or_parenting": 0}
EET = {"cohort": 2, "in_eet": 1, "neet": 1, "not_recorded": 0, **NEET_REASONS, "neet_other": 1}
NO_ONE_AGED = {"cohort": 0, "in_eet": 0, "neet": 0, "not_recorded": 0, **NEET_REASONS}
# Eli (17, relevant) and Fay (18, former relevant): nothing recorded about what they do.
EET_17_18 = {**NO_ONE_AGED, "cohort": 2, "not_recorded": 2}
NOT_OVERDUE = {"overdue_awaiting_authorisation": 0, "overdue_review_not_recorded": 0,
               "overdue_not_held": 0}
# Nobody in the caseload is Staying Close, and nobody has moved more than twice in a year.
NO_CLOSE_NOR_MOVES = {"staying_close": 0, "moved_3_or_more_12_months": 0}
# All five whose status needs a plan; none overdue by the rule the record page shows.
NEEDS_ASSESSMENTS = {"required": 5, "overdue": 0}


def authorisation(waiting: int) -> dict:
    return {"waiting": waiting, "authorised_last_28_days": 0, "median_days_to_authorise": None}


@pytest.fixture
def caseload(tmp_path):
    with time_machine.travel(LOADED, tick=False):
        load_caseload(tmp_path)


def figures(*args) -> dict:
    """The figures command's figures, but the local offer's (tests/dashboard/
    test_figures_local_offer.py): nothing is asked for or paid from it in this caseload."""
    out = StringIO()
    call_command("figures", *args, "--json", stdout=out)
    found = json.loads(out.getvalue())
    offer = found.pop("local_offer")
    assert offer["requests_waiting"] == 0 and offer["paid_this_month_pence"] == 0
    assert not any(offer["had"].values())
    return found


def people(key, on, team=None) -> set[str]:
    return set(young_people_behind(key, on, team).values_list("person_id", flat=True))


def test_figures_on_the_day_the_caseload_was_loaded(caseload):
    assert figures("--on", "2026-03-03") == {
        "on": "2026-03-03",
        "young_people": YOUNG_PEOPLE,
        # Ben's review is due 20 March; Eli's was due 1 December; Amara, Cal and Fay have none.
        "pathway_plans": {"required": 5, "up_to_date": 1, "overdue": 1, "none": 3,
                          "due_within_28_days": 1, "awaiting_authorisation": 1,
                          **NOT_OVERDUE, "overdue_not_held": 1},
        "needs_assessments": NEEDS_ASSESSMENTS,
        # Ben last spoke 5 January: 57 days ago against a standard of 56. Eli: only a missed call.
        "contact": {"required": 5, "within_standard": 3, "overdue": 2, "never": 1},
        "accommodation": {"in_scope": 4, "suitable": 1, "unsuitable": 1, "not_recorded": 2,
                          "custody": 1, "bed_and_breakfast": 1, "staying_put": 1,
                          **NO_CLOSE_NOR_MOVES},
        "eet_17_18": EET_17_18,
        "eet_19_21": EET,
        "eet_22_25": NO_ONE_AGED,
        "caseloads": {"unallocated_requiring_pa": 2, "per_adviser": {"ppatel": 2, "sjones": 1}},
        # Amara, Ben and Cal have had the same Personal Adviser all year.
        "stability": {"with_pa": 3, "pa_changed_12_months": 0},
        "authorisation": authorisation(waiting=1),
    }


def test_figures_earlier_count_only_what_had_happened_by_then(caseload):
    assert figures("--on", "2026-01-10") == {
        "on": "2026-01-10",
        "young_people": YOUNG_PEOPLE,
        # Cal's plan was not submitted until 24 February.
        "pathway_plans": {"required": 5, "up_to_date": 1, "overdue": 1, "none": 3,
                          "due_within_28_days": 0, "awaiting_authorisation": 0,
                          **NOT_OVERDUE, "overdue_not_held": 1},
        "needs_assessments": NEEDS_ASSESSMENTS,
        # Only Ben had been in touch (5 January); the others' contacts came later.
        "contact": {"required": 5, "within_standard": 1, "overdue": 4, "never": 4},
        # Cal moved into bed and breakfast on 1 February, Eli into custody on 20 February.
        "accommodation": {"in_scope": 4, "suitable": 1, "unsuitable": 0, "not_recorded": 3,
                          "custody": 0, "bed_and_breakfast": 0, "staying_put": 1,
                          **NO_CLOSE_NOR_MOVES},
        "eet_17_18": EET_17_18,
        "eet_19_21": EET,
        "eet_22_25": NO_ONE_AGED,
        "caseloads": {"unallocated_requiring_pa": 2, "per_adviser": {"ppatel": 2, "sjones": 1}},
        "stability": {"with_pa": 3, "pa_changed_12_months": 0},
        "authorisation": authorisation(waiting=0),
    }


def test_figures_later_show_a_review_gone_overdue_and_a_new_allocation(caseload):
    assert figures("--on", "2026-03-25") == {
        "on": "2026-03-25",
        "young_people": YOUNG_PEOPLE,
        "pathway_plans": {"required": 5, "up_to_date": 0, "overdue": 2, "none": 3,
                          "due_within_28_days": 0, "awaiting_authorisation": 1,
                          **NOT_OVERDUE, "overdue_not_held": 2},
        "needs_assessments": NEEDS_ASSESSMENTS,
        "contact": {"required": 5, "within_standard": 3, "overdue": 2, "never": 1},
        "accommodation": {"in_scope": 4, "suitable": 1, "unsuitable": 1, "not_recorded": 2,
                          "custody": 1, "bed_and_breakfast": 1, "staying_put": 1,
                          **NO_CLOSE_NOR_MOVES},
        "eet_17_18": EET_17_18,
        "eet_19_21": EET,
        "eet_22_25": NO_ONE_AGED,
        # Eli has had Tam Nguyen since 10 March (his first, so not a change); Fay has nobody.
        "caseloads": {"unallocated_requiring_pa": 1,
                      "per_adviser": {"ppatel": 2, "sjones": 1, "tnguyen": 1}},
        "stability": {"with_pa": 4, "pa_changed_12_months": 0},
        "authorisation": authorisation(waiting=1),
    }


def test_figures_for_one_team(caseload):
    assert figures("--on", "2026-03-03", "--team", "south") == {
        "on": "2026-03-03",
        "young_people": {"total": 1, "by_status": {**dict.fromkeys(BY_STATUS, 0),
                                                   "former_relevant_education": 1},
                         "by_age_band": {"16-17": 0, "18-20": 0, "21-25": 1}, "uasc": 0},
        "pathway_plans": {"required": 1, "up_to_date": 0, "overdue": 0, "none": 1,
                          "due_within_28_days": 0, "awaiting_authorisation": 1, **NOT_OVERDUE},
        "needs_assessments": {"required": 1, "overdue": 0},
        "contact": {"required": 1, "within_standard": 1, "overdue": 0, "never": 0},
        "accommodation": {"in_scope": 1, "suitable": 0, "unsuitable": 1, "not_recorded": 0,
                          "custody": 0, "bed_and_breakfast": 1, "staying_put": 0,
                          **NO_CLOSE_NOR_MOVES},
        "eet_17_18": NO_ONE_AGED,
        "eet_19_21": {**NO_ONE_AGED, "cohort": 1, "neet": 1, "neet_other": 1},
        "eet_22_25": NO_ONE_AGED,
        "caseloads": {"unallocated_requiring_pa": 0, "per_adviser": {"sjones": 1}},
        "stability": {"with_pa": 1, "pa_changed_12_months": 0},
        "authorisation": authorisation(waiting=1),
    }


def test_the_service_figures_are_the_sum_of_the_teams(caseload):
    on = date(2026, 3, 3)
    whole = figures_for(on)
    north, south = (figures_for(on, Team.objects.get(team_id=t)) for t in ("north", "south"))
    for group in ("pathway_plans", "needs_assessments", "contact", "accommodation", "eet_17_18",
                  "eet_19_21", "eet_22_25", "stability"):
        for key, count in whole[group].items():
            assert count == north[group][key] + south[group][key], (group, key)


def test_the_young_people_behind_each_number_are_the_ones_counted(caseload):
    on = date(2026, 3, 3)
    assert people("pathway_plans.overdue", on) == {"YP-5"}
    assert people("pathway_plans.due_within_28_days", on) == {"YP-2"}
    assert people("pathway_plans.none", on) == {"YP-1", "YP-3", "YP-6"}
    assert people("contact.never", on) == {"YP-5"}
    assert people("accommodation.staying_put", on) == {"YP-6"}
    assert people("young_people.by_status.eligible", on) == {"YP-1"}
    assert people("young_people.by_age_band.16-17", on) == {"YP-1", "YP-5"}
    assert people("caseloads.per_adviser.ppatel", on) == {"YP-1", "YP-2"}
    assert people("caseloads.per_adviser.tnguyen", on) == set()
    assert people("caseloads.unallocated_requiring_pa", on,
                  Team.objects.get(team_id="north")) == {"YP-5", "YP-6"}


@pytest.mark.parametrize("key", ["pathway_plans", "pathway_plans.late", "nothing.total",
                                 "young_people.by_status"])
def test_a_number_that_does_not_exist_has_nobody_behind_it(caseload, key):
    with pytest.raises(UnknownFigure):
        young_people_behind(key, date(2026, 3, 3))


def test_figures_refuse_an_unknown_team_or_a_bad_date(caseload):
    with pytest.raises(CommandError, match="no team with the ID 'east'"):
        figures("--on", "2026-03-03", "--team", "east")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        figures("--on", "3 March 2026")


def test_figures_default_to_today(caseload):
    with time_machine.travel(LOADED, tick=False):
        assert figures()["on"] == "2026-03-03"
