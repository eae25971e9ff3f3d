"""The Documents page and the record's documents panel run the same number of queries however
many documents a young person has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.rules import ChecklistItem
from documents.services import checklist_tick, document_withdraw
from tests.advisers.people import allocate, young_person
from tests.documents.files import keep

pytestmark = pytest.mark.django_db

# 1 session, 2 user, 3 the young person and team, 4 logging the view, 5 whether this user may
# change the record (their allocation), 6 the documents with who uploaded and withdrew them,
# 7 the checklist with who ticked it and the documents named, 8 the checklist's history with
# who changed it, 9 the status in the record header, 10-12 the session's last-seen time saved
# (savepoint, update, release).
PAGE_QUERIES = 12


def fill(person, by, how_many):
    documents = [keep(person, by, kind="tenancy_agreement" if n % 2 else "passport",
                      title=f"Document {n}") for n in range(how_many)]
    document_withdraw(actor=by, document=documents[0], reason="Replaced")
    for item in ChecklistItem.values:
        checklist_tick(actor=by, young_person=person, item=item, has_it=True)
    checklist_tick(actor=by, young_person=person, item="bank_account", has_it=False)


@pytest.mark.parametrize("how_many", [2, 30])
def test_the_documents_page_runs_a_fixed_number_of_queries(
    client, staff, person, how_many, django_assert_max_num_queries
):
    fill(person, staff["pa"], how_many)
    client.force_login(staff["pa"])

    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(reverse("documents", args=[person.pk]))

    assert response.status_code == 200
    assert response.content.decode().count("Download<span") == how_many


def test_the_record_panel_runs_the_same_queries_for_few_documents_and_many(client, staff, teams,
                                                                           person):
    other = young_person(teams["north"])
    allocate(other, staff["pa"])
    fill(person, staff["pa"], 2)
    fill(other, staff["pa"], 30)
    client.force_login(staff["pa"])

    counts = []
    for someone in (person, other):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("young-person", args=[someone.pk])).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]
