"""Bringing a council's own SSDA903 returns over: `import_903 DIR [DIR …]` (INTERFACES.md §4).

Each folder holds one collection year's tables in the DfE's format, each file recognised by its
columns, not its name: the Header (CHILD, SEX, DOB, ETHNIC, UPN, MOTHER, MC_DOB), the episodes
of care (CHILD, DECOM, RNE, LS, CIN, PLACE, PLACE_PROVIDER, DEC, REC, REASON_PLACE_CHANGE,
HOME_POST, PL_POST, URN) and the care leaver table, OC3 (CHILD, DOB, IN_TOUCH, ACTIV, ACCOM).
Dates are dd/mm/yyyy. The care leaver table does not say which birthday a row is about, so the
folder is named by the collection year it holds (`2024` or `2023-24`, the year ending 31 March
2024).

What each table becomes, through the same services as the forms (the history rows name the
import, as `import_records` does):

- Header: the young person, keyed by CHILD (the council ID): date of birth, sex (1 or 2 before
  2024-25, M, F or U since; blank is not known), ethnicity and UPN. Someone new gets the team
  given, and "Not recorded" for a first name until someone adds it; their CHILD is the last name.
  MOTHER and MC_DOB are the health record's, which the return does not give enough to fill.
- Episodes: the care periods. Consecutive episodes with no gap (one starting on the day the one
  before ceased) are one period looked after; an episode with legal status V3 or V4 is a
  pre-planned short break (CPPCR reg 48), and short breaks are kept apart from other care. DEC
  is the day after the last day looked after (`returns_903`), so a period ends the day before
  its last episode's DEC; a period whose last episode has no DEC is still open.
- Care leaver table: around each birthday it is about, where nothing is recorded yet (the
  records give IN_TOUCH NO, `returns.dfe`), what the return said of contact: YES a contact they
  spoke at on the birthday, REFU a contact they refused, NREQ that they said they no longer want
  support, RHOM that they went home to their parents 6 months before the birthday (the latest
  date the code allows). And, if they were in touch, what they were doing (ACTIV) and where
  they lived (ACCOM, with its suitability as judged then) on the birthday itself, where nothing
  is recorded for that day. DIED is not recorded by the product.

Years that overlap are reconciled: an episode in a later year's file replaces any earlier
year's episode for the same child that shares a day with it, and the header row of the later
year is the one kept; each replacement that changes something is reported.

Statuses, standings and alerts are never imported: the services decide them again from the
facts, once for each young person changed (`changes_collected`).
"""

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.db.models.functions import Upper
from django.utils import timezone

from accommodation.models import AccommodationEpisode
from accommodation.rules import AccommodationType
from accommodation.services import accommodation_record, suitability_record_judgement
from advisers.models import Allocation, ContactOutcome, ContactType
from advisers.services import contact_record
from careleavers.csv_import import ImportContext, ImportFile, Row, duplicate_keys, read_file
from careleavers.dates import format_dfe_date
from careleavers.models import Ethnicity, Sex, Team, User, YoungPerson
from careleavers.services import young_person_create, young_person_update
from eet.models import ActivityEpisode
from eet.rules import ActivityCode
from eet.services import activity_record
from eligibility.models import CareFacts, CarePeriod, SupportChoiceKind
from eligibility.rules import RETURN_HOME_MONTHS, add_months, birthday
from eligibility.services import (
    care_facts_update,
    care_period_add,
    care_period_update,
    support_choice_record,
)

from .dfe import InTouch, dfe_views
from .models import Episode903
from .returns_903 import EPISODES_COLUMNS, HEADER_COLUMNS, OC3_AGES, OC3_COLUMNS, collection_year
from .services import EPISODE_CODES, episodes_903_keep

#: The three tables, each recognised by its columns.
TABLES = {"header": HEADER_COLUMNS, "episodes": EPISODES_COLUMNS, "oc3": OC3_COLUMNS}
TABLE_NAMES = {"header": "the header", "episodes": "the episodes",
               "oc3": "the care leaver table"}

#: Legal statuses of a pre-planned short break (CPPCR reg 48).
SHORT_BREAK_LEGAL_STATUSES = frozenset({"V3", "V4"})

#: SEX as the DfE has written it over the years: 1 and 2 until 2023-24, M, F and U from 2024-25.
SEX_CODES = {"1": Sex.MALE, "2": Sex.FEMALE, "M": Sex.MALE, "F": Sex.FEMALE, "U": Sex.UNKNOWN,
             "": Sex.UNKNOWN}

#: The DfE's reasons for having no UPN (UN1 to UN10): many children share each one.
UPN_REASON = re.compile(r"^UN\d{1,2}$")
DFE_DATE = re.compile(r"^\d{2}/\d{2}/\d{4}$")
FOLDER_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:[-_](\d{2})(?!\d))?(?!\d)")
ACCOM = re.compile(r"^([A-Z])([12])$")

NOT_RECORDED_NAME = "Not recorded"
FROM_THE_RETURN = "From the council's SSDA903 return for {year}: {what}."
#: A day's contact from the return is recorded at midday.
CONTACT_TIME = time(12, 0)


def year_label(year: int) -> str:
    return f"{year - 1}-{year % 100:02d}"


def folder_year(name: str) -> int | None:
    """The collection year a folder's name gives (`2024` or `2023-24`: the year ending 31 March
    2024), or None."""
    found = list(FOLDER_YEAR.finditer(name))
    if not found:
        return None
    first, second = found[-1].group(1), found[-1].group(2)
    if second is not None and (int(first) + 1) % 100 == int(second):
        return int(first) + 1
    return int(first)


def dfe_date(row: Row, column: str, *, required: bool = False) -> date | None:
    value = row.text(column, required=required)
    if not value:
        return None
    if DFE_DATE.match(value):
        day, month, year = (int(part) for part in value.split("/"))
        try:
            return date(year, month, day)
        except ValueError:
            pass
    row.error(column, f"'{value}' is not a real date as dd/mm/yyyy")
    return None


@dataclass
class Folder:
    path: Path
    label: str
    year: int
    position: int
    tables: dict[str, list[Row]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # table: the file it was found in


@dataclass
class HeaderRow:
    row: Row
    folder: Folder
    child: str
    values: dict  # date_of_birth, sex, ethnicity, upn


@dataclass
class Episode:
    row: Row
    folder: Folder
    child: str
    started: date  # DECOM
    ceased: date | None  # DEC: the day after the last day looked after; None if still open
    short_break: bool
    legal_status: str
    codes: dict  # the DfE's other codes, by the Episode903 field that keeps them

    def overlaps(self, other: "Episode") -> bool:
        return ((other.ceased is None or self.started < other.ceased)
                and (self.ceased is None or other.started < self.ceased))

    @property
    def where(self) -> str:
        return f"{self.row.file.name}:{self.row.line}"


@dataclass
class Period:
    child: str
    start_on: date
    end_on: date | None
    short_break: bool
    row: Row  # the first episode's, where a refusal is reported


@dataclass
class CareLeaverRow:
    row: Row
    folder: Folder
    child: str
    date_of_birth: date
    birthday_on: date
    age: int
    in_touch: str
    activ: str  # an ACTIV code, or "" for none given
    accom: str  # a type letter and suitability digit, or "" for none given


@dataclass
class Tally:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


class Import903:
    """One run of `import_903` over `paths` (each a year's folder). `check()` reads every file
    and refuses what cannot be right whatever is held; `load()` then writes, in the caller's
    transaction and inside `changes_collected()`. Errors collect on `ctx` as
    `file.csv:LINE: column: message`; `notes` say what was reconciled between years and what
    the product does not record."""

    def __init__(self, paths: list[Path], *, today: date, team: Team | None = None,
                 recorded_by: User | None = None):
        self.paths = paths
        self.today = today
        self.team = team
        self.recorded_by = recorded_by
        self.ctx = ImportContext(today=today)
        self.notes: list[str] = []
        self.skipped: list[str] = []
        self.folders: list[Folder] = []
        self.headers: dict[str, HeaderRow] = {}  # by CHILD, upper-cased: the latest year's row
        self.periods: dict[str, list[Period]] = {}
        self.episodes: dict[str, list[Episode]] = {}  # by CHILD, upper-cased, as reconciled
        self.care_leaver_rows: list[CareLeaverRow] = []
        self.people = Tally()
        self.care_periods = Tally()
        self.birthdays = Tally()
        self.episode_codes = Tally()  # young people whose episodes' codes were kept
        self.without_care_history: list[str] = []

    # Reading ------------------------------------------------------------------------------

    def check(self) -> None:
        for position, path in enumerate(self.paths):
            self._read_folder(path, position)
        if self.ctx.errors:
            return  # a broken header makes every later row look wrong: fix those first
        self.folders.sort(key=lambda f: (f.year, f.position))
        self._check_headers()
        self._check_episodes()
        self._check_care_leavers()

    def _read_folder(self, path: Path, position: int) -> None:
        label = path.name or str(path)
        if not path.is_dir():
            self.ctx.error(str(path), 1, "-", "This is not a folder")
            return
        year = folder_year(path.resolve().name)
        if year is None:
            self.ctx.error(label, 1, "-", "Name the folder by the collection year it holds, "
                           "such as 2024 or 2023-24 for April 2023 to March 2024: the care "
                           "leaver table does not say which birthday each row is about")
            return
        if any(f.year == year for f in self.folders):
            self.ctx.error(label, 1, "-", f"Two folders hold {year_label(year)}: give each "
                                          "year once")
            return
        folder = Folder(path=path, label=label, year=year, position=position)
        self.folders.append(folder)
        found: dict[str, str] = {}
        for csv_path in sorted(path.glob("*.csv")):
            name = f"{label}/{csv_path.name}"
            columns = _columns_of(csv_path)
            table = next((table for table, wanted in TABLES.items()
                          if set(wanted) <= set(columns)), None)
            if table is None:
                self.skipped.append(f"{name}: not a table of the 903 return (by its columns); "
                                    "left alone")
                continue
            if table in found:
                self.ctx.error(name, 1, "-", f"{found[table]} in the same folder has the same "
                                             "columns: give each table once a year")
                continue
            found[table] = name
            spec = ImportFile(
                name=name, order=position, required=False, columns=TABLES[table],
                optional_columns=tuple(c for c in columns if c not in TABLES[table]),
                key_column="CHILD", load=lambda rows, ctx: None,
            )
            rows = read_file(csv_path, spec, self.ctx)
            if rows is not None:
                folder.tables[table] = rows
                folder.files[table] = csv_path.name
        if not found:
            self.ctx.error(label, 1, "-", "No 903 table found in this folder: the files are "
                                          "recognised by their columns")

    def _check_headers(self) -> None:
        by_upn: dict[str, list[HeaderRow]] = defaultdict(list)
        for folder in self.folders:
            rows = duplicate_keys(folder.tables.get("header", []),
                                  lambda r: (r.text("CHILD").upper(),), column="CHILD")
            for row in rows:
                header = self._header_row(row, folder)
                if header is None:
                    continue
                if header.values["upn"] and not UPN_REASON.match(header.values["upn"]):
                    by_upn[header.values["upn"]].append(header)
                earlier = self.headers.get(header.child.upper())
                if earlier is not None and earlier.values != header.values:
                    self.notes.append(
                        f"{row.file.name}:{row.line}: CHILD {header.child}: this year's header "
                        f"replaces {earlier.row.file.name}:{earlier.row.line} (the later year's "
                        "is kept)")
                self.headers[header.child.upper()] = header
        for upn, headers in by_upn.items():
            children = {h.child.upper() for h in headers}
            if len(children) < 2:
                continue
            for header in headers:
                others = ", ".join(
                    f"CHILD {o.child} on {o.row.file.name}:{o.row.line}" for o in headers
                    if o.child.upper() != header.child.upper())
                header.row.error("UPN", f"{upn} is also given for {others}: each child has "
                                        "their own UPN")

    def _header_row(self, row: Row, folder: Folder) -> HeaderRow | None:
        child = row.text("CHILD", required=True)
        date_of_birth = dfe_date(row, "DOB", required=True)
        sex_text = row.text("SEX").upper()
        if sex_text not in SEX_CODES:
            row.error("SEX", f"'{sex_text}' must be 1 or 2 (before 2024-25), M, F or U")
        ethnicity = row.choice("ETHNIC", Ethnicity,
                               what="a DfE ethnicity code (such as WBRI, BAFR, or NOBT if not "
                                    "yet obtained)")
        upn = row.text("UPN").upper()
        if len(upn) > YoungPerson._meta.get_field("upn").max_length:
            row.error("UPN", f"'{upn}' is longer than a UPN (13 characters)")
        if not row.ok:
            return None
        return HeaderRow(row=row, folder=folder, child=child, values={
            "date_of_birth": date_of_birth, "sex": SEX_CODES[sex_text], "ethnicity": ethnicity,
            "upn": upn,
        })

    def _check_episodes(self) -> None:
        by_child: dict[str, list[Episode]] = defaultdict(list)
        for folder in self.folders:
            in_file: dict[str, list[Episode]] = defaultdict(list)
            rows = duplicate_keys(folder.tables.get("episodes", []),
                                  lambda r: (r.text("CHILD").upper(), r.text("DECOM")),
                                  column="DECOM")
            for row in rows:
                child = row.text("CHILD", required=True)
                started = dfe_date(row, "DECOM", required=True)
                ceased = dfe_date(row, "DEC")
                legal_status = row.text("LS", required=True).upper()
                codes = {}
                for column, name in EPISODE_CODES.items():
                    value = row.text(column).upper()
                    longest = Episode903._meta.get_field(name).max_length
                    if len(value) > longest:
                        row.error(column, f"'{value}' is longer than a {column} code can be "
                                          f"({longest} characters)")
                    codes[name] = value
                if started and ceased and ceased <= started:
                    row.error("DEC", "The episode must cease after the day it started (DECOM)")
                if not row.ok:
                    continue
                episode = Episode(row=row, folder=folder, child=child, started=started,
                                  ceased=ceased, legal_status=legal_status, codes=codes,
                                  short_break=legal_status in SHORT_BREAK_LEGAL_STATUSES)
                clash = next((e for e in in_file[child.upper()] if e.overlaps(episode)), None)
                if clash is not None:
                    row.error("DECOM", f"This episode shares days with the one on line "
                                       f"{clash.row.line}: a child has one episode at a time")
                    continue
                in_file[child.upper()].append(episode)
            for child, episodes in in_file.items():
                by_child[child].extend(episodes)
        for child, episodes in by_child.items():
            kept = self._reconciled(episodes)
            self.episodes[child] = kept
            self.periods[child] = _periods(kept)

    def _reconciled(self, episodes: list[Episode]) -> list[Episode]:
        """The later year's episode wins over any earlier one it shares a day with."""
        kept: list[Episode] = []
        for episode in sorted(episodes, key=lambda e: -self.folders.index(e.folder)):
            later = [k for k in kept if k.overlaps(episode)]
            if not later:
                kept.append(episode)
                continue
            same = (len(later) == 1 and later[0].started == episode.started
                    and later[0].ceased == episode.ceased and later[0].codes == episode.codes)
            if not same:
                self.notes.append(
                    f"{', '.join(k.where for k in later)}: CHILD {episode.child}: the later "
                    f"year's episode replaces {episode.where} (from "
                    f"{format_dfe_date(episode.started)}"
                    f"{' to ' + format_dfe_date(episode.ceased) if episode.ceased else ''})")
        return sorted(kept, key=lambda e: e.started)

    def _check_care_leavers(self) -> None:
        for folder in self.folders:
            first, last = collection_year(folder.year)
            rows = duplicate_keys(folder.tables.get("oc3", []),
                                  lambda r: (r.text("CHILD").upper(),), column="CHILD")
            for row in rows:
                child = row.text("CHILD", required=True)
                date_of_birth = dfe_date(row, "DOB", required=True)
                in_touch = row.choice("IN_TOUCH", InTouch)
                activ = row.text("ACTIV").upper()
                if activ not in ("", "0") and activ not in ActivityCode.values:
                    row.error("ACTIV", f"'{activ}' is not a DfE activity code (F1, P1, F2, P2, "
                                       "F4, P4, F5, P5, G4, G5, G6, or 0 if not in touch)")
                accom = row.text("ACCOM").upper()
                found = ACCOM.match(accom)
                if accom not in ("", "0") and (
                        found is None or found.group(1) not in AccommodationType.values):
                    row.error("ACCOM", f"'{accom}' is not a DfE accommodation code: a letter "
                                       f"({', '.join(AccommodationType.values)}) and 1 if "
                                       "suitable or 2 if not, or 0 if not in touch")
                header = self.headers.get(child.upper())
                if (header is not None and date_of_birth
                        and header.values["date_of_birth"] != date_of_birth):
                    row.error("DOB", f"The header ({header.row.file.name}:{header.row.line}) "
                                     f"gives {format_dfe_date(header.values['date_of_birth'])}")
                if not row.ok:
                    continue
                ages = [age for age in OC3_AGES
                        if first <= birthday(date_of_birth, age) <= last]
                if not ages:
                    row.error("DOB", f"They were not 17 to 21 in {year_label(folder.year)}, the "
                                     "year the folder is named for")
                    continue
                birthday_on = birthday(date_of_birth, ages[0])
                if birthday_on > self.today:
                    row.error("DOB", "Their birthday in this year is still to come")
                    continue
                self.care_leaver_rows.append(CareLeaverRow(
                    row=row, folder=folder, child=child, date_of_birth=date_of_birth,
                    birthday_on=birthday_on, age=ages[0], in_touch=in_touch,
                    activ="" if activ == "0" else activ, accom="" if accom == "0" else accom,
                ))

    # Writing ------------------------------------------------------------------------------

    def load(self) -> None:
        """Write everything checked, in the caller's transaction. A few reads for everyone,
        then a service call for each change."""
        children = ({key for key in self.headers} | set(self.periods)
                    | {c.child.upper() for c in self.care_leaver_rows})
        held = {
            person.key: person for person in YoungPerson.objects.annotate(key=Upper("person_id"))
            .filter(key__in=children)
        }
        self._load_young_people(held)
        self._load_care_periods(held)
        self._load_episodes(held)
        self._load_care_leavers(held)
        periods_held = set(CarePeriod.objects.filter(
            young_person__in=[held[c] for c in children if c in held]
        ).values_list("young_person_id", flat=True))
        self.without_care_history = sorted(
            held[c].person_id for c in children if c in held and held[c].pk not in periods_held)

    def _load_young_people(self, held: dict[str, YoungPerson]) -> None:
        upns = {h.values["upn"] for h in self.headers.values()
                if h.values["upn"] and not UPN_REASON.match(h.values["upn"])}
        upn_holders = defaultdict(list)
        for person in YoungPerson.objects.filter(upn__in=upns).only("person_id", "upn"):
            upn_holders[person.upn.upper()].append(person.person_id)
        for key, header in self.headers.items():
            row = header.row
            others = [p for p in upn_holders.get(header.values["upn"], []) if p.upper() != key]
            if others:
                row.error("UPN", f"{header.values['upn']} is already the UPN of "
                                 f"{', '.join(others)}: each child has their own UPN")
                continue
            existing = held.get(key)
            if existing is None:
                if self.team is None:
                    row.error("CHILD", "A young person new to the service needs a team: give "
                                       "--team TEAM_ID")
                    continue
                done = row.call(
                    young_person_create, columns={"date_of_birth": "DOB", "sex": "SEX",
                                                  "ethnicity": "ETHNIC", "upn": "UPN"},
                    actor=None, today=self.today, person_id=header.child,
                    first_name=NOT_RECORDED_NAME, last_name=header.child, team=self.team,
                    **header.values,
                )
                if done is not None:
                    held[key] = done
                    self.people.added += 1
                continue
            changed = {name: value for name, value in header.values.items()
                       if getattr(existing, name) != value}
            if not changed:
                self.people.unchanged += 1
                continue
            done = row.call(young_person_update,
                            columns={"date_of_birth": "DOB", "sex": "SEX", "ethnicity": "ETHNIC",
                                     "upn": "UPN"},
                            actor=None, young_person=existing, version=existing.version,
                            today=self.today, **changed)
            if done is not None:
                held[key] = done
                self.people.updated += 1

    def _load_care_periods(self, held: dict[str, YoungPerson]) -> None:
        known = {key: held[key] for key in self.periods if key in held}
        recorded = defaultdict(dict)
        for period in CarePeriod.objects.filter(young_person__in=known.values()):
            recorded[period.young_person_id][period.start_on] = period
        columns = {"start_on": "DECOM", "end_on": "DEC", "short_break": "LS"}
        for key, periods in self.periods.items():
            young_person = known.get(key)
            if young_person is None:
                if key not in self.headers:  # a header row that failed has said why
                    periods[0].row.error("CHILD", f"{periods[0].child} is in no header table "
                                                  "and not already here")
                continue
            for period in periods:
                current = _held_period_of(period, recorded[young_person.pk].values())
                if current is None:
                    done = period.row.call(
                        care_period_add, columns=columns, actor=None, young_person=young_person,
                        start_on=period.start_on, end_on=period.end_on,
                        short_break=period.short_break, today=self.today)
                    tally = "added"
                elif (current.end_on, current.short_break) == (period.end_on,
                                                                period.short_break):
                    self.care_periods.unchanged += 1
                    continue
                else:
                    done = period.row.call(
                        care_period_update, columns=columns, actor=None, period=current,
                        start_on=current.start_on, end_on=period.end_on,
                        short_break=period.short_break, today=self.today)
                    tally = "updated"
                if done is not None:
                    setattr(self.care_periods, tally, getattr(self.care_periods, tally) + 1)

    def _load_episodes(self, held: dict[str, YoungPerson]) -> None:
        """The DfE's codes of each episode, for the product's own return to give back. One
        read for everyone; the service is called only for a young person whose differ."""
        people = {held[key].pk: key for key in self.episodes if key in held}
        kept = defaultdict(dict)
        for episode in Episode903.objects.filter(young_person_id__in=people).values(
                "young_person_id", "started_on", "ceased_on", *EPISODE_CODES.values()):
            kept[people[episode.pop("young_person_id")]][episode["started_on"]] = episode
        for key, episodes in self.episodes.items():
            if key not in held:
                continue  # reported with the care periods
            wanted = [{"started_on": e.started, "ceased_on": e.ceased, **e.codes}
                      for e in episodes]
            if all(kept[key].get(values["started_on"]) == values for values in wanted):
                self.episode_codes.unchanged += 1
                continue
            if episodes[0].row.call(episodes_903_keep, actor=None, young_person=held[key],
                                    episodes=wanted) is not None:
                self.episode_codes.updated += 1

    def _load_care_leavers(self, held: dict[str, YoungPerson]) -> None:
        rows = sorted((r for r in self.care_leaver_rows if r.child.upper() in held),
                      key=lambda r: (r.child.upper(), r.birthday_on))
        for leaver in self.care_leaver_rows:
            if leaver.child.upper() not in held and leaver.child.upper() not in self.headers:
                leaver.row.error("CHILD", f"{leaver.child} is in no header table and not "
                                          "already here")
        if not rows or self.ctx.errors:
            return
        people = [held[r.child.upper()] for r in rows]
        views = dfe_views(zip(people, (r.birthday_on for r in rows), strict=True))
        activities = defaultdict(list)
        for activity in ActivityEpisode.objects.filter(young_person__in=people):
            activities[activity.young_person_id].append(activity)
        places = defaultdict(list)
        for place in AccommodationEpisode.objects.filter(young_person__in=people):
            places[place.young_person_id].append(place)
        facts = {f.young_person_id: f for f in CareFacts.objects.filter(young_person__in=people)}
        self.advisers = defaultdict(list)
        for allocation in Allocation.objects.main().filter(young_person__in=people).select_related(
                "adviser"):
            self.advisers[allocation.young_person_id].append(allocation)
        for leaver, person, view in zip(rows, people, views, strict=True):
            wrote = False
            if view.in_touch == InTouch.NO and leaver.in_touch != InTouch.NO:
                wrote = self._record_in_touch(leaver, person, facts.get(person.pk))
            in_touch = view.in_touch if view.in_touch != InTouch.NO else leaver.in_touch
            if in_touch == InTouch.YES and leaver.activ and not any(
                    a.covers(leaver.birthday_on) for a in activities[person.pk]):
                wrote = self._record_activity(leaver, person) or wrote
            if in_touch == InTouch.YES and leaver.accom and not any(
                    p.covers(leaver.birthday_on) for p in places[person.pk]):
                wrote = self._record_place(leaver, person) or wrote
            if wrote:
                self.birthdays.updated += 1
            else:
                self.birthdays.unchanged += 1

    def _note(self, leaver: CareLeaverRow, what: str) -> str:
        return FROM_THE_RETURN.format(year=year_label(leaver.folder.year), what=what)

    def _record_in_touch(self, leaver: CareLeaverRow, person, facts) -> bool:
        row, day = leaver.row, leaver.birthday_on
        if leaver.in_touch in (InTouch.YES, InTouch.REFU):
            made_by = next((a.adviser for a in self.advisers[person.pk] if a.is_current(day)),
                           self.recorded_by)
            if made_by is None:
                row.error("IN_TOUCH", "They had no Personal Adviser on the birthday to record "
                                      "their contact under: name the member of staff to record "
                                      "it under with --recorded-by USERNAME")
                return False
            yes = leaver.in_touch == InTouch.YES
            at = timezone.make_aware(datetime.combine(day, CONTACT_TIME))
            done = row.call(
                contact_record, columns={"contact_at": "DOB", "outcome": "IN_TOUCH"}, actor=None,
                young_person=person, made_by=made_by,
                contact_at=min(at, timezone.now().replace(microsecond=0)),
                contact_type=ContactType.OTHER,
                outcome=ContactOutcome.SPOKE if yes else ContactOutcome.REFUSED,
                notes=self._note(leaver, f"in touch around their {_nth(leaver.age)} birthday"
                                 if yes else "they refused contact"),
            )
            return done is not None
        if leaver.in_touch == InTouch.NREQ:
            done = row.call(support_choice_record, columns={"on": "IN_TOUCH", "kind": "IN_TOUCH"},
                            actor=None, young_person=person, kind=SupportChoiceKind.OPTED_OUT,
                            on=day, notes=self._note(leaver, "no longer requires services"),
                            today=self.today)
            return done is not None
        if leaver.in_touch == InTouch.RHOM:
            if facts is not None and facts.returned_home_on is not None:
                return False  # a date is recorded: theirs, not one the code allows
            done = row.call(care_facts_update, columns={"returned_home_on": "IN_TOUCH"},
                            actor=None, young_person=person,
                            version=facts.version if facts else 1, today=self.today,
                            returned_home_on=add_months(day, -RETURN_HOME_MONTHS))
            return done is not None
        if leaver.in_touch == InTouch.DIED:
            self.notes.append(f"{row.file.name}:{row.line}: IN_TOUCH: CHILD {leaver.child} died, "
                              "the return says; the product does not record a death, so record "
                              "it on their record")
        return False

    def _record_activity(self, leaver: CareLeaverRow, person) -> bool:
        done = leaver.row.call(
            activity_record, columns={"activity_code": "ACTIV", "start_on": "ACTIV",
                                      "end_on": "ACTIV"},
            actor=None, young_person=person, start_on=leaver.birthday_on,
            end_on=leaver.birthday_on, activity_code=leaver.activ, today=self.today)
        return done is not None

    def _record_place(self, leaver: CareLeaverRow, person) -> bool:
        letter, digit = leaver.accom[0], leaver.accom[1]
        done = leaver.row.call(
            _place_as_returned, columns={"type_code": "ACCOM", "start_on": "ACCOM",
                                         "end_on": "ACCOM", "outcome": "ACCOM"},
            actor=None, young_person=person, day=leaver.birthday_on, type_code=letter,
            suitable=digit == "1", today=self.today)
        return done is not None

    # Reporting ----------------------------------------------------------------------------

    def changed_anything(self) -> bool:
        return any(t.added or t.updated for t in (self.people, self.care_periods, self.birthdays,
                                                  self.episode_codes))


def _place_as_returned(*, actor, young_person, day, type_code, suitable, today):
    """Where they lived on the birthday, as the return said, with its suitability then."""
    episode = accommodation_record(actor=actor, young_person=young_person, start_on=day,
                                   end_on=day, type_code=type_code, today=today,
                                   carer_required=False)
    suitability_record_judgement(actor=actor, episode=episode, suitable=suitable,
                                 assessed_on=day)
    return episode


def _held_period_of(period: Period, held) -> CarePeriod | None:
    """The care period already held that `period` is: the one starting the same day, or one it
    carries on (a year's file holds only the episodes open in the year, so a later year alone
    may start part way through a period an earlier year brought over)."""
    for current in held:
        if current.start_on == period.start_on:
            return current
    for current in held:
        if (current.short_break == period.short_break and current.start_on < period.start_on
                and (current.end_on is None
                     or current.end_on + timedelta(days=1) >= period.start_on)):
            return current
    return None


def _periods(episodes: list[Episode]) -> list[Period]:
    """Consecutive episodes with no gap, all short breaks or none, are one period looked
    after: it ends the day before its last episode ceased (None if that one is still open)."""
    periods: list[Period] = []
    chain: list[Episode] = []
    for episode in [*episodes, None]:
        if chain and (episode is None or episode.started != chain[-1].ceased
                      or episode.short_break != chain[-1].short_break):
            last = chain[-1].ceased
            periods.append(Period(child=chain[0].child, start_on=chain[0].started,
                                  end_on=last - timedelta(days=1) if last else None,
                                  short_break=chain[0].short_break, row=chain[0].row))
            chain = []
        if episode is not None:
            chain.append(episode)
    return periods


def _columns_of(path: Path) -> list[str]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return []
    first = next(csv.reader(io.StringIO(text, newline="")), [])
    return [name.strip() for name in first]


def _nth(age: int) -> str:
    return {17: "17th", 18: "18th", 19: "19th", 20: "20th", 21: "21st"}[age]
