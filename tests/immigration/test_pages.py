"""The Immigration page, recording a change of position, correcting it and marking a decision as
seen, through the pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careleavers.models import RecordView
from immigration.models import ImmigrationRecord
from immigration.record_parts import immigration_part
from tests.accommodation.places import long_date
from tests.advisers.people import days_ago, error_next_to, today, young_person
from tests.immigration.positions import days_ahead, granted, record_post, uasc_person, waiting

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(teams, staff):
    return uasc_person(teams["north"], staff["pa"])


def page_of(client, person) -> str:
    response = client.get(reverse("immigration", args=[person.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_pa_records_leave_granted_and_sees_it_on_the_page(client, staff, person):
    waiting(person, since=days_ago(300))
    client.force_login(staff["pa"])

    response = client.post(reverse("immigration-add", args=[person.pk]), record_post(
        granted_on=days_ago(1), ends_on=days_ahead(60), since=days_ago(1)))

    assert response.status_code == 302 and response.url == reverse("immigration",
                                                                   args=[person.pk])
    record = ImmigrationRecord.objects.get(stage="leave_granted")
    assert (record.leave_kind, record.leave_expires_on, record.home_office_reference,
            record.recorded_by) == ("refugee", days_ahead(60), "H1234567", staff["pa"])
    page = page_of(client, person)
    assert "Saved: refugee status granted" in page
    assert "Refugee status granted, since" in page
    assert long_date(days_ahead(60)) in page
    assert "Mark the decision as seen" in page
    assert "Claim made, waiting for a decision: since" in page  # the earlier one, kept


def test_bad_dates_are_refused_next_to_the_field_and_nothing_is_saved(client, staff, person):
    client.force_login(staff["pa"])

    response = client.post(reverse("immigration-add", args=[person.pk]), record_post(
        granted_on=days_ago(5), ends_on=days_ago(6)))

    assert response.status_code == 200
    assert error_next_to(response, "id_leave_expires_on") == (
        "The date their leave ends must be after it was granted")
    assert "There is a problem" in response.content.decode()
    assert not ImmigrationRecord.objects.exists()


def test_an_appeal_decided_before_it_was_lodged_is_refused_on_the_page(client, staff, person):
    client.force_login(staff["pa"])

    response = client.post(reverse("immigration-add", args=[person.pk]), record_post(
        "appeal_rights_exhausted", lodged_on=days_ago(5), decided_on=days_ago(9)))

    assert error_next_to(response, "id_appeal_decided_on") == (
        "The date the appeal was decided must be on or after it was lodged")
    assert not ImmigrationRecord.objects.exists()


def test_a_correction_is_saved_and_the_old_version_kept(client, staff, person):
    record = granted(person, ends_on=days_ahead(100))
    client.force_login(staff["pa"])
    url = reverse("immigration-edit", args=[person.pk, record.pk])

    form = client.get(url).content.decode()
    response = client.post(url, record_post(since=record.since, granted_on=record.since,
                                            ends_on=days_ahead(900), version=1))

    assert "Save changes" in form
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.leave_expires_on == days_ahead(900) and record.version == 2
    assert record.history.count() == 2


def test_a_stale_correction_keeps_what_was_typed(client, staff, person):
    record = granted(person, ends_on=days_ahead(100))
    client.force_login(staff["pa"])
    url = reverse("immigration-edit", args=[person.pk, record.pk])
    client.post(url, record_post(since=record.since, granted_on=record.since,
                                 ends_on=days_ahead(200), version=1))

    response = client.post(url, record_post(since=record.since, granted_on=record.since,
                                            ends_on=days_ahead(300), version=1))

    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    record.refresh_from_db()
    assert record.leave_expires_on == days_ahead(200)


def test_pa_marks_a_decision_as_seen(client, staff, person):
    record = granted(person)
    client.force_login(staff["pa"])

    response = client.post(reverse("immigration-decision-seen", args=[person.pk, record.pk]))

    assert response.status_code == 302
    record.refresh_from_db()
    assert record.decision_seen_by == staff["pa"]
    page = page_of(client, person)
    assert "Mark the decision as seen" not in page
    assert f"By {staff['pa']} on {long_date(today())}" in page


def test_the_page_logs_who_opened_it(client, staff, person):
    client.force_login(staff["colleague"])

    page_of(client, person)

    assert RecordView.objects.filter(viewed_by=staff["colleague"], page="immigration").exists()


def test_someone_not_recorded_as_uasc_is_said_not_to_be(client, staff, teams):
    person = young_person(teams["north"], uasc=False)
    client.force_login(staff["manager"])

    page = page_of(client, person)

    assert "Not recorded as an unaccompanied asylum-seeking young person" in page
    assert "Record a change" not in page
    record = client.get(reverse("young-person", args=[person.pk])).content.decode()
    assert 'id="immigration"' not in record


def test_the_record_shows_their_position_and_the_chronology_each_change(client, staff, person):
    waiting(person, actor=staff["pa"], since=days_ago(300))
    granted(person, actor=staff["pa"], granted_on=days_ago(3), ends_on=days_ahead(60))
    client.force_login(staff["pa"])

    overview = client.get(reverse("young-person", args=[person.pk])).content.decode()
    chronology = client.get(
        reverse("young-person-chronology", args=[person.pk])).context["pages"].rows

    panel = overview.split('id="immigration"')[1]
    assert "Refugee status" in panel and long_date(days_ahead(60)) in panel
    assert "Decision not yet seen" in panel
    assert [(e.title, e.by) for e in chronology if e.kind == "Immigration"] == [
        ("Refugee status granted", str(staff["pa"])),
        ("Claim made, waiting for a decision", str(staff["pa"])),
    ]
    assert any(e.text.startswith(f"Leave ends {long_date(days_ahead(60))}")
               for e in chronology if e.kind == "Immigration")


def test_the_record_panel_runs_a_fixed_number_of_queries_however_long_the_history(
    staff, person
):
    def queries(how_many):
        ImmigrationRecord.objects.filter(young_person=person).delete()
        for number in range(how_many):
            waiting(person, since=days_ago(1000 - number * 10))
        granted(person, granted_on=days_ago(2), ends_on=days_ahead(60))
        with CaptureQueriesContext(connection) as captured:
            immigration_part(young_person=person, user=staff["pa"], today=today())
        return len(captured)

    # 1 the records, with who recorded them and saw the decisions; 2 whether this user may
    # change them.
    assert queries(2) == queries(30) == 2


def test_the_immigration_page_runs_a_fixed_number_of_queries(
    client, staff, person, django_assert_max_num_queries
):
    client.force_login(staff["pa"])
    granted(person, granted_on=days_ago(900), ends_on=days_ago(500))
    with CaptureQueriesContext(connection) as few:
        page_of(client, person)
    for number in range(25):
        waiting(person, since=days_ago(800 - number * 10))

    with django_assert_max_num_queries(len(few)):
        page_of(client, person)
