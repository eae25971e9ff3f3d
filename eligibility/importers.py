"""Import loaders for care history and the facts behind the status (INTERFACES.md §1).

Each row goes through the same service as the forms, which re-decides the status and keeps
every change of it with its reason.
"""

from careleavers.csv_import import dated_rows, duplicate_keys, import_file

from .models import CareFacts, CarePeriod, SupportChoice, SupportChoiceKind
from .services import (
    FACT_FIELDS,
    care_facts_update,
    care_period_add,
    care_period_update,
    support_choice_record,
)

PERIOD_COLUMNS = {"start_on": "start_date", "end_on": "end_date", "short_break": "short_break"}
FACT_DATES = ("returned_home_on",)
#: facts.csv's two support dates (INTERFACES.md §1): each a request for support or an opt-out,
#: in this order on one day.
SUPPORT_COLUMNS = {"requested_support_on": SupportChoiceKind.ASKED,
                   "opted_out_on": SupportChoiceKind.OPTED_OUT}


@import_file(
    "care_periods.csv", order=40,
    columns=["person_id", "start_date"], optional_columns=["end_date", "short_break"],
    model=CarePeriod,
)
def load_care_periods(rows, ctx):
    """Keyed by young person and start date: a known period is updated only if it changed."""
    for row, young_person, start_on, end_on in dated_rows(rows, ctx):
        short_break = row.flag("short_break")
        if not row.ok:
            continue
        period = CarePeriod.objects.filter(young_person=young_person, start_on=start_on).first()
        if period is None:
            done = row.call(care_period_add, columns=PERIOD_COLUMNS, actor=ctx.actor,
                            young_person=young_person, start_on=start_on, end_on=end_on,
                            short_break=short_break, today=ctx.today)
            outcome = "added"
        else:
            if not row.present("short_break"):
                short_break = period.short_break
            if (period.end_on, period.short_break) == (end_on, short_break):
                ctx.count(row.file.name, "unchanged")
                continue
            done = row.call(care_period_update, columns=PERIOD_COLUMNS, actor=ctx.actor,
                            period=period, start_on=start_on, end_on=end_on,
                            short_break=short_break, today=ctx.today)
            outcome = "updated"
        if done is not None:
            ctx.count(row.file.name, outcome)


@import_file(
    "facts.csv", order=50,
    columns=["person_id"], optional_columns=[*FACT_FIELDS, *SUPPORT_COLUMNS], model=CareFacts,
)
def load_facts(rows, ctx):
    """One row per young person. A column left out of the file leaves that fact as it is.
    `requested_support_on` and `opted_out_on` each add a request for support or an opt-out on
    that date, unless one is already recorded (so importing again adds nothing); a blank one
    adds nothing, and takes away none recorded."""
    for row in duplicate_keys(rows, lambda r: (r.text("person_id").lower(),), column="person_id"):
        young_person = row.lookup(
            "person_id", ctx.young_person, what="young person", source="young_people.csv"
        )
        values = {
            name: row.date(name) if name in FACT_DATES else row.flag(name)
            for name in FACT_FIELDS if row.present(name)
        }
        choices = [(column, kind, row.date(column)) for column, kind in SUPPORT_COLUMNS.items()
                   if row.present(column)]
        if not row.ok:
            continue
        facts = CareFacts.objects.filter(young_person=young_person).first()
        current = facts or CareFacts()  # the defaults; not tied to the person, or it is cached
        recorded = set(SupportChoice.objects.filter(young_person=young_person)
                       .values_list("kind", "on"))
        new_choices = [(column, kind, on) for column, kind, on in choices
                       if on is not None and (kind, on) not in recorded]
        changes = not all(getattr(current, name) == value for name, value in values.items())
        if not changes and not new_choices:
            ctx.count(row.file.name, "unchanged")
            continue
        done = True
        if changes:
            done = row.call(care_facts_update, actor=ctx.actor, young_person=young_person,
                            version=current.version, today=ctx.today, **values)
        for column, kind, on in new_choices:
            if done is not None:
                done = row.call(support_choice_record, columns={"on": column, "kind": column},
                                actor=ctx.actor, young_person=young_person, kind=kind, on=on,
                                today=ctx.today)
        if done is not None:
            ctx.count(row.file.name, "added" if facts is None and not recorded else "updated")
