"""A team is named in sentences as people say it: "North team", and a team already called
"North leaving care team" is never "North leaving care team team"."""

import pytest
from django.urls import reverse

from careleavers.models import Team

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("name", "called"), [
    ("North", "North team"),
    ("North leaving care team", "North leaving care team"),
    ("Leaving Care Team", "Leaving Care Team"),
])
def test_a_team_is_called_by_its_name_with_team_said_once(name, called):
    assert Team(name=name).called == called


def test_the_team_page_says_team_once(client, staff, teams):
    Team.objects.filter(pk=teams["north"].pk).update(name="North leaving care team")
    client.force_login(staff["manager"])

    page = client.get(reverse("team-caseload")).content.decode()

    assert "North leaving care team</h1>" in page
    assert "team team" not in page
