"""Downloading a document: the file as it was uploaded, as an attachment under the name it came
with, the browser told not to guess its type, and each download kept on the record."""

import pytest
from django.urls import reverse

from careleavers.models import RecordView
from documents.services import document_withdraw
from tests.documents.files import keep, png_bytes

pytestmark = pytest.mark.django_db


def test_the_file_comes_back_as_an_attachment_of_the_type_its_contents_are(client, staff,
                                                                           person):
    kept = keep(person, staff["pa"], kind="passport", title="Passport",
                name="passport photo page.png", content=png_bytes())
    client.force_login(staff["colleague"])

    response = client.get(reverse("document-download", args=[person.pk, kept.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes()
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="passport photo page.png"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_each_download_is_kept_on_the_record_with_who_took_it(client, staff, person):
    kept = keep(person, staff["pa"])
    client.force_login(staff["duty"])

    client.get(reverse("document-download", args=[person.pk, kept.pk]))
    client.get(reverse("document-download", args=[person.pk, kept.pk]))

    downloads = RecordView.objects.filter(young_person=person, viewed_by=staff["duty"],
                                          page="downloaded the document “Tenancy agreement, "
                                               "Flat 3”")
    assert downloads.count() == 2


def test_a_refused_download_is_not_logged(client, staff, person):
    kept = keep(person, staff["pa"])
    client.force_login(staff["other_pa"])

    assert client.get(reverse("document-download", args=[person.pk, kept.pk])).status_code == 404
    assert not RecordView.objects.filter(page__startswith="downloaded").exists()


def test_a_withdrawn_document_can_still_be_downloaded(client, staff, person):
    kept = keep(person, staff["pa"])
    document_withdraw(actor=staff["pa"], document=kept, reason="A new tenancy replaces it")
    client.force_login(staff["pa"])

    response = client.get(reverse("document-download", args=[person.pk, kept.pk]))

    assert response.status_code == 200


def test_a_download_is_never_a_change(client, staff, person):
    kept = keep(person, staff["pa"])
    client.force_login(staff["pa"])

    response = client.post(reverse("document-download", args=[person.pk, kept.pk]))

    assert response.status_code == 405
