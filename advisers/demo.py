"""Demo allocations and contacts, through the services: Personal Advisers for the young people
whose status needs one (within each adviser's caseload capacity, more or less, and a few left
unallocated), some changes of PA, and contacts that are recent for most, overdue for some and
missing for a few."""

from collections import Counter
from datetime import datetime, time, timedelta

from django.utils import timezone

from careleavers.demo import DemoContext, between, demo_step
from careleavers.models import Role
from eligibility.models import CarePeriod
from eligibility.rules import PA_AND_PLAN_STATUSES, Status, birthday
from eligibility.selectors import last_asked_for_support

from .models import (
    Allocation,
    AllocationKind,
    Contact,
    ContactOutcome,
    ContactType,
    KeepInTouchStandard,
)
from .services import adviser_allocate, allocation_end, contact_record

# How far over capacity an adviser may go before a young person is left unallocated.
OVER_CAPACITY = 2

SEEN_AT = {
    ContactType.HOME_VISIT: ["Their flat", "Their room at the supported lodgings", "At home"],
    ContactType.OFFICE: ["Council office", "Youth hub"],
    ContactType.ACCOMMODATION_VISIT: ["Semi-independent flat", "Supported lodgings"],
    ContactType.OTHER: ["Café in town", "College canteen", "Walk in the park"],
}
NOTES = {
    ContactOutcome.SEEN: [
        "Talked about college applications and what they need for the interview.",
        "Went through the budget together; rent is up to date.",
        "Happy in the flat. Wants help finding a part-time job.",
        "Talked about seeing their younger brother more often.",
        "Brought the setting-up-home list; agreed what to buy first.",
        "Doctor's appointment booked for next week; will text a reminder.",
    ],
    ContactOutcome.SPOKE: [
        "Quick call: all fine, busy with work this week.",
        "Rang about a problem with the bus pass; sorted it out.",
        "Video call; wants to meet in person next time.",
        "Talked about the course starting in September.",
    ],
    ContactOutcome.ATTEMPTED: [
        "No answer at the door. Left a card.",
        "Phone went to voicemail; left a message.",
        "Arranged visit but they were not in.",
    ],
    ContactOutcome.REFUSED: ["Said they did not want to talk today; will try again next week."],
}
TYPES = {
    ContactOutcome.SEEN: [ContactType.HOME_VISIT, ContactType.HOME_VISIT, ContactType.OFFICE,
                          ContactType.OTHER, ContactType.ACCOMMODATION_VISIT],
    ContactOutcome.SPOKE: [ContactType.PHONE, ContactType.PHONE, ContactType.VIDEO,
                           ContactType.MESSAGE],
    ContactOutcome.ATTEMPTED: [ContactType.HOME_VISIT, ContactType.PHONE],
    ContactOutcome.REFUSED: [ContactType.PHONE, ContactType.HOME_VISIT],
}


def _contact_dates(rng, *, first, today, interval, pattern):
    """(day, outcome) pairs. `pattern`: 'recent' (last in touch within the standard),
    'overdue' (last in touch longer ago, with missed tries since) or 'never'."""
    if pattern == "never" or first >= today - timedelta(days=interval + 10):
        if rng.random() < 0.5:
            tried = between(rng, max(first, today - timedelta(days=40)), today - timedelta(days=1))
            return [(tried, ContactOutcome.ATTEMPTED)]
        return []
    if pattern == "recent":
        last = today - timedelta(days=rng.randint(1, interval - 5))
    else:
        last = today - timedelta(days=rng.randint(interval + 5, interval * 2))
    last = max(last, first)
    earliest = max(first, last - timedelta(days=int(interval * 0.65 * 10)))
    dates, day = [], last
    while True:
        day -= timedelta(days=rng.randint(int(interval * 0.4), int(interval * 0.9)))
        if day < earliest:
            break
        outcome = rng.choices(list(ContactOutcome), weights=[55, 30, 12, 3])[0]
        dates.append((day, outcome))
    dates.reverse()
    dates.append((last, rng.choice([ContactOutcome.SEEN, ContactOutcome.SEEN,
                                    ContactOutcome.SPOKE])))
    if pattern == "overdue":
        for _ in range(rng.randint(0, 2)):
            tried = between(rng, last + timedelta(days=7), today - timedelta(days=1))
            dates.append((tried, ContactOutcome.ATTEMPTED))
        dates.sort()
    return dates


def _support_starts(young_person, status, asked_on, periods):
    """When a PA would first have been allocated: for a 21-25 returner, when they last asked."""
    b16 = birthday(young_person.date_of_birth, 16)
    if status == Status.RETURNER_21_25 and asked_on is not None:
        return asked_on
    starts = [start for start, end in periods if end is None or end >= b16]
    return max(b16, min(starts)) if starts else b16


@demo_step(order=30)
def add_allocations_and_contacts(ctx: DemoContext) -> None:
    people = list(ctx.young_people().select_related("statutory_status"))
    asked_on = last_asked_for_support(people)
    touched = set(
        Allocation.objects.filter(young_person__in=people).values_list("young_person", flat=True)
    ) | set(Contact.objects.filter(young_person__in=people).values_list("young_person", flat=True))
    periods = {}
    for period in CarePeriod.objects.filter(young_person__in=people, short_break=False):
        periods.setdefault(period.young_person_id, []).append((period.start_on, period.end_on))
    caseloads = Counter(
        Allocation.objects.filter(end_on__isnull=True, kind=AllocationKind.PERSONAL_ADVISER)
        .values_list("adviser__username", flat=True)
    )
    standards = KeepInTouchStandard.as_dict()
    now = ctx.now
    allocations = contacts = unallocated = 0

    for young_person in people:
        status = getattr(young_person, "statutory_status", None)
        if young_person.pk in touched or status is None:
            continue
        rng = ctx.rng("advisers", young_person.person_id)
        team = young_person.team
        advisers = ctx.team_members(team, Role.PERSONAL_ADVISER)
        if young_person.restricted:
            advisers = [a for a in advisers if young_person.restricted_to.filter(pk=a.pk).exists()]
        manager = ctx.team_members(team, Role.TEAM_MANAGER)[0]
        # (adviser, first day, last day or None)
        held: list[tuple] = []
        start = min(_support_starts(young_person, status.status, asked_on.get(young_person.pk),
                                    periods.get(young_person.pk, [])),
                    ctx.today - timedelta(days=20))

        if status.status in PA_AND_PLAN_STATUSES:
            adviser = min(advisers, key=lambda a: (caseloads[a.username], a.username))
            full = caseloads[adviser.username] >= (adviser.caseload_capacity or 0) + OVER_CAPACITY
            if full or rng.random() < 0.15:
                unallocated += 1
            else:
                others = [a for a in advisers if a != adviser]
                changed_on = start + timedelta(days=rng.randint(60, 400))
                if others and rng.random() < 0.35 and changed_on < ctx.today - timedelta(days=30):
                    previous = rng.choice(others)
                    adviser_allocate(actor=manager, young_person=young_person, adviser=previous,
                                     start_on=start, reason="New to the leaving care service")
                    held.append((previous, start, changed_on - timedelta(days=1)))
                    adviser_allocate(actor=manager, young_person=young_person, adviser=adviser,
                                     start_on=changed_on,
                                     reason=rng.choice(["Caseloads rebalanced",
                                                        "Young person asked for a change"]))
                    held.append((adviser, changed_on, None))
                    allocations += 2
                else:
                    adviser_allocate(actor=manager, young_person=young_person, adviser=adviser,
                                     start_on=start, reason="New to the leaving care service")
                    held.append((adviser, start, None))
                    allocations += 1
                caseloads[adviser.username] += 1
        elif status.status == Status.ENTITLED_ON_REQUEST and advisers:
            # Had a PA until a little after turning 21.
            adviser = rng.choice(advisers)
            ended = birthday(young_person.date_of_birth, 21) + timedelta(days=rng.randint(0, 60))
            if start < ended < ctx.today:
                allocation = adviser_allocate(actor=manager, young_person=young_person,
                                              adviser=adviser, start_on=start,
                                              reason="New to the leaving care service")
                allocation_end(actor=manager, allocation=allocation, end_on=ended,
                               reason="Turned 21 and did not ask for more support")
                held.append((adviser, start, ended))
                allocations += 1

        interval = standards.get(status.status)
        if interval is None:
            continue
        if not held or held[-1][2] is not None:
            pattern = "never" if not held or rng.random() < 0.5 else "overdue"
            if status.status == Status.ENTITLED_ON_REQUEST:
                pattern = rng.choice(["recent", "recent", "overdue"])
        else:
            pattern = rng.choices(["recent", "overdue", "never"], weights=[65, 25, 10])[0]
        for day, outcome in _contact_dates(rng, first=start, today=ctx.today,
                                           interval=interval, pattern=pattern):
            holders = [
                a for a, first, last in held if first <= day and (last is None or day <= last)
            ]
            made_by = holders[0] if holders else manager
            if holders and len(advisers) > 1 and rng.random() < 0.1:
                made_by = rng.choice([a for a in advisers if a != made_by])  # covering
            contact_type = rng.choice(TYPES[outcome])
            seen = outcome == ContactOutcome.SEEN
            contact_record(
                actor=made_by, young_person=young_person, made_by=made_by, now=now,
                contact_at=timezone.make_aware(
                    datetime.combine(day, time(rng.randint(9, 17), rng.choice([0, 15, 30, 45])))
                ),
                contact_type=contact_type,
                outcome=outcome,
                seen_alone=(rng.random() < 0.8) if seen else None,
                location=rng.choice(SEEN_AT.get(contact_type, [""])) if seen else "",
                notes=rng.choice(NOTES[outcome]),
            )
            contacts += 1

    ctx.report.append(
        f"Allocations: {allocations} added; {unallocated} young people needing a PA left "
        f"unallocated. Contacts: {contacts} added"
    )
