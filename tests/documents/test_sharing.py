"""A Personal Adviser shares a document with the young person, so they can download it from their
own pages, and can stop sharing it; each change is kept in the document's history, and only the
people who may change the record may do it."""

import pytest
from django.urls import reverse

from documents.models import Document
from documents.services import document_withdraw
from tests.documents.files import keep

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(person, staff):
    return keep(person, staff["pa"])


def share(client, person, kept, shared="yes"):
    return client.post(reverse("document-share", args=[person.pk, kept.pk]), {"shared": shared},
                       follow=True)


def test_their_pa_shares_a_document_and_stops_sharing_it_with_both_kept(client, staff, person,
                                                                         kept):
    client.force_login(staff["pa"])

    page = share(client, person, kept).content.decode()

    assert "Shared with Jo Bloggs: Tenancy agreement, Flat 3" in page
    assert "Stop sharing<span" in page
    kept.refresh_from_db()
    assert kept.shared_with_young_person

    share(client, person, kept, "no")

    kept.refresh_from_db()
    assert not kept.shared_with_young_person
    changes = list(kept.history.order_by("history_id"))
    assert [row.shared_with_young_person for row in changes] == [False, True, False]
    assert {row.history_user for row in changes[1:]} == {staff["pa"]}


def test_documents_are_not_shared_until_someone_shares_them(client, staff, person, kept):
    client.force_login(staff["pa"])

    page = client.get(reverse("documents", args=[person.pk])).content.decode()

    assert not kept.shared_with_young_person
    assert "Not shared" in page and "Share with Jo Bloggs<span" in page


def test_a_withdrawn_document_stops_being_shared_and_cannot_be_shared_again(client, staff,
                                                                            person, kept):
    client.force_login(staff["pa"])
    share(client, person, kept)
    document_withdraw(actor=staff["pa"], document=kept, reason="Replaced by a new one")

    page = share(client, person, kept).content.decode()

    assert "A document that has been replaced or withdrawn cannot be shared" in page
    kept.refresh_from_db()
    assert not kept.shared_with_young_person


def test_a_value_other_than_yes_or_no_changes_nothing(client, staff, person, kept):
    client.force_login(staff["pa"])

    response = client.post(reverse("document-share", args=[person.pk, kept.pk]),
                           {"shared": "maybe"})

    assert response.status_code == 400
    kept.refresh_from_db()
    assert not kept.shared_with_young_person and kept.history.count() == 1


@pytest.mark.parametrize("persona, status", [
    ("other_pa", 404), ("other_manager", 404), ("board", 404), ("admin", 404),
    ("colleague", 403), ("duty", 403), ("service", 403),
])
def test_someone_else_cannot_share_it(client, staff, person, kept, persona, status):
    client.force_login(staff[persona])

    assert share(client, person, kept).status_code == status
    assert not Document.objects.get(pk=kept.pk).shared_with_young_person


def test_staff_who_may_only_read_the_record_see_no_share_button(client, staff, person, kept):
    client.force_login(staff["colleague"])

    page = client.get(reverse("documents", args=[person.pk])).content.decode()

    assert "Not shared" in page and "Share with" not in page


def test_sharing_is_a_post(client, staff, person, kept):
    client.force_login(staff["pa"])

    assert client.get(reverse("document-share", args=[person.pk, kept.pk])).status_code == 405
