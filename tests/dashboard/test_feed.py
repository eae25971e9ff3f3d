"""The figures feed for the council's reporting tools: the figures `figures --json` gives, as
JSON or one CSV row per figure, read with a service manager's feed key or signed in as one."""

import csv
import io
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from careleavers.models import Role
from dashboard.feed import feed_key_make
from dashboard.models import FeedKey
from eligibility.rules import Status
from tests.advisers.people import allocate, contact, days_ago, today, young_person

pytestmark = pytest.mark.django_db

JSON, CSV = "/reporting/figures.json", "/reporting/figures.csv"


@pytest.fixture
def service(teams, staff):
    """Three young people in two teams: one seen lately, two never seen, one with no PA."""
    seen = young_person(teams["north"], Status.FORMER_RELEVANT)
    allocate(seen, staff["pa"])
    contact(seen, staff["pa"], on=days_ago(3))
    allocate(young_person(teams["north"], Status.RELEVANT), staff["pa"])
    young_person(teams["south"], Status.ELIGIBLE)


@pytest.fixture
def key(staff):
    return feed_key_make(made_for=staff["service"], name="Power BI")[1]


def read(client, url, key, **query):
    return client.get(url, query, HTTP_AUTHORIZATION=f"Bearer {key}")


def figures(*args) -> dict:
    out = StringIO()
    call_command("figures", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_a_key_reads_the_figures_figures_json_gives(client, service, key):
    response = read(client, JSON, key)

    assert response.status_code == 200
    assert response.json() == figures()
    assert response.json()["contact"]["never"] == 2


def test_the_csv_has_one_row_per_figure_with_its_value(client, service, key, teams):
    response = read(client, CSV, key, team=teams["north"].team_id)

    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_figure = {row["figure"]: row["value"] for row in rows}
    assert {row["team"] for row in rows} == {teams["north"].team_id}
    assert {row["on"] for row in rows} == {today().isoformat()}
    north = figures("--team", teams["north"].team_id)
    assert by_figure["young_people.total"] == str(north["young_people"]["total"]) == "2"
    assert by_figure["young_people.by_status.relevant"] == "1"
    assert by_figure["caseloads.per_adviser.pa"] == "2"
    # A measure with nothing to measure is blank, not zero.
    assert by_figure["authorisation.median_days_to_authorise"] == ""


def test_an_earlier_date_is_the_figures_for_that_date(client, service, key):
    on = days_ago(30).isoformat()
    assert read(client, JSON, key, on=on).json() == figures("--on", on)


def test_a_missing_or_unknown_key_is_refused_and_told_how_to_read(client, service, key):
    assert client.get(JSON).status_code == 401
    refused = read(client, JSON, key + "x")
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"].startswith("Bearer")
    assert read(client, CSV, "lcfeed_guessed").status_code == 401
    assert "young_people" not in refused.content.decode()


def test_a_withdrawn_key_stops_working_at_once(client, service, key):
    FeedKey.objects.update(withdrawn_at=timezone.now())

    assert read(client, JSON, key).status_code == 401


def test_a_key_stops_working_when_its_owner_is_no_longer_a_service_manager(
    client, service, key, staff
):
    staff["service"].role = Role.TEAM_MANAGER
    staff["service"].save()
    assert read(client, JSON, key).status_code == 401

    staff["service"].role = Role.SERVICE_MANAGER
    staff["service"].is_active = False
    staff["service"].save()
    assert read(client, JSON, key).status_code == 401


def test_only_a_hash_of_the_key_is_kept_and_its_use_is_recorded(client, service, key):
    kept = FeedKey.objects.get()
    assert key not in kept.key_hash and kept.last_used_at is None

    read(client, JSON, key)

    kept.refresh_from_db()
    assert kept.last_used_at is not None


@pytest.mark.parametrize("role", ["pa", "manager", "duty", "board"])
def test_signed_in_only_a_service_manager_may_read_it(client, service, staff, role):
    client.force_login(staff[role])
    assert client.get(JSON).status_code == 403

    client.force_login(staff["service"])
    assert client.get(CSV).status_code == 200


def test_a_bad_date_or_team_is_refused_with_a_reason(client, service, key):
    bad_date = read(client, JSON, key, on="31/12/2026")
    assert bad_date.status_code == 400
    assert bad_date.json() == {"error": "Give the date as YYYY-MM-DD"}
    assert read(client, JSON, key, team="nowhere").status_code == 404


def test_it_only_reads(client, service, key):
    response = client.post(JSON, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 405


def test_a_key_is_made_only_for_a_service_manager_and_printed_once(staff):
    out = StringIO()
    call_command("feed_key_make", "service", "--name", "Power BI", stdout=out)
    printed = out.getvalue().strip()
    assert printed.startswith("lcfeed_") and len(printed) > 40
    assert FeedKey.objects.get().made_for == staff["service"]

    with pytest.raises(CommandError, match="only a service manager"):
        call_command("feed_key_make", "manager", "--name", "Power BI", stdout=StringIO())
    with pytest.raises(CommandError, match="no user"):
        call_command("feed_key_make", "nobody", "--name", "Power BI", stdout=StringIO())
