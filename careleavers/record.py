"""The young person's record page is assembled from every package that knows something about
them: status from `eligibility`, the PA and contacts from `advisers`, and so on. Each package's
`record_parts.py` registers its parts here with `@record_part` (imported in its AppConfig.ready),
so careleavers depends on none of them.

A part is called as `part(young_person=…, user=…, today=…)` and returns a RecordPart.
It must run a fixed number of queries.

Caseload columns work the same way for the caseload tables (see `caseload_column` below).
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from django.db.models import Q
from django.utils import timezone


@dataclass(frozen=True)
class ChronologyEntry:
    """One event in the young person's chronology (newest first on the page)."""

    at: datetime | date
    kind: str  # short label shown as a tag, e.g. "Contact", "Status", "Allocation"
    title: str
    text: str = ""
    by: str = ""
    url: str = ""

    @property
    def sort_key(self) -> datetime:
        # Dates are the service's local days, so a moment is compared on the local clock: 00:30
        # on 1 July in summer is 23:30 on 30 June in UTC, and must still sort as 1 July.
        if isinstance(self.at, datetime):
            moment = timezone.localtime(self.at) if timezone.is_aware(self.at) else self.at
            return moment.replace(tzinfo=None)
        return datetime(self.at.year, self.at.month, self.at.day)


def chronology_kinds(entries) -> list[str]:
    """The kinds of entry in a chronology, for its filter, in alphabetical order."""
    return sorted({entry.kind for entry in entries})


def chronology_filtered(entries, *, kinds=(), since: date | None = None,
                        until: date | None = None, words: str = "") -> list[ChronologyEntry]:
    """The entries of the kinds asked for (all when none), on days from `since` to `until`
    (either open), whose title or text holds every word of `words`, in any case."""
    wanted = [word.casefold() for word in words.split()]

    def keep(entry: ChronologyEntry) -> bool:
        day = entry.sort_key.date()
        text = f"{entry.title} {entry.text}".casefold()
        return ((not kinds or entry.kind in kinds)
                and (since is None or day >= since) and (until is None or day <= until)
                and all(word in text for word in wanted))

    return [entry for entry in entries if keep(entry)]


class RecordSection(NamedTuple):
    """One page of the young person's record, in the sub navigation every page of it shows. The
    pages belong to the packages that own their facts; this names them by URL, not by import."""

    key: str
    label: str
    url_name: str


RECORD_SECTIONS = (
    RecordSection("overview", "Overview", "young-person"),
    RecordSection("chronology", "Chronology", "young-person-chronology"),
    RecordSection("contacts", "Contacts", "contact-list"),
    RecordSection("plans", "Plans", "plan-list"),
    RecordSection("accommodation", "Where they live", "accommodation"),
    RecordSection("eet", "Education and work", "eet"),
    RecordSection("documents", "Documents", "documents"),
    RecordSection("immigration", "Immigration", "immigration"),
    RecordSection("health", "Health and family", "health"),
    RecordSection("money", "Money and support", "local-offer"),
    RecordSection("care-history", "Care history and status", "care-history"),
    RecordSection("history", "Details and history", "young-person-history"),
    RecordSection("asks", "Their requests", "portal-staff-asks"),
)


@dataclass
class RecordPart:
    order: int  # where its panel sits on the page, lower first
    template: str = ""  # a partial, rendered with `context` plus young_person, user and today
    context: dict = field(default_factory=dict)
    chronology: list[ChronologyEntry] = field(default_factory=list)


_parts_of_record: list = []


def record_part(function):
    """Register `function` as a part of the young person's record page."""
    _parts_of_record.append(function)
    return function


def build_record(*, young_person, user, today) -> tuple[list[RecordPart], list[ChronologyEntry]]:
    parts = sorted(
        (part(young_person=young_person, user=user, today=today) for part in _parts_of_record),
        key=lambda part: part.order,
    )
    chronology = sorted(
        (entry for part in parts for entry in part.chronology),
        key=lambda entry: entry.sort_key,
        reverse=True,
    )
    return [part for part in parts if part.template], chronology


# Caseload columns. "My caseload" and the team page (in `advisers`) show facts other packages
# own, such as where a young person's pathway plan stands, without importing them: a package
# registers a column here (in its AppConfig.ready), and the pages show every registered column.


class CaseloadCell(NamedTuple):
    """What one young person's row shows in a column: a label, as a GOV.UK tag."""

    label: str
    tag_class: str = ""  # e.g. "govuk-tag--red"; blank for the default (blue) tag
    count_as: str = ""  # the label totals count it under, if the label varies ("Due in 3 days")


@dataclass(frozen=True)
class CaseloadColumn:
    heading: str
    order: int
    provider: Callable  # provider(young_people=<YoungPerson queryset>, today=date)


@dataclass(frozen=True)
class CaseloadColumnValues:
    heading: str
    cells: dict  # {young person pk: CaseloadCell}

    def cell_for(self, young_person) -> CaseloadCell | None:
        return self.cells.get(young_person.pk)

    def counts(self) -> list[tuple[CaseloadCell, int]]:
        """How many young people show each value, most first."""
        return Counter(
            CaseloadCell(cell.count_as or cell.label, cell.tag_class)
            for cell in self.cells.values()
        ).most_common()


_caseload_columns: list[CaseloadColumn] = []


def caseload_column(heading: str, *, order: int):
    """Register a column for caseload tables. The provider is called as
    `provider(young_people=…, today=…)` with a queryset of the young people listed, and returns
    {young person pk: CaseloadCell} in one query, however many young people there are."""

    def register(function):
        _caseload_columns.append(CaseloadColumn(heading=heading, order=order, provider=function))
        return function

    return register


def registered_caseload_columns() -> list[CaseloadColumn]:
    return sorted(_caseload_columns, key=lambda column: column.order)


def build_caseload_columns(*, young_people, today) -> list[CaseloadColumnValues]:
    """Every registered column's values for these young people: one query a column."""
    return [
        CaseloadColumnValues(
            heading=column.heading,
            cells=column.provider(young_people=young_people, today=today),
        )
        for column in registered_caseload_columns()
    ]


# Home-page panels. A member of staff's home page shows what other packages know they should do
# (the dashboard's alerts, for one), without careleavers importing them: a package registers a
# provider here (in its AppConfig.ready).


@dataclass(frozen=True)
class HomePanel:
    order: int  # where it sits on the page, lower first
    template: str  # a partial, rendered with `context` as `panel`, plus user and today
    context: dict = field(default_factory=dict)


_home_panels: list = []


def home_panel(function):
    """Register a provider called as `provider(user=…, today=…)`, returning a HomePanel, or None
    when it has nothing for this user. It must run a fixed number of queries."""
    _home_panels.append(function)
    return function


def build_home_panels(*, user, today: date) -> list[HomePanel]:
    panels = (provider(user=user, today=today) for provider in _home_panels)
    return sorted((panel for panel in panels if panel is not None), key=lambda p: p.order)


# Words in the record. "Find a young person" finds people by their name and IDs
# (`YoungPersonQuerySet.search`) and, through what other packages register here, by words
# written about them (contact notes, for one): a package registers a function of the text
# typed, returning a condition on young people.

_word_searches: list = []


def searches_words(function):
    """Register `function(text) -> Q` on young people: those whose records hold the words."""
    if function not in _word_searches:
        _word_searches.append(function)
    return function


def found_by_words(text: str):
    """A condition: young people whose records hold the words `text` (False with none)."""
    condition = Q(pk__in=[])
    for search in _word_searches:
        condition |= search(text)
    return condition


# The nightly checks. A page that shows when something was last checked (a status, say) asks
# here for the last date the checks finished for, which the package running them registers.

_last_checked: list = []


def last_checked_on_provider(function):
    """Register `function() -> date | None`: the latest date the nightly checks finished for."""
    if function not in _last_checked:
        _last_checked.append(function)
    return function


def nightly_checks_last_on() -> date | None:
    found = [day for day in (provider() for provider in _last_checked) if day is not None]
    return max(found) if found else None


# What the record says on a plan's section. The plan's money section shows what the young person
# can have and has had from the local offer, its health section their GP and dentist, and so on:
# the package that owns the facts registers them for the section's key.


class SectionFact(NamedTuple):
    label: str
    value: str


_plan_section_facts: dict[str, list] = {}


def plan_section_facts(section_key: str):
    """Register `function(young_person=…, today=…) -> list[SectionFact]` for the plan section
    `section_key` (a `pathways.models.Section` key). It must run a fixed number of queries."""
    def register(function):
        providers = _plan_section_facts.setdefault(section_key, [])
        if function not in providers:
            providers.append(function)
        return function

    return register


def build_plan_section_facts(*, young_person, today: date) -> dict[str, list[SectionFact]]:
    return {key: [fact for provider in providers
                  for fact in provider(young_person=young_person, today=today)]
            for key, providers in _plan_section_facts.items()}
