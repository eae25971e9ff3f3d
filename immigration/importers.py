"""Import loader for immigration.csv: unaccompanied asylum-seeking young people's immigration
positions, through the same service as the form. A decision in the file was made before the
service was used and the team knew of it, so it is recorded as already seen: an import does not
fill "What needs doing" with old decisions. Leave that ends soon is on it, as it would be had it
been typed in."""

from careleavers.csv_import import duplicate_keys, import_file

from .models import ImmigrationRecord
from .rules import LeaveKind, Stage
from .services import immigration_record, immigration_update

DATES = ("leave_granted_on", "leave_expires_on", "appeal_lodged_on", "appeal_decided_on")
TEXTS = ("home_office_reference", "solicitor", "solicitor_contact")


@import_file(
    "immigration.csv", order=110,
    columns=["person_id", "since", "stage"],
    optional_columns=["leave_kind", *DATES, *TEXTS],
    model=ImmigrationRecord,
)
def load_immigration(rows, ctx):
    """Positions keyed by young person and the date they start, loaded oldest first. A
    position already recorded for that date is updated only if the file says something
    different; a column left out of the file leaves it as it is."""
    unique = duplicate_keys(
        rows, lambda r: (r.text("person_id").lower(), r.text("since")), column="since"
    )
    checked = []
    for row in unique:
        young_person = row.lookup(
            "person_id", ctx.young_person, what="young person", source="young_people.csv"
        )
        since = row.date("since", required=True)
        values = {
            "stage": row.choice("stage", Stage, what=f"a stage ({', '.join(Stage.values)})"),
            "leave_kind": row.choice("leave_kind", LeaveKind, required=False,
                                     what=f"a kind of leave ({', '.join(LeaveKind.values)})"),
            **{name: row.date(name) for name in DATES},
            **{name: row.text(name) for name in TEXTS},
        }
        given = {name: value for name, value in values.items()
                 if name == "stage" or row.present(name)}
        if row.ok:
            checked.append((since, row.line, row, young_person, given))

    for since, _, row, young_person, given in sorted(checked, key=lambda c: c[:2]):
        record = ImmigrationRecord.objects.filter(young_person=young_person, since=since).first()
        if record is None:
            done = row.call(immigration_record, actor=ctx.actor, young_person=young_person,
                            since=since, today=ctx.today, decision_seen=True, **given)
            outcome = "added"
        else:
            changes = {name: value for name, value in given.items()
                       if getattr(record, name) != value}
            if not changes:
                ctx.count(row.file.name, "unchanged")
                continue
            done = row.call(immigration_update, actor=ctx.actor, record=record,
                            version=record.version, today=ctx.today, **changes)
            outcome = "updated"
        if done is not None:
            ctx.count(row.file.name, outcome)
