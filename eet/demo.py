"""Demo education, employment and training, through the service: what each young person in the
service has done since 16, a realistic mix for their age at the time (nobody at university
before 18, A levels only in their teens, English classes for those whose first language is
another), with reasons for those not in education, employment or training. Someone in custody
is recorded as such for as long as they are there (`ctx.places`, from accommodation's step).
Providers and employers are made up.

What it records is left in `ctx.activities` for the steps after it (plans, contact notes)."""

from collections import defaultdict
from datetime import timedelta

from careleavers.demo import DemoContext, Spell, between, demo_step
from careleavers.models import Role
from eligibility.rules import Status, age_on, birthday

from .models import ActivityEpisode
from .rules import ActivityCode, is_eet
from .services import activity_record

C = ActivityCode

#: (code, weight) for what young people of each age do.
MIX = {
    "16-17": [(C.F2, 55), (C.P2, 5), (C.F4, 10), (C.G5, 18), (C.G4, 7), (C.G6, 5)],
    "18-20": [(C.F1, 12), (C.F2, 18), (C.F4, 14), (C.P4, 2), (C.F5, 16), (C.P5, 10), (C.G4, 8),
              (C.G5, 14), (C.G6, 6)],
    "21-24": [(C.F1, 15), (C.P1, 5), (C.F5, 30), (C.P5, 12), (C.G4, 10), (C.G5, 18),
              (C.G6, 10)],
}
#: Former relevant young people in education are 21 to 25 because they study.
STUDYING = [(C.F1, 60), (C.P1, 15), (C.F2, 15), (C.P2, 10)]
SERVICE_STATUSES = {
    Status.ELIGIBLE, Status.RELEVANT, Status.FORMER_RELEVANT, Status.FORMER_RELEVANT_EDUCATION,
    Status.RETURNER_21_25, Status.ENTITLED_ON_REQUEST, Status.QUALIFYING,
}
#: (course or job, provider or employer, youngest and oldest age to start it) by the second
#: character of the code.
WHERE = {
    "1": [("BA Social Work", "University of Demo Town", 18, 99),
          ("BSc Nursing", "Northfield University", 18, 99),
          ("Foundation degree in Early Years", "Southbrook University Centre", 18, 99)],
    "2": [("Level 2 Plumbing", "Northfield College", 16, 99),
          ("Access to Higher Education", "Southbrook College", 19, 99),
          ("Level 3 Health and Social Care", "Demo Town College", 16, 99),
          ("A levels", "Demo Town Sixth Form College", 16, 18)],
    "4": [("Apprentice electrician", "Hartley Electrical", 16, 99),
          ("Business administration apprentice", "Demo Borough Council", 16, 99),
          ("Apprentice chef", "The Canal Kitchen", 16, 99)],
    "5": [("Kitchen assistant", "The Canal Kitchen", 16, 99),
          ("Warehouse operative", "Demo Logistics", 18, 99),
          ("Retail assistant", "Northfield Market", 16, 99),
          ("Care assistant", "Meadow View Care Home", 18, 99),
          ("Traineeship", "Southbrook Training", 16, 24)],
}
#: For someone whose first language is not English.
ENGLISH_CLASSES = ("English for speakers of other languages (ESOL)", "Northfield College")
NEET_REASONS = {
    C.G4: ["Waiting for mental health support; not well enough to study at the moment.",
           "Recovering from an operation; plans to start a course in January."],
    C.G5: ["Left their course in December; looking for an apprenticeship.",
           "Waiting for a course to start in September.",
           "Applying for jobs; CV done with their Personal Adviser."],
}
EXPECTING = {"F": "Baby due in the spring.",
             "M": "Their partner's baby is due in the spring; wants to be there for them."}
PARENTING = "Looking after their daughter, who is 1."
IN_CUSTODY = "In custody: doing English and maths with the education team there."


def _age_group(age: int) -> str:
    return "16-17" if age <= 17 else "18-20" if age <= 20 else "21-24"


def _pick(rng, mix):
    return rng.choices([code for code, _ in mix], weights=[weight for _, weight in mix])[0]


def _speaks_english_first(young_person) -> bool:
    return young_person.languages.split(",")[0].strip() in ("", "English")


def _course(rng, young_person, code, age: int) -> tuple[str, str]:
    if code.value[1] == "2" and not _speaks_english_first(young_person) and age < 19:
        return ENGLISH_CLASSES
    fits = [(course, where) for course, where, youngest, oldest in WHERE[code.value[1]]
            if youngest <= age <= oldest]
    return rng.choice(fits)


def _neet_reason(rng, young_person, code) -> str:
    if code == C.G6:
        expecting = EXPECTING.get(young_person.sex, EXPECTING["F"])
        return rng.choice([expecting, PARENTING])
    return rng.choice(NEET_REASONS[code])


def _starts(ctx, rng, person, first) -> list[tuple]:
    """(day, in custody) for each activity they start: a few changes spread to a fortnight
    ago, and one on going into and coming out of custody, nothing else while there."""
    starts = [first]
    for _ in range(rng.choice([0, 1, 1, 2])):
        earliest, latest = starts[-1] + timedelta(days=60), ctx.today - timedelta(days=14)
        if earliest > latest:
            break
        starts.append(between(rng, earliest, latest))
    custody = [spell for spell in ctx.places.get(person.pk, []) if spell.code == "X"
               and (spell.end_on is None or spell.end_on >= first)]
    days = {day: False for day in starts if not any(spell.covers(day) for spell in custody)}
    for spell in custody:
        days[max(spell.start_on, first)] = True
        if spell.end_on is not None and spell.end_on < ctx.today:
            days[spell.end_on + timedelta(days=1)] = False
    return sorted(days.items())


@demo_step(order=52)
def add_activities(ctx: DemoContext) -> None:
    people = list(ctx.young_people().select_related("statutory_status"))
    done = set(
        ActivityEpisode.objects.filter(young_person__in=people)
        .values_list("young_person", flat=True)
    )
    activities = neet = added_for = 0
    for person in people:
        status = getattr(person, "statutory_status", None)
        if person.pk in done or status is None or status.status not in SERVICE_STATUSES:
            continue
        rng = ctx.rng("eet", person.person_id)
        if age_on(person.date_of_birth, ctx.today) > 24:
            continue
        actor = ctx.team_members(person.team, Role.TEAM_MANAGER)[0]
        first = max(birthday(person.date_of_birth, 16), ctx.today - timedelta(days=2 * 365))
        previous = None
        for start_on, in_custody in _starts(ctx, rng, person, first):
            age = age_on(person.date_of_birth, start_on)
            mix = (STUDYING if status.status == Status.FORMER_RELEVANT_EDUCATION
                   else MIX[_age_group(age)])
            code = C.G5 if in_custody else _pick(rng, mix)
            if not in_custody and not _speaks_english_first(person) and age < 19 and \
                    previous != C.F2 and rng.random() < 0.6:
                code = C.F2  # English classes first, for most who came speaking another
            while code == previous and not in_custody:
                code = _pick(rng, mix)
            previous = code
            course, provider = _course(rng, person, code, age) if is_eet(code) else ("", "")
            full_time = code.value[0] == "F"
            activity_record(
                actor=actor, young_person=person, start_on=start_on, activity_code=code,
                hours_per_week=(rng.randint(16, 37) if full_time else rng.randint(6, 15))
                if is_eet(code) else None,
                course_or_job=course, provider_or_employer=provider,
                neet_reason=IN_CUSTODY if in_custody
                else _neet_reason(rng, person, code) if not is_eet(code) else "",
                today=ctx.today,
            )
            activities += 1
        neet += not is_eet(previous)
        added_for += 1
    ctx.activities = activities_of(people)
    ctx.report.append(
        f"Education and work: {activities} activities for {added_for} young people; "
        f"{neet} not in education, employment or training now"
    )


def activities_of(people) -> dict:
    """{young person pk: what they have done, oldest first}, as recorded."""
    found = defaultdict(list)
    for activity in ActivityEpisode.objects.filter(young_person__in=people).order_by(
            "young_person", "start_on"):
        found[activity.young_person_id].append(Spell(
            activity.start_on, activity.end_on, activity.activity_code,
            detail=activity.course_or_job or activity.neet_reason,
            where=activity.provider_or_employer,
        ))
    return dict(found)
