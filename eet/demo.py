"""Demo education, employment and training, through the service: what each young person in the
service has done since 16, a realistic mix for their age, with reasons for those not in
education, employment or training. Providers and employers are made up."""

from datetime import timedelta

from careleavers.demo import DemoContext, between, demo_step
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
WHERE = {
    "1": [("BA Social Work", "University of Demo Town"), ("BSc Nursing", "Northfield University"),
          ("Foundation degree in Early Years", "Southbrook College")],
    "2": [("Level 2 Plumbing", "Northfield College"), ("Access to Higher Education",
                                                        "Southbrook College"),
          ("Level 3 Health and Social Care", "Demo Town College"),
          ("English for speakers of other languages", "Northfield College"),
          ("A levels", "Demo Town Sixth Form")],
    "4": [("Apprentice electrician", "Hartley Electrical"),
          ("Business administration apprentice", "Demo Borough Council"),
          ("Apprentice chef", "The Canal Kitchen")],
    "5": [("Kitchen assistant", "The Canal Kitchen"), ("Warehouse operative", "Demo Logistics"),
          ("Retail assistant", "Northfield Market"), ("Care assistant", "Meadow View Care Home"),
          ("Traineeship", "Southbrook Training")],
}
NEET_REASONS = {
    C.G4: ["Waiting for mental health support; not well enough to study at the moment.",
           "Recovering from an operation; plans to start college in January."],
    C.G5: ["Left college in December; looking for an apprenticeship.",
           "Waiting for a course to start in September.",
           "Applying for jobs; CV done with their Personal Adviser."],
    C.G6: ["Baby due in the spring.", "Looking after their daughter, who is 1."],
}


def _age_group(age: int) -> str:
    return "16-17" if age <= 17 else "18-20" if age <= 20 else "21-24"


def _pick(rng, mix):
    return rng.choices([code for code, _ in mix], weights=[weight for _, weight in mix])[0]


@demo_step(order=60)
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
        age = age_on(person.date_of_birth, ctx.today)
        if age > 24:
            continue
        actor = ctx.team_members(person.team, Role.TEAM_MANAGER)[0]
        first = max(birthday(person.date_of_birth, 16), ctx.today - timedelta(days=2 * 365))
        starts = [first]
        for _ in range(rng.choice([0, 1, 1, 2])):
            earliest, latest = starts[-1] + timedelta(days=60), ctx.today - timedelta(days=14)
            if earliest > latest:
                break
            starts.append(between(rng, earliest, latest))
        mix = (STUDYING if status.status == Status.FORMER_RELEVANT_EDUCATION
               else MIX[_age_group(age)])
        previous = None
        for start_on in starts:
            code = _pick(rng, mix)
            while code == previous:
                code = _pick(rng, mix)
            previous = code
            course, provider = rng.choice(WHERE[code.value[1]]) if is_eet(code) else ("", "")
            full_time = code.value[0] == "F"
            activity_record(
                actor=actor, young_person=person, start_on=start_on, activity_code=code,
                hours_per_week=(rng.randint(16, 37) if full_time else rng.randint(6, 15))
                if is_eet(code) else None,
                course_or_job=course, provider_or_employer=provider,
                neet_reason=rng.choice(NEET_REASONS[code]) if not is_eet(code) else "",
                today=ctx.today,
            )
            activities += 1
        neet += not is_eet(previous)
        added_for += 1
    ctx.report.append(
        f"Education and work: {activities} activities for {added_for} young people; "
        f"{neet} not in education, employment or training now"
    )
