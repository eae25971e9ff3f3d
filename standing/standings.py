"""Each young person's standing, derived from their records and kept as they change.

`standings_refresh` runs in the transaction of every change to a young person's records
(`careleavers.services.young_person_changed`), so a page that reads the standing is true the
moment a change is saved. `standings_rebuild` derives everyone's from the records and writes only
the rows that differ: the nightly checks use it for what the passing of the date moves, and
`run_daily_checks --verify` lists each young person it mended and the facts that moved.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from careleavers.models import YoungPerson
from careleavers.services import refresh_on_change

from .facts import FACTS, Derivation, rows
from .models import Standing

COLUMNS = list(FACTS)


def standings_derive(young_people, *, on: date) -> dict[int, Standing]:
    """{pk: the standing their records give on `on`}, unsaved, in a fixed number of queries."""
    young_people = young_people.order_by()
    found = list(rows(young_people, on))
    derivation = Derivation.of(young_people, found, on)
    return {
        row.pk: Standing(young_person_id=row.pk, derived_on=on, **{
            column: fact(row, derivation) for column, fact in FACTS.items()
        })
        for row in found
    }


def _lock(young_people) -> None:
    """Lock these young people's rows, in one order, before anything is read: a change saved
    while the nightly rebuild runs waits for it (or it for the change), so neither writes a
    standing from a read made before the other committed. The lock still lets rows pointing at
    them be added (a contact, a page view)."""
    list(young_people.select_for_update(no_key=True).order_by("pk").values_list("pk"))


def _write(standings: list[Standing]) -> None:
    Standing.objects.bulk_create(
        standings, batch_size=1000, update_conflicts=True, unique_fields=["young_person"],
        update_fields=["derived_on", *COLUMNS],
    )


# First: the alerts (and anything else kept on change) read the standing.
@refresh_on_change(order=10)
@transaction.atomic
def standings_refresh(*, young_person_ids, on: date) -> None:
    """Bring these young people's standings up to date with their records, in the transaction
    of the change to them."""
    young_people = YoungPerson.objects.filter(pk__in=young_person_ids)
    _lock(young_people)
    _write(list(standings_derive(young_people, on=on).values()))


def standings_fill_missing(*, using="default", **signal):
    """Derive a standing for each young person who has none (after `migrate`)."""
    missing = YoungPerson.objects.using(using).filter(standing__isnull=True)
    if missing.exists():
        with transaction.atomic(using=using):
            _write(list(standings_derive(missing, on=timezone.localdate()).values()))


@dataclass(frozen=True)
class Rebuilt:
    moved: dict[int, list[str]]  # young person pk: the facts their records no longer matched
    checked: int

    @property
    def written(self) -> int:
        """Standings that differed from the records (or were missing), now mended."""
        return len(self.moved)


def _moved(kept: Standing | None, derived: Standing) -> list[str]:
    if kept is None:
        return ["no standing kept"]
    return [column for column in COLUMNS if getattr(kept, column) != getattr(derived, column)]


@transaction.atomic
def standings_rebuild(*, on: date, young_people=None) -> Rebuilt:
    """Derive the standing on `on` from the records, for everyone (or for `young_people`, a
    queryset), and write only the rows that differ from what is kept (a row's `derived_on` is
    the day its values last moved), saying for each which facts moved. Running it twice for one
    date writes nothing the second time."""
    young_people = YoungPerson.objects.all() if young_people is None else young_people
    _lock(young_people)
    derived = standings_derive(young_people, on=on)
    kept = Standing.objects.in_bulk(list(derived))
    moved = {pk: facts for pk, standing in derived.items()
             if (facts := _moved(kept.get(pk), standing))}
    _write([derived[pk] for pk in moved])
    return Rebuilt(moved=moved, checked=len(derived))
