"""Someone else can't: who may see, download and change a young person's documents
(DOMAIN.md §6)."""

import pytest
from django.urls import reverse

from documents.models import ChecklistTick, Document
from tests.advisers.people import young_person
from tests.documents.files import keep, upload_post

pytestmark = pytest.mark.django_db

READS = ["documents", "document-download"]
CHANGES = ["upload", "document-withdraw", "document-tick"]


@pytest.fixture
def kept(person, staff):
    return keep(person, staff["pa"])


def url(name, person, kept):
    if name in ("document-download", "document-withdraw"):
        return reverse(name, args=[person.pk, kept.pk])
    if name == "document-tick":
        return reverse(name, args=[person.pk, "tenancy_agreement"])
    return reverse("documents", args=[person.pk])


def post(name, kept):
    return {
        "upload": upload_post(),
        "document-withdraw": {"reason": "Uploaded to the wrong record"},
        "document-tick": {"has_it": "yes", "document": str(kept.pk)},
    }[name]


def nothing_changed(kept):
    kept.refresh_from_db()
    assert Document.objects.count() == 1 and kept.is_current
    assert not ChecklistTick.objects.exists()


@pytest.mark.parametrize("persona", ["other_pa", "other_manager", "board", "admin"])
@pytest.mark.parametrize("name", READS + CHANGES)
def test_staff_outside_the_team_find_nothing_there(client, staff, person, kept, persona, name):
    client.force_login(staff[persona])

    response = client.get(url(name, person, kept))
    assert response.status_code == 404
    assert "Bloggs" not in response.content.decode()
    if name in CHANGES:
        assert client.post(url(name, person, kept), post(name, kept)).status_code == 404
    nothing_changed(kept)


@pytest.mark.parametrize("persona", ["colleague", "duty", "service"])
@pytest.mark.parametrize("name", CHANGES)
def test_staff_who_can_read_the_record_cannot_change_its_documents(client, staff, person, kept,
                                                                   persona, name):
    client.force_login(staff[persona])

    assert client.post(url(name, person, kept), post(name, kept)).status_code == 403
    if name != "upload":
        assert client.get(url(name, person, kept)).status_code == 403
    nothing_changed(kept)


@pytest.mark.parametrize("persona", ["pa", "colleague", "manager", "duty", "service"])
def test_staff_who_work_with_the_team_can_read_and_download_them(client, staff, person, kept,
                                                                 persona):
    client.force_login(staff[persona])

    page = client.get(url("documents", person, kept)).content.decode()
    assert "Tenancy agreement, Flat 3" in page
    assert ("Upload a document" in page) == (persona in ("pa", "manager"))
    assert client.get(url("document-download", person, kept)).status_code == 200


@pytest.mark.parametrize("persona", ["pa", "manager"])
@pytest.mark.parametrize("name", CHANGES)
def test_their_personal_adviser_and_team_manager_can_change_them(client, staff, person, kept,
                                                                 persona, name):
    client.force_login(staff[persona])

    assert client.post(url(name, person, kept), post(name, kept)).status_code == 302


def test_a_document_is_found_only_on_its_own_young_persons_record(client, staff, teams, kept):
    someone_else = young_person(teams["north"])
    client.force_login(staff["manager"])

    assert client.get(reverse("document-download",
                              args=[someone_else.pk, kept.pk])).status_code == 404


def test_a_restricted_record_keeps_its_documents_to_the_staff_named_on_it(client, staff, teams):
    person = young_person(teams["north"], restricted=True, restricted_to=[staff["colleague"]])
    kept = keep(person, staff["manager"])

    client.force_login(staff["manager"])
    assert client.get(reverse("document-download", args=[person.pk, kept.pk])).status_code == 404
    client.force_login(staff["colleague"])
    assert client.get(reverse("document-download", args=[person.pk, kept.pk])).status_code == 200


def test_signed_out_visitors_are_sent_to_sign_in(client, person, kept):
    response = client.get(reverse("document-download", args=[person.pk, kept.pk]))

    assert response.status_code == 302 and reverse("sign-in") in response.url
