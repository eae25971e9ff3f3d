"""A manager who authorises plans sees on their home page how many are waiting, since when, and
the way to the queue; nobody else has the panel."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from careleavers.dates import long_date
from pathways.models import PlanState
from tests.advisers.people import young_person
from tests.factories import PathwayPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(teams, staff):
    submitted = timezone.now() - timedelta(days=9)
    for team, days in ((teams["north"], 9), (teams["north"], 2), (teams["south"], 4)):
        PathwayPlanFactory(young_person=young_person(team), state=PlanState.SUBMITTED,
                           submitted_at=timezone.now() - timedelta(days=days))
    return submitted


def home(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("home")).content.decode()


def test_a_team_manager_sees_their_team_s_plans_waiting_with_a_link(client, staff, waiting):
    page = home(client, staff["manager"])

    assert "Plans waiting for authorisation" in page
    assert f'href="{reverse("plan-queue")}">2 plans waiting</a>' in page
    assert f"the longest since {long_date(timezone.localtime(waiting))}" in page


def test_a_duty_manager_sees_every_team_s(client, staff, waiting):
    page = home(client, staff["duty"])

    assert "3 plans waiting</a> across every team" in page
    assert f'href="{reverse("plan-queue")}">authorise pathway plans</a>' in page


def test_a_manager_with_nothing_waiting_is_told_so(client, staff, teams):
    assert "No plans are waiting for authorisation." in home(client, staff["other_manager"])


@pytest.mark.parametrize("persona", ["pa", "service", "board"])
def test_nobody_else_has_the_panel(client, staff, waiting, persona):
    assert "Plans waiting for authorisation" not in home(client, staff[persona])
