"""Where each young person's plan stands, on My caseload and the team page."""

import re

import pytest
from django.urls import reverse

from eligibility.rules import Status
from pathways.models import EarlyReview
from tests.advisers.people import allocate
from tests.factories import PathwayPlanFactory
from tests.pathways.plan_setup import days_ago, young_person

pytestmark = pytest.mark.django_db

LABELS = {"Up to date", "Overdue", "No plan", "Not needed"}


def plan_cell(body: str, name: str) -> str:
    """The tag in the Pathway plan column of `name`'s row."""
    row = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*{re.escape(name)}(?:(?!</tr>).)*</tr>", body,
                    re.DOTALL)
    assert row, name
    labels = re.findall(r'class="govuk-tag [^"]*">([^<]+)<', row[0])
    return next(label for label in labels if label in LABELS or label.startswith("Due"))


@pytest.fixture
def caseload(staff, teams):
    north, pa = teams["north"], staff["pa"]
    people = {}
    for name, status, held_days_ago in [
        ("Fine", Status.FORMER_RELEVANT, 30),
        ("Soon", Status.RELEVANT, 170),
        ("Late", Status.ELIGIBLE, 200),
        ("Never", Status.RETURNER_21_25, None),
        ("Qualifying", Status.QUALIFYING, None),
    ]:
        person = young_person(north, status, first_name=name, last_name="Person")
        allocate(person, pa)
        if held_days_ago is not None:
            PathwayPlanFactory(young_person=person, author=pa,
                               review_held_on=days_ago(held_days_ago))
        people[name] = person
    asked = young_person(north, Status.RELEVANT, first_name="Asked", last_name="Person")
    allocate(asked, pa)
    PathwayPlanFactory(young_person=asked, author=pa, review_held_on=days_ago(10))
    EarlyReview.objects.create(young_person=asked, requested_on=days_ago(30),
                               reason="young_person_asked", due_on=days_ago(2))
    people["Asked"] = asked
    return people


def test_my_caseload_shows_where_each_plan_stands(client, staff, caseload):
    client.force_login(staff["pa"])

    body = client.get(reverse("my-caseload")).content.decode()

    assert ">Pathway plan</th>" in body
    assert plan_cell(body, "Fine Person") == "Up to date"
    assert re.fullmatch(r"Due in \d+ days", plan_cell(body, "Soon Person"))
    assert plan_cell(body, "Late Person") == "Overdue"
    assert plan_cell(body, "Never Person") == "No plan"
    assert plan_cell(body, "Qualifying Person") == "Not needed"
    assert plan_cell(body, "Asked Person") == "Overdue"  # the early review was due 2 days ago


def test_the_team_page_shows_everyone_with_their_plan_and_the_totals(client, staff, caseload):
    client.force_login(staff["manager"])

    body = client.get(reverse("team-caseload")).content.decode()

    everyone = body[body.index("Everyone in the team"):body.index("Changes of Personal Adviser")]
    assert plan_cell(everyone, "Late Person") == "Overdue"
    assert plan_cell(everyone, "Fine Person") == "Up to date"
    assert re.search(r'govuk-tag--red">Overdue</strong> 2', everyone)
    assert re.search(r'govuk-tag--green">Up to date</strong> 1', everyone)
    assert re.search(r'govuk-tag--yellow">Due within 28 days</strong> 1', everyone)
