"""The board pack PDF, read back with pypdf: the numbers are `figures_for`'s, a number under 5
reads "fewer than 5", the commentary sits under its heading, the months compared come from the
figures kept for them, and no young person can be identified from it."""

import io
import re
from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from boardpack.board import board_pack_context, board_pack_render
from boardpack.board_pack import board_pack_commentary_save
from dashboard.figures import figures_for
from dashboard.models import MonthlySnapshot
from dashboard.snapshots import month_start, previous_month
from eligibility.rules import add_months
from tests.advisers.people import today, young_person
from tests.dashboard.board_caseload import board_caseload, dates_of_birth

pytestmark = pytest.mark.django_db

# One fixed day, so the caseload's ages, the months compared and so the PDF's layout are the same
# in every run, whatever the date and whatever ran before.
FIXED_DAY = datetime(2026, 3, 17, 10, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def _fixed_day():
    with time_machine.travel(FIXED_DAY, tick=False):
        yield


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"[ \t]+", " ", text)


def row(text: str, label: str) -> str:
    """What follows `label` on the first line that starts with it and goes on (a table row's
    cells, not the table's caption)."""
    for line in text.splitlines():
        cells = line.strip().removeprefix(label).strip()
        if line.strip().startswith(label) and cells:
            return cells
    raise AssertionError(f"No row {label!r} in the PDF")


@pytest.fixture
def caseload(teams, staff):
    return board_caseload(teams, staff)


@pytest.fixture
def this_month():
    return month_start(today())


def test_the_pack_shows_the_figures_and_suppresses_small_numbers(caseload, this_month):
    figures = figures_for(today())
    text = pdf_text(board_pack_render(this_month, commentary={}))

    # The caseload is as described (tests/dashboard/board_caseload.py) ...
    assert figures["young_people"]["total"] == 12
    assert figures["pathway_plans"]["up_to_date"] == 8
    assert figures["contact"]["within_standard"] == 9
    # ... and the pack shows figures_for's numbers, with percentages of the first line.
    shown = {
        "All young people we support": str(figures["young_people"]["total"]),
        "Former relevant: 18 to 20": f"{figures['young_people']['by_status']['former_relevant']}"
                                     " 67%",
        "Need a pathway plan ": str(figures["pathway_plans"]["required"]),
        "Plan up to date": f"{figures['pathway_plans']['up_to_date']} 67%",
        "We must keep in touch with": str(figures["contact"]["required"]),
        "In touch within the standard": f"{figures['contact']['within_standard']} 75%",
        "Aged 19 to 21": str(figures["eet_19_21"]["cohort"]),
        "Have a Personal Adviser": str(figures["stability"]["with_pa"]),
        "Need a plan and a needs assessment":
            str(figures["needs_assessments"]["required"]),
    }
    for label, cells in shown.items():
        assert row(text, label).startswith(cells + " "), label
    # 4 have no plan, 3 were never seen, 3 need a PA and have none: all under 5.
    assert figures["pathway_plans"]["none"] == 4
    for label in ("No authorised plan yet", "never seen or spoken to",
                  "Need a Personal Adviser and have none", "Relevant: 16 or 17 and left care"):
        assert row(text, label).startswith("fewer than 5 "), label
    assert not re.search(r"No authorised plan yet (4|33%)", text)


def test_the_pack_names_no_young_person_and_gives_no_identifier(caseload, this_month, staff):
    text = pdf_text(board_pack_render(this_month, commentary={}))
    flat = re.sub(r"\s+", " ", text)

    for person in caseload:
        for detail in (person.first_name, person.last_name, person.person_id, person.upn):
            assert detail not in flat, detail
    for written in dates_of_birth(caseload):
        assert written not in flat, written
    # Nor whose caseload is whose.
    for persona in ("pa", "manager"):
        assert staff[persona].get_full_name() not in flat


def test_the_commentary_appears_under_its_sections_heading(caseload, this_month, staff):
    pack = board_pack_commentary_save(
        actor=staff["service"], month=this_month, version=1,
        commentary={"pathway_plans": "Three plans were late because a manager was off sick.",
                    "contact": "Two advisers joined in October."},
    )
    text = pdf_text(board_pack_render(this_month, commentary=pack.commentary))

    plans = text.index("2. Pathway plans", text.index("Contents"))
    assert plans < text.index("Three plans were late because a manager was off sick.") < (
        text.index("Plan up to date", plans))
    assert text.index("4. Keeping in touch", plans) < text.index("Two advisers joined in October.")
    assert text.count("No commentary was written for this section.") == 7


def test_the_cover_gives_the_month_the_marking_and_the_council(caseload, this_month, settings):
    settings.COUNCIL_NAME = "Kirkwall & District Council"
    text = re.sub(r"\s+", " ", pdf_text(board_pack_render(this_month, commentary={})))

    assert f"Care leavers: the figures for {this_month:%B %Y}" in text
    assert "OFFICIAL – SENSITIVE" in text
    assert "Kirkwall & District Council" in text
    # The running head on every page: the council, the service, the board and the month.
    assert text.count(f"Kirkwall & District Council – Leaving care service Corporate Parenting "
                      f"Board – {this_month:%B %Y}") == len(re.findall(r"Page \d+ of", text))
    assert "worked out from the records" in text
    assert re.search(r"Page 1 of \d+", text)


def test_last_month_and_last_year_come_from_the_figures_kept_for_them(caseload, this_month):
    now = figures_for(today())
    before, year_before = previous_month(this_month), add_months(this_month, -12)
    MonthlySnapshot.objects.create(
        month=before, figures={**now, "young_people": {**now["young_people"], "total": 20}})
    MonthlySnapshot.objects.create(
        month=year_before, figures={**now, "young_people": {**now["young_people"], "total": 7},
                                    "stability": None})

    context = board_pack_context(this_month, commentary={}, today=today())

    rows = {row.label: row.cells for section in context["sections"]
            for table in section.tables for row in table.rows}
    assert rows["All young people we support"] == ["12", "", "20", "−8", "7", "+5"]
    assert rows["Have a Personal Adviser"][4:] == ["not kept", "not kept"]
    assert [m.source for m in context["months"]] == [
        "worked out from the records",
        f"as kept on {today().day} {today():%B %Y}",
        f"as kept on {today().day} {today():%B %Y}",
    ]
    text = pdf_text(board_pack_render(this_month, commentary={}))
    assert row(text, "All young people we support").startswith("12 20 −8 7 +5")


def test_the_pack_takes_the_same_queries_however_many_young_people(
    teams, staff, this_month, django_assert_max_num_queries
):
    for number in range(3):
        young_person(teams["north"], first_name=f"Small{number}")
    with django_assert_max_num_queries(60) as small:
        board_pack_context(this_month, commentary={}, today=today())
    for number in range(27):
        young_person(teams["south"], first_name=f"Large{number}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        board_pack_context(this_month, commentary={}, today=today())


def test_board_report_writes_the_pack_with_the_saved_commentary(caseload, this_month, staff,
                                                                tmp_path):
    board_pack_commentary_save(actor=staff["service"], month=this_month, version=1,
                               commentary={"accommodation": "Nobody is in bed and breakfast."})
    out = tmp_path / "pack.pdf"

    output = StringIO()
    call_command("board_report", "--month", f"{this_month:%Y-%m}", "--out", str(out),
                 stdout=output)

    text = re.sub(r"\s+", " ", pdf_text(out.read_bytes()))
    assert "Nobody is in bed and breakfast." in text
    assert f"the figures for {this_month:%B %Y}" in text
    assert f"Wrote the board pack for {this_month:%B %Y}" in output.getvalue()


@pytest.mark.parametrize("month, message", [
    ("2026-13", "YYYY-MM"), ("October 2026", "YYYY-MM"), ("26-10", "YYYY-MM"),
])
def test_board_report_refuses_a_month_it_cannot_read(month, message, tmp_path):
    with pytest.raises(CommandError, match=message):
        call_command("board_report", "--month", month, "--out", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_board_report_refuses_a_month_that_has_not_started(tmp_path):
    next_month = add_months(month_start(today()), 1) + timedelta(days=0)
    with pytest.raises(CommandError, match="has not started"):
        call_command("board_report", "--month", f"{next_month:%Y-%m}",
                     "--out", str(tmp_path / "x.pdf"))
