"""A young person sees and downloads only the documents their PA shared with them: not one kept
but not shared, not one replaced or withdrawn, never another young person's, whatever id is
asked for."""

import pytest
from django.urls import reverse

from documents.services import document_share, document_withdraw
from tests.advisers.people import allocate, young_person
from tests.documents.files import keep, pdf_bytes
from tests.portal.see_support import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def documents_store(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                      "OPTIONS": {"location": tmp_path / "documents"}},
    }


@pytest.fixture
def person(teams, staff):
    person = young_person(teams["north"], first_name="Jo", last_name="Bloggs")
    allocate(person, staff["pa"])
    return person


def shared(person, by, title, **kwargs):
    document = keep(person, by, title=title, **kwargs)
    return document_share(actor=by, document=document, shared=True)


def documents_page(client):
    response = client.get(reverse("portal-documents"))
    assert response.status_code == 200
    return response.content.decode()


def test_they_see_only_the_documents_shared_with_them(client, staff, person):
    tenancy = shared(person, staff["pa"], "Tenancy agreement, Flat 3")
    keep(person, staff["pa"], title="Risk assessment for the team")
    withdrawn = shared(person, staff["pa"], "Old tenancy agreement")
    document_withdraw(actor=staff["pa"], document=withdrawn, reason="Replaced")
    sign_in(client, person, staff["pa"])

    page = documents_page(client)

    assert "Tenancy agreement, Flat 3" in page
    assert f'href="{reverse("portal-document", args=[tenancy.pk])}"' in page
    assert "Risk assessment for the team" not in page
    assert "Old tenancy agreement" not in page


def test_they_download_a_shared_document_as_an_attachment(client, staff, person):
    tenancy = shared(person, staff["pa"], "Tenancy agreement", name="tenancy.pdf",
                     content=pdf_bytes("Flat 3"))
    sign_in(client, person, staff["pa"])

    response = client.get(reverse("portal-document", args=[tenancy.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes("Flat 3")
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="tenancy.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_a_document_not_shared_or_no_longer_shared_is_not_found(client, staff, person):
    kept = keep(person, staff["pa"], title="Not shared")
    was_shared = shared(person, staff["pa"], "Shared, then not")
    document_share(actor=staff["pa"], document=was_shared, shared=False)
    sign_in(client, person, staff["pa"])

    assert client.get(reverse("portal-document", args=[kept.pk])).status_code == 404
    assert client.get(reverse("portal-document", args=[was_shared.pk])).status_code == 404


def test_another_young_persons_document_id_finds_nothing(client, staff, teams, person):
    someone_else = young_person(teams["north"], last_name="Elsewhere")
    allocate(someone_else, staff["pa"])
    theirs = shared(someone_else, staff["pa"], "Passport of someone else")
    sign_in(client, person, staff["pa"])

    response = client.get(reverse("portal-document", args=[theirs.pk]))

    assert response.status_code == 404
    assert "Passport of someone else" not in documents_page(client)
    assert client.get(reverse("portal-document", args=[theirs.pk + 1000])).status_code == 404


def test_with_nothing_shared_it_says_so(client, staff, person):
    keep(person, staff["pa"])
    sign_in(client, person, staff["pa"])

    assert "Your PA has not shared any documents with you yet." in documents_page(client)
