"""The single dates are gone from the care facts: the status rule reads the support choices
(brought over by 0003)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("eligibility", "0003_support_choices_from_single_dates"),
    ]

    operations = [
        migrations.RemoveField(
            model_name='carefacts',
            name='opted_out_on',
        ),
        migrations.RemoveField(
            model_name='carefacts',
            name='requested_support_on',
        ),
        migrations.RemoveField(
            model_name='historicalcarefacts',
            name='opted_out_on',
        ),
        migrations.RemoveField(
            model_name='historicalcarefacts',
            name='requested_support_on',
        ),
    ]
