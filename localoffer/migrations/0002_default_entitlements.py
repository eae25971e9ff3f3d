"""The local offer every council starts from (DOMAIN.md §7): the setting-up-home allowance and the
higher education bursary the DfE and the law expect, council tax exemption to 25, and examples of
a council's own offer, which an administrator changes or switches off."""

from django.db import migrations

#: Statuses of young people who have left care and whom the council still supports or may.
LEFT_CARE = ["relevant", "former_relevant", "former_relevant_education", "returner_21_25",
             "entitled_on_request"]
FORMER_RELEVANT = ["former_relevant", "former_relevant_education", "returner_21_25",
                   "entitled_on_request"]

DEFAULTS = [
    {"key": "setting-up-home", "name": "Setting-up-home allowance", "order": 10,
     "description": "Money to furnish and equip a first home of their own: furniture, a "
                    "cooker, a fridge, bedding and pots and pans. They can spend it in parts, "
                    "from leaving care until they are 25.",
     "amount_pence": 300_000, "paid": "in_parts", "statuses": LEFT_CARE,
     "youngest_age": 16, "oldest_age": 24, "manager_over_pence": 0},
    {"key": "higher-education-bursary", "name": "Higher education bursary", "order": 20,
     "description": "£2,000 for a former relevant young person going to university or another "
                    "higher education course, paid in parts while they study (Children Act "
                    "1989 (Higher Education Bursary) (England) Regulations 2009).",
     "amount_pence": 200_000, "paid": "in_parts", "statuses": FORMER_RELEVANT,
     "youngest_age": 18, "oldest_age": 24, "manager_over_pence": 0},
    {"key": "council-tax-exemption", "name": "Council tax exemption", "order": 30,
     "description": "They pay no council tax on a home in the borough until they are 25. We "
                    "tell the council tax team once it is agreed.",
     "amount_pence": None, "paid": "once", "statuses": LEFT_CARE,
     "youngest_age": 18, "oldest_age": 24, "manager_over_pence": 0},
    {"key": "housing-deposit", "name": "Help with a deposit", "order": 40,
     "description": "A deposit or rent in advance for a tenancy, paid to the landlord.",
     "amount_pence": 100_000, "paid": "in_parts", "statuses": LEFT_CARE,
     "youngest_age": 16, "oldest_age": 24, "manager_over_pence": 0},
    {"key": "apprenticeship-bursary", "name": "Apprenticeship bursary", "order": 50,
     "description": "£1,000 when they start an apprenticeship, for travel, tools and clothes "
                    "for work.",
     "amount_pence": 100_000, "paid": "once", "statuses": LEFT_CARE,
     "youngest_age": 16, "oldest_age": 24, "manager_over_pence": 0},
    {"key": "driving-lessons", "name": "Driving lessons", "order": 60,
     "description": "Help to pay for driving lessons and the theory and practical tests.",
     "amount_pence": 50_000, "paid": "in_parts", "statuses": LEFT_CARE,
     "youngest_age": 17, "oldest_age": 24, "manager_over_pence": 10_000},
    {"key": "leisure-pass", "name": "Leisure pass", "order": 70,
     "description": "A free pass to the council's leisure centres and swimming pools.",
     "amount_pence": None, "paid": "once", "statuses": LEFT_CARE,
     "youngest_age": 16, "oldest_age": 24, "manager_over_pence": 0},
    {"key": "birthday-payment", "name": "Birthday payment", "order": 80,
     "description": "A birthday present from the council.",
     "amount_pence": 2_500, "paid": "once", "statuses": LEFT_CARE,
     "youngest_age": 16, "oldest_age": 24, "manager_over_pence": 2_500},
    {"key": "festival-payment", "name": "Festival payment", "order": 90,
     "description": "A payment for the festival they celebrate: Christmas, Eid, Diwali or "
                    "another.",
     "amount_pence": 2_500, "paid": "once", "statuses": LEFT_CARE,
     "youngest_age": 16, "oldest_age": 24, "manager_over_pence": 2_500},
]


def add_default_entitlements(apps, schema_editor):
    Entitlement = apps.get_model("localoffer", "Entitlement")
    for values in DEFAULTS:
        Entitlement.objects.get_or_create(key=values["key"], defaults=values)


def remove_default_entitlements(apps, schema_editor):
    Entitlement = apps.get_model("localoffer", "Entitlement")
    Entitlement.objects.filter(key__in=[values["key"] for values in DEFAULTS],
                               requests__isnull=True).delete()


class Migration(migrations.Migration):

    dependencies = [("localoffer", "0001_initial")]

    operations = [
        migrations.RunPython(add_default_entitlements, remove_default_entitlements),
    ]
