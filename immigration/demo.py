"""Demo immigration positions, through the service, for the young people who came to the
country alone: each claimed asylum soon after they arrived (when they came into care), and their
claim has gone one of a few ways since. The first of them holds leave that ends within weeks, so
their Personal Adviser is helping them apply to stay; one has a decision made this week, not yet
seen. Older decisions were known before the demo's records start, so they are already seen.
Made up: the references and the solicitors are invented."""

from datetime import timedelta

from careleavers.demo import DemoContext, demo_step
from careleavers.models import Role
from eligibility.models import CarePeriod

from .models import ImmigrationRecord
from .rules import LeaveKind, Stage
from .services import immigration_record

SOLICITORS = [("Amna Patel, Demo Law Centre", "0113 496 0201"),
              ("Tom Okafor, Northfield Immigration Advice", "0113 496 0202")]
#: How the claims of the second and later young people went, in turn.
STORIES = ["granted_years", "waiting", "appealing", "granted_recent", "humanitarian"]
#: The first young person here long enough has leave that ends within this many days of today.
ENDS_WITHIN = (40, 80)
#: ... here at least this long, so a claim and a grant fit in before today.
HERE_FOR_ENDS_SOON = timedelta(days=180)
YEAR = timedelta(days=365)


def _story(ctx, rng, person, arrived, story) -> list[dict]:
    """The positions for one story, oldest first."""
    claim_on = min(arrived + timedelta(days=rng.randint(3, 30)), ctx.today)
    positions = [{"since": claim_on, "stage": Stage.WAITING}]
    room = (ctx.today - claim_on).days
    if room < 60:  # too soon for a decision
        return positions
    if story == "waiting":
        if room <= 2 * 365:
            return positions
        story = "granted_years"  # nobody waits this long: decided long ago
    if story == "ends_soon":
        granted_on = claim_on + timedelta(days=room // 2)
        return positions + [{
            "since": granted_on, "stage": Stage.LEAVE_GRANTED,
            "leave_kind": LeaveKind.LIMITED, "leave_granted_on": granted_on,
            "leave_expires_on": ctx.today + timedelta(days=rng.randint(*ENDS_WITHIN)),
            "decision_seen": True,
        }]
    if story == "appealing":
        refused_on = claim_on + timedelta(days=room // 2)
        lodged_on = min(refused_on + timedelta(days=rng.randint(5, 14)), ctx.today)
        return positions + [
            {"since": refused_on, "stage": Stage.REFUSED, "decision_seen": True},
            {"since": lodged_on, "stage": Stage.APPEALING, "appeal_lodged_on": lodged_on},
        ]
    kind = LeaveKind.HUMANITARIAN if story == "humanitarian" else LeaveKind.REFUGEE
    recent = story == "granted_recent"
    granted_on = (ctx.today - timedelta(days=rng.randint(1, 4)) if recent
                  else claim_on + timedelta(days=room // 2))
    return positions + [{
        "since": granted_on, "stage": Stage.LEAVE_GRANTED, "leave_kind": kind,
        "leave_granted_on": granted_on, "leave_expires_on": granted_on + 5 * YEAR,
        "decision_seen": not recent,
    }]


@demo_step(order=54)
def add_immigration(ctx: DemoContext) -> None:
    people = list(ctx.young_people().filter(uasc=True))
    done = set(ImmigrationRecord.objects.filter(young_person__in=people)
               .values_list("young_person", flat=True))
    arrivals = {}
    for pk, start_on in (CarePeriod.objects.filter(young_person__in=people)
                         .order_by("start_on").values_list("young_person", "start_on")):
        arrivals.setdefault(pk, start_on)
    ends_soon = next((p.pk for p in people if p.pk in arrivals
                      and arrivals[p.pk] <= ctx.today - HERE_FOR_ENDS_SOON), None)
    others = [p.pk for p in people if p.pk != ends_soon]
    records = 0
    for person in people:
        if person.pk in done or person.pk not in arrivals:
            continue
        rng = ctx.rng("immigration", person.person_id)
        story = ("ends_soon" if person.pk == ends_soon
                 else STORIES[others.index(person.pk) % len(STORIES)])
        advisers = ctx.team_members(person.team, Role.PERSONAL_ADVISER)
        actor = advisers[0] if advisers else ctx.team_members(person.team, Role.TEAM_MANAGER)[0]
        solicitor, contact = rng.choice(SOLICITORS)
        reference = f"Z{rng.randint(1000000, 9999999)}"
        for position in _story(ctx, rng, person, arrivals[person.pk], story):
            immigration_record(
                actor=actor, young_person=person, home_office_reference=reference,
                solicitor=solicitor, solicitor_contact=contact, today=ctx.today, **position,
            )
            records += 1
    ctx.report.append(f"Immigration: {records} positions for {len(people)} young people who "
                      "came to the country alone")

