"""Ofsted's Annex A, List 9: leaving care services (DOMAIN.md §4), as CSV and as a workbook.

Inspectors ask for the list on the first morning of an inspection (ILACS, Annex A). It is a
statutory list of every young person the service supports on the date: everyone whose status
is not "not entitled", as the figures count `young_people.total`. Being a return made for Ofsted
by a service manager, it covers the whole service and includes restricted records, which no
member of staff's own lists do.

Columns are Annex A's, in its order and with its headings. Each value is asked of the package
that owns it, by the definition the rest of the service uses:
- eligibility category: the status label (`eligibility`);
- allocated Personal Adviser: the current Personal Adviser; allocated worker: the colleague
  covering for them if there is one, otherwise the Personal Adviser (`advisers`);
- latest pathway plan review date: when the review of the latest authorised plan was held
  (`pathways.selectors.with_plan_dates`, kept in the standing for today);
- LA in touch: within the keep-in-touch standard as the dashboard counts it
  (`dashboard.figures.contact_group`); blank for those with no standard (qualifying young
  people, to whom the council gives advice and assistance only);
- latest date of contact: the last time they were seen or spoken to;
- type and suitability of accommodation: the place lived in on the date and the outcome of its
  latest assessment by then, blank if not assessed (`accommodation.selectors`);
- activity status: the activity covering the date, with its DfE ACTIV code (`eet.selectors`).

Dates are dd/mm/yyyy in the CSV and real dates in the workbook. Status is the status on the date
(`eligibility.selectors.statuses_on`, as the figures take it). For today every value but the
covering colleague is read from each young person's standing (`standing`), which is kept as
their records change; for an earlier date from the records as they stood. A fixed number of
queries however many young people (more for an earlier date, when statuses are decided again
from care histories).
"""

import io
from dataclasses import astuple, dataclass
from datetime import date

from django.db.models import F
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from accommodation.rules import AccommodationType, Suitability
from accommodation.selectors import suitability_on, with_accommodation_on
from advisers.selectors import current_cover_name, current_pa_name, last_in_touch_at
from careleavers.models import Sex, YoungPerson
from careleavers.spreadsheets import csv_writer, looks_like_formula
from dashboard.figures import contact_group
from eet.rules import ActivityCode
from eet.selectors import with_activity_on
from eligibility.rules import Status, age_on
from eligibility.selectors import StatusesOn, statuses_on
from pathways.selectors import with_plan_dates

SHEET_TITLE = "List 9 - Leaving care services"
DATE_FORMAT = "dd/mm/yyyy"

YES, NO = "Yes", "No"

#: Annex A's List 9 headings, in order, each with the field of `List9Row` that fills it and the
#: width of its column in the workbook.
COLUMNS = (
    ("child_id", "Child Unique ID", 16),
    ("gender", "Gender", 10),
    ("ethnicity", "Ethnicity", 10),
    ("date_of_birth", "Date of Birth", 13),
    ("age", "Age of Child (Years)", 10),
    ("uasc", "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
     16),
    ("disability", "Does the Child have a Disability", 14),
    ("allocated_team", "Allocated Team", 20),
    ("allocated_worker", "Allocated Worker", 22),
    ("allocated_personal_adviser", "Allocated Personal Advisor", 22),
    ("eligibility_category", "Eligibility Category", 30),
    ("latest_pathway_plan_review", "Latest Pathway Plan Review Date", 16),
    ("la_in_touch", "LA In Touch", 10),
    ("latest_contact", "Latest Date of Contact", 14),
    ("accommodation_type", "Type of Accommodation", 36),
    ("accommodation_suitability", "Suitability of Accommodation", 16),
    ("activity_status", "Activity Status", 40),
)
HEADINGS = [heading for _, heading, _ in COLUMNS]


@dataclass(frozen=True)
class List9Row:
    """One young person's line, with typed values (dates as dates, age as a number); blank
    text where nothing is recorded."""

    child_id: str
    gender: str
    ethnicity: str
    date_of_birth: date
    age: int
    uasc: str
    disability: str
    allocated_team: str
    allocated_worker: str
    allocated_personal_adviser: str
    eligibility_category: str
    latest_pathway_plan_review: date | None
    la_in_touch: str
    latest_contact: date | None
    accommodation_type: str
    accommodation_suitability: str
    activity_status: str

    def values(self) -> tuple:
        return astuple(self)


#: Every status that brings leaving care services (DOMAIN.md §1): all but "not entitled".
SUPPORTED_STATUSES = tuple(s for s in Status if s != Status.NOT_ENTITLED)


def list_9_people(statuses: StatusesOn):
    """Everyone the service supports by their status on the date (`statuses`), whole service,
    restricted records included."""
    return statuses.having(YoungPerson.objects.all(), SUPPORTED_STATUSES)


def statuses_for_list(on: date) -> StatusesOn:
    """Everyone's status on the date, as the figures take it."""
    return statuses_on(YoungPerson.objects.all(), on=on)


def _yes_no(value: bool) -> str:
    return YES if value else NO


def _in_touch(pk: int, groups: dict) -> str:
    if pk not in groups["required"]:
        return ""
    return _yes_no(pk in groups["within_standard"])


def _coded(choices, code: str | None) -> str:
    """'F2: Other education, full time', or '' when nothing is recorded."""
    return f"{code}: {choices(code).label}" if code else ""


def list_9_rows(on: date | None = None) -> list[List9Row]:
    """The list as it stood on `on` (today unless given), ordered by child ID: for today from
    each young person's standing, for an earlier day from the records as they stood then (the
    same values, by `tests/returns/test_annex_a.py`)."""
    on = on or timezone.localdate()
    read = _from_standing if on >= timezone.localdate() else _from_records
    return list_9_lines(on, read)


def list_9_lines(on: date, read) -> list[List9Row]:
    """The list on `on`, each young person's values read by `read(people, on)`
    (`_from_standing` or `_from_records`)."""
    statuses = statuses_for_list(on)
    people = list_9_people(statuses)
    in_touch = contact_group(on, people, statuses)
    return [_row(row, on=on, status=row.get("status") or statuses.get(row["pk"]),
                 in_touch=in_touch)
            for row in read(people, on)]


_PERSON = ("pk", "person_id", "sex", "ethnicity", "date_of_birth", "uasc", "disability",
           "team__name", "personal_adviser_name", "cover_name")


def _from_standing(people, on: date) -> list[dict]:
    return list(
        people.annotate(
            status=F("statutory_status__status"),
            personal_adviser_name=F("standing__adviser__full_name"),
            cover_name=current_cover_name(today=on),
            plan_review_held_on=F("standing__plan_review_held_on"),
            last_in_touch_on=F("standing__last_in_touch_on"),
            accommodation_type=F("standing__place_type"),
            suitability=F("standing__place_suitability"),
            activity_code=F("standing__activity_code"),
        )
        .order_by("person_id", "pk")
        .values(*_PERSON, "status", "plan_review_held_on", "last_in_touch_on",
                "accommodation_type", "suitability", "activity_code")
    )


def _from_records(people, on: date) -> list[dict]:
    rows = list(
        with_activity_on(
            with_accommodation_on(with_plan_dates(people, as_of=on), on=on), on=on,
        )
        .annotate(
            personal_adviser_name=current_pa_name(today=on),
            cover_name=current_cover_name(today=on),
            last_in_touch_at=last_in_touch_at(on=on),
        )
        .order_by("person_id", "pk")
        .values(*_PERSON, "plan_review_held_on", "last_in_touch_at", "accommodation_episode_id",
                "accommodation_type", "activity_code")
    )
    outcomes = suitability_on([row["accommodation_episode_id"] for row in rows], on=on)
    for row in rows:
        last = row.pop("last_in_touch_at")
        row["last_in_touch_on"] = timezone.localtime(last).date() if last else None
        row["suitability"] = outcomes.get(row.pop("accommodation_episode_id"))
    return rows


def _row(row: dict, *, on: date, status: str, in_touch: dict) -> List9Row:
    outcome = row["suitability"]
    return List9Row(
        child_id=row["person_id"],
        gender=Sex(row["sex"]).label,
        ethnicity=row["ethnicity"],
        date_of_birth=row["date_of_birth"],
        age=age_on(row["date_of_birth"], on),
        uasc=_yes_no(row["uasc"]),
        disability=_yes_no(row["disability"]),
        allocated_team=row["team__name"],
        allocated_worker=row["cover_name"] or row["personal_adviser_name"] or "",
        allocated_personal_adviser=row["personal_adviser_name"] or "",
        eligibility_category=Status(status).label,
        latest_pathway_plan_review=row["plan_review_held_on"],
        la_in_touch=_in_touch(row["pk"], in_touch),
        latest_contact=row["last_in_touch_on"],
        accommodation_type=_coded(AccommodationType, row["accommodation_type"]),
        accommodation_suitability=Suitability(outcome).label if outcome else "",
        activity_status=_coded(ActivityCode, row["activity_code"]),
    )


def filename(on: date, extension: str) -> str:
    """No names of people in it: the file may be attached to emails."""
    return f"annex-a-list-9-{on.isoformat()}.{extension}"


def _text(value) -> str:
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return "" if value is None else str(value)


def write_csv(rows: list[List9Row], out) -> None:
    """The headings, then one line for each young person, to a text file."""
    writer = csv_writer(out)
    writer.writerow(HEADINGS)
    for row in rows:
        writer.writerow([_text(value) for value in row.values()])


def workbook_bytes(rows: list[List9Row]) -> bytes:
    """An .xlsx workbook: the headings in bold in a row that stays in view, a filter on every
    column, widths to fit, and dates as Excel dates shown dd/mm/yyyy."""
    # Write-only keeps memory flat for a service of thousands.
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET_TITLE)
    sheet.freeze_panes = "A2"
    for number, (_, _, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    sheet.append([_heading(sheet, heading) for heading in HEADINGS])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row.values()])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _heading(sheet, heading: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=heading)
    cell.font = Font(bold=True)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _cell(sheet, value):
    if value == "":
        return None  # an empty cell, not an empty string
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if looks_like_formula(value):
        # Kept as the text typed: a workbook cell can say it holds text, so no apostrophe.
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value
