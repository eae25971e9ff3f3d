"""Uploading a document to a young person's record: what the file is decided by its contents,
not its name; too big, empty or the wrong kind is refused next to the file field, and then
nothing is kept."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from documents.models import Document
from documents.services import document_upload
from tests.advisers.people import error_next_to, today
from tests.documents.files import (
    doc_bytes,
    docx_bytes,
    jpeg_bytes,
    pdf_bytes,
    png_bytes,
    stored_files,
    upload,
    upload_post,
)

pytestmark = pytest.mark.django_db


def test_a_personal_adviser_uploads_a_pdf_kept_under_a_random_name(client, staff, person,
                                                                   documents_store):
    client.force_login(staff["pa"])

    response = client.post(reverse("documents", args=[person.pk]),
                           upload_post(upload("Jo Bloggs tenancy.pdf"), dated_on=today()),
                           follow=True)

    assert "Uploaded: Tenancy agreement, Flat 3" in response.content.decode()
    document = Document.objects.get()
    assert (document.young_person, document.kind, document.uploaded_by) == (
        person, "tenancy_agreement", staff["pa"])
    assert (document.original_name, document.content_type, document.dated_on) == (
        "Jo Bloggs tenancy.pdf", "application/pdf", today())
    [stored] = stored_files(documents_store)
    assert re.fullmatch(r"[0-9a-f]{32}", stored.name)
    assert "Bloggs" not in document.file.name
    assert stored.read_bytes() == pdf_bytes() and document.size == len(pdf_bytes())


@pytest.mark.parametrize("name, content, kind", [
    ("passport.png", png_bytes(), "image/png"),
    ("letter.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument."
                                  "wordprocessingml.document"),
    ("PLAN.PDF", pdf_bytes(), "application/pdf"),
    ("photo.jpg", jpeg_bytes(), "image/jpeg"),
    ("photo.jpeg", jpeg_bytes(), "image/jpeg"),
    ("old letter.doc", doc_bytes(), "application/msword"),
])
def test_images_and_word_documents_are_kept_with_the_type_their_contents_are(
    client, staff, person, name, content, kind
):
    client.force_login(staff["pa"])

    response = client.post(reverse("documents", args=[person.pk]),
                           upload_post(upload(name, content), kind="passport"))

    assert response.status_code == 302
    assert Document.objects.get().content_type == kind


@pytest.mark.parametrize("name, content, message", [
    ("tenancy.pdf", b"Just some text, not a PDF at all\n" * 20,
     "The selected file is called .pdf but it is not really a PDF"),
    ("notes.txt", b"Just some text\n", "The selected file must be a PDF, JPEG, PNG or Word "
                                       "document"),
    ("photo.pdf", png_bytes(), "The selected file is a PNG image but its name ends .pdf"),
    ("letter.docx", doc_bytes(), "The selected file is a Word 97-2003 document but its name "
                                 "ends .docx"),
    ("passport", jpeg_bytes(), "The selected file is a JPEG image but its name ends with no "
                               "file type: rename it to end .jpg"),
    ("archive.zip", b"PK\x03\x04" + b"\x00" * 200, "The selected file must be a PDF, JPEG, "
                                                    "PNG or Word document"),
    ("report.docx", b"PK\x03\x04" + b"\x00" * 200, "The selected file is called .docx but it is "
                                                    "not really a Word document"),
    ("empty.pdf", b"", "The selected file is empty"),
])
def test_a_file_that_is_not_what_its_name_says_is_refused_and_nothing_is_kept(
    client, staff, person, documents_store, name, content, message
):
    client.force_login(staff["pa"])

    response = client.post(reverse("documents", args=[person.pk]),
                           upload_post(upload(name, content)))

    assert response.status_code == 200
    assert error_next_to(response, "id_file").startswith(message)
    assert 'href="#id_file"' in response.content.decode()  # in the error summary too
    assert not Document.objects.exists()
    assert stored_files(documents_store) == []


def test_a_file_over_the_size_limit_is_refused(client, staff, person, settings, documents_store):
    settings.DOCUMENT_MAX_MEGABYTES = 1
    client.force_login(staff["pa"])
    too_big = pdf_bytes() + b"%" * (1024 * 1024)

    response = client.post(reverse("documents", args=[person.pk]),
                           upload_post(upload("big.pdf", too_big)))

    assert error_next_to(response, "id_file") == "The selected file must be smaller than 1 MB"
    assert not Document.objects.exists()
    assert stored_files(documents_store) == []


def test_the_page_says_what_files_it_takes_and_how_big(client, staff, person):
    client.force_login(staff["pa"])

    page = client.get(reverse("documents", args=[person.pk])).content.decode()

    assert 'enctype="multipart/form-data"' in page
    assert re.search(r'<input type="file"[^>]*class="govuk-file-upload"', page)
    assert "A PDF, JPEG, PNG or Word document, smaller than 10 MB" in page


@pytest.mark.parametrize("data, field, message", [
    ({"file": False}, "id_file", "Select a file"),
    ({"kind": ""}, "id_kind", "Select what kind of document it is"),
    ({"title": ""}, "id_title", "Enter a title for the document"),
])
def test_a_missing_answer_is_refused_next_to_it(client, staff, person, data, field, message):
    client.force_login(staff["pa"])

    response = client.post(reverse("documents", args=[person.pk]), upload_post(**data))

    assert error_next_to(response, field) == message
    assert not Document.objects.exists()


def test_the_service_checks_the_file_itself(staff, person, documents_store):
    with pytest.raises(ValidationError) as refused:
        document_upload(actor=staff["pa"], young_person=person, kind="passport",
                        title="Passport", upload=upload("passport.pdf", b"<html>not a pdf"))

    assert "not really a PDF" in str(refused.value.error_dict["file"])
    assert not Document.objects.exists()
    assert stored_files(documents_store) == []
