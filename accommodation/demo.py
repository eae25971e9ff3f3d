"""Demo accommodation, through the services: where each young person in the service has lived
since 16, with moves, suitability assessments (a few places not suitable, a few not assessed), one
young person in custody, one in bed and breakfast and two Staying Put with former foster carers.
Made up: the streets are invented and the postcodes use the area ZZ, which does not exist."""

from datetime import timedelta

from careleavers.demo import DemoContext, between, demo_step
from careleavers.models import Role
from eligibility.rules import Status, birthday

from .models import AccommodationEpisode
from .rules import NEVER_SUITABLE, SCHEDULE_2_FACTORS, AccommodationType, Suitability
from .services import accommodation_record, suitability_assess

T = AccommodationType

#: Where young people of each status tend to live, oldest place first; the demo picks a path and
#: keeps its last one, two or three steps.
PATHS = {
    Status.ELIGIBLE: [[T.C], [T.D], [T.C, T.D], [T.E]],
    Status.RELEVANT: [[T.C, T.D], [T.D], [T.E], [T.D, T.B], [T.C, T.E]],
    Status.FORMER_RELEVANT: [[T.D, T.U], [T.E, T.K], [T.D, T.T, T.U], [T.B, T.U], [T.D, T.D],
                             [T.E, T.U], [T.C, T.D, T.K]],
    Status.FORMER_RELEVANT_EDUCATION: [[T.D, T.U], [T.U], [T.U, T.Y], [T.K, T.U]],
    Status.RETURNER_21_25: [[T.U, T.V, T.D], [T.K, T.U], [T.U, T.B]],
    Status.ENTITLED_ON_REQUEST: [[T.U], [T.B], [T.K, T.U]],
}
COUNCIL_PROVIDES = {T.C, T.D, T.E, T.T, T.V, T.W}
PROVIDERS = {
    T.C: ["Oakfield children's home", "Brookside House"],
    T.D: ["Northfield Young People's Housing", "Canal Walk supported flats", "Step Up Housing"],
    T.E: ["Demo Borough supported lodgings scheme"],
    T.K: ["Private landlord"],
    T.T: ["Southbrook Foyer"],
    T.U: ["Demo Homes housing association", "Demo Borough Council housing", "Private landlord"],
    T.V: ["Night shelter, Station Street"],
    T.W: ["The Station Guest House"],
    T.X: ["HMP YOI Demo"],
    T.Y: ["Friend's sofa"],
}
STREETS = ["Mill Lane", "Orchard Road", "Station Street", "Beech Close", "Canal Walk",
           "Victoria Terrace", "Meadow View", "Chapel Row"]
TOWNS = ["Northfield", "Southbrook", "Demo Town"]
VIEWS = [
    "I like it. It's quiet and near college.",
    "It's OK but I miss my friends from the old area.",
    "Feels like my own place now.",
    "The staff are nice. I want my own flat next year.",
    "I don't feel safe coming back late at night.",
    "It costs too much, I've got nothing left after rent.",
]
UNSUITABLE = [
    ("repair", "Damp and mould in the bedroom; the landlord has not fixed it.",
     "Not in a reasonable state of repair: damp and mould not fixed."),
    ("location", "Two buses to college and far from her sister.",
     "Too far from college and family; she is missing lessons."),
    ("affordability", "Rent and bills leave £20 a week for food.",
     "Cannot afford it on the money they have."),
    ("safety", "Other residents have been dealing drugs from the building.",
     "Not safe for them: incidents in the building."),
]
CARERS = ["Janet and Mike Pearson", "Aisha Khan", "Linda and Paul Shaw", "Grace Adebayo"]


def _address(rng):
    return f"{rng.randint(1, 90)} {rng.choice(STREETS)}\n{rng.choice(TOWNS)}"


def _postcode(rng):
    return f"ZZ{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXY')}Z"


def _special(people) -> dict:
    """Which young people the demo places in custody, bed and breakfast or Staying Put: the first
    former relevant young people in ID order, so a larger seed keeps the same ones."""
    former = [p for p in people if getattr(getattr(p, "statutory_status", None), "status", None)
              == Status.FORMER_RELEVANT and not p.restricted]
    kinds = [T.X, T.W, T.Z, T.Z]
    return {person.pk: kind for person, kind in zip(former, kinds, strict=False)}


@demo_step(order=50)
def add_accommodation(ctx: DemoContext) -> None:
    people = list(ctx.young_people().select_related("statutory_status"))
    done = set(
        AccommodationEpisode.objects.filter(young_person__in=people)
        .values_list("young_person", flat=True)
    )
    special = _special(people)
    counts = {"people": 0, "places": 0, "assessed": 0, "unsuitable": 0}
    for person in people:
        status = getattr(person, "statutory_status", None)
        if person.pk in done or status is None or status.status not in PATHS:
            continue
        rng = ctx.rng("accommodation", person.person_id)
        path = list(rng.choice(PATHS[status.status]))
        if person.pk in special:
            path = [T.D, special[person.pk]] if special[person.pk] != T.Z else [T.Z]
        manager = ctx.team_members(person.team, Role.TEAM_MANAGER)[0]
        advisers = ctx.team_members(person.team, Role.PERSONAL_ADVISER) or [manager]
        first = max(birthday(person.date_of_birth, 16), ctx.today - timedelta(days=3 * 365))
        if path[-1] == T.Z:
            starts = [max(birthday(person.date_of_birth, 18), first)]
        elif person.pk in special:
            # The placement the manager must react to happened this week or last.
            starts = [first, ctx.today - timedelta(days=rng.randint(1, 9))]
        else:
            starts = _starts(rng, first=first, today=ctx.today, moves=len(path) - 1)
            path = path[len(path) - len(starts):]
        for index, (type_code, start_on) in enumerate(zip(path, starts, strict=True)):
            episode = accommodation_record(
                actor=manager, young_person=person, start_on=start_on, type_code=type_code,
                address=_address(rng) if type_code not in (T.S, T.X, T.G, T.H, T.R) else "",
                postcode=_postcode(rng) if type_code in COUNCIL_PROVIDES | {T.U, T.K, T.Z}
                else "",
                provider=rng.choice(PROVIDERS.get(type_code, [""])),
                council_provided=type_code in COUNCIL_PROVIDES,
                staying_put_carer=rng.choice(CARERS) if type_code == T.Z else "",
                staying_put_agreed_on=start_on - timedelta(days=30) if type_code == T.Z
                else None,
                today=ctx.today,
            )
            counts["places"] += 1
            is_current = index == len(path) - 1
            if is_current and type_code not in (T.W, T.X) and rng.random() < 0.12:
                continue  # not assessed yet
            assessed_on = min(start_on + timedelta(days=rng.randint(3, 25)), ctx.today)
            unsuitable = type_code in NEVER_SUITABLE | {T.W, T.V} or rng.random() < 0.12
            _assess(rng, episode, assessed_on=assessed_on, unsuitable=unsuitable,
                    actor=manager, assessed_by=rng.choice(advisers), today=ctx.today)
            counts["assessed"] += 1
            counts["unsuitable"] += unsuitable
        counts["people"] += 1
    ctx.report.append(
        f"Accommodation: {counts['places']} places for {counts['people']} young people; "
        f"{counts['assessed']} assessments, {counts['unsuitable']} not suitable"
    )


def _starts(rng, *, first, today, moves: int) -> list:
    """The days they moved into each place: the first at `first`, then moves spread to today,
    as many as there is room for."""
    starts = [first]
    for _ in range(moves):
        earliest, latest = starts[-1] + timedelta(days=30), today - timedelta(days=10)
        if earliest > latest:
            break
        starts.append(between(rng, earliest, latest))
    return starts


def _assess(rng, episode, *, assessed_on, unsuitable, actor, assessed_by, today):
    factors = {name: True for name in SCHEDULE_2_FACTORS}
    notes = {}
    reason = rng.choice(["Settled, safe and near college.", "Right support for now; reviewing "
                         "at the next plan.", "Meets their needs and they are happy there."])
    if episode.type_code == T.X:
        factors = {name: False for name in SCHEDULE_2_FACTORS}
        reason = "In custody: not accommodation the council can call suitable."
    elif episode.type_code in (T.W, T.V):
        factors.update(support=False, tenancy=False, facilities=False)
        reason = "Emergency placement only: no support, no cooking facilities, no tenancy."
    elif unsuitable:
        factor, note, reason = rng.choice(UNSUITABLE)
        factors[factor] = False
        notes[f"{factor}_note"] = note
    suitability_assess(
        actor=actor, episode=episode, assessed_on=assessed_on, assessed_by=assessed_by,
        outcome=Suitability.UNSUITABLE if unsuitable else Suitability.SUITABLE,
        reason=reason, young_persons_views=rng.choice(VIEWS) if episode.type_code != T.X else "",
        today=today, **factors, **notes,
    )
