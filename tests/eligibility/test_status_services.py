"""Keeping a young person's status and its history (eligibility/services.py)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from careleavers.concurrency import StaleEditError
from careleavers.services import young_person_update
from eligibility.models import CareFacts, CarePeriod, StatusChange, StatutoryStatus
from eligibility.rules import Status, birthday
from eligibility.services import (
    care_facts_update,
    care_period_add,
    status_refresh,
    statuses_bring_up_to_date,
)
from tests.careleavers.records import add_young_person, years_ago

pytestmark = pytest.mark.django_db


def changes(person):
    return list(StatusChange.objects.filter(young_person=person).order_by("recorded_at", "pk"))


def test_a_new_young_person_gets_a_status_with_one_change(staff, teams):
    person = add_young_person(team=teams["north"], actor=staff["manager"])

    [first] = changes(person)
    assert first.previous_status == ""
    assert first.status == person.statutory_status.status
    assert first.recorded_by == staff["manager"]


def test_status_refresh_writes_one_change_per_change_and_none_when_unchanged(staff, teams):
    today = timezone.localdate()
    person = add_young_person(team=teams["north"], actor=staff["manager"],
                              date_of_birth=years_ago(17))
    assert person.statutory_status.status == Status.NOT_ENTITLED

    status_refresh(actor=staff["pa"], young_person=person, on=today)
    assert len(changes(person)) == 1

    CarePeriod.objects.create(young_person=person, start_on=years_ago(1))
    decision = status_refresh(actor=staff["pa"], young_person=person, on=today)

    assert decision.status == Status.ELIGIBLE
    first, second = changes(person)
    assert (second.previous_status, second.status) == (Status.NOT_ENTITLED, Status.ELIGIBLE)
    assert second.reason == decision.reason
    assert (second.effective_on, second.recorded_by) == (today, staff["pa"])
    status = StatutoryStatus.objects.get(young_person=person)
    assert (status.status, status.since, status.reason) == (Status.ELIGIBLE, today,
                                                           decision.reason)

    status_refresh(actor=staff["pa"], young_person=person, on=today)
    assert len(changes(person)) == 2


def test_nightly_update_moves_an_eligible_young_person_to_former_relevant_on_their_18th(
    staff, teams
):
    today = timezone.localdate()
    turns_18 = today + timedelta(days=10)
    person = add_young_person(team=teams["north"], actor=staff["manager"],
                              date_of_birth=years_ago(18, today=turns_18))
    care_period_add(actor=staff["manager"], young_person=person, start_on=years_ago(2))
    assert birthday(person.date_of_birth, 18) == turns_18
    person.refresh_from_db()
    assert person.statutory_status.status == Status.ELIGIBLE
    before = len(changes(person))

    assert statuses_bring_up_to_date(on=turns_18 - timedelta(days=1)) == 0
    assert StatutoryStatus.objects.get(young_person=person).status == Status.ELIGIBLE

    assert statuses_bring_up_to_date(on=turns_18) == 1

    status = StatutoryStatus.objects.get(young_person=person)
    assert (status.status, status.since) == (Status.FORMER_RELEVANT, turns_18)
    latest = changes(person)[-1]
    assert (latest.previous_status, latest.status) == (Status.ELIGIBLE, Status.FORMER_RELEVANT)
    assert latest.effective_on == turns_18
    assert latest.recorded_by is None  # the nightly check, not a person
    assert len(changes(person)) == before + 1


def test_bringing_statuses_up_to_date_twice_for_a_date_changes_nothing(staff, teams):
    today = timezone.localdate()
    turns_18 = today + timedelta(days=10)
    person = add_young_person(team=teams["north"], actor=staff["manager"],
                              date_of_birth=years_ago(18, today=turns_18))
    care_period_add(actor=staff["manager"], young_person=person, start_on=years_ago(2))
    statuses_bring_up_to_date(on=turns_18)
    rows = changes(person)
    status = StatutoryStatus.objects.get(young_person=person)

    assert statuses_bring_up_to_date(on=turns_18) == 0

    assert changes(person) == rows
    again = StatutoryStatus.objects.get(young_person=person)
    assert (again.status, again.reason, again.since, again.checked_on) == (
        status.status, status.reason, status.since, status.checked_on
    )


def test_changing_the_date_of_birth_works_out_the_status_again(staff, teams):
    person = add_young_person(team=teams["north"], actor=staff["manager"],
                              date_of_birth=years_ago(17))
    care_period_add(actor=staff["manager"], young_person=person, start_on=years_ago(1))
    person.refresh_from_db()
    assert person.statutory_status.status == Status.ELIGIBLE

    young_person_update(actor=staff["manager"], young_person=person, version=person.version,
                        today=timezone.localdate(), date_of_birth=years_ago(15))

    assert StatutoryStatus.objects.get(young_person=person).status == Status.NOT_ENTITLED


def test_care_facts_update_with_a_stale_version_is_refused(staff, teams):
    person = add_young_person(team=teams["north"], actor=staff["manager"])
    care_facts_update(actor=staff["manager"], young_person=person, version=1,
                      special_guardianship_order=True)

    with pytest.raises(StaleEditError) as refused:
        care_facts_update(actor=staff["pa"], young_person=person, version=1,
                          in_education_or_training=True)

    assert refused.value.current.version == 2
    facts = CareFacts.objects.get(young_person=person)
    assert (facts.version, facts.in_education_or_training) == (2, False)


def test_care_facts_update_keeps_who_changed_them(staff, teams):
    person = add_young_person(team=teams["north"], actor=staff["manager"])

    care_facts_update(actor=staff["pa"], young_person=person, version=1,
                      privately_fostered_after_16=True)

    assert CareFacts.objects.get(young_person=person).history.first().history_user == staff["pa"]


def _nightly_queries(on) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert statuses_bring_up_to_date(on=on) == 0
    return [query["sql"] for query in queries.captured_queries]


def test_a_night_with_no_status_moving_costs_the_same_few_queries_for_5_or_40_young_people(
    staff, teams
):
    """Reading is batched and only a moved status is written one by one: a night that moves
    nobody's status reads the records and marks the day checked, whatever the caseload."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    people = [add_young_person(team=teams["north"], actor=staff["manager"],
                               date_of_birth=years_ago(17)) for _ in range(5)]
    with_five = _nightly_queries(tomorrow)
    people += [add_young_person(team=teams["north"], actor=staff["manager"],
                                date_of_birth=years_ago(19)) for _ in range(35)]

    with_forty = _nightly_queries(tomorrow + timedelta(days=1))

    assert len(with_forty) == len(with_five)
    # Reading young people with their facts, their care periods; marking the day checked.
    assert len(with_forty) <= 4, with_forty
    assert set(StatutoryStatus.objects.filter(young_person__in=people)
               .values_list("checked_on", flat=True)) == {tomorrow + timedelta(days=1)}
