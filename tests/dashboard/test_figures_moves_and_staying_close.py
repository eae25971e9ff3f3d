"""Stability of where young people live, and Staying Close, in the accommodation figures:
`accommodation.moved_3_or_more_12_months` (3 or more moves in the 12 months up to the date,
`accommodation.selectors.moves_by`) and `accommodation.staying_close`. On the known caseload
of tests/dashboard/caseload.py, with moves added by hand:

- Ben (YP-2): supported lodgings from 1 June 2025 (his first place on record), then
  semi-independent from 1 September, his own flat from 1 December, lodgings from 1 February
  2026: 3 moves in 12 months. Counted.
- Cal (YP-3): semi-independent from 1 September 2024, his own flat from 1 December 2024,
  lodgings from 1 June 2025, bed and breakfast from 1 February 2026: 3 moves over 14 months,
  never 3 in any 12. Not counted.
- Eli (YP-5): semi-independent from 1 April 2025, supported lodgings from 1 July, his own flat
  (Staying Close, near the children's home he left) from 1 November, custody from
  20 February 2026: 3 moves, custody one of them. Counted from 20 February.
- Fay (YP-6): Staying Put since 30 April 2025, corrected three times: no move.
"""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from accommodation.models import AccommodationEpisode
from accommodation.services import accommodation_record, accommodation_update
from careleavers.models import User, YoungPerson
from careleavers.services import changes_collected
from dashboard.figures import (
    GROUPS,
    figure_paths,
    figures_for,
    figures_of,
    pks_behind,
    young_people_behind,
    young_people_in,
)
from eligibility.rules import Status
from eligibility.selectors import statuses_on
from tests.advisers.people import days_ago, today, young_person
from tests.dashboard.caseload import load_caseload

pytestmark = pytest.mark.django_db

LOADED = datetime(2026, 3, 3, 15, 0, tzinfo=ZoneInfo("Europe/London"))
ON = date(2026, 3, 3)
MOVED = "accommodation.moved_3_or_more_12_months"
CLOSE = "accommodation.staying_close"
LIST = reverse("dashboard-list")
CSV = reverse("dashboard-list-csv")


def person(person_id):
    return YoungPerson.objects.get(person_id=person_id)


def lived(person_id, *places, actor="ppatel"):
    for code, start_on, *end_on in places:
        accommodation_record(actor=User.objects.get(username=actor),
                             young_person=person(person_id), start_on=start_on,
                             end_on=end_on[0] if end_on else None, type_code=code,
                             **({"staying_close": True, "staying_close_home": "Oak Lodge"}
                                if code == "U" and person_id == "YP-5" else {}))


@pytest.fixture
def caseload(tmp_path):
    with time_machine.travel(LOADED, tick=False):
        load_caseload(tmp_path)
        lived("YP-2", ("D", date(2025, 9, 1)), ("U", date(2025, 12, 1)), ("K", date(2026, 2, 1)))
        lived("YP-3", ("D", date(2024, 9, 1), date(2024, 11, 30)),
              ("U", date(2024, 12, 1), date(2025, 5, 31)),
              ("K", date(2025, 6, 1), date(2026, 1, 31)), actor="sjones")
        lived("YP-5", ("D", date(2025, 4, 1), date(2025, 6, 30)),
              ("E", date(2025, 7, 1), date(2025, 10, 31)),
              ("U", date(2025, 11, 1), date(2026, 2, 19)), actor="tnguyen")
        fay = AccommodationEpisode.objects.get(young_person__person_id="YP-6")
        for version, provider in enumerate(["Jo Carer", "Jo and Sam Carer", "The Carers"], 1):
            accommodation_update(actor=None, episode=fay, version=version, provider=provider)
    with time_machine.travel(LOADED, tick=False):
        yield


def ids(pks) -> set[str]:
    return set(YoungPerson.objects.filter(pk__in=pks).values_list("person_id", flat=True))


def behind(key, on=ON) -> set[str]:
    return ids(pks_behind(key, on))


def test_three_moves_in_12_months_are_counted_three_over_14_months_and_corrections_are_not(
    caseload
):
    figures = figures_for(ON)["accommodation"]

    assert figures["moved_3_or_more_12_months"] == 2
    assert behind(MOVED) == {"YP-2", "YP-5"}
    # Fay's Staying Put, corrected three times, is still one place.
    assert AccommodationEpisode.objects.filter(young_person__person_id="YP-6").count() == 1


def test_the_figures_already_kept_are_unchanged(caseload):
    figures = figures_for(ON)["accommodation"]

    # In scope: Ben, Cal, Eli and Fay. Ben's lodgings are not assessed; Cal's bed and breakfast
    # is not suitable; Eli in custody and Fay Staying Put are not assessed.
    assert figures == {"in_scope": 4, "suitable": 0, "unsuitable": 1, "not_recorded": 3,
                       "custody": 1, "bed_and_breakfast": 1, "staying_put": 1,
                       "staying_close": 0, "moved_3_or_more_12_months": 2}


def test_the_list_behind_the_number_is_the_young_people_counted(caseload):
    for key in (MOVED, CLOSE):
        counted = figures_for(ON)["accommodation"][key.split(".")[1]]
        listed = young_people_behind(key, ON)
        assert listed.count() == counted == len(pks_behind(key, ON)), key


def test_on_an_earlier_date_the_figure_is_worked_out_from_the_records_as_they_stood(caseload):
    # Eli's third move is custody on 20 February: the day before, he had moved twice.
    assert behind(MOVED, date(2026, 2, 19)) == {"YP-2"}
    assert behind(MOVED, date(2026, 2, 20)) == {"YP-2", "YP-5"}
    # Eli lived in his own flat, Staying Close, from 1 November to 19 February.
    assert behind(CLOSE, date(2026, 2, 19)) == {"YP-5"}
    assert behind(CLOSE, date(2025, 10, 31)) == set()
    assert figures_for(date(2026, 2, 19))["accommodation"]["staying_close"] == 1
    # Before Ben's third move (1 February) nobody had moved 3 times.
    assert figures_for(date(2026, 1, 31))["accommodation"]["moved_3_or_more_12_months"] == 0


def test_on_later_dates_a_move_leaves_the_12_months_a_year_after_it(caseload):
    # Ben's first move was on 1 September 2025: counted up to 31 August 2026, not after.
    # Eli's first (1 July 2025) leaves on 1 July 2026.
    assert behind(MOVED, date(2026, 6, 30)) == {"YP-2", "YP-5"}
    assert behind(MOVED, date(2026, 7, 1)) == {"YP-2"}
    assert behind(MOVED, date(2026, 8, 31)) == {"YP-2"}
    assert behind(MOVED, date(2026, 9, 1)) == set()


@pytest.mark.parametrize("on", [ON, date(2026, 6, 30), date(2026, 7, 1), date(2026, 8, 31),
                                date(2026, 9, 1)])
def test_counted_from_the_standing_is_what_the_records_give(caseload, on):
    people = young_people_in()
    from_records = dict(figure_paths(GROUPS["accommodation"].from_records(
        on, people, statuses_on(people, on=on))))
    counted = figures_of(["accommodation"], on)["accommodation"]

    assert counted == {key: len(pks) for key, pks in from_records.items()}
    for key, pks in from_records.items():
        assert pks_behind(f"accommodation.{key}", on) == pks, key


def test_the_list_and_its_download_show_those_who_moved_often(client, caseload):
    client.force_login(User.objects.get(username="hblack"))

    page = client.get(LIST, {"figure": MOVED}).content.decode()
    rows = list(csv.DictReader(io.StringIO(
        client.get(CSV, {"figure": MOVED}).content.decode())))

    assert "Where they live: Moved 3 or more times in the last 12 months" in page
    assert "2 young people." in page
    assert "Ben Example" in page and "Eli Custody" in page and "Cal Sample" not in page
    assert {row["person_id"] for row in rows} == {"YP-2", "YP-5"}


def test_the_dashboard_shows_both_figures_with_their_lists(client, caseload):
    client.force_login(User.objects.get(username="hblack"))

    page = client.get(reverse("dashboard")).content.decode()

    assert "Moved 3 or more times in the last 12 months" in page
    assert "Staying Close to the children’s home they left" in page
    assert f'data-figure="{MOVED}">2<' in page
    assert f'data-figure="{CLOSE}">0<' in page


def _service(teams, staff, count) -> None:
    """`count` former relevant young people: every other one moved 3 times this year, and
    every sixth is Staying Close in the place they moved to last."""
    with changes_collected():
        for number in range(count):
            someone = young_person(teams["north"], Status.FORMER_RELEVANT)
            starts = [days_ago(1000), days_ago(300), days_ago(200), days_ago(100)]
            for start_on in starts if number % 2 == 0 else starts[:2]:
                accommodation_record(
                    actor=staff["pa"], young_person=someone, start_on=start_on, type_code="U",
                    **({"staying_close": True, "staying_close_home": "Oak Lodge"}
                       if number % 3 == 0 and start_on == starts[-1] else {}),
                )


@pytest.mark.parametrize("count", [10, 100])
def test_the_figures_and_the_list_run_a_fixed_number_of_queries(
    client, teams, staff, django_assert_max_num_queries, count
):
    _service(teams, staff, count)
    assert figures_for(today())["accommodation"]["moved_3_or_more_12_months"] == (count + 1) // 2
    client.force_login(staff["manager"])

    # 1 the entitlements the local offer counts, 2 every figure counted from the standing,
    # Staying Close and the moves among them, 3 each adviser's caseload (grouped), 4 plans
    # authorised lately, 5 what was paid this month; and the statuses, read from the standing.
    with django_assert_max_num_queries(5):
        figures_for(today())
    # 1 the session, 2 the user, 3-4 the ids of the young people in the manager's scope and of
    # everyone, 5 how many the list holds, 6 one page of them: the figure's condition (a
    # subquery over the places lived) as its WHERE clause, 7-8 the filter's choices, 9-11 the
    # session's idle clock saved.
    with django_assert_max_num_queries(11):
        response = client.get(LIST, {"figure": MOVED})
    assert response.status_code == 200
    with django_assert_max_num_queries(11):
        response = client.get(CSV, {"figure": CLOSE})
    assert response.status_code == 200
