from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advisers.models import Contact
from eligibility.models import StatusChange
from eligibility.rules import Status
from tests.careleavers.records import add_young_person, allocate

pytestmark = pytest.mark.django_db

# The record page's own queries: 1 session, 2 user, 3 the young person and team, 4 logging the
# view, 5 the status, 6 status changes with who made them, 7 who added the record, 8 whether this
# user can change it, 9 the page's session last-seen time saved (3 queries: savepoint, update,
# release) = 11. Other packages' panels each add a fixed few, never growing with the record:
# advisers 6 (standards, allocations, contacts, their history, last seen, who may act),
# pathways 7 (standing, plans, plan history, early reviews, needs assessments, the due date's
# status history, who may change it), accommodation 4 (places, their assessments, the last visit
# to a council-provided place, who may change them), eet 2 (activities, who may change them),
# documents 3 (documents, the checklist, who may change them),
# immigration 2 for someone who came to the country alone (positions, who may change them),
# health 3 (their health record, their children, who may change them),
# localoffer 4 (requests, payments, entitlements, who may ask),
# portal 1 (their own access, with who invited and withdrew it).
OWN_QUERIES = 11
RECORD_PANELS_ALLOWANCE = 6 + 7 + 4 + 2 + 3 + 2 + 3 + 4 + 1


def fill_record(young_person, adviser, how_many):
    now = timezone.now()
    Contact.objects.bulk_create(
        Contact(young_person=young_person, contact_at=now - timedelta(days=n),
                contact_type="phone", outcome="spoke", made_by=adviser, notes=f"Call {n}")
        for n in range(how_many)
    )
    StatusChange.objects.bulk_create(
        StatusChange(young_person=young_person, status=Status.ELIGIBLE,
                     previous_status=Status.NOT_ENTITLED, reason=f"Change {n}",
                     effective_on=timezone.localdate() - timedelta(days=n), recorded_by=adviser)
        for n in range(how_many)
    )


def record_queries(client, young_person):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("young-person", args=[young_person.pk]))
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("how_many", [10, 200])
def test_record_page_runs_a_fixed_number_of_queries(
    client, staff, teams, how_many, django_assert_max_num_queries
):
    young_person = add_young_person(team=teams["north"], actor=staff["manager"], uasc=True)
    allocate(young_person, staff["pa"])
    fill_record(young_person, staff["pa"], how_many)
    client.force_login(staff["pa"])

    with django_assert_max_num_queries(OWN_QUERIES + RECORD_PANELS_ALLOWANCE):
        response = client.get(reverse("young-person-chronology", args=[young_person.pk]))

    assert response.status_code == 200
    assert len([e for e in response.context["pages"].page.paginator.object_list
                if e.kind == "Status"]) > how_many


def test_record_page_queries_do_not_grow_with_contacts_or_status_changes(client, staff, teams):
    small = add_young_person(team=teams["north"], actor=staff["manager"])
    large = add_young_person(team=teams["north"], actor=staff["manager"])
    for person, how_many in ((small, 10), (large, 200)):
        allocate(person, staff["pa"])
        fill_record(person, staff["pa"], how_many)
    client.force_login(staff["pa"])
    record_queries(client, small)  # warm up: content types and the like are cached after this

    small_count, _ = record_queries(client, small)
    large_count, _ = record_queries(client, large)

    assert small_count == large_count
