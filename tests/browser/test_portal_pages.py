"""A young person's own pages on a phone 390 pixels wide and a wide screen: their PA shares their
tenancy agreement, and the young person finds it with their plan, their money and what we hold;
nothing scrolls sideways and axe finds nothing on any page."""

import pytest
from django.conf import settings
from django.test import Client

from pathways.services import plan_action_add, plan_authorise, plan_submit
from tests.advisers.people import allocate, contact, days_ago, today
from tests.browser.conftest import assert_accessible
from tests.documents.files import keep
from tests.localoffer.offer import agreed, care_leaver, default_entitlements, paid
from tests.portal.see_support import plan_written, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [("home", "/you/", "Hello Jo"), ("plan", "/you/plan/", "Your plan"),
         ("money", "/you/money/", "Money and support"),
         ("documents", "/you/documents/", "Your documents"),
         ("what-we-hold", "/you/what-we-hold/", "What we hold about you")]


@pytest.fixture(autouse=True)
def documents_store(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                      "OPTIONS": {"location": tmp_path / "documents"}},
    }


@pytest.fixture
def jo(staff, teams):
    default_entitlements()
    pa = staff["pa"]
    pa.full_name, pa.email, pa.work_phone = "Priya Adviser", "priya@council.example", "07700 900123"
    pa.save()
    person = care_leaver(teams["north"], first_name="Jo", last_name="Bloggs",
                         address="Flat 3\n12 High Street", phone="07700 900456")
    allocate(person, pa)
    contact(person, pa, on=days_ago(10))
    plan = plan_written(person, pa, words="I want to stay near my sister",
                        accommodation="Stay in the flat until the tenancy comes up")
    plan_action_add(actor=pa, plan=plan, section="accommodation", who="Priya (PA)",
                    what="Ask the landlord to fix the boiler", due_on=today())
    plan_authorise(actor=staff["manager"], plan=plan_submit(actor=pa, plan=plan), notify=False)
    paid(agreed(person, pa, staff["manager"], pence=45_000), pa)
    keep(person, pa, title="Tenancy agreement, Flat 3")
    return person


def young_person_signs_in(page, live_server, person, invited_by):
    client = Client()
    sign_in(client, person, invited_by)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value,
                               "url": live_server.url}])


def scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


@pytest.mark.parametrize("width", [390, 1280])
def test_a_pa_shares_a_document_and_the_young_person_reads_their_pages(
    page, live_server, staff, sign_in_as, jo, width
):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_as(staff["pa"]).goto(f"/young-people/{jo.pk}/documents/")
    page.get_by_role("button", name="Share with Jo Bloggs").click()
    page.get_by_text("Shared with Jo Bloggs: Tenancy agreement, Flat 3.").wait_for()
    assert_accessible(page, f"documents-shared-{width}")
    page.context.clear_cookies()

    young_person_signs_in(page, live_server, jo, staff["pa"])
    for name, url, heading in PAGES:
        response = page.goto(url)
        assert response.status == 200, url
        page.get_by_role("heading", name=heading, level=1).wait_for()
        assert not scrolls_sideways(page), url
        assert_accessible(page, f"portal-{name}-{width}")

    page.goto("/you/plan/")
    main = page.locator("main").inner_text()
    assert "I want to stay near my sister" in main
    assert "Ask the landlord to fix the boiler" in main
    page.goto("/you/documents/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tenancy agreement, Flat 3").click()
    assert download.value.suggested_filename == "tenancy.pdf"
    page.get_by_role("navigation", name="Your pages").get_by_role("link", name="Home").click()
    assert "Your PA is Priya Adviser." in page.locator("main").inner_text()
