"""The payments file for the council's finance system: payments in a date range, with the
young person's council ID and never their name, written safely for a spreadsheet and logged on
each record in it. Service managers download every team's, team managers their own."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse

from careleavers.models import RecordView
from tests.advisers.people import date_post
from tests.localoffer.offer import agreed, care_leaver, paid, today

pytestmark = pytest.mark.django_db

FILE = reverse("local-offer-payments")


def _dates(since, until) -> dict:
    return {**date_post("since", since), **date_post("until", until)}


@pytest.fixture
def payments(staff, teams):
    north = care_leaver(teams["north"], staff["pa"], first_name="Nia", last_name="Northcott",
                        person_id="CL-N1")
    south = care_leaver(teams["south"], staff["other_pa"], first_name="Sol",
                        last_name="Southgate", person_id="CL-S1")
    return {
        "north": paid(agreed(north, staff["pa"], staff["manager"]), staff["pa"], 50_050,
                      days_ago=3, reference="=HYPERLINK(\"x\")"),
        "old": paid(agreed(north, staff["pa"], staff["manager"], "housing-deposit", 30_000),
                    staff["pa"], days_ago=40),
        "south": paid(agreed(south, staff["other_pa"], staff["other_manager"]),
                      staff["other_pa"], 10_000, days_ago=2, method="prepaid_card"),
    }


def _rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_a_service_manager_downloads_payments_in_the_dates_with_no_names(client, staff,
                                                                         payments):
    client.force_login(staff["service"])

    response = client.get(FILE, _dates(today() - timedelta(days=7), today()))

    assert response["Content-Type"].startswith("text/csv")
    rows = _rows(response)
    assert [(r["person_id"], r["entitlement"], r["amount"], r["method"]) for r in rows] == [
        ("CL-N1", "setting-up-home", "500.50", "bank_transfer"),
        ("CL-S1", "setting-up-home", "100.00", "prepaid_card"),
    ]
    assert rows[0]["payment_id"] == str(payments["north"].pk)
    assert rows[0]["paid_on"] == (today() - timedelta(days=3)).isoformat()
    assert rows[0]["agreed_by"] == staff["manager"].username
    assert rows[0]["reference"] == "'=HYPERLINK(\"x\")"
    text = response.content.decode()
    for name in ("Nia", "Northcott", "Sol", "Southgate"):
        assert name not in text


def test_each_download_is_logged_on_the_records_in_it(client, staff, payments):
    client.force_login(staff["service"])

    client.get(FILE, _dates(today() - timedelta(days=7), today()))

    logged = RecordView.objects.filter(viewed_by=staff["service"])
    assert {view.young_person for view in logged} == {
        payments["north"].young_person, payments["south"].young_person}
    assert all(view.page.startswith("downloaded payments from") for view in logged)


def test_a_team_manager_downloads_their_teams_payments_only(client, staff, payments):
    client.force_login(staff["manager"])

    rows = _rows(client.get(FILE, _dates(today() - timedelta(days=60), today())))

    assert sorted(r["person_id"] for r in rows) == ["CL-N1", "CL-N1"]


def test_dates_the_wrong_way_round_are_shown_next_to_the_field(client, staff, payments):
    client.force_login(staff["service"])

    response = client.get(FILE, _dates(today(), today() - timedelta(days=1)))

    assert response["Content-Type"].startswith("text/html")
    assert "The last day must be the same as or after the first day" in response.content.decode()
    assert not RecordView.objects.exists()


@pytest.mark.parametrize("persona", ["pa", "duty", "board"])
def test_nobody_else_may_download_payments(client, staff, payments, persona):
    client.force_login(staff[persona])

    assert client.get(FILE, _dates(today() - timedelta(days=7), today())).status_code == 403
    assert not RecordView.objects.filter(viewed_by=staff[persona]).exists()


@pytest.mark.parametrize("persona, linked", [("service", True), ("manager", True),
                                             ("duty", False)])
def test_the_reports_page_links_to_the_payments_file_for_those_who_may_download_it(
        client, staff, persona, linked):
    client.force_login(staff[persona])

    html = client.get(reverse("reports")).content.decode()

    assert (f'href="{FILE}"' in html) is linked
