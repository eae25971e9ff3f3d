"""The checklist of what a young person should leave care with: a Personal Adviser ticks each
thing off (with the document that shows it, if one is kept) or marks it missing again; every
change is kept, and the record says what they have and what is missing."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from documents.models import ChecklistTick
from documents.services import checklist_tick, document_withdraw
from tests.advisers.people import young_person
from tests.documents.files import keep

pytestmark = pytest.mark.django_db


def row_of(page: str, item: str) -> str:
    start = page.index(f'id="checklist-{item}"')
    return page[start:page.index('<div class="govuk-summary-list__row"', start + 1)
                if item != "tenancy_agreement" else page.index("</dl>", start)]


def test_a_personal_adviser_ticks_off_the_tenancy_agreement_with_the_document(client, staff,
                                                                              person):
    kept = keep(person, staff["pa"])
    client.force_login(staff["pa"])

    response = client.post(reverse("document-tick", args=[person.pk, "tenancy_agreement"]),
                           {"has_it": "yes", "document": str(kept.pk)}, follow=True)

    page = response.content.decode()
    assert "Saved: they have their tenancy agreement" in page
    row = row_of(page, "tenancy_agreement")
    assert "Have it" in row and "Ticked off by" in row and staff["pa"].full_name in row
    assert reverse("document-download", args=[person.pk, kept.pk]) in row
    assert "They have 1 of 6." in page
    tick = ChecklistTick.objects.get()
    assert (tick.has_it, tick.document, tick.changed_by) == (True, kept, staff["pa"])


def test_unticking_keeps_the_tick_in_the_history(client, staff, person):
    client.force_login(staff["pa"])
    url = reverse("document-tick", args=[person.pk, "bank_account"])

    client.post(url, {"has_it": "yes"})
    client.force_login(staff["manager"])
    page = client.post(url, {"has_it": "no"}, follow=True).content.decode()

    assert "Missing" in row_of(page, "bank_account")
    assert "Marked as missing by" in row_of(page, "bank_account")
    history = ChecklistTick.history.order_by("history_id")
    assert [(row.has_it, row.history_user) for row in history] == [
        (True, staff["pa"]), (False, staff["manager"])]
    changes = page[page.index("Changes to the checklist"):]
    assert re.search(r"Bank account marked as missing by\s+" + staff["manager"].full_name,
                     changes)
    assert re.search(r"Bank account ticked off by\s+" + staff["pa"].full_name, changes)


def test_saying_again_what_is_recorded_changes_nothing(staff, person):
    checklist_tick(actor=staff["pa"], young_person=person, item="health_history", has_it=True)
    checklist_tick(actor=staff["manager"], young_person=person, item="health_history",
                   has_it=True)

    assert ChecklistTick.history.count() == 1
    assert ChecklistTick.objects.get().changed_by == staff["pa"]


@pytest.mark.parametrize("which", ["wrong kind", "someone else's", "withdrawn"])
def test_only_a_current_document_of_theirs_that_shows_it_can_be_named(staff, teams, person,
                                                                      which):
    if which == "wrong kind":
        document = keep(person, staff["pa"], kind="bank_account", title="Bank letter")
    elif which == "someone else's":
        document = keep(young_person(teams["north"]), staff["pa"])
    else:
        document = keep(person, staff["pa"])
        document_withdraw(actor=staff["pa"], document=document, reason="Wrong flat")
        document.refresh_from_db()

    with pytest.raises(ValidationError):
        checklist_tick(actor=staff["pa"], young_person=person, item="tenancy_agreement",
                       has_it=True, document=document)
    assert not ChecklistTick.objects.exists()


def test_the_tick_page_offers_only_documents_that_show_it(client, staff, person):
    passport = keep(person, staff["pa"], kind="passport", title="Passport")
    keep(person, staff["pa"], kind="bank_account", title="Bank letter")
    client.force_login(staff["pa"])
    url = reverse("document-tick", args=[person.pk, "passport_or_immigration"])

    page = client.get(url).content.decode()
    assert "Do they have their passport or immigration status document?" in page
    assert "Passport" in page and "Bank letter" not in page

    response = client.post(url, {"has_it": ""})
    assert "Select whether they have it" in response.content.decode()
    response = client.post(url, {"has_it": "yes", "document": str(passport.pk + 1000)})
    assert "Choose one of their documents that shows it" in response.content.decode()
    assert not ChecklistTick.objects.exists()


def test_the_overview_says_how_many_they_have_and_what_is_missing(client, staff, person):
    for item in ("birth_certificate", "national_insurance", "bank_account"):
        checklist_tick(actor=staff["pa"], young_person=person, item=item, has_it=True)
    client.force_login(staff["colleague"])

    page = client.get(reverse("young-person", args=[person.pk])).content.decode()

    panel = page[page.index('id="documents"'):]
    panel = panel[:panel.index("</dl>")]
    assert "3 of 6 documents" in panel
    missing = panel[panel.index("Missing"):]
    for label in ("Passport or immigration status document", "Health history",
                  "Tenancy agreement"):
        assert label in missing
    assert "Bank account" not in missing


def test_an_unknown_checklist_item_is_not_found(client, staff, person):
    client.force_login(staff["pa"])

    assert client.post(reverse("document-tick", args=[person.pk, "driving_licence"]),
                       {"has_it": "yes"}).status_code == 404
