"""A document is never deleted: one replaced or withdrawn says why, stays on the record and in
its history, and the chronology says when it came and went."""

import pytest
from django.urls import reverse

from documents.models import Document
from tests.advisers.people import error_next_to
from tests.documents.files import keep, stored_files

pytestmark = pytest.mark.django_db


def test_a_withdrawn_document_stays_with_who_withdrew_it_and_why(client, staff, person,
                                                                 documents_store):
    kept = keep(person, staff["pa"])
    client.force_login(staff["manager"])

    response = client.post(reverse("document-withdraw", args=[person.pk, kept.pk]),
                           {"reason": "A new tenancy agreement replaces it"}, follow=True)

    page = response.content.decode()
    assert "Marked as replaced or withdrawn: Tenancy agreement, Flat 3" in page
    replaced = page[page.index("Replaced or withdrawn</h2>"):]
    assert "A new tenancy agreement replaces it" in replaced
    kept.refresh_from_db()
    assert (kept.withdrawn_by, kept.is_current) == (staff["manager"], False)
    assert Document.objects.count() == 1 and len(stored_files(documents_store)) == 1
    assert [row.history_type for row in kept.history.order_by("history_id")] == ["+", "~"]
    assert kept.history.earliest("history_id").withdrawn_at is None


def test_a_reason_is_needed(client, staff, person):
    kept = keep(person, staff["pa"])
    client.force_login(staff["pa"])

    response = client.post(reverse("document-withdraw", args=[person.pk, kept.pk]),
                           {"reason": "  "})

    assert error_next_to(response, "id_reason") == "Enter why it was replaced or withdrawn"
    kept.refresh_from_db()
    assert kept.is_current


def test_the_chronology_shows_uploads_and_withdrawals(client, staff, person):
    kept = keep(person, staff["pa"], kind="birth_certificate", title="Birth certificate")
    client.force_login(staff["pa"])
    client.post(reverse("document-withdraw", args=[person.pk, kept.pk]),
                {"reason": "Uploaded to the wrong record"})

    page = client.get(reverse("young-person-chronology", args=[person.pk]),
                      {"kind": "Document"}).content.decode()

    assert "Document uploaded: Birth certificate" in page
    assert "Document replaced or withdrawn: Birth certificate" in page
    assert "Uploaded to the wrong record" in page
