"""Demo care histories: periods looked after and the other facts, shaped so the demo young
people between them hold every status of DOMAIN.md §1. Each history is written through the
services, which decide the status as they would for a PA typing it in."""

from collections import Counter
from datetime import timedelta

from careleavers.demo import DemoContext, between, demo_step
from careleavers.models import Role

from .models import CareFacts, CarePeriod, StatutoryStatus
from .rules import age_on, birthday
from .services import care_facts_update, care_period_add

DAY = timedelta(days=1)

# The histories used for each age group, in turn. The ages the demo gives each group
# (careleavers.demo.AGE_GROUPS) leave room for every one of them.
HISTORIES = {
    "16-17": ["eligible", "relevant", "eligible", "relevant_detained", "qualifying_short_care",
              "eligible", "not_entitled_new_to_care", "relevant", "qualifying_returned_home"],
    "18-20": ["former_relevant", "former_relevant_left_at_17", "qualifying_special_guardianship",
              "former_relevant", "qualifying_short_breaks", "former_relevant",
              "qualifying_privately_fostered", "former_relevant_left_at_17"],
    "21-24": ["in_education", "returner", "entitled_on_request", "in_education",
              "entitled_on_request_opted_out", "returner", "qualifying_in_education",
              "entitled_on_request"],
    "25": ["turned_25"],
}


def age_group(age: int) -> str:
    return "16-17" if age <= 17 else "18-20" if age <= 20 else "21-24" if age <= 24 else "25"


def care_history(kind: str, rng, *, dob, today) -> tuple[list[tuple], dict]:
    """Care periods (start, end, short break) and facts for one kind of history."""
    b = {years: birthday(dob, years) for years in (8, 10, 11, 12, 13, 14, 16, 18, 21)}
    periods, facts = [], {}

    def short_breaks(first, last):
        day = between(rng, first, first + timedelta(days=60))
        while day + timedelta(days=14) < last:
            length = rng.randint(2, 14)
            periods.append((day, day + timedelta(days=length - 1), True))
            day += timedelta(days=length + rng.randint(30, 120))

    def care_until_18(first_from, first_to):
        start = between(rng, first_from, first_to)
        if rng.random() < 0.3 and start - b[8] > timedelta(days=400):
            # An earlier time in care, as a younger child.
            early = between(rng, b[8] - timedelta(days=700), start - timedelta(days=400))
            periods.append((early, early + timedelta(days=rng.randint(60, 300)), False))
        periods.append((start, b[18] - DAY, False))

    if kind == "eligible":
        start = between(rng, b[13], today - timedelta(days=120))
        if rng.random() < 0.3 and start - b[12] > timedelta(days=60):
            short_breaks(b[12] - timedelta(days=200), start - timedelta(days=30))
        periods.append((start, None, False))
    elif kind == "relevant":
        periods.append((between(rng, b[14] - timedelta(days=300), b[16] - timedelta(days=100)),
                        between(rng, b[16] + timedelta(days=10), today - timedelta(days=14)),
                        False))
    elif kind == "relevant_detained":
        periods.append((between(rng, b[14], b[16] - timedelta(days=200)), b[16] - DAY, False))
        facts["detained_on_16th_birthday"] = True
    elif kind in ("qualifying_short_care", "qualifying_in_education"):
        start = between(rng, b[16] + timedelta(days=5),
                        min(today - timedelta(days=90), b[18] - timedelta(days=80)))
        periods.append((start, start + timedelta(days=rng.randint(20, 75)), False))
        if kind == "qualifying_in_education":
            facts["in_education_or_training"] = True
    elif kind == "not_entitled_new_to_care":
        periods.append((between(rng, today - timedelta(days=80), today - timedelta(days=20)),
                        None, False))
    elif kind == "qualifying_returned_home":
        end = b[16] + timedelta(days=rng.randint(5, 20))
        periods.append((between(rng, b[14] - timedelta(days=200), b[16] - timedelta(days=120)),
                        end, False))
        facts["returned_home_on"] = end + DAY
    elif kind == "former_relevant":
        care_until_18(b[10], b[16] - timedelta(days=100))
    elif kind == "former_relevant_left_at_17":
        periods.append((between(rng, b[12], b[16] - timedelta(days=100)),
                        between(rng, b[16] + timedelta(days=30), b[18] - timedelta(days=30)),
                        False))
    elif kind == "qualifying_special_guardianship":
        start = between(rng, b[8], b[11])
        periods.append((start, between(rng, start + timedelta(days=200), b[13]), False))
        facts["special_guardianship_order"] = True
    elif kind == "qualifying_short_breaks":
        short_breaks(b[13], today - DAY)
    elif kind == "qualifying_privately_fostered":
        facts["privately_fostered_after_16"] = True
    elif kind in ("in_education", "returner", "entitled_on_request",
                  "entitled_on_request_opted_out", "turned_25"):
        care_until_18(b[11], b[16] - timedelta(days=100))
        if kind == "in_education":
            facts["in_education_or_training"] = True
        elif kind == "returner":
            facts["requested_support_on"] = between(rng, b[21] + timedelta(days=30),
                                                    today - timedelta(days=10))
        elif kind == "entitled_on_request_opted_out":
            requested = between(rng, b[21] + timedelta(days=10), today - timedelta(days=60))
            facts["requested_support_on"] = requested
            facts["opted_out_on"] = between(rng, requested + timedelta(days=14),
                                            today - timedelta(days=10))
    else:
        raise ValueError(f"No demo history called {kind!r}")
    return periods, facts


@demo_step(order=20)
def add_care_histories(ctx: DemoContext) -> None:
    people = list(ctx.young_people())
    with_history = set(
        CarePeriod.objects.filter(young_person__in=people).values_list("young_person", flat=True)
    ) | set(CareFacts.objects.filter(young_person__in=people).values_list("young_person",
                                                                          flat=True))
    turn = Counter()
    added = 0
    for young_person in people:
        group = age_group(age_on(young_person.date_of_birth, ctx.today))
        kind = HISTORIES[group][turn[group] % len(HISTORIES[group])]
        turn[group] += 1
        if young_person.pk in with_history:
            continue
        rng = ctx.rng("care", young_person.person_id)
        periods, facts = care_history(kind, rng, dob=young_person.date_of_birth, today=ctx.today)
        manager = ctx.team_members(young_person.team, Role.TEAM_MANAGER)[0]
        for start_on, end_on, short_break in periods:
            care_period_add(actor=manager, young_person=young_person, start_on=start_on,
                            end_on=end_on, short_break=short_break, today=ctx.today)
        if facts:
            care_facts_update(actor=manager, young_person=young_person, version=1,
                              today=ctx.today, **facts)
        added += 1
    statuses = Counter(
        StatutoryStatus.objects.filter(young_person__in=people).values_list("status", flat=True)
    )
    ctx.report.append(f"Care histories: {added} added")
    ctx.report.append(
        "Statuses: " + ", ".join(f"{status} {n}" for status, n in sorted(statuses.items()))
    )
