from django.db import migrations

# "Find a young person" searches contact notes in English (advisers.record_parts.in_contact_notes);
# on PostgreSQL this index serves it. The expression is the one Django's SearchVector writes.
CREATE = """CREATE INDEX IF NOT EXISTS advisers_contact_notes_search
            ON advisers_contact USING gin (to_tsvector('english'::regconfig, COALESCE(notes, '')))"""
DROP = "DROP INDEX IF EXISTS advisers_contact_notes_search"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):

    dependencies = [
        ("advisers", "0003_custody_visit"),
    ]

    operations = [migrations.RunPython(create, drop)]
