"""Demo allocations and contacts, through the services: Personal Advisers for the young people
whose status needs one (within each adviser's caseload capacity, more or less, and a few left
unallocated), some changes of PA, and contacts that are recent for most, overdue for some and
missing for a few.

Contacts come after the places and activities are recorded (`ctx.places`, `ctx.activities`), so
each one fits the young person's life on its day: a visit in custody only while they are there
(and nothing else face to face then), a visit where they live named for the place, and notes
that talk about their college, job, baby or Staying Put when they have one, so searching the
notes finds the right young people."""

from collections import Counter, defaultdict
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

Outcome, CT = ContactOutcome, ContactType
TYPES = {
    Outcome.SEEN: [CT.HOME_VISIT, CT.HOME_VISIT, CT.OFFICE, CT.OTHER],
    Outcome.SPOKE: [CT.PHONE, CT.PHONE, CT.VIDEO, CT.MESSAGE],
    Outcome.ATTEMPTED: [CT.HOME_VISIT, CT.PHONE],
    Outcome.REFUSED: [CT.PHONE, CT.HOME_VISIT],
}
#: In custody, a PA sees them on a visit there or speaks to them on the phone.
IN_CUSTODY_TYPES = {Outcome.SEEN: [CT.CUSTODY_VISIT], Outcome.SPOKE: [CT.PHONE],
                    Outcome.ATTEMPTED: [CT.CUSTODY_VISIT], Outcome.REFUSED: [CT.CUSTODY_VISIT]}
#: Where a visit to their home was, by the kind of place (DfE ACCOM letter).
HOME = {"U": "Their flat", "K": "Their room at the lodgings", "B": "Their family's home",
        "Y": "Their friend's flat", "C": "The children's home", "D": "Their supported flat",
        "E": "Their room at the supported lodgings", "T": "Their room at the foyer",
        "V": "The emergency accommodation", "W": "The bed and breakfast"}
ELSEWHERE = {CT.OFFICE: ["Council office", "Youth hub"],
             CT.OTHER: ["Café in town", "Walk in the park"]}
#: What a contact that reached them was about: what they do, then where they live.
ABOUT_ACTIVITY = {
    "2": ["Talked about how college is going at {where}; wants help with the written work.",
          "College is going well: they got a merit for the last assignment at {where}."],
    "1": ["Talked about the university course and when the bursary is paid.",
          "The course at {where} is hard going; talked about the study support there."],
    "4": ["The apprenticeship at {where} is going well; talked about travel costs to work.",
          "Talked about the apprenticeship: the off-the-job training day is the hard part."],
    "5": ["Busy at work at {where}; talked about a bank account for their wages.",
          "Work at {where} is going OK; asked about more hours."],
    "G4": ["Talked about how they are feeling and who is helping them get well."],
    "G5": ["Looked at jobs and training together; CV updated.",
           "Talked about what they want to do next; booked a careers appointment."],
    "G6": ["Talked about the baby and what help they have at home."],
}
ABOUT_PLACE = {
    "X": ["Visited in custody. Talked about release and where they will live.",
          "Custody visit: doing English and maths there; asked us to bring some books."],
    "Z": ["Staying Put with {detail} is going well.",
          "Talked with them and {detail} about how long Staying Put can last."],
    "W": ["Still in the bed and breakfast; chased the housing team for a supported place."],
    "V": ["Still in emergency accommodation; chased the housing team for a supported place."],
    "U": ["Went through the budget together; rent is up to date."],
}
#: Notes for the rest, by what happened and how; none says what they do or where they live.
NOTES = {
    Outcome.SEEN: ["Doctor's appointment booked for next week; will text a reminder.",
             "Talked about their plans for the summer.",
             "Caught up over a coffee; they seem settled."],
    Outcome.SPOKE: ["Quick call: all fine, busy this week.",
                    "Rang about a problem with the bus pass; sorted it out."],
    Outcome.ATTEMPTED: ["No answer at the door. Left a card.",
                        "Arranged visit but they were not in."],
    Outcome.REFUSED: [
        "Came to the door but did not want to talk today; will try again next week."],
}
NOTES_BY_TYPE = {
    (Outcome.SPOKE, CT.VIDEO): ["Video call; wants to meet in person next time."],
    (Outcome.SPOKE, CT.MESSAGE): ["Messaged back and forth: all fine, will meet next week."],
    (Outcome.ATTEMPTED, CT.PHONE): ["Phone went to voicemail; left a message."],
    (Outcome.REFUSED, CT.PHONE): [
        "Answered but did not want to talk today; will try again next week."],
    (Outcome.SPOKE, CT.PHONE, "X"): ["Phone call from custody: they are OK and want a visit soon."],
    (Outcome.ATTEMPTED, CT.CUSTODY_VISIT): [
        "Custody visit cancelled: the prison was locked down. Rebooked for next week."],
    (Outcome.REFUSED, CT.CUSTODY_VISIT): [
        "They did not come to the visits hall in custody today; will write to them."],
}
#: Only for someone who came to the country alone; only for someone with family here.
NOTES_ALONE = ["Talked about the Home Office interview; the solicitor has the papers."]
NOTES_FAMILY = ["Talked about seeing their younger brother more often."]


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


def _periods(people) -> dict:
    periods = defaultdict(list)
    for period in CarePeriod.objects.filter(young_person__in=people, short_break=False):
        periods[period.young_person_id].append((period.start_on, period.end_on))
    return periods


def _advisers_for(ctx, young_person):
    advisers = ctx.team_members(young_person.team, Role.PERSONAL_ADVISER)
    if young_person.restricted:
        allowed = set(young_person.restricted_to.values_list("pk", flat=True))
        advisers = [a for a in advisers if a.pk in allowed]
    return advisers


@demo_step(order=30)
def add_allocations(ctx: DemoContext) -> None:
    people = list(ctx.young_people().select_related("statutory_status"))
    asked_on = last_asked_for_support(people)
    touched = set(
        Allocation.objects.filter(young_person__in=people).values_list("young_person", flat=True)
    ) | set(Contact.objects.filter(young_person__in=people).values_list("young_person", flat=True))
    periods = _periods(people)
    caseloads = Counter(
        Allocation.objects.filter(end_on__isnull=True, kind=AllocationKind.PERSONAL_ADVISER)
        .values_list("adviser__username", flat=True)
    )
    allocations = unallocated = 0

    for young_person in people:
        status = getattr(young_person, "statutory_status", None)
        if young_person.pk in touched or status is None:
            continue
        rng = ctx.rng("advisers", young_person.person_id)
        advisers = _advisers_for(ctx, young_person)
        manager = ctx.team_members(young_person.team, Role.TEAM_MANAGER)[0]
        start = _support_starts(young_person, status.status, asked_on.get(young_person.pk),
                                periods.get(young_person.pk, []))

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
                    adviser_allocate(actor=manager, young_person=young_person, adviser=adviser,
                                     start_on=changed_on,
                                     reason=rng.choice(["Caseloads rebalanced",
                                                        "Young person asked for a change"]))
                    allocations += 2
                else:
                    adviser_allocate(actor=manager, young_person=young_person, adviser=adviser,
                                     start_on=start, reason="New to the leaving care service")
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
                allocations += 1

    ctx.report.append(
        f"Allocations: {allocations} added; {unallocated} young people needing a PA left "
        "unallocated"
    )


def _contact_type(rng, outcome, place):
    if place is not None and place.code == "X":
        return rng.choice(IN_CUSTODY_TYPES[outcome])
    contact_type = rng.choice(TYPES[outcome])
    if contact_type == CT.HOME_VISIT and place is not None and place.council_provided:
        # Where the council provides the place, a visit there is the visit CLR reg 8 asks for.
        return CT.ACCOMMODATION_VISIT
    return contact_type


def _location(rng, contact_type, place, activity) -> str:
    if contact_type == CT.CUSTODY_VISIT:
        return place.where or "The visits hall"
    if contact_type in (CT.HOME_VISIT, CT.ACCOMMODATION_VISIT):
        if place is None:
            return "At home"
        if place.code == "Z":
            return f"At {place.detail}'s home" if place.detail else "At their foster carers' home"
        if place.code in ("C", "W") and place.where:
            return place.where
        return HOME.get(place.code, "At home")
    choices = list(ELSEWHERE.get(contact_type, [""]))
    if contact_type == CT.OTHER and activity is not None and activity.code[1] == "2":
        choices.append("College canteen")
    return rng.choice(choices)


def _about(rng, young_person, contact_type, place, activity) -> str:
    """What a contact that reached them was about: their life as the records have it."""
    parts = []
    if place is not None and place.code == "X":
        if contact_type == CT.CUSTODY_VISIT:
            return rng.choice(ABOUT_PLACE["X"])
        return rng.choice(NOTES_BY_TYPE[Outcome.SPOKE, CT.PHONE, "X"])
    if activity is not None:
        key = activity.code if activity.code.startswith("G") else activity.code[1]
        parts.append(rng.choice(ABOUT_ACTIVITY[key]).format(where=activity.where or "their work"))
    if place is not None and place.code in ABOUT_PLACE:
        parts.append(rng.choice(ABOUT_PLACE[place.code]).format(
            detail=place.detail or "their foster carers"))
    if not parts:
        parts.append(rng.choice(NOTES[Outcome.SEEN] + (NOTES_ALONE if young_person.uasc
                                                  else NOTES_FAMILY)))
    return " ".join(parts)


def _notes(rng, young_person, outcome, contact_type, place, activity, *, about: bool) -> str:
    """The note for a contact: what it was about if it reached them (always for the last one,
    so their latest note says what they are doing now), otherwise a note for how it went."""
    in_custody = place is not None and place.code == "X"
    reached = outcome in (Outcome.SEEN, Outcome.SPOKE)
    if reached and (about or in_custody or rng.random() < 0.5):
        return _about(rng, young_person, contact_type, place, activity)
    for key in ((outcome, contact_type, "X") if in_custody else (), (outcome, contact_type)):
        if key in NOTES_BY_TYPE:
            return rng.choice(NOTES_BY_TYPE[key])
    extra = (NOTES_ALONE if young_person.uasc else NOTES_FAMILY) if outcome == Outcome.SEEN else []
    return rng.choice(NOTES[outcome] + extra)


def _visit_in_custody(rng, ctx, young_person, dates):
    """Someone in custody now is visited there once they are in, if the dates have no
    contact with them since."""
    place = ctx.place_on(young_person, ctx.today)
    if place is None or place.code != "X" or place.start_on >= ctx.today:
        return dates
    if any(day >= place.start_on and outcome in (Outcome.SEEN, Outcome.SPOKE)
           for day, outcome in dates):
        return dates
    visit = between(rng, place.start_on, ctx.today - timedelta(days=1))
    return sorted([*dates, (visit, Outcome.SEEN)])


# After where they live (50), what they do (52) and their plans (55): contacts talk about them.
@demo_step(order=58)
def add_contacts(ctx: DemoContext) -> None:
    people = list(ctx.young_people().select_related("statutory_status"))
    asked_on = last_asked_for_support(people)
    with_contacts = set(
        Contact.objects.filter(young_person__in=people).values_list("young_person", flat=True)
    )
    periods = _periods(people)
    staff = {user.pk: user for user in ctx.staff.values()}
    held_by = defaultdict(list)  # (adviser, first day, last day or None), in order
    for pk, adviser_pk, start_on, end_on in Allocation.objects.filter(
            young_person__in=people, kind=AllocationKind.PERSONAL_ADVISER,
    ).order_by("start_on").values_list("young_person", "adviser", "start_on", "end_on"):
        if adviser_pk in staff:
            held_by[pk].append((staff[adviser_pk], start_on, end_on))
    standards = KeepInTouchStandard.as_dict()
    contacts = 0

    for young_person in people:
        status = getattr(young_person, "statutory_status", None)
        if young_person.pk in with_contacts or status is None:
            continue
        interval = standards.get(status.status)
        if interval is None:
            continue
        rng = ctx.rng("contacts", young_person.person_id)
        advisers = _advisers_for(ctx, young_person)
        manager = ctx.team_members(young_person.team, Role.TEAM_MANAGER)[0]
        held = held_by.get(young_person.pk, [])
        start = _support_starts(young_person, status.status, asked_on.get(young_person.pk),
                                periods.get(young_person.pk, []))
        if not held or held[-1][2] is not None:
            pattern = "never" if not held or rng.random() < 0.5 else "overdue"
            if status.status == Status.ENTITLED_ON_REQUEST:
                pattern = rng.choice(["recent", "recent", "overdue"])
        else:
            pattern = rng.choices(["recent", "overdue", "never"], weights=[65, 25, 10])[0]
        dates = _contact_dates(rng, first=start, today=ctx.today, interval=interval,
                               pattern=pattern)
        dates = _visit_in_custody(rng, ctx, young_person, dates)
        reached = [day for day, outcome in dates if outcome in (Outcome.SEEN, Outcome.SPOKE)]
        for day, outcome in dates:
            holders = [
                a for a, first, last in held if first <= day and (last is None or day <= last)
            ]
            made_by = holders[0] if holders else manager
            if holders and len(advisers) > 1 and rng.random() < 0.1:
                made_by = rng.choice([a for a in advisers if a != made_by])  # covering
            place = ctx.place_on(young_person, day)
            activity = ctx.activity_on(young_person, day)
            contact_type = _contact_type(rng, outcome, place)
            seen = outcome == Outcome.SEEN
            contact_record(
                actor=made_by, young_person=young_person, made_by=made_by, now=ctx.now,
                contact_at=timezone.make_aware(
                    datetime.combine(day, time(rng.randint(9, 17), rng.choice([0, 15, 30, 45])))
                ),
                contact_type=contact_type,
                outcome=outcome,
                seen_alone=(rng.random() < 0.8) if seen else None,
                location=_location(rng, contact_type, place, activity) if seen else "",
                notes=_notes(rng, young_person, outcome, contact_type, place, activity,
                             about=bool(reached) and day == reached[-1]),
            )
            contacts += 1

    ctx.report.append(f"Contacts: {contacts} added")
