"""Reads about young people's own access, for staff."""

from dataclasses import dataclass

from .models import Access, PortalVisit

#: The newest sign-ins and pages opened shown on the record; the rest are kept.
VISITS_SHOWN = 100


@dataclass(frozen=True)
class Accesses:
    """Every access a young person has had, newest first, and the one not withdrawn if any."""

    all: list[Access]

    @property
    def latest(self) -> Access | None:
        """The newest, withdrawn or not: where their access stands."""
        return self.all[0] if self.all else None

    @property
    def current(self) -> Access | None:
        return next((access for access in self.all if access.withdrawn_at is None), None)


def accesses_of(young_person) -> Accesses:
    """One query, with who invited and who withdrew each."""
    return Accesses(list(
        Access.objects.filter(young_person=young_person)
        .select_related("invited_by", "withdrawn_by").order_by("-invited_at", "-pk")
    ))


def visits_of(young_person, *, limit: int = VISITS_SHOWN) -> list[PortalVisit]:
    """The young person's newest sign-ins and pages opened, with the email each access had:
    one query however many there are."""
    return list(PortalVisit.objects.filter(access__young_person=young_person)
                .select_related("access").order_by("-at", "-pk")[:limit])
