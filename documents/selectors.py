"""Reads about a young person's documents, each a fixed number of queries."""

from dataclasses import dataclass

from .models import ChecklistTick, Document
from .rules import SHOWN_BY, ChecklistItem, in_a_sentence


def documents_of(young_person) -> list[Document]:
    """Every document on their record, newest first, replaced and withdrawn ones too. One
    query."""
    return list(
        Document.objects.filter(young_person=young_person)
        .select_related("uploaded_by", "withdrawn_by")
    )


@dataclass(frozen=True)
class ChecklistRow:
    item: ChecklistItem
    tick: ChecklistTick | None  # who last said whether they have it, if anyone has

    @property
    def has_it(self) -> bool:
        return self.tick is not None and self.tick.has_it

    @property
    def shown_by(self) -> set:
        return SHOWN_BY[self.item]

    @property
    def in_a_sentence(self) -> str:
        return in_a_sentence(self.item)


@dataclass(frozen=True)
class Checklist:
    rows: list[ChecklistRow]

    @property
    def have(self) -> list[ChecklistRow]:
        return [row for row in self.rows if row.has_it]

    @property
    def missing(self) -> list[ChecklistRow]:
        return [row for row in self.rows if not row.has_it]


def checklist_of(young_person) -> Checklist:
    """What they should leave care with, each had or missing. One query."""
    ticks = {
        tick.item: tick
        for tick in ChecklistTick.objects.filter(young_person=young_person)
        .select_related("changed_by", "document")
    }
    return Checklist([ChecklistRow(ChecklistItem(item), ticks.get(item))
                      for item in ChecklistItem.values])


def checklist_changes_of(young_person) -> list:
    """Every tick and untick, newest first, with who made it and the document named. One
    query."""
    return list(
        ChecklistTick.history.filter(young_person=young_person)
        .select_related("history_user", "document")
        .order_by("-history_date", "-history_id")
    )


def tick_of(young_person, item) -> ChecklistTick | None:
    """Who last said whether they have this thing on the checklist, if anyone has."""
    return ChecklistTick.objects.filter(young_person=young_person, item=item).first()


def documents_showing(young_person, item):
    """Their documents, neither replaced nor withdrawn, of the kinds that show they have
    `item`: a queryset, newest first."""
    return Document.objects.current().filter(young_person=young_person, kind__in=SHOWN_BY[item])
