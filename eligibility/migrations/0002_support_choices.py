"""Each request for support and opt-out kept as a dated row of its own."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('careleavers', '0003_queuedtask'),
        ('eligibility', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalSupportChoice',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('kind', models.CharField(choices=[('asked', 'They asked for support'), ('opted_out', 'They said they no longer want support')], max_length=20)),
                ('on', models.DateField(verbose_name='on')),
                ('notes', models.TextField(blank=True)),
                ('recorded_at', models.DateTimeField(blank=True, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('recorded_by', models.ForeignKey(blank=True, db_constraint=False, help_text='Blank when brought over from an earlier system', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('young_person', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='careleavers.youngperson')),
            ],
            options={
                'verbose_name': 'historical support choice',
                'verbose_name_plural': 'historical support choices',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='SupportChoice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('asked', 'They asked for support'), ('opted_out', 'They said they no longer want support')], max_length=20)),
                ('on', models.DateField(verbose_name='on')),
                ('notes', models.TextField(blank=True)),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('recorded_by', models.ForeignKey(blank=True, help_text='Blank when brought over from an earlier system', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('young_person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='support_choices', to='careleavers.youngperson')),
            ],
            options={
                'ordering': ['on', 'recorded_at', 'pk'],
                'indexes': [models.Index(fields=['young_person', 'on'], name='eligibility_young_p_dfd106_idx')],
            },
        ),
    ]
