"""Monthly snapshots of the figures and the trend charts the dashboard draws from them."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careleavers.models import Team, User
from dashboard.charts import SCREEN, line_chart
from dashboard.figures import figures_for
from dashboard.models import MonthlySnapshot
from dashboard.snapshots import month_end, previous_month, snapshot_take, trends
from tests.advisers.people import allocate, contact, days_ago, young_person
from tests.dashboard.caseload import load_caseload

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 3, 16, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def kept(tmp_path, frozen):
    load_caseload(tmp_path)
    snapshot_take(month=date(2026, 1, 1))
    snapshot_take(month=date(2026, 2, 14))


def points(trend_list, key):
    return next(t["points"] for t in trend_list if t["key"] == key)


def test_a_snapshot_keeps_the_figures_of_the_last_day_of_the_month_for_the_service_and_each_team(
    kept,
):
    north = Team.objects.get(team_id="north")
    service = MonthlySnapshot.objects.get(month=date(2026, 2, 1), team=None)
    team = MonthlySnapshot.objects.get(month=date(2026, 2, 1), team=north)

    assert service.figures == figures_for(date(2026, 2, 28))
    assert team.figures == figures_for(date(2026, 2, 28), north)
    assert MonthlySnapshot.objects.count() == 6  # two months of the service and two teams


def test_taking_a_month_again_replaces_it(kept):
    assert snapshot_take(month=date(2026, 1, 31)) == 3

    assert MonthlySnapshot.objects.filter(month=date(2026, 1, 1)).count() == 3
    assert MonthlySnapshot.objects.count() == 6


def test_trends_read_the_months_kept_for_the_service_or_add_up_teams(kept):
    service = trends(until=date(2026, 3, 3))
    both_teams = trends(teams=Team.objects.all(), until=date(2026, 3, 3))
    north = trends(teams=Team.objects.filter(team_id="north"), until=date(2026, 3, 3))

    # Only Ben was in touch by the end of January; Amara and Fay were too by the end of February.
    assert points(service, "contact.within_standard") == [(date(2026, 1, 1), 1),
                                                          (date(2026, 2, 1), 3)]
    assert points(service, "pathway_plans.overdue") == [(date(2026, 1, 1), 1),
                                                        (date(2026, 2, 1), 1)]
    assert points(both_teams, "eet_19_21.neet") == points(service, "eet_19_21.neet")
    assert points(north, "eet_19_21.neet") == [(date(2026, 1, 1), 0), (date(2026, 2, 1), 0)]


def test_trends_show_at_most_the_last_twelve_months(kept):
    assert trends(until=date(2027, 1, 15))[0]["points"] == [(date(2026, 2, 1), 1)]
    assert trends(until=date(2025, 12, 31))[0]["points"] == []


def test_the_dashboard_draws_each_trend_with_a_table_of_the_same_numbers(client, kept):
    client.force_login(User.objects.get(username="mgreen"))

    page = client.get(reverse("dashboard")).content.decode()

    assert page.count('<svg class="app-chart"') == 6
    assert 'aria-labelledby="trend-contact-within_standard-title"' in page
    table = page[page.index("In touch within the standard, month by month"):]
    assert "January 2026" in table[:1200] and "February 2026" in table[:1200]


def test_with_no_months_kept_the_dashboard_says_so(client, tmp_path, frozen):
    load_caseload(tmp_path)
    client.force_login(User.objects.get(username="dduty"))

    page = client.get(reverse("dashboard")).content.decode()

    assert "No months kept yet." in page and "<svg" not in page


def test_a_chart_scales_its_line_to_the_largest_month():
    svg = line_chart([("Overdue", [(date(2026, 1, 1), 0), (date(2026, 2, 1), 4)])],
                     title="Overdue", chart_id="c", layout=SCREEN)

    assert 'role="img"' in svg and "<title id=\"c-title\">Overdue" in svg
    assert 'points="36.0,132.0 308.0,12.0"' in svg
    assert ">Jan 2026<" in svg and ">Feb 2026<" in svg and ">4<" in svg


def test_month_arithmetic():
    assert month_end(date(2024, 2, 1)) == date(2024, 2, 29)
    assert previous_month(date(2026, 1, 20)) == date(2025, 12, 1)


@pytest.mark.parametrize("months_back", [0, 2])
def test_a_snapshot_of_the_demo_is_each_teams_figures_worked_out_in_one_pass(months_back):
    """The whole service and every team from one pass: the numbers `figures_for` gives for
    each, this month (counted from the standing) and a past one (from the records)."""
    call_command("seed_demo", "--young-people", "60", stdout=StringIO())
    month = timezone.localdate()
    for _ in range(months_back):
        month = previous_month(month)

    assert snapshot_take(month=month) == 1 + Team.objects.count()

    on = month_end(month)
    kept = MonthlySnapshot.objects.filter(month=month.replace(day=1))
    assert kept.get(team=None).figures == figures_for(on)
    for team in Team.objects.all():
        assert kept.get(team=team).figures == figures_for(on, team), team
    # Not a demo of zeros: each team's advisers hold young people.
    assert all(kept.get(team=team).figures["caseloads"]["per_adviser"]
               for team in Team.objects.all())


def test_a_snapshot_runs_the_same_queries_for_many_young_people_as_for_few(teams, staff):
    def add(count):
        for n in range(count):
            person = young_person(teams["north" if n % 2 else "south"])
            allocate(person, staff["pa"])
            contact(person, staff["pa"], on=days_ago(n))

    add(2)
    with CaptureQueriesContext(connection) as few:
        snapshot_take(month=date(2026, 9, 1))
    add(30)
    with CaptureQueriesContext(connection) as many:
        snapshot_take(month=date(2026, 10, 1))

    assert len(many) == len(few)
    assert MonthlySnapshot.objects.get(month=date(2026, 10, 1), team=None) \
        .figures["young_people"]["total"] == 32
