"""Demo health records and children, through the services. What they say agrees with the rest of
the demo: someone in custody is not yet registered with a GP (their plan asks the PA to see to
it for release), someone not well enough to study gets support from the mental health team, a
young person who came alone has a GP and a dentist and is offered counselling, a disability on
their details is one here. A young person looking after their daughter, or expecting a baby (what
they do, in `ctx.activities`), has that child on their record: born a year or so before, or due
in the spring (born by now if the spring has passed). Their health history is given to them a
few weeks after they leave care; those still looked after have not had it yet."""

from datetime import date, timedelta

from careleavers.demo import DemoContext, between, demo_step
from careleavers.models import Role
from eligibility.models import CarePeriod
from eligibility.rules import birthday

from .models import Child, HealthRecord
from .rules import LONGEST_PREGNANCY, Answer, LivesWith
from .services import child_add, health_update

GP_PRACTICES = ["Canal Street Surgery", "Northfield Health Centre", "Mill Lane Medical Practice",
                "Southbrook Family Practice", "Market Square Surgery"]
DENTISTS = ["Smile Dental", "Northfield Dental Care", "Market Street Dental Practice"]
DISABILITIES = ["Dyslexia", "Partially sighted", "Autism: loud places are hard for me",
                "Hearing loss: I wear hearing aids"]
NEEDS = ["Asthma. I need to keep my inhaler with me.", "I get migraines when I'm stressed.",
         "Eczema: I need the cream on repeat prescription.", "Nothing at the moment.", ""]
SUPPORT = ["I see a counsellor every fortnight.",
           "Nothing right now. I know I can ask my PA if I need it.",
           "Talking to someone at the youth hub helps.", ""]
DAUGHTERS = ["Amelia", "Isla", "Maya", "Ruby", "Zara", "Esme", "Lily"]
PARENTING = "Looking after their daughter"
EXPECTING = "baby is due"  # "Baby due in the spring", "Their partner's baby is due..."
EXPECTING_HER_OWN = "Baby due"


def _last_day_in_care(people) -> dict[int, date | None]:
    """{pk: the last day looked after (None: still looked after)}, for those ever looked
    after."""
    last: dict[int, date | None] = {}
    for pk, end_on in CarePeriod.objects.filter(
            young_person__in=people, short_break=False).values_list("young_person", "end_on"):
        if pk in last and last[pk] is None:
            continue
        last[pk] = None if end_on is None else max(end_on, last.get(pk) or end_on)
    return last


def _health(ctx, rng, person, left_care) -> dict:
    place = ctx.place_on(person, ctx.today)
    activity = ctx.activity_on(person, ctx.today)
    in_custody = place is not None and place.code == "X"
    values = {
        "gp_registered": Answer.YES, "gp_practice": rng.choice(GP_PRACTICES),
        "dentist_registered": rng.choice([Answer.YES, Answer.YES, Answer.NO, Answer.NOT_KNOWN]),
        "health_needs": rng.choice(NEEDS), "mental_health_support": rng.choice(SUPPORT),
        "disability": Answer.YES if person.disability else Answer.NO,
        "disability_details": rng.choice(DISABILITIES) if person.disability else "",
    }
    if in_custody:
        values |= {"gp_registered": Answer.NO, "gp_practice": "",
                   "dentist_registered": Answer.NOT_KNOWN,
                   "health_needs": "Healthcare in custody for now. I want to see a proper "
                                   "doctor when I'm out."}
    elif person.uasc:
        values |= {"dentist_registered": Answer.YES,
                   "mental_health_support": "Counselling, offered for what happened on the "
                                            "journey here. I don't sleep much."}
    elif activity is not None and activity.code == "G4":
        values["mental_health_support"] = ("I see the mental health team every two weeks. My "
                                           "GP is reviewing my medication.")
    if values["dentist_registered"] == Answer.YES:
        values["dentist_practice"] = rng.choice(DENTISTS)
    if left_care is not None and rng.random() < 0.8:
        given = between(rng, left_care + timedelta(days=14), left_care + timedelta(days=60))
        values["history_given_on"] = given if given <= ctx.today else None
    return values


def _children(ctx, rng, person) -> list[dict]:
    """The children what they do tells of: a daughter they look after, a baby expected."""
    found: list[dict] = []
    for spell in ctx.activities.get(person.pk, []):
        if spell.code != "G6":
            continue
        if spell.detail.startswith(PARENTING):
            born = spell.start_on - timedelta(days=rng.randint(365, 700))
            born = max(born, birthday(person.date_of_birth, 15))
            child = {"born_on": born, "name": rng.choice(DAUGHTERS),
                     "lives_with_them": LivesWith.YES}
        elif EXPECTING in spell.detail or spell.detail.startswith(EXPECTING_HER_OWN):
            spring = date(spell.start_on.year + (spell.start_on.month >= 3), rng.randint(3, 5),
                          rng.randint(1, 28))
            lives = LivesWith.YES if person.sex == "F" else rng.choice(list(LivesWith.values))
            if spring <= ctx.today:
                child = {"born_on": spring, "lives_with_them": lives}
            else:
                child = {"expected_on": min(spring, ctx.today + LONGEST_PREGNANCY
                                            - timedelta(days=14)),
                         "lives_with_them": LivesWith.NOT_KNOWN}
        else:
            continue
        day = child.get("born_on") or child.get("expected_on")
        if not any(abs((day - (other.get("born_on") or other.get("expected_on"))).days) < 300
                   for other in found):
            found.append(child)
    return found


@demo_step(order=54)
def add_health(ctx: DemoContext) -> None:
    people = list(ctx.young_people())
    done = set(HealthRecord.objects.filter(young_person__in=people)
               .values_list("young_person", flat=True))
    with_children = set(Child.objects.filter(young_person__in=people)
                        .values_list("young_person", flat=True))
    last_in_care = _last_day_in_care(people)
    records = children = 0
    for person in people:
        rng = ctx.rng("health", person.person_id)
        actor = ctx.team_members(person.team, Role.TEAM_MANAGER)[0]
        if person.pk not in done and rng.random() < 0.9:  # a few not recorded yet
            health_update(actor=actor, young_person=person, version=0, today=ctx.today,
                          **_health(ctx, rng, person, last_in_care.get(person.pk)))
            records += 1
        if person.pk not in with_children:
            for child in _children(ctx, rng, person):
                child_add(actor=actor, young_person=person, today=ctx.today, **child)
                children += 1
    ctx.report.append(f"Health: {records} health records; {children} children of young people")
