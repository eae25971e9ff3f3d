"""The young person's record page is assembled from every package that knows something about
them: status from `eligibility`, the PA and contacts from `advisers`, and so on. Each registers a
provider here (in its AppConfig.ready), so careleavers depends on none of them.

A provider is called as `provider(young_person=…, user=…, today=…)` and returns a RecordPart.
It must run a fixed number of queries.
"""

from dataclasses import dataclass, field
from datetime import date, datetime


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
        if isinstance(self.at, datetime):
            return self.at.replace(tzinfo=None)
        return datetime(self.at.year, self.at.month, self.at.day)


@dataclass
class RecordPart:
    order: int  # where its panel sits on the page, lower first
    template: str = ""  # a partial, rendered with `context` plus young_person, user and today
    context: dict = field(default_factory=dict)
    chronology: list[ChronologyEntry] = field(default_factory=list)


_providers: list = []


def record_provider(function):
    _providers.append(function)
    return function


def build_record(*, young_person, user, today) -> tuple[list[RecordPart], list[ChronologyEntry]]:
    parts = sorted(
        (provider(young_person=young_person, user=user, today=today) for provider in _providers),
        key=lambda part: part.order,
    )
    chronology = sorted(
        (entry for part in parts for entry in part.chronology),
        key=lambda entry: entry.sort_key,
        reverse=True,
    )
    return [part for part in parts if part.template], chronology
