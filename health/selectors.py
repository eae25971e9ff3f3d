"""Reads about young people's health and their own children, each a fixed number of queries."""

from datetime import date

from django.db.models import Min

from .models import Child


def children_of(young_person) -> list[Child]:
    """Every child recorded for them, removed ones too (the page shows them apart), oldest
    first, expected babies last. One query."""
    return list(Child.objects.filter(young_person=young_person).select_related("recorded_by"))


def first_children_born(young_person_ids) -> dict[int, date]:
    """{young person pk: the date of birth of their first child}, for those with a child born
    on their record. One query."""
    return dict(
        Child.objects.born().filter(young_person_id__in=list(young_person_ids))
        .values("young_person_id").annotate(first=Min("born_on"))
        .values_list("young_person_id", "first")
    )


def parents(young_people):
    """Those of `young_people` (a queryset) with a child born on their record."""
    return young_people.filter(pk__in=Child.objects.born().values("young_person_id"))
