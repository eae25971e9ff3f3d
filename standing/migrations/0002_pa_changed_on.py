from django.db import migrations, models
from django.db.models import Count, Max, OuterRef, Subquery
from django.utils import timezone


def pa_changed_on_filled(apps, schema_editor):
    """The new fact for every standing kept, as `standing.facts.pa_changed_on` derives it."""
    Allocation = apps.get_model("advisers", "Allocation")
    Standing = apps.get_model("standing", "Standing")
    started = Allocation.objects.filter(
        young_person=OuterRef("young_person"), kind="personal_adviser",
        start_on__lte=timezone.localdate(),
    ).order_by().values("young_person")
    Standing.objects.update(pa_changed_on=Subquery(
        started.annotate(n=Count("pk"), latest=Max("start_on")).filter(n__gte=2).values("latest")
    ))


class Migration(migrations.Migration):

    dependencies = [
        ("standing", "0001_initial"),
        ("advisers", "0002_keep_in_touch_defaults"),
    ]

    operations = [
        migrations.AddField(
            model_name="standing",
            name="pa_changed_on",
            field=models.DateField(null=True),
        ),
        migrations.RunPython(pa_changed_on_filled, migrations.RunPython.noop),
    ]
