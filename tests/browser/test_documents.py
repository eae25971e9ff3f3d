"""A Personal Adviser keeps a young person's tenancy agreement on their record and ticks it off
the checklist, on a wide screen and a phone: a file that is not what its name says is refused
next to the file field, the real one is uploaded and named on the checklist. axe finds nothing
on any page."""

import pytest

from documents.models import Document
from tests.browser.conftest import assert_accessible
from tests.careleavers.records import add_young_person, allocate, years_ago
from tests.documents.files import pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def documents_store(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                      "OPTIONS": {"location": tmp_path / "documents"}},
    }


@pytest.fixture
def amani(staff, teams):
    person = add_young_person(team=teams["north"], actor=staff["manager"], first_name="Amani",
                              last_name="Okafor", date_of_birth=years_ago(19),
                              person_id="CL-1901")
    allocate(person, staff["pa"])
    return person


def tenancy_row(page):
    return page.locator("#checklist-tenancy_agreement")


@pytest.mark.parametrize("width", [1280, 390])
def test_pa_uploads_a_tenancy_agreement_and_ticks_it_off(page, staff, sign_in_as, amani, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_as(staff["pa"]).goto(f"/young-people/{amani.pk}/documents/")
    page.get_by_role("heading", name="Documents", exact=True).wait_for()
    assert "Missing" in tenancy_row(page).inner_text()
    assert "They have 0 of 6." in page.locator("main").inner_text()
    assert_accessible(page, f"documents-{width}")

    page.get_by_label("Upload a file").set_input_files(files=[{
        "name": "tenancy.pdf", "mimeType": "application/pdf",
        "buffer": b"Not a PDF: a note typed in a text editor\n",
    }])
    page.get_by_label("What is it?").select_option(label="Tenancy agreement")
    page.get_by_label("Title").fill("Tenancy agreement, Flat 3 Mill Court")
    page.get_by_role("button", name="Upload document").click()

    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    message = "The selected file is called .pdf but it is not really a PDF"
    assert message in page.locator("#id_file_1_error").inner_text()
    assert not Document.objects.exists()
    assert_accessible(page, f"documents-refused-{width}")
    summary.get_by_role("link", name=message).click()
    assert page.evaluate("document.activeElement.id") == "id_file"

    page.get_by_label("Upload a file").set_input_files(files=[{
        "name": "tenancy.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(),
    }])
    page.get_by_role("button", name="Upload document").click()
    page.get_by_text("Uploaded: Tenancy agreement, Flat 3 Mill Court").wait_for()
    kept = page.get_by_role("region", name="Documents kept").inner_text()
    assert "Tenancy agreement, Flat 3 Mill Court" in kept and str(staff["pa"]) in kept

    row = tenancy_row(page)
    assert row.get_by_label("Document that shows it").input_value() == str(
        Document.objects.get().pk)
    row.get_by_role("button", name="Tick off their tenancy agreement").click()

    page.get_by_text("Saved: they have their tenancy agreement").wait_for()
    row = tenancy_row(page).inner_text()
    assert "Have it" in row and f"Ticked off by {staff['pa']}" in row
    assert "Shown by Tenancy agreement, Flat 3 Mill Court" in row
    assert "They have 1 of 6." in page.locator("main").inner_text()
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert_accessible(page, f"documents-ticked-{width}")
