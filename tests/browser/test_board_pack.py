"""The Corporate Parenting Board pack in the browser: a service manager writes the commentary,
makes the PDF in a real worker, watches it finish and downloads it; a board member downloads the
pack and can open nothing else."""

import io
import re

import pytest
from pypdf import PdfReader

from boardpack.board import board_pack_render
from boardpack.board_pack import board_pack_commentary_save
from boardpack.models import BoardPackFile, BoardPackFileState
from dashboard.snapshots import previous_month
from eligibility.rules import Status
from tests.advisers.people import allocate, contact, days_ago, today, young_person
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def service(staff, teams):
    for number in range(6):
        person = young_person(teams["north"], Status.FORMER_RELEVANT,
                              first_name="Ottoline", last_name=f"Brackenbury{number}")
        allocate(person, staff["pa"])
        contact(person, staff["pa"], on=days_ago(10 + number))


def pdf_text(path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.mark.celery
def test_service_manager_writes_commentary_makes_the_pack_and_downloads_it(
    celery_worker, page, staff, service, sign_in_as, tmp_path
):
    month = previous_month(today())
    sign_in_as(staff["service"]).goto("/reports/")
    page.get_by_role("link", name="Corporate Parenting Board pack").click()

    page.get_by_role("heading", name="Board pack", level=1).wait_for()
    chosen = page.get_by_label("Which month is the pack for?")
    assert chosen.input_value() == f"{month:%Y-%m}"  # last month, unless chosen
    assert_accessible(page, "board-pack-choose")
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("heading", name=f"{month:%B %Y}", level=1).wait_for()
    page.get_by_label("Keeping in touch").fill("Every young person was seen this month.")
    assert_accessible(page, "board-pack-commentary")
    page.get_by_role("button", name="Save and make the PDF").click()

    page.get_by_role("heading", name=f"Making the PDF for {month:%B %Y}").wait_for()
    bar = page.get_by_label("How far it has got")
    status = page.get_by_role("status")
    assert int(bar.get_attribute("value")) < 100
    assert_accessible(page, "board-pack-progress")
    # The page's script asks every 2 seconds: the bar fills and the button appears.
    download_button = page.get_by_role("button", name=f"Download the board pack for {month:%B %Y}")
    download_button.wait_for(timeout=90_000)
    assert status.inner_text() == "The PDF is ready."
    assert bar.evaluate("bar => bar.value") == 100
    assert page.get_by_role("link", name="Refresh").count() == 0
    assert_accessible(page, "board-pack-ready")

    with page.expect_download() as download:
        download_button.click()
    assert download.value.suggested_filename == f"corporate-parenting-board-{month:%Y-%m}.pdf"
    path = tmp_path / "pack.pdf"
    download.value.save_as(path)
    text = pdf_text(path)
    assert "Every young person was seen this month." in text
    assert "Brackenbury" not in text and "Ottoline" not in text

    page.get_by_role("link", name=f"Back to the commentary for {month:%B %Y}").click()
    pdfs = page.get_by_role("table", name=f"PDFs made for {month:%B %Y}")
    assert "Ready" in pdfs.inner_text()
    assert page.get_by_label("Keeping in touch").input_value() == (
        "Every young person was seen this month.")


def test_board_member_downloads_the_pack_and_can_open_nothing_else(
    page, staff, service, sign_in_as, tmp_path
):
    month = previous_month(today())
    pack = board_pack_commentary_save(actor=staff["service"], month=month, version=1,
                                      commentary={"pathway_plans": "All plans are on time."})
    pdf = board_pack_render(month, commentary=pack.commentary)
    BoardPackFile.objects.create(pack=pack, state=BoardPackFileState.DONE, progress=100,
                                 pdf=pdf, pdf_size=len(pdf), finished_at=pack.updated_at)

    sign_in_as(staff["board"]).goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Board packs").click()
    page.get_by_role("heading", name="Board packs", level=1).wait_for()
    assert_accessible(page, "board-packs")
    with page.expect_download() as download:
        page.get_by_role("link", name=f"Board pack for {month:%B %Y}").click()
    path = tmp_path / "pack.pdf"
    download.value.save_as(path)
    assert "All plans are on time." in pdf_text(path)

    for url in ("/dashboard/", "/reports/", "/reports/board-pack/", "/young-people/"):
        response = page.goto(url)
        assert response.status == 403, url
    page.get_by_role("heading", name="You cannot see this page").wait_for()
