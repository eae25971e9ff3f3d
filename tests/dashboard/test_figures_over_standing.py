"""The figures for today are counted from each young person's standing, in one query with a
condition per figure; they must be the numbers, and the young people, that working them out
from the records gives (`Group.from_records`, the path every earlier date takes)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from careleavers.models import Team
from dashboard.figures import (
    GROUPS,
    MEASURES,
    figure_paths,
    figures_of,
    pks_behind,
    young_people_behind,
    young_people_in,
)
from eligibility.selectors import statuses_on
from pathways.rules import DUE_SOON_DAYS
from standing.models import Standing
from tests.advisers.people import today

pytestmark = pytest.mark.django_db

OVER_STANDING = [name for name, group in GROUPS.items() if group.over_standing is not None]


def counts(behind: dict) -> dict:
    """Each set's number, and each measure's value."""
    return {key: len(v) if isinstance(v, set) else v.value() for key, v in behind.items()}


@pytest.fixture
def demo():
    """The demo service: every kind of young person the figures count."""
    call_command("seed_demo", "--young-people", "60", stdout=StringIO())


def from_records(name: str, team=None) -> dict:
    people = young_people_in(team)
    return GROUPS[name].from_records(today(), people, statuses_on(people, on=today()))


def test_each_figure_from_the_standing_is_the_records_number(demo):
    for name in OVER_STANDING:
        behind = dict(figure_paths(from_records(name)))
        counted = dict(figure_paths(figures_of([name], today())[name]))

        assert counted == counts(behind), name
        # Not a demo of zeros: the group has young people to count.
        assert counted[next(iter(counted))] > 0, name


def test_the_list_behind_each_figure_is_the_records_young_people(demo):
    for name in OVER_STANDING:
        for key, pks in figure_paths(from_records(name)):
            path = f"{name}.{key}"
            if path in MEASURES:
                continue
            assert pks_behind(path, today()) == pks, path
            assert set(young_people_behind(path, today()).values_list("pk", flat=True)) == pks, \
                path


def test_a_teams_figures_from_the_standing_are_its_records_numbers(demo):
    team = Team.objects.order_by("pk").first()
    for name in OVER_STANDING:
        behind = dict(figure_paths(from_records(name, team)))
        counted = dict(figure_paths(figures_of([name], today(), team)[name]))
        assert counted == counts(behind), name


def days_on_the_edges() -> list:
    """Later days on which someone's plan, visit or assessment falls due, the day before and
    after each, and the days their review comes within 28 days: where a condition written
    with the wrong comparison would count someone the records do not."""
    edges = set()
    for field in ("plan_review_due_on", "contact_due_on", "needs_assessment_due_on"):
        for due in Standing.objects.filter(**{f"{field}__gt": today()}).order_by(field) \
                .values_list(field, flat=True).distinct()[:4]:
            edges |= {due - timedelta(days=1), due, due + timedelta(days=1)}
            if field == "plan_review_due_on":
                edges |= {due - timedelta(days=DUE_SOON_DAYS), due - timedelta(DUE_SOON_DAYS + 1)}
    return sorted(day for day in edges if day >= today())


def test_on_the_days_things_fall_due_the_standing_counts_as_the_records_do(demo):
    days = days_on_the_edges()
    assert len(days) > 10
    people = young_people_in()
    for on in days:
        statuses = statuses_on(people, on=on)
        for name in ("pathway_plans", "needs_assessments", "contact"):
            behind = dict(figure_paths(GROUPS[name].from_records(on, people, statuses)))
            counted = dict(figure_paths(figures_of([name], on)[name]))
            assert counted == counts(behind), (on, name)
