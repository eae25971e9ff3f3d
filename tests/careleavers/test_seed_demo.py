"""`seed_demo [--young-people N] [--seed S]` (INTERFACES.md §6): made-up young people across
every status, with histories, the same for the same seed, safe to run twice."""

import re
from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from advisers.models import Allocation, Contact
from advisers.selectors import caseload_rows, unallocated_requiring_pa
from careleavers.demo import AGE_PATTERN, DemoContext, demo_identity
from careleavers.models import Team, User, YoungPerson
from eligibility.demo import HISTORIES, age_group
from eligibility.histories import care_history
from eligibility.models import CareFacts, CarePeriod, StatusChange, StatutoryStatus
from eligibility.rules import CarePeriod as Period
from eligibility.rules import Facts, Status, age_on, decide_status

pytestmark = pytest.mark.django_db

INTENDED = {
    "eligible": Status.ELIGIBLE,
    "relevant": Status.RELEVANT,
    "relevant_detained": Status.RELEVANT,
    "qualifying_short_care": Status.QUALIFYING,
    "qualifying_returned_home": Status.QUALIFYING,
    "qualifying_special_guardianship": Status.QUALIFYING,
    "qualifying_privately_fostered": Status.QUALIFYING,
    "qualifying_in_education": Status.QUALIFYING,
    "not_entitled_new_to_care": Status.NOT_ENTITLED,
    "qualifying_short_breaks": Status.QUALIFYING,
    "former_relevant": Status.FORMER_RELEVANT,
    "former_relevant_left_at_17": Status.FORMER_RELEVANT,
    "in_education": Status.FORMER_RELEVANT_EDUCATION,
    "returner": Status.RETURNER_21_25,
    "entitled_on_request": Status.ENTITLED_ON_REQUEST,
    "entitled_on_request_opted_out": Status.ENTITLED_ON_REQUEST,
    "turned_25": Status.NOT_ENTITLED,
}


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def snapshot() -> list[tuple]:
    """Who the demo young people are and what their histories hold."""
    return [
        (
            yp.person_id, yp.first_name, yp.last_name, yp.date_of_birth, yp.team.team_id,
            yp.statutory_status.status,
            tuple(yp.care_periods.order_by("start_on").values_list("start_on", "end_on",
                                                                   "short_break")),
            tuple(yp.allocations.order_by("start_on").values_list("adviser__username",
                                                                  "start_on", "end_on")),
            tuple(yp.contacts.order_by("contact_at").values_list("contact_at", "outcome",
                                                                 "made_by__username")),
        )
        for yp in YoungPerson.objects.select_related("team", "statutory_status")
        .order_by("person_id")
    ]


def counts() -> dict[str, int]:
    models = [YoungPerson, CarePeriod, CareFacts, StatutoryStatus, StatusChange, Allocation,
              Contact, Team]
    result = {model.__name__: model.objects.count() for model in models}
    result |= {f"{m.__name__} history": m.history.count() for m in models if hasattr(m, "history")}
    return result


def test_the_default_seed_holds_every_status_and_sixty_young_people():
    out = seed()

    statuses = Counter(StatutoryStatus.objects.values_list("status", flat=True))
    assert set(statuses) == set(Status.values)
    assert YoungPerson.objects.count() == 60
    assert "Young people: 60 (60 added, 0 already there)" in out
    assert "Sign in at http://localhost:8000" in out
    assert "  pa         Personal Adviser, north team" in out


def test_running_it_twice_changes_nothing_the_second_time():
    seed("--young-people", "20")
    before, people = counts(), snapshot()

    out = seed("--young-people", "20")

    assert counts() == before
    assert snapshot() == people
    assert "Young people: 20 (0 added, 20 already there)" in out


def test_twenty_young_people_are_enough_for_every_status():
    seed("--young-people", "20")

    assert set(StatutoryStatus.objects.values_list("status", flat=True)) == set(Status.values)


def test_the_same_seed_gives_the_same_young_people_and_histories():
    seed("--young-people", "20", "--seed", "7")
    first = snapshot()
    YoungPerson.objects.all().delete()

    seed("--young-people", "20", "--seed", "7")

    assert snapshot() == first
    assert [row[0] for row in first] == [f"DEMO-{n:04d}" for n in range(1, 21)]


def test_another_seed_gives_other_young_people():
    seed("--young-people", "20", "--seed", "1")
    first = snapshot()
    YoungPerson.objects.all().delete()

    seed("--young-people", "20", "--seed", "2")

    assert [row[1:4] for row in snapshot()] != [row[1:4] for row in first]


def test_more_young_people_later_adds_only_the_new_ones():
    seed("--young-people", "10")
    first = snapshot()

    out = seed("--young-people", "20")

    assert snapshot()[:10] == first
    assert "Young people: 20 (10 added, 10 already there)" in out


def test_caseloads_are_realistic():
    seed()
    today = timezone.localdate()
    rows = caseload_rows(YoungPerson.objects.all(), today=today)

    states = Counter(row.contact_state for row in rows)
    assert states["ok"] and states["overdue"] and states["never"]
    assert unallocated_requiring_pa(YoungPerson.objects.all(), today=today).exists()
    for adviser in User.objects.personal_advisers():
        held = Allocation.objects.current(today).main().filter(adviser=adviser).count()
        assert held <= adviser.caseload_capacity + 2
    # Some young people have had more than one PA.
    assert Allocation.objects.filter(end_reason__in=["Caseloads rebalanced",
                                                     "Young person asked for a change"]).exists()
    # Nobody's history is in the future.
    assert not Contact.objects.filter(contact_at__gt=timezone.now()).exists()
    assert not CarePeriod.objects.filter(start_on__gt=today).exists()


def test_the_details_are_made_up_and_reach_no_one():
    seed("--young-people", "20")

    for yp in YoungPerson.objects.all():
        assert yp.email == "" or yp.email.endswith("@example.com")
        # Ofcom's numbers for drama.
        assert yp.phone == "" or re.fullmatch(r"07700 900\d{3}", yp.phone)


def test_the_restricted_demo_record_is_seen_only_by_the_staff_named_on_it():
    seed("--young-people", "20")

    restricted = YoungPerson.objects.get(restricted=True)
    assert restricted.person_id == "DEMO-0009"
    assert set(restricted.restricted_to.values_list("username", flat=True)) == {"pa", "manager"}
    assert YoungPerson.objects.visible_to(User.objects.get(username="pa2")).filter(
        pk=restricted.pk).count() == 0
    current = restricted.allocations.current(timezone.localdate()).main().first()
    assert current is None or current.adviser.username == "pa"


@pytest.mark.parametrize("today", [
    date(2026, 3, 3), date(2028, 2, 29), date(2027, 12, 31), date(2026, 1, 1), date(2025, 6, 30),
])
@pytest.mark.parametrize("seed_value", [1, 2, 3])
def test_every_demo_history_gives_the_status_it_is_meant_to(today, seed_value):
    """Checked on the pure rule for many made-up people, seeds and dates (a leap day among
    them), so the demo never comes out short of a status."""
    teams = {"north": Team(team_id="north"), "south": Team(team_id="south")}
    ctx = DemoContext(seed=seed_value, count=0, today=today, now=None, teams=teams, staff={},
                      staff_teams={})
    for number in range(1, 2 * len(AGE_PATTERN) + 1):
        dob = demo_identity(ctx, number)["date_of_birth"]
        group = age_group(age_on(dob, today))
        assert group == AGE_PATTERN[(number - 1) % len(AGE_PATTERN)]
        for kind in HISTORIES[group]:
            rng = ctx.rng("care", number, kind)
            periods, facts = care_history(kind, rng, dob=dob, today=today)
            for start, end, _ in periods:
                assert dob <= start <= today and (end is None or start <= end < today)
            decision = decide_status(
                Facts(date_of_birth=dob, care_periods=tuple(Period(*p) for p in periods),
                      **facts),
                today,
            )
            assert decision.status == INTENDED[kind], (number, kind, dob, periods, facts)
            assert age_on(dob, today) <= 26 and today - timedelta(days=14 * 365) >= dob
