"""The one request for support and the one opt-out each young person's care facts held become
support choices, each kept with who recorded it and when (from the care facts' history), so the
status rule reads the same as before. On one day the request is taken as made first, as the
rule read the two dates.

Backwards, each young person's latest request and latest opt-out go back into the two dates,
and the choices are removed."""

from django.db import migrations

DATES = (("requested_support_on", "asked"), ("opted_out_on", "opted_out"))


def _first_recorded(history_rows, name, value):
    """(who, when) of the history row that set the date to the value it still has."""
    found = None
    for row in history_rows:  # oldest first
        if getattr(row, name) == value:
            if found is None:
                found = row
        else:
            found = None
    return (found.history_user_id, found.history_date) if found is not None else (None, None)


def choices_from_single_dates(apps, schema_editor):
    CareFacts = apps.get_model("eligibility", "CareFacts")
    HistoricalCareFacts = apps.get_model("eligibility", "HistoricalCareFacts")
    SupportChoice = apps.get_model("eligibility", "SupportChoice")
    HistoricalSupportChoice = apps.get_model("eligibility", "HistoricalSupportChoice")
    dated = CareFacts.objects.exclude(requested_support_on=None, opted_out_on=None)
    for facts in dated.iterator():
        history = list(HistoricalCareFacts.objects.filter(young_person_id=facts.pk)
                       .order_by("history_date", "history_id"))
        made_at = None
        for name, kind in DATES:
            on = getattr(facts, name)
            if on is None:
                continue
            by, at = _first_recorded(history, name, on)
            if made_at is not None and (at is None or at < made_at):
                at = made_at  # the request first on one day, as the rule read the two dates
            choice = SupportChoice.objects.create(
                young_person_id=facts.pk, kind=kind, on=on, recorded_by_id=by,
            )
            if at is not None:
                SupportChoice.objects.filter(pk=choice.pk).update(recorded_at=at)
                choice.recorded_at = at
            made_at = choice.recorded_at
            HistoricalSupportChoice.objects.create(
                id=choice.pk, young_person_id=facts.pk, kind=kind, on=on, notes="",
                recorded_at=choice.recorded_at, recorded_by_id=by, history_type="+",
                history_date=choice.recorded_at, history_user_id=by,
            )


def single_dates_from_choices(apps, schema_editor):
    CareFacts = apps.get_model("eligibility", "CareFacts")
    SupportChoice = apps.get_model("eligibility", "SupportChoice")
    HistoricalSupportChoice = apps.get_model("eligibility", "HistoricalSupportChoice")
    latest = {}
    for young_person_id, kind, on in SupportChoice.objects.order_by(
        "on", "recorded_at", "pk"
    ).values_list("young_person_id", "kind", "on"):
        latest.setdefault(young_person_id, {})[kind] = on
    for young_person_id, by_kind in latest.items():
        CareFacts.objects.update_or_create(
            young_person_id=young_person_id,
            defaults={name: by_kind.get(kind) for name, kind in DATES},
        )
    SupportChoice.objects.all().delete()
    HistoricalSupportChoice.objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("eligibility", "0002_support_choices"),
    ]

    operations = [
        migrations.RunPython(choices_from_single_dates, single_dates_from_choices),
    ]
