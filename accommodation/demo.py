"""Demo accommodation, through the services: where each young person in the service has lived
since 16, with moves, suitability assessments (a few places not suitable, a few not assessed), one
young person in custody (expected out within weeks, so their Personal Adviser is planning where
they will live), one in bed and breakfast, two Staying Put with former foster carers and one
Staying Close: living in a flat of their own near the children's home they left at 18, with its
support. The places follow the rest of their records: someone still looked after lives where
they came into care, someone detained on their 16th birthday starts in custody, only someone
looked after until 18 can stay put, and nobody who came to the country alone lives with their
parents.
Made up: the streets are invented and the postcodes use the area ZZ, which does not exist.

What it records is left in `ctx.places` for the steps after it (plans, contact notes)."""

from collections import defaultdict
from datetime import timedelta

from careleavers.demo import DemoContext, Spell, between, demo_step
from careleavers.models import Role
from eligibility.models import CarePeriod
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
#: Someone who came to the country alone has no parents here: supported lodgings instead.
ALONE_INSTEAD = {T.B: T.E}
#: How long someone detained on their 16th birthday stayed in custody, in days.
DETAINED_FOR = (60, 200)
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
#: What young people say about a place, by the kind of place it is.
VIEWS = {
    "supported": ["The staff are nice. I want my own flat next year.",
                  "It's OK but I miss my friends from the old area.",
                  "I don't feel safe coming back late at night."],
    "own": ["I like it. It's quiet and near the shops.", "Feels like my own place now.",
            "It costs too much, I've got nothing left after rent."],
    "family": ["It feels like home.", "It's crowded but I'd rather be here."],
    "emergency": ["I can't cook here and I don't feel safe.",
                  "It's only for a few nights, they said."],
}
VIEWS_OF = {T.C: "supported", T.D: "supported", T.E: "supported", T.T: "supported",
            T.K: "own", T.U: "own", T.B: "family", T.Z: "family", T.V: "emergency",
            T.W: "emergency", T.Y: "emergency"}
UNSUITABLE = [
    ("repair", "Damp and mould in the bedroom; the landlord has not fixed it.",
     "Not in a reasonable state of repair: damp and mould not fixed."),
    ("location", "Two buses from anywhere they need to be, and far from their sister.",
     "Too far from family and friends; they are struggling to get anywhere on time."),
    ("affordability", "Rent and bills leave £20 a week for food.",
     "Cannot afford it on the money they have."),
    ("safety", "Other residents have been dealing drugs from the building.",
     "Not safe for them: incidents in the building."),
]
CARERS = ["Janet and Mike Pearson", "Aisha Khan", "Linda and Paul Shaw", "Grace Adebayo"]
#: The demo's young person Staying Close (`_special`), marked beside the place types.
STAYING_CLOSE = "staying close"
#: Who works with a young person in custody on their sentence and release. Made up; the numbers
#: are in Ofcom's range kept for drama.
CUSTODY_WORKERS = [("Sam Reid, Demo Youth Justice Service", "0113 496 0101"),
                   ("Priya Shah, Demo Probation Service", "0113 496 0102")]
#: Someone placed in custody this week is expected out within this many days: soon enough that
#: their Personal Adviser is planning where they will live.
RELEASE_WITHIN = (28, 49)


def _custody(ctx, rng, starts, index) -> dict:
    """Where they are held, when they are (or were) expected out, and their worker: someone
    released went out the day before their next place; someone still inside is expected out
    within weeks."""
    worker, contact = rng.choice(CUSTODY_WORKERS)
    if index + 1 < len(starts):
        release = starts[index + 1] - timedelta(days=1)
    else:
        release = ctx.today + timedelta(days=rng.randint(*RELEASE_WITHIN))
    return {"custody_establishment": PROVIDERS[T.X][0], "expected_release_on": release,
            "custody_worker": worker, "custody_worker_contact": contact}


def _address(rng):
    return f"{rng.randint(1, 90)} {rng.choice(STREETS)}\n{rng.choice(TOWNS)}"


def _postcode(rng):
    return f"ZZ{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXY')}Z"


def _looked_after_at_18(young_person, periods) -> bool:
    """Looked after the day before their 18th birthday: only then can they stay put with their
    foster carers (CA s.23CZA)."""
    eve = birthday(young_person.date_of_birth, 18) - timedelta(days=1)
    return any(start <= eve and (end is None or end >= eve) for start, end in periods)


def _special(people, periods) -> dict:
    """Which young people the demo places in custody, bed and breakfast or Staying Put: the first
    former relevant young people in ID order (Staying Put those looked after until 18), so a
    larger seed keeps the same ones."""
    former = [p for p in people if getattr(getattr(p, "statutory_status", None), "status", None)
              == Status.FORMER_RELEVANT and not p.restricted]
    special = dict(zip([p.pk for p in former], [T.X, T.W], strict=False))
    staying = [p.pk for p in former
               if p.pk not in special and _looked_after_at_18(p, periods.get(p.pk, []))]
    special.update(dict.fromkeys(staying[:2], T.Z))
    # Staying Close: the next one looked after until 18, who lived in a children's home.
    special.update(dict.fromkeys(staying[2:3], STAYING_CLOSE))
    return special


def _detained_on_16th_birthday(person) -> bool:
    facts = getattr(person, "care_facts", None)
    return facts is not None and facts.detained_on_16th_birthday


def _first_place_on(ctx, person, status, periods):
    """When the demo's record of where they live starts: at 16 (or three years ago), or when
    they came into care for someone looked after now who came in later."""
    first = max(birthday(person.date_of_birth, 16), ctx.today - timedelta(days=3 * 365))
    if status == Status.ELIGIBLE:
        open_starts = [start for start, end in periods if end is None]
        first = max([first, *open_starts])
    return first


def _path(ctx, rng, person, status, special, first):
    """The kinds of place they lived in, and the day they moved into each."""
    path = list(rng.choice(PATHS[status]))
    if person.uasc:
        path = [ALONE_INSTEAD.get(kind, kind) for kind in path]
    if person.pk in special:
        kind = special[person.pk]
        if kind == T.Z:
            return [T.Z], [max(birthday(person.date_of_birth, 18), first)]
        if kind == STAYING_CLOSE:
            # In the children's home until they left care at 18, then a flat of their own.
            left = max(birthday(person.date_of_birth, 18), first + timedelta(days=30))
            return [T.C, T.U], [first, min(left, ctx.today - timedelta(days=10))]
        # The placement the manager must react to happened this week or last.
        return [T.D, kind], [first, ctx.today - timedelta(days=rng.randint(1, 9))]
    if _detained_on_16th_birthday(person):
        released = first + timedelta(days=rng.randint(*DETAINED_FOR))
        return [T.X, rng.choice([T.D, T.E])], [first, released]
    starts = _starts(rng, first=first, today=ctx.today, moves=len(path) - 1)
    return path[len(path) - len(starts):], starts


@demo_step(order=50)
def add_accommodation(ctx: DemoContext) -> None:
    people = list(ctx.young_people().select_related("statutory_status", "care_facts"))
    done = set(
        AccommodationEpisode.objects.filter(young_person__in=people)
        .values_list("young_person", flat=True)
    )
    periods = defaultdict(list)
    for pk, start_on, end_on in CarePeriod.objects.filter(
            young_person__in=people, short_break=False).values_list(
            "young_person", "start_on", "end_on"):
        periods[pk].append((start_on, end_on))
    special = _special(people, periods)
    counts = {"people": 0, "places": 0, "assessed": 0, "unsuitable": 0}
    for person in people:
        status = getattr(person, "statutory_status", None)
        if person.pk in done or status is None or status.status not in PATHS:
            continue
        rng = ctx.rng("accommodation", person.person_id)
        manager = ctx.team_members(person.team, Role.TEAM_MANAGER)[0]
        advisers = ctx.team_members(person.team, Role.PERSONAL_ADVISER) or [manager]
        first = _first_place_on(ctx, person, status.status, periods[person.pk])
        path, starts = _path(ctx, rng, person, status.status, special, first)
        episode = None
        for index, (type_code, start_on) in enumerate(zip(path, starts, strict=True)):
            close = special.get(person.pk) == STAYING_CLOSE and type_code == T.U
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
                # Supported by the children's home they lived in before.
                staying_close=close,
                staying_close_home=episode.provider if close else "",
                staying_close_agreed_on=start_on - timedelta(days=30) if close else None,
                today=ctx.today,
                **(_custody(ctx, rng, starts, index) if type_code == T.X else {}),
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
    ctx.places = places_of(people)
    ctx.report.append(
        f"Accommodation: {counts['places']} places for {counts['people']} young people; "
        f"{counts['assessed']} assessments, {counts['unsuitable']} not suitable"
    )


def places_of(people) -> dict:
    """{young person pk: where they have lived, oldest first}, as recorded."""
    places = defaultdict(list)
    for episode in AccommodationEpisode.objects.filter(young_person__in=people).order_by(
            "young_person", "start_on"):
        places[episode.young_person_id].append(Spell(
            episode.start_on, episode.end_on, episode.type_code,
            detail=episode.staying_put_carer, where=episode.provider,
            council_provided=episode.council_provided,
        ))
    return dict(places)


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
    reason = rng.choice(["Settled, safe and near the bus routes.", "Right support for now; "
                         "reviewing at the next plan.", "Meets their needs and they are happy "
                         "there."])
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
        reason=reason,
        young_persons_views=rng.choice(VIEWS[VIEWS_OF[episode.type_code]])
        if episode.type_code in VIEWS_OF else "",
        today=today, **factors, **notes,
    )
