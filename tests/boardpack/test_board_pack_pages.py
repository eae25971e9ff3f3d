"""Preparing the board pack: a service manager chooses a month, writes the commentary, makes the
PDF and follows its progress; board members download the PDFs made and can open nothing else;
everyone else is refused. Two people writing at once cannot overwrite each other."""

import io
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from boardpack.board import board_pack_make
from boardpack.board_pack import board_pack_commentary_save, board_pack_request
from boardpack.models import BoardPack, BoardPackFile, BoardPackFileState
from boardpack.tasks import make_board_pack
from dashboard.snapshots import month_start, previous_month
from tests.advisers.people import today, young_person

pytestmark = pytest.mark.django_db

FAKE_PDF = b"%PDF-1.7 made for the test"


@pytest.fixture
def month():
    return previous_month(today())


@pytest.fixture
def pack(staff, month):
    return board_pack_commentary_save(actor=staff["service"], month=month, version=1,
                                      commentary={"contact": "Two advisers joined."})


def made(pack, *, pdf=FAKE_PDF, finished_at=None, **fields) -> BoardPackFile:
    """A file already made (without running the worker)."""
    return BoardPackFile.objects.create(
        pack=pack, state=BoardPackFileState.DONE, progress=100, step="Ready", pdf=pdf,
        pdf_size=len(pdf), finished_at=finished_at or timezone.now(), **fields,
    )


def slug(day: date) -> str:
    return f"{day:%Y-%m}"


def month_url(day: date) -> str:
    return reverse("board-pack-month", args=[slug(day)])


def signed_in(client, user):
    client.force_login(user)
    return client


def posted(action="save", version=1, **commentary) -> dict:
    data = {"version": str(version), "action": action}
    data.update({f"commentary_{key}": text for key, text in commentary.items()})
    return data


# --- choosing a month and writing the commentary ------------------------------------------------

def test_the_month_chosen_by_default_is_last_month(client, staff, month):
    page = signed_in(client, staff["service"]).get(reverse("board-pack")).content.decode()

    assert re.search(rf'<option value="{slug(month)}"\s+selected>{month:%B %Y}</option>', page)
    assert f'<option value="{slug(month_start(today()))}"' in page


def test_choosing_a_month_opens_its_commentary(client, staff):
    response = signed_in(client, staff["service"]).get(reverse("board-pack"),
                                                       {"month": "2026-01"})

    assert response.status_code == 302
    assert response["Location"] == reverse("board-pack-month", args=["2026-01"])


def test_the_commentary_page_has_a_text_area_for_each_section(client, staff, month):
    page = signed_in(client, staff["service"]).get(month_url(month)).content.decode()

    for key, heading in [
        ("young_people", "Young people we support"), ("pathway_plans", "Pathway plans"),
        ("needs_assessments", "Needs assessments"), ("contact", "Keeping in touch"),
        ("accommodation", "Where they live"), ("eet", "Education, employment and training"),
        ("advisers", "Personal Advisers and stability"), ("authorisation", "Authorising plans"),
        ("local_offer", "The local offer"),
    ]:
        assert re.search(rf'<label for="id_commentary_{key}" class="govuk-label govuk-label--s">'
                         rf"\s*{heading}\s*</label>", page), heading
    assert page.count("<textarea") == 9
    assert "Save and make the PDF" in page and "Save commentary" in page
    assert "None yet." in page


def test_each_section_shows_the_month_s_figures_above_its_commentary(client, staff, teams):
    from eligibility.rules import Status

    for n in range(7):
        young_person(teams["north"], Status.FORMER_RELEVANT, first_name="Test", last_name=f"N{n}")
    page = signed_in(client, staff["service"]).get(month_url(month_start(today()))).content
    page = page.decode()

    figures = page.split('id="id_commentary_young_people"')[0].rsplit("The figures this", 1)[1]
    assert re.search(r"Former relevant: 18 to 20\s*</th>\s*<td[^>]*>7</td>", figures), figures
    assert page.count("The figures this commentary is about") == 9
    # Nothing in them names a young person.
    assert "Test" not in page.split("<form")[1].split("</form>")[0]


def test_a_service_manager_saves_the_commentary(client, staff, month):
    response = signed_in(client, staff["service"]).post(
        month_url(month), posted(pathway_plans="Three plans were late.\r\nWe acted."),
    )

    assert response.status_code == 302
    pack = BoardPack.objects.get(month=month)
    assert pack.commentary == {"pathway_plans": "Three plans were late.\nWe acted."}
    assert pack.version == 2
    assert pack.updated_by == staff["service"]
    assert pack.history.first().history_user == staff["service"]
    page = client.get(month_url(month)).content.decode()
    assert f"Commentary saved for {month:%B %Y}" in page
    assert "Three plans were late." in page


def test_commentary_that_is_too_long_is_refused_with_the_text_kept(client, staff, month):
    response = signed_in(client, staff["service"]).post(
        month_url(month), posted(contact="x" * 3001, accommodation="Kept text."),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "The commentary on keeping in touch must be 3000 characters or fewer" in page
    assert "Kept text." in page
    assert not BoardPack.objects.exists()


def test_a_stale_save_is_refused_and_keeps_what_was_typed(client, staff, month, pack):
    # Both read version 2; another service manager saves first.
    other = type(staff["service"]).objects.create_user(
        username="service2", full_name="Robin Other", role=staff["service"].role)
    board_pack_commentary_save(actor=other, month=month, version=2,
                               commentary={"contact": "Two advisers joined.",
                                           "accommodation": "Nobody is in B&B."})

    response = signed_in(client, staff["service"]).post(
        month_url(month), posted(version=2, contact="Two advisers joined in October."),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this commentary while you were writing" in page
    assert "Two advisers joined in October." in page  # what this manager typed, kept
    assert "What they changed" in page and "Nobody is in B&amp;B." in page
    assert 'name="version" value="3"' in page
    assert BoardPack.objects.get(month=month).commentary == {
        "contact": "Two advisers joined.", "accommodation": "Nobody is in B&B."}


@pytest.mark.parametrize("bad", ["2026-13", "26-01", "next", "2999-01"])
def test_a_month_that_does_not_exist_or_has_not_started_is_not_found(client, staff, bad):
    assert signed_in(client, staff["service"]).get(
        reverse("board-pack-month", args=[bad])).status_code == 404


# --- making the PDF and following it ------------------------------------------------------------

def test_save_and_make_queues_the_pdf_and_shows_its_progress(client, staff, month):
    response = signed_in(client, staff["service"]).post(
        month_url(month), posted(action="make", contact="In touch with nearly all."),
    )

    file = BoardPackFile.objects.get()
    assert response["Location"] == reverse("board-pack-progress", args=[file.pk])
    assert file.state == BoardPackFileState.QUEUED and file.requested_by == staff["service"]
    assert file.pack.commentary == {"contact": "In touch with nearly all."}
    page = client.get(response["Location"]).content.decode()
    assert '<progress class="app-progress" id="board-pack-progress" max="100" value="0">' in page
    assert '<label class="govuk-label govuk-label--s" for="board-pack-progress">' in page
    assert 'role="status" aria-live="polite" data-status>Waiting to start.</p>' in page
    assert "Refresh</a>" in page
    assert re.search(r'<div data-ready hidden>', page)
    assert 'src="/static/dist/progress.mjs" nonce="' in page
    assert client.get(reverse("board-pack-status", args=[file.pk])).json() == {
        "state": "queued", "progress": 0, "status_text": "Waiting to start.",
        "finished": False, "stuck": False, "download_url": None,
    }


def test_in_the_demo_the_pdf_is_made_inside_the_request(
    client, staff, month, django_capture_on_commit_callbacks
):
    # With no queue configured, tasks run in the web request once it commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(client, staff["service"]).post(
            month_url(month), posted(action="make", contact="Made in the request."))

    file = BoardPackFile.objects.get()
    assert file.state == BoardPackFileState.DONE
    status = client.get(reverse("board-pack-status", args=[file.pk])).json()
    assert status["finished"] and status["progress"] == 100
    assert status["status_text"] == "The PDF is ready."
    page = client.get(response["Location"]).content.decode()
    assert re.search(r'<div data-ready>\s*<a class="govuk-button"', page)
    pdf = client.get(status["download_url"])
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Made in the request." in text


def test_making_steps_through_the_figures_and_keeps_the_pdf(staff, pack, monkeypatch):
    file = board_pack_request(actor=staff["service"], pack=pack)
    seen = []
    monkeypatch.setattr("boardpack.board._progress", lambda file_id, **fields: (
        seen.append(fields), BoardPackFile.objects.filter(pk=file_id).update(**fields)))

    assert board_pack_make(file.pk) is True

    file.refresh_from_db()
    assert file.state == BoardPackFileState.DONE and file.progress == 100
    assert bytes(file.pdf).startswith(b"%PDF") and file.pdf_size == len(file.pdf)
    assert file.finished_at is not None
    steps = [fields["step"] for fields in seen if "step" in fields]
    assert steps[0].startswith("Working out the figures for")
    assert "Making the PDF" in steps and steps[-1] == "Ready"
    percents = [fields["progress"] for fields in seen if "progress" in fields]
    assert percents == sorted(percents) and percents[-1] == 100


def test_making_a_file_already_made_changes_nothing(staff, pack):
    file = made(pack, requested_by=staff["service"])

    assert board_pack_make(file.pk) is False

    file.refresh_from_db()
    assert bytes(file.pdf) == FAKE_PDF


def test_a_second_delivery_of_the_task_for_a_file_being_made_does_not_make_it_again(staff, pack):
    file = board_pack_request(actor=staff["service"], pack=pack)
    BoardPackFile.objects.filter(pk=file.pk).update(
        state=BoardPackFileState.RUNNING, progress=40, step="Working out the figures")

    assert make_board_pack(file.pk) == {"file": file.pk, "made": False}

    file.refresh_from_db()
    assert (file.state, file.progress, file.step) == (
        BoardPackFileState.RUNNING, 40, "Working out the figures")
    assert file.pdf is None


def test_a_second_delivery_of_the_task_for_a_file_made_does_not_make_it_again(staff, pack):
    file = board_pack_request(actor=staff["service"], pack=pack)
    assert make_board_pack(file.pk) == {"file": file.pk, "made": True}
    file.refresh_from_db()
    pdf, finished_at = bytes(file.pdf), file.finished_at

    assert make_board_pack(file.pk) == {"file": file.pk, "made": False}

    file.refresh_from_db()
    assert bytes(file.pdf) == pdf and file.finished_at == finished_at
    assert file.state == BoardPackFileState.DONE and file.step == "Ready"


def test_a_pdf_that_fails_says_so_and_offers_to_try_again(client, staff, pack, monkeypatch):
    file = board_pack_request(actor=staff["service"], pack=pack)

    def broken(*args, **kwargs):
        raise OSError("No fonts")

    monkeypatch.setattr("boardpack.board.render_pdf", broken)
    assert board_pack_make(file.pk) is False

    file.refresh_from_db()
    assert file.state == BoardPackFileState.FAILED and "No fonts" in file.error
    page = signed_in(client, staff["service"]).get(
        reverse("board-pack-progress", args=[file.pk])).content.decode()
    assert "The PDF could not be made. Try again." in page
    assert re.search(r"<div data-try-again>\s*<form", page)


def test_a_pdf_waiting_over_10_minutes_says_it_has_not_finished(client, staff, pack):
    file = board_pack_request(actor=staff["service"], pack=pack)
    BoardPackFile.objects.filter(pk=file.pk).update(
        requested_at=timezone.now() - timedelta(minutes=11))

    signed_in(client, staff["service"])
    page = client.get(reverse("board-pack-progress", args=[file.pk])).content.decode()
    status = client.get(reverse("board-pack-status", args=[file.pk])).json()

    assert "This has not finished. Try again." in page
    assert status["stuck"] and status["finished"]
    assert "Not finished" in client.get(month_url(pack.month)).content.decode()
    response = client.post(reverse("board-pack-make", args=[slug(pack.month)]))
    again = BoardPackFile.objects.exclude(pk=file.pk).get()
    assert response["Location"] == reverse("board-pack-progress", args=[again.pk])
    assert again.state == BoardPackFileState.QUEUED


def test_a_pdf_still_being_made_within_10_minutes_is_not_stuck(client, staff, pack):
    file = board_pack_request(actor=staff["service"], pack=pack)
    BoardPackFile.objects.filter(pk=file.pk).update(
        state=BoardPackFileState.RUNNING, progress=40, step="Working out the figures",
        requested_at=timezone.now() - timedelta(minutes=9))

    status = signed_in(client, staff["service"]).get(
        reverse("board-pack-status", args=[file.pk])).json()

    assert status["status_text"] == "Working out the figures (40% done)."
    assert not status["stuck"] and not status["finished"]


def test_every_pdf_made_for_the_month_is_listed_with_a_download(client, staff, pack):
    first = made(pack, requested_by=staff["service"],
                 requested_at=timezone.now() - timedelta(days=2))
    second = made(pack, requested_by=staff["service"], pdf=b"%PDF second")
    waiting = board_pack_request(actor=staff["service"], pack=pack)

    page = signed_in(client, staff["service"]).get(month_url(pack.month)).content.decode()

    for file in (first, second):
        assert reverse("board-pack-download", args=[file.pk]) in page
    assert reverse("board-pack-progress", args=[waiting.pk]) in page
    assert page.count(staff["service"].get_full_name()) >= 3
    assert client.get(reverse("board-pack-download", args=[first.pk])).content == FAKE_PDF


# --- board members ------------------------------------------------------------------------------

def test_a_board_member_downloads_the_packs_made(client, staff, pack, month):
    old = made(pack, finished_at=timezone.now() - timedelta(days=3))
    latest = made(pack, pdf=b"%PDF latest")
    other_month = board_pack_commentary_save(actor=staff["service"],
                                             month=previous_month(month), version=1,
                                             commentary={})
    board_pack_request(actor=staff["service"], pack=other_month)  # not made yet: not listed

    signed_in(client, staff["board"])
    page = client.get(reverse("board-packs")).content.decode()

    assert f"Board pack for {month:%B %Y} (PDF, 11" in page
    assert f"{previous_month(month):%B %Y}" not in page
    assert "Earlier versions" in page
    assert reverse("board-pack-download", args=[old.pk]) in page
    download = client.get(reverse("board-pack-download", args=[latest.pk]))
    assert download.status_code == 200 and download.content == b"%PDF latest"
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == (
        f'attachment; filename="corporate-parenting-board-{slug(month)}.pdf"')


def test_a_pack_not_yet_made_cannot_be_downloaded(client, staff, pack):
    waiting = board_pack_request(actor=staff["service"], pack=pack)

    for persona in ("board", "service"):
        assert signed_in(client, staff[persona]).get(
            reverse("board-pack-download", args=[waiting.pk])).status_code == 404


def test_a_board_member_finds_board_packs_from_home(client, staff):
    page = signed_in(client, staff["board"]).get(reverse("home")).content.decode()

    assert page.count(f'href="{reverse("board-packs")}"') == 2  # navigation and the page
    assert "No pack has been made yet." in client.get(reverse("board-packs")).content.decode()


def test_a_board_member_can_open_nothing_else(client, staff, teams, pack):
    file = made(pack)
    person = young_person(teams["north"])
    signed_in(client, staff["board"])

    for url in (reverse("board-pack"), month_url(pack.month),
                reverse("board-pack-progress", args=[file.pk]),
                reverse("board-pack-status", args=[file.pk]),
                reverse("dashboard"), reverse("reports"), reverse("young-person-search")):
        assert client.get(url).status_code == 403, url
    # A record they may not see is not there for them at all.
    assert client.get(reverse("young-person", args=[person.pk])).status_code == 404
    for url in (month_url(pack.month), reverse("board-pack-make", args=[slug(pack.month)])):
        assert client.post(url, posted(action="make")).status_code == 403, url
    assert BoardPackFile.objects.count() == 1
    assert BoardPack.objects.get().commentary == {"contact": "Two advisers joined."}


@pytest.mark.parametrize("persona", ["pa", "manager", "duty", "admin"])
def test_other_staff_are_refused_every_board_pack_page(client, staff, pack, persona):
    file = made(pack)
    signed_in(client, staff[persona])

    for url in (reverse("board-pack"), month_url(pack.month), reverse("board-packs"),
                reverse("board-pack-progress", args=[file.pk]),
                reverse("board-pack-status", args=[file.pk]),
                reverse("board-pack-download", args=[file.pk])):
        assert client.get(url).status_code == 403, url
    for url in (month_url(pack.month), reverse("board-pack-make", args=[slug(pack.month)])):
        assert client.post(url, posted(action="make")).status_code == 403, url
    assert BoardPackFile.objects.count() == 1
    page = client.get(reverse("home")).content.decode()
    assert reverse("board-packs") not in page and reverse("board-pack") not in page


def test_signing_in_is_needed_first(client, pack):
    file = made(pack)
    for url in (reverse("board-packs"), reverse("board-pack-download", args=[file.pk]),
                reverse("board-pack-status", args=[file.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


def test_the_reports_page_links_service_managers_to_the_board_pack(client, staff):
    page = signed_in(client, staff["service"]).get(reverse("reports")).content.decode()
    assert f'href="{reverse("board-pack")}"' in page
    page = signed_in(client, staff["manager"]).get(reverse("reports"))
    assert f'href="{reverse("board-pack")}"' not in page.content.decode()


# --- queries ------------------------------------------------------------------------------------

@pytest.mark.parametrize("files", [3, 30])
def test_the_board_packs_list_takes_the_same_queries_however_many_packs(
    client, staff, files, django_assert_max_num_queries
):
    for number in range(files):
        pack = board_pack_commentary_save(actor=staff["service"],
                                          month=date(2020, 1, 1) + timedelta(days=31 * number),
                                          version=1, commentary={})
        made(pack)
        made(pack)
    signed_in(client, staff["board"])

    # 1 the session, 2 the user, 3 the files made with their packs, 4-6 the session's idle
    # clock saved (savepoint, update, release).
    with django_assert_max_num_queries(6):
        response = client.get(reverse("board-packs"))
    assert response.content.decode().count("Earlier versions<span") == files


@pytest.mark.parametrize("files", [3, 30])
def test_the_commentary_page_takes_the_same_queries_however_many_pdfs(
    client, staff, pack, files, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from boardpack.board import month_figures

    for _ in range(files):
        made(pack, requested_by=staff["service"])
    signed_in(client, staff["service"])
    with CaptureQueriesContext(connection) as figures:
        month_figures(pack.month, today=today())

    # 1 the session, 2 the user, 3 the pack, 4 the month's snapshot, 5 the files with who asked
    # for them, 6-8 the session's idle clock saved; and the month's figures worked out from the
    # records (no snapshot kept), which take the same queries whatever the files.
    with django_assert_max_num_queries(8 + len(figures)):
        response = client.get(month_url(pack.month))
    assert response.content.decode().count("Download<span") == files


@pytest.mark.parametrize("packs", [3, 30])
def test_the_month_chooser_takes_the_same_queries_however_many_packs(
    client, staff, packs, django_assert_max_num_queries
):
    for number in range(packs):
        board_pack_commentary_save(actor=staff["service"],
                                   month=date(2020, 1, 1) + timedelta(days=31 * number),
                                   version=1, commentary={})
    signed_in(client, staff["service"])

    # 1 the session, 2 the user, 3 the packs with who saved them and how many PDFs each has,
    # 4-6 the session's idle clock saved.
    with django_assert_max_num_queries(6):
        response = client.get(reverse("board-pack"))
    assert response.content.decode().count("board-pack/20") == packs
