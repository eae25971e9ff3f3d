"""Import loader for health.csv (README, "import_records"), through the same services as the
forms: one row for each young person, with their GP and dentist registration, the date their
health history was given to them, any disability, and the date of birth of a child of theirs.

Y, N or blank answer the yes-or-no questions, blank being "not known". A column left out of the
file changes nothing; a child's date of birth already on their record adds nothing, so importing
the same file again changes nothing."""

from django.db import transaction

from careleavers.csv_import import duplicate_keys, import_file

from .models import Child, HealthRecord
from .rules import Answer
from .services import child_add, health_update

ANSWERS = {"y": Answer.YES, "n": Answer.NO, "": Answer.NOT_KNOWN}
ANSWER_COLUMNS = ["gp_registered", "dentist_registered", "disability"]
TEXT_COLUMNS = ["gp_practice", "dentist_practice", "disability_details"]
#: The services' names for the file's columns, for their errors.
COLUMNS = {"history_given_on": "health_history_given_on", "born_on": "child_date_of_birth"}


@transaction.atomic
def _load(*, actor, young_person, record, changes, child_born_on, today) -> str:
    """Save the changes and add the child; says whether anything was added or updated."""
    outcome = "unchanged"
    if changes:
        health_update(actor=actor, young_person=young_person,
                      version=record.version if record else 0, today=today, **changes)
        outcome = "updated" if record else "added"
    if child_born_on is not None and not Child.objects.current().filter(
            young_person=young_person, born_on=child_born_on).exists():
        child_add(actor=actor, young_person=young_person, born_on=child_born_on, today=today)
        outcome = "added" if outcome == "unchanged" else outcome
    return outcome


def _answer(row, column: str) -> str:
    value = row.text(column)
    if value.lower() not in ANSWERS:
        row.error(column, f"'{value}' must be Y, N or blank (not known)")
        return Answer.NOT_KNOWN
    return ANSWERS[value.lower()]


@import_file(
    "health.csv", order=95, columns=["person_id"],
    optional_columns=["gp_registered", "gp_practice", "dentist_registered", "dentist_practice",
                      "health_history_given_on", "disability", "disability_details",
                      "child_date_of_birth"],
    model=HealthRecord,
)
def load_health(rows, ctx):
    for row in duplicate_keys(rows, lambda r: (r.text("person_id").lower(),), column="person_id"):
        young_person = row.lookup("person_id", ctx.young_person, what="young person",
                                  source="young_people.csv")
        fields = {column: _answer(row, column) for column in ANSWER_COLUMNS
                  if row.present(column)}
        fields |= {column: row.text(column) for column in TEXT_COLUMNS if row.present(column)}
        if row.present("health_history_given_on"):
            fields["history_given_on"] = row.date("health_history_given_on")
        child_born_on = row.date("child_date_of_birth")
        if not row.ok:
            continue
        record = HealthRecord.objects.filter(young_person=young_person).first()
        changes = {name: value for name, value in fields.items()
                   if record is None or getattr(record, name) != value}
        if record is None and all(
                value in ("", None, Answer.NOT_KNOWN) for value in changes.values()):
            changes = {}  # nothing known: no record to make
        outcome = row.call(_load, columns=COLUMNS, actor=ctx.actor, young_person=young_person,
                           record=record, changes=changes, child_born_on=child_born_on,
                           today=ctx.today)
        if outcome is not None:
            ctx.count(row.file.name, outcome)
