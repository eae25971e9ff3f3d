"""The pages a Personal Adviser and their managers use most, on a phone 390 pixels wide: nothing
scrolls sideways except a wide table inside its own labelled container, the service navigation
folds into a Menu button that opens it, "Record a contact" on My caseload is on the screen, and
axe finds nothing. Each page is also photographed 1280 wide, to compare."""

import re

import pytest

from dashboard.snapshots import previous_month, snapshot_take
from eligibility.rules import Status
from tests.advisers.people import allocate, contact, days_ago, today, young_person
from tests.browser.conftest import SCREENSHOTS, assert_accessible
from tests.pathways.plan_setup import authorised_plan, written_plan

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
SMALLEST = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def people(staff, teams):
    north, pa, manager = teams["north"], staff["pa"], staff["manager"]
    jo = young_person(north, Status.FORMER_RELEVANT, first_name="Jo", last_name="Bloggs")
    allocate(jo, pa)
    contact(jo, pa, on=days_ago(70))
    authorised_plan(jo, pa, manager, held_on=days_ago(200))
    # A long name, as some young people have, to show the layout gives it room.
    long_named = young_person(north, Status.RELEVANT, first_name="Oluwaseun",
                              last_name="Abernathy-Fitzwilliam")
    allocate(long_named, pa)
    contact(long_named, pa, on=days_ago(53), contact_type="phone", outcome="spoke")
    written_plan(long_named, pa, held_on=days_ago(3), submit=True)
    young_person(north, Status.ELIGIBLE, first_name="Priya", last_name="Shah")
    young_person(teams["south"], Status.RELEVANT, first_name="Lee", last_name="Wong")
    month = previous_month(today())
    snapshot_take(month=previous_month(month))
    snapshot_take(month=month)
    return {"jo": jo, "long_named": long_named}


def key_pages(persona: str, people) -> list[tuple[str, str]]:
    jo = people["jo"].pk
    pages = [("home", "/")]
    if persona == "pa":
        pages.append(("my-caseload", "/caseload/"))
    else:
        pages += [("team", "/team/"), ("plans-to-authorise", "/plans/queue/"),
                  ("dashboard", "/dashboard/")]
    pages += [("search-results", "/young-people/?q=o"), ("record", f"/young-people/{jo}/")]
    if persona != "duty":  # a duty manager authorises; contacts are the team's to record
        pages.append(("record-a-contact", f"/young-people/{jo}/contacts/add/"))
    return pages


def scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def sticking_out(page) -> list[str]:
    """What reaches past the right edge of the window (outside a table's own container), to say
    what to fix when a page scrolls sideways."""
    return page.evaluate("""() => [...document.querySelectorAll("body *")]
        .filter(element => element.getBoundingClientRect().right > window.innerWidth + 0.5
                           && !element.parentElement.closest(".app-table-container"))
        .map(element => `${element.tagName.toLowerCase()}.${element.className}: `
                        + element.textContent.trim().slice(0, 40))""")


def on_screen(page, locator) -> bool:
    box = locator.bounding_box()
    width = page.viewport_size["width"]
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width


def assert_menu_opens_the_navigation(page, label: str, screenshot: str = ""):
    navigation = page.get_by_role("navigation", name="Main")
    menu = navigation.get_by_role("button", name="Menu")
    link = navigation.get_by_role("link", name=label, exact=True)
    assert menu.get_attribute("aria-expanded") == "false"
    assert not link.is_visible()

    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert link.is_visible() and on_screen(page, link)
    assert not scrolls_sideways(page)
    if screenshot:
        page.screenshot(path=SCREENSHOTS / f"{screenshot}.png")
    menu.click()
    assert not link.is_visible()


def photograph_at_desktop_width(page, name: str):
    page.set_viewport_size(DESKTOP)
    page.reload()
    page.screenshot(path=SCREENSHOTS / f"{name}-1280.png", full_page=True)
    page.set_viewport_size(PHONE)


@pytest.mark.parametrize("persona", ["pa", "manager", "duty"])
def test_key_pages_fit_a_phone(page, staff, people, sign_in_as, persona):
    sign_in_as(staff[persona])
    page.set_viewport_size(PHONE)

    for name, url in key_pages(persona, people):
        response = page.goto(url)
        assert response.status == 200, url
        assert not scrolls_sideways(page), (url, sticking_out(page))
        assert_accessible(page, f"phone-{persona}-{name}-390")
        assert_menu_opens_the_navigation(
            page, "Find a young person",
            screenshot=f"phone-{persona}-menu-open-390" if name == "home" else "")
        photograph_at_desktop_width(page, f"phone-{persona}-{name}")


def test_a_wide_table_scrolls_in_its_own_labelled_container(page, staff, people, sign_in_as):
    sign_in_as(staff["manager"])
    page.set_viewport_size(PHONE)
    page.goto("/team/")

    container = page.get_by_role("region", name="Everyone in the team, with their Personal Adviser")
    assert container.get_attribute("tabindex") == "0"
    assert container.get_by_role("table").count() == 1
    assert container.evaluate("element => element.scrollWidth > element.clientWidth")
    assert not scrolls_sideways(page)


def test_my_caseload_is_cards_on_a_phone_and_a_table_on_a_desktop(
    page, staff, people, sign_in_as
):
    sign_in_as(staff["pa"])
    page.set_viewport_size(PHONE)
    page.goto("/caseload/")

    record_a_contact = page.get_by_role("link", name="Record a contact for Jo Bloggs")
    assert record_a_contact.count() == 1  # the table is hidden from everyone, not repeated
    assert record_a_contact.is_visible() and on_screen(page, record_a_contact)
    card = page.locator(".govuk-summary-card").filter(
        has=page.get_by_role("heading", name="Jo Bloggs"))
    assert "Overdue" in card.get_by_role("term").filter(has_text="Next contact due") \
        .locator("xpath=..").inner_text()
    assert card.get_by_role("link", name="Jo Bloggs", exact=True).get_attribute("href") == \
        f"/young-people/{people['jo'].pk}/"
    assert page.get_by_role("table").count() == 0

    page.set_viewport_size(DESKTOP)
    assert page.get_by_role("table", name=re.compile("Young people you hold")).is_visible()
    assert page.locator(".govuk-summary-card").filter(has_text="Jo Bloggs").is_hidden()
    assert page.get_by_role("link", name="Record a contact for Jo Bloggs").count() == 1
    row = page.get_by_role("row").filter(has_text="Jo Bloggs")
    row.get_by_role("link", name="Record a contact").click()
    page.get_by_role("heading", name="Record a contact").wait_for()


def test_a_plans_contents_links_are_big_enough_to_tap_on_the_smallest_phone(
    page, staff, people, sign_in_as
):
    plan = written_plan(people["jo"], staff["pa"])
    sign_in_as(staff["pa"])
    page.set_viewport_size(SMALLEST)
    page.goto(f"/plans/{plan.pk}/edit/")

    contents = page.get_by_role("navigation", name="Contents").get_by_role("link")
    assert contents.count() > 3
    boxes = [contents.nth(i).bounding_box() for i in range(contents.count())]
    for box in boxes:
        assert box["height"] >= 24 and box["width"] >= 24, box
    for above, below in zip(boxes, boxes[1:], strict=False):
        assert below["y"] >= above["y"] + above["height"], (above, below)
    assert not scrolls_sideways(page)
    assert_accessible(page, "phone-plan-contents-320")
