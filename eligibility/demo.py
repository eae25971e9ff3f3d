"""Demo care histories: periods looked after and the other facts (eligibility.histories), one
kind for each status of DOMAIN.md §1 in turn, so the demo young people between them hold every
status. Each history is written through the services, which decide the status as they would for
a PA typing it in."""

from collections import Counter
from datetime import timedelta

from careleavers.demo import DemoContext, between, demo_step
from careleavers.models import Role

from .histories import care_history
from .models import CareFacts, CarePeriod, StatutoryStatus, SupportChoice, SupportChoiceKind
from .rules import age_on, birthday
from .services import care_facts_update, care_period_add, support_choice_record

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


#: Someone who came to the country alone has no parent here to go home to, no special
#: guardian, no private foster carer and no short breaks from a family home: the demo gives
#: them a history with the same status that they could have had. (Only the rule for someone
#: detained on their 16th birthday is kept for those with family here.)
UASC_INSTEAD = {
    "qualifying_returned_home": "qualifying_short_care",
    "qualifying_special_guardianship": "qualifying_short_care",
    "qualifying_privately_fostered": "qualifying_short_care",
    "qualifying_short_breaks": "qualifying_short_care",
    "relevant_detained": "relevant",
}
#: The earliest age the demo has an unaccompanied young person arrive and come into care.
UASC_ARRIVED_FROM = 14


def age_group(age: int) -> str:
    return "16-17" if age <= 17 else "18-20" if age <= 20 else "21-24" if age <= 24 else "25"


def arrived_alone(rng, periods, *, dob):
    """The periods of a history for someone who came to the country alone: looked after from
    when they arrived, at 14 or older, with no short breaks or care as a younger child. Care
    from 14 keeps the 13 weeks the statuses need, as it starts at least 100 days before the
    16th birthday whenever the history had it start earlier."""
    arrived = birthday(dob, UASC_ARRIVED_FROM)
    kept = [p for p in periods if not p[2] and (p[1] is None or p[1] >= arrived)]
    if kept and kept[0][0] < arrived:
        start, end, _ = kept[0]
        kept[0] = (between(rng, arrived, arrived + timedelta(days=200)), end, False)
    return kept


@demo_step(order=20)
def add_care_histories(ctx: DemoContext) -> None:
    people = list(ctx.young_people())
    with_history = set(
        CarePeriod.objects.filter(young_person__in=people).values_list("young_person", flat=True)
    ) | set(CareFacts.objects.filter(young_person__in=people).values_list("young_person",
                                                                          flat=True)) | set(
        SupportChoice.objects.filter(young_person__in=people).values_list("young_person",
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
        if young_person.uasc:
            kind = UASC_INSTEAD.get(kind, kind)
        periods, facts = care_history(kind, rng, dob=young_person.date_of_birth, today=ctx.today)
        if young_person.uasc:
            periods = arrived_alone(rng, periods, dob=young_person.date_of_birth)
        manager = ctx.team_members(young_person.team, Role.TEAM_MANAGER)[0]
        for start_on, end_on, short_break in periods:
            care_period_add(actor=manager, young_person=young_person, start_on=start_on,
                            end_on=end_on, short_break=short_break, today=ctx.today)
        choices = facts.pop("support_choices", ())
        if facts:
            care_facts_update(actor=manager, young_person=young_person, version=1,
                              today=ctx.today, **facts)
        for choice in choices:
            support_choice_record(
                actor=manager, young_person=young_person, on=choice.on, today=ctx.today,
                kind=SupportChoiceKind.ASKED if choice.asked else SupportChoiceKind.OPTED_OUT,
            )
        added += 1
    statuses = Counter(
        StatutoryStatus.objects.filter(young_person__in=people).values_list("status", flat=True)
    )
    ctx.report.append(f"Care histories: {added} added")
    ctx.report.append(
        "Statuses: " + ", ".join(f"{status} {n}" for status, n in sorted(statuses.items()))
    )
