"""Import loader for activities.csv (INTERFACES.md §1), through the same services as the form:
a later activity ends the one before it, as in the app."""

from careleavers.csv_import import dated_rows, import_file

from .models import ActivityEpisode
from .rules import ActivityCode
from .services import activity_record, activity_update

COLUMNS = {"start_on": "start_date", "end_on": "end_date"}


@import_file(
    "activities.csv", order=100,
    columns=["person_id", "start_date", "activity_code"], optional_columns=["end_date"],
    model=ActivityEpisode,
)
def load_activities(rows, ctx):
    """Education, employment and training, keyed by young person and start date, loaded oldest
    first for each young person."""
    checked = []
    for row, young_person, start_on, end_on in dated_rows(rows, ctx):
        code = row.choice(
            "activity_code", ActivityCode,
            what=f"a DfE activity code ({', '.join(ActivityCode.values)})",
        )
        if row.ok:
            checked.append((start_on, row.line, row, young_person, end_on, code))

    for start_on, _, row, young_person, end_on, code in sorted(checked, key=lambda c: c[:2]):
        activity = ActivityEpisode.objects.filter(
            young_person=young_person, start_on=start_on
        ).first()
        if activity is None:
            done = row.call(activity_record, columns=COLUMNS, actor=ctx.actor,
                            young_person=young_person, today=ctx.today, start_on=start_on,
                            end_on=end_on, activity_code=code)
            outcome = "added"
        else:
            changes = {}
            if activity.activity_code != code:
                changes["activity_code"] = code
                if activity.hours_per_week is not None:
                    changes["hours_per_week"] = None  # the file gives no hours: keep the code's
            # An activity ended since the file was made (by a later one) is not reopened.
            if end_on is not None and activity.end_on != end_on:
                changes["end_on"] = end_on
            if not changes:
                ctx.count(row.file.name, "unchanged")
                continue
            done = row.call(activity_update, columns=COLUMNS, actor=ctx.actor, activity=activity,
                            version=activity.version, today=ctx.today, **changes)
            outcome = "updated"
        if done is not None:
            ctx.count(row.file.name, outcome)
