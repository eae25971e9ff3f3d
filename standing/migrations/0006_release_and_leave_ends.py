from django.db import migrations, models


def standings_derived_again(apps, schema_editor):
    """The standings kept have no value for the new facts: drop them, and `migrate` derives
    every one again from the records, with every fact, as it ends (`standings_fill_missing`)."""
    apps.get_model("standing", "Standing").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("standing", "0005_date_of_birth_and_uasc"),
        ("accommodation", "0003_custody_details"),
        ("immigration", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="standing",
            name="release_expected_on",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="standing",
            name="leave_ends_on",
            field=models.DateField(null=True),
        ),
        migrations.RunPython(standings_derived_again, migrations.RunPython.noop),
    ]
