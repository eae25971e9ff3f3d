"""Every change to a case record keeps who made it (django-simple-history reads `_history_user`
on the instance when it writes the history row)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from . import dates


def save_with_history(obj, actor, update_fields=None):
    """Save `obj`, its history row saying `actor` made the change."""
    obj._history_user = actor
    obj.save(update_fields=update_fields)
    return obj


def delete_with_history(obj, actor) -> None:
    """Delete `obj`, its history row saying `actor` deleted it."""
    obj._history_user = actor
    obj.delete()


@dataclass(frozen=True)
class Change:
    """One saved change to a record, as a person reads it: when, who, and each field's old and
    new value in words."""

    at: datetime
    by: str
    what: str  # "Added", "Changed" or "Deleted"
    fields: list[tuple[str, str, str]]  # (field's label, before, after)


def _in_words(model_field, value, names) -> str:
    if value is None or value == "":
        return "Not recorded"
    if model_field.is_relation:
        return str(names.get((model_field.related_model, value), value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return dates.long_date(value) if isinstance(value, date) else str(value)


def changes_of(history, *, leave_out=("version",)) -> list[Change]:
    """The changes in a record's history rows (a simple_history queryset), newest first, each
    with the fields it changed. A query for the rows with who made them, and one for each kind
    of record a changed field points at (a team, say), for its name."""
    rows = list(history.select_related("history_user").order_by("history_date", "history_id"))
    model = history.model.instance_type
    found = []  # (row, [(model field, old, new)])
    for previous, row in zip([None, *rows], rows, strict=False):
        if row.history_type != "~" or previous is None:
            found.append((row, []))
            continue
        delta = row.diff_against(previous, excluded_fields=list(leave_out),
                                 foreign_keys_are_objs=False)
        fields = [(model._meta.get_field(change.field), change.old, change.new)
                  for change in delta.changes]
        fields = [field for field in fields if not field[0].many_to_many]
        if fields:
            found.append((row, fields))
    wanted = defaultdict(set)
    for _row, fields in found:
        for model_field, old, new in fields:
            if model_field.is_relation:
                wanted[model_field.related_model] |= {old, new} - {None}
    names = {(related, pk): obj for related, pks in wanted.items()
             for pk, obj in related.objects.in_bulk(list(pks)).items()}
    what = {"+": "Added", "~": "Changed", "-": "Deleted"}
    return [
        Change(row.history_date, str(row.history_user) if row.history_user else "The service",
               what[row.history_type],
               [(_label(model_field), _in_words(model_field, old, names),
                 _in_words(model_field, new, names)) for model_field, old, new in fields])
        for row, fields in reversed(found)
    ]


def _label(model_field) -> str:
    label = str(model_field.verbose_name)
    return label[:1].upper() + label[1:]
