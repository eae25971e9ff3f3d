"""The one request for support and the one opt-out the care facts held become dated support
choices (eligibility migration 0003), each with who recorded it, and go back into the two
dates if the migration is undone."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from eligibility.models import CareFacts, SupportChoice, SupportChoiceKind
from tests.careleavers.records import add_young_person

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("eligibility", "0002_support_choices")]
AFTER = [("eligibility", "0004_remove_single_support_dates")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_the_single_dates():
    apps = _migrate(BEFORE)
    yield apps
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_the_two_dates_become_choices_with_who_recorded_them_and_go_back(
    staff, teams, back_to_the_single_dates
):
    apps = back_to_the_single_dates
    asked_again = add_young_person(team=teams["north"])
    only_asked = add_young_person(team=teams["north"])
    nothing = add_young_person(team=teams["north"])
    OldFacts = apps.get_model("eligibility", "CareFacts")
    OldFacts.objects.create(young_person_id=asked_again.pk, requested_support_on=date(2026, 3, 3),
                            opted_out_on=date(2025, 11, 1))
    facts = OldFacts.objects.create(young_person_id=only_asked.pk,
                                    requested_support_on=date(2026, 1, 5))
    OldFacts.objects.create(young_person_id=nothing.pk, in_education_or_training=True)
    apps.get_model("eligibility", "HistoricalCareFacts").objects.create(
        young_person_id=only_asked.pk, requested_support_on=facts.requested_support_on,
        version=1, history_date="2026-01-06T10:00:00Z", history_type="+",
        history_user_id=staff["pa"].pk, detained_on_16th_birthday=False,
        special_guardianship_order=False, privately_fostered_after_16=False,
        in_education_or_training=False,
    )

    _migrate(AFTER)

    def choices(person):
        return list(SupportChoice.objects.filter(young_person=person)
                    .values_list("kind", "on", "recorded_by"))

    assert choices(asked_again) == [(SupportChoiceKind.OPTED_OUT, date(2025, 11, 1), None),
                                    (SupportChoiceKind.ASKED, date(2026, 3, 3), None)]
    assert choices(only_asked) == [(SupportChoiceKind.ASKED, date(2026, 1, 5), staff["pa"].pk)]
    assert choices(nothing) == []
    assert CareFacts.objects.get(young_person=nothing).in_education_or_training
    assert SupportChoice.history.filter(history_user=staff["pa"]).count() == 1

    SupportChoice.objects.create(young_person=only_asked, kind=SupportChoiceKind.OPTED_OUT,
                                 on=date(2026, 2, 1))
    SupportChoice.objects.create(young_person=only_asked, kind=SupportChoiceKind.ASKED,
                                 on=date(2026, 2, 20))
    apps = _migrate(BEFORE)

    OldFacts = apps.get_model("eligibility", "CareFacts")
    assert OldFacts.objects.filter(young_person_id=only_asked.pk).values_list(
        "requested_support_on", "opted_out_on").get() == (date(2026, 2, 20), date(2026, 2, 1))
    assert OldFacts.objects.filter(young_person_id=asked_again.pk).values_list(
        "requested_support_on", "opted_out_on").get() == (date(2026, 3, 3), date(2025, 11, 1))
    assert not apps.get_model("eligibility", "SupportChoice").objects.exists()
