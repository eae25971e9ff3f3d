"""Monthly snapshots of the figures and the trend charts the dashboard draws from them."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from careleavers.models import Team, User
from dashboard.charts import SCREEN, line_chart
from dashboard.figures import figures_for
from dashboard.models import MonthlySnapshot
from dashboard.snapshots import month_end, previous_month, snapshot_take, trends
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
