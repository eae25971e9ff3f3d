from django.conf import settings
from django.db import migrations, models


def standings_derived_again(apps, schema_editor):
    """The standings kept have no value for the new fact: drop them, and `migrate` derives every
    one again from the records, with every fact, as it ends (`standings_fill_missing`)."""
    apps.get_model("standing", "Standing").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("standing", "0003_plan_review_held_on"),
    ]

    operations = [
        migrations.AddField(
            model_name="standing",
            name="last_in_touch_by",
            field=models.ForeignKey(
                null=True, on_delete=models.deletion.SET_NULL, related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(standings_derived_again, migrations.RunPython.noop),
    ]
