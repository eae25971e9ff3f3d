"""One keep-in-touch standard per status, with the DOMAIN.md §2 defaults, so administrators have
a row to change for each status from the start."""

from django.db import migrations

DEFAULTS = {
    "eligible": 56,
    "relevant": 56,
    "former_relevant": 56,
    "former_relevant_education": 56,
    "returner_21_25": 56,
    "entitled_on_request": 365,
    "qualifying": None,
    "not_entitled": None,
}


def add_default_standards(apps, schema_editor):
    KeepInTouchStandard = apps.get_model("advisers", "KeepInTouchStandard")
    for status, days in DEFAULTS.items():
        KeepInTouchStandard.objects.get_or_create(status=status, defaults={"interval_days": days})


def remove_default_standards(apps, schema_editor):
    KeepInTouchStandard = apps.get_model("advisers", "KeepInTouchStandard")
    for status, days in DEFAULTS.items():
        KeepInTouchStandard.objects.filter(status=status, interval_days=days).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("advisers", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(add_default_standards, remove_default_standards),
    ]
