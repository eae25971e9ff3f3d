"""Demo needs assessments and pathway plans, through the services: for the young people whose
status needs a plan, a history of six-monthly reviews written by their PA and authorised by a
manager. Most are up to date, some due soon, some overdue, some have none yet, a few are waiting
for authorisation and one has been returned for changes. The words are made up, written the way
young people talk about their own plans."""

from datetime import date, datetime, time, timedelta

from django.db.models import Max, Q
from django.utils import timezone

from careleavers.demo import DemoContext, between, demo_step
from careleavers.models import Role
from eligibility.rules import Status, birthday
from eligibility.selectors import last_asked_for_support

from .models import EarlyReview, EarlyReviewReason, NeedsAssessment, PathwayPlan, Section
from .services import (
    early_review_request,
    needs_assessment_complete,
    needs_assessment_start,
    plan_action_add,
    plan_action_update,
    plan_authorise,
    plan_return,
    plan_start,
    plan_submit,
    plan_update,
)

DAYS_2 = timedelta(days=2)

#: How the plans of the young people who need one are spread, in turn. "returned" is used once
#: in the whole demo (the first time round); later rounds have another plan kept up to date
#: instead. Every other round, the overdue plan has a review started but not finished.
PATTERN = ["up_to_date", "overdue", "up_to_date", "awaiting", "returned", "due_soon",
           "up_to_date_early_review", "none", "up_to_date", "up_to_date"]


def _pattern(index: int) -> str:
    pattern = PATTERN[index % len(PATTERN)]
    first_round = index < len(PATTERN)
    if pattern == "returned" and not first_round:
        return "up_to_date"
    if pattern == "overdue" and (index // len(PATTERN)) % 2:
        return "overdue_with_draft"
    return pattern


#: (what we agreed, what they said) for each section.
SECTION_TEXT = {
    Section.CONTACT: [
        ("PA to visit every four weeks, and text in between. Meet at the café if they prefer.",
         "Texting is easier than phone calls. I don't mind you coming round."),
        ("Weekly check-in by message; face to face once a month at the youth hub.",
         "I want to see the same person, not someone new every time."),
    ],
    Section.EDUCATION: [
        ("Apply for the Level 2 plumbing course starting in September. PA to help with the form.",
         "I want to do something with my hands. School wasn't for me."),
        ("Keep going to college three days a week. Higher Education Bursary explained.",
         "I'm doing alright at college but maths is hard."),
        ("Look at ESOL classes at the adult learning centre.",
         "I want to get better at English so I can work."),
    ],
    Section.EMPLOYMENT: [
        ("Register with the Youth Employment Hub; PA to book the first appointment.",
         "I want a job, any job really, to start with."),
        ("Keep the Saturday job at the bakery while studying.",
         "I like my boss there. The money helps."),
    ],
    Section.CONTINGENCY: [
        ("If the placement breaks down, call the out-of-hours team; emergency bed at the "
         "supported lodgings.",
         "If it goes wrong I'd go to my aunt's first."),
        ("If rent falls behind, PA to arrange a meeting with housing straight away.",
         "Tell me early, don't let it pile up like last time."),
    ],
    Section.ACCOMMODATION: [
        ("Stay at the supported lodgings until ready for a flat. Suitable: safe, near college.",
         "I like it here but I want my own place next year."),
        ("Move-on flat from the housing pathway; setting-up-home allowance for furniture.",
         "I want somewhere that's mine, with a proper kitchen."),
        ("Staying put with foster carers until the end of the course.",
         "I'm glad I can stay. It feels like home."),
    ],
    Section.RELATIONSHIPS: [
        ("Contact with younger brother every other weekend, arranged by his social worker.",
         "Seeing my brother is the most important thing for me."),
        ("Keep in touch with former foster carers; they're happy to be called any time.",
         "Jan and Pete are like family. I'd ring them if things went wrong."),
    ],
    Section.SKILLS: [
        ("Cooking sessions at the hub on Tuesdays; budgeting workshop in the spring.",
         "I can cook pasta and that's about it."),
        ("Practise paying bills online with PA; set up direct debits.",
         "I get worried about letters from the council."),
    ],
    Section.MONEY: [
        ("Apply for Universal Credit; council tax exemption applied for care leavers.",
         "I never know how much I'll have left at the end of the month."),
        ("Setting-up-home allowance: list of what to buy first agreed.",
         "I need a bed, a kettle and a washing machine most."),
    ],
    Section.HEALTH: [
        ("Register with a GP near the new flat. Keep seeing the counsellor fortnightly.",
         "Talking to someone helps when my head is all over the place."),
        ("Dentist appointment booked. Sleep has been bad: GP to review.",
         "I don't sleep much. I'd like help with that."),
    ],
    Section.IDENTITY: [
        ("Find a mosque near the new flat; support to keep speaking Tigrinya with friends.",
         "My faith and my language matter to me."),
        ("Life story work with PA, at their pace.",
         "I want to know more about my family and where I come from."),
    ],
}
ASPIRATIONS = [
    "Get my own flat and a cat.", "Pass my driving test and go on a road trip with my mates.",
    "Be a chef one day, maybe have my own café.", "Go to university and study nursing.",
    "Save up and go to the seaside for a week.", "Get a dog and a job I actually like.",
    "Be a mechanic and fix up my own car.",
]
TRUSTED = [
    "My aunt Sue, and my PA.", "My old foster carers, Jan and Pete.",
    "My best mate Kez and her mum.", "My key worker at the lodgings.",
    "My big sister. I'd ring her first.",
]
OWN_WORDS = [
    "I'm doing better than last year. I just want people to stop changing.",
    "I know what I want now. I need help with the forms, that's all.",
    "Some weeks are hard but I'm getting there.",
    "I want to be treated like an adult and make my own decisions.",
]
ACTIONS = [
    ("PA", "Help fill in the college application", Section.EDUCATION),
    ("Young person", "Book a GP appointment", Section.HEALTH),
    ("PA", "Chase the housing officer about the move-on flat", Section.ACCOMMODATION),
    ("Young person", "Go to the budgeting workshop", Section.SKILLS),
    ("PA", "Apply for the setting-up-home allowance", Section.MONEY),
    ("Young person", "Take ID to the Jobcentre appointment", Section.EMPLOYMENT),
]
RETURN_REASONS = [
    "Please add what they said about college and the bursary, and give the housing action "
    "a date.",
]


def _at(ctx: DemoContext, rng, day: date) -> datetime:
    at = timezone.make_aware(datetime.combine(day, time(rng.randint(9, 16), rng.choice([0, 30]))))
    return min(at, ctx.now)


def _first_possible(young_person, status: str, asked_on: date | None) -> date:
    """The earliest a review could have been held: a while after turning 16, or after asking
    for support again at 21 to 25."""
    first = birthday(young_person.date_of_birth, 16) + timedelta(days=60)
    if status == Status.RETURNER_21_25 and asked_on is not None:
        first = max(first, asked_on + timedelta(days=14))
    return first


def _latest_held(rng, pattern: str, today: date) -> date:
    if pattern.startswith("overdue"):
        return today - timedelta(days=rng.randint(200, 300))
    if pattern == "due_soon":
        return today - timedelta(days=rng.randint(160, 175))
    if pattern == "awaiting":
        # Reviewed in time; the review is waiting for a manager before the plan falls overdue.
        return today - timedelta(days=rng.randint(150, 170))
    if pattern == "returned":
        return today - timedelta(days=rng.randint(190, 230))
    return today - timedelta(days=rng.randint(20, 140))


def _sections(rng, *, count: int) -> dict:
    keys = rng.sample(list(SECTION_TEXT), count)
    return {
        key: dict(zip(["plan_text", "young_persons_words"], rng.choice(SECTION_TEXT[key]),
                      strict=True))
        for key in keys
    }


class _Writer:
    """Writes one young person's plans, each version as the PA and a manager would."""

    def __init__(self, ctx: DemoContext, rng, young_person, *, author, manager):
        self.ctx, self.rng, self.young_person = ctx, rng, young_person
        self.author, self.manager = author, manager
        self.added = 0

    def assess(self, before: date) -> None:
        started = before - timedelta(days=self.rng.randint(40, 80))
        assessment = needs_assessment_start(actor=self.author, young_person=self.young_person,
                                            today=started)
        areas = {key: values["plan_text"] for key, values in _sections(self.rng, count=4).items()}
        needs_assessment_complete(
            actor=self.author, assessment=assessment, version=assessment.version,
            completed_on=before - timedelta(days=self.rng.randint(1, 20)), today=self.ctx.today,
            areas=areas, young_persons_views=self.rng.choice(OWN_WORDS),
        )

    def write(self, held: date, *, sections: int = 3) -> PathwayPlan:
        """A new version reviewed on `held`: carried actions mostly done, a few sections
        changed, a new action or two."""
        rng = self.rng
        started = min(held + timedelta(days=rng.randint(0, 5)), self.ctx.today)
        plan = plan_start(actor=self.author, young_person=self.young_person, today=started)
        for section in plan.sections.all():
            for action in section.actions.all():
                if rng.random() < 0.8:
                    plan_action_update(actor=self.author, action=action, done=True)
        plan = plan_update(
            actor=self.author, plan=plan, version=plan.version, today=self.ctx.today,
            review_held_on=held,
            aspirations=plan.aspirations or rng.choice(ASPIRATIONS),
            trusted_people=plan.trusted_people or rng.choice(TRUSTED),
            own_words=rng.choice(OWN_WORDS),
            received_copy=rng.random() < 0.85,
            sections=_sections(rng, count=sections),
        )
        for who, what, section in rng.sample(ACTIONS, rng.randint(1, 2)):
            plan_action_add(actor=self.author, plan=plan, section=section, who=who, what=what,
                            due_on=started + timedelta(days=rng.randint(14, 120)))
        self.added += 1
        return plan

    def submit(self, plan: PathwayPlan) -> tuple[PathwayPlan, date]:
        sent = min(plan.review_held_on + timedelta(days=self.rng.randint(1, 10)),
                   self.ctx.today - timedelta(days=1))
        sent = max(sent, plan.review_held_on)
        return plan_submit(actor=self.author, plan=plan, today=self.ctx.today,
                           now=_at(self.ctx, self.rng, sent)), sent

    def authorise(self, plan: PathwayPlan, sent: date) -> PathwayPlan:
        decided = min(sent + timedelta(days=self.rng.randint(1, 12)), self.ctx.today)
        # The duty manager steps in now and then (never on a restricted record, which only the
        # staff named on it may see).
        duty = not self.young_person.restricted and self.rng.random() < 0.2
        decider = self.ctx.staff["duty"] if duty else self.manager
        return plan_authorise(actor=decider, plan=plan, now=_at(self.ctx, self.rng, decided),
                              notify=False)


def _author_for(ctx: DemoContext, young_person, allocations) -> object:
    if young_person.pk in allocations:
        return allocations[young_person.pk]
    advisers = ctx.team_members(young_person.team, Role.PERSONAL_ADVISER)
    if young_person.restricted:
        allowed = set(young_person.restricted_to.values_list("pk", flat=True))
        advisers = [adviser for adviser in advisers if adviser.pk in allowed] or advisers
    return advisers[0]


#: Patterns whose plans are kept up to date: their latest review follows any move.
KEPT_UP = ("up_to_date", "due_soon", "up_to_date_early_review")


# After accommodation (order 50): its moves ask for early reviews, which the plans here meet
# where the young person's plan is kept up to date, as a PA would.
@demo_step(order=55)
def add_plans(ctx: DemoContext) -> None:
    people = list(ctx.young_people().select_related("statutory_status"))
    required = [
        person for person in people
        if getattr(person, "statutory_status", None) is not None
        and person.statutory_status.requires_pathway_plan
    ]
    has_plans = set(
        PathwayPlan.objects.filter(young_person__in=people).values_list("young_person", flat=True)
    ) | set(
        NeedsAssessment.objects.filter(young_person__in=people)
        .values_list("young_person", flat=True)
    )
    # Each young person's Personal Adviser today (allocations belong to advisers: read by
    # relation), who writes their plans.
    staff_by_pk = {user.pk: user for user in ctx.staff.values()}
    allocations = {
        pk: staff_by_pk[adviser_pk]
        for pk, adviser_pk in ctx.young_people().filter(
            Q(allocations__end_on__isnull=True) | Q(allocations__end_on__gte=ctx.today),
            allocations__kind="personal_adviser", allocations__start_on__lte=ctx.today,
        ).values_list("pk", "allocations__adviser")
        if adviser_pk in staff_by_pk
    }
    asked_on = last_asked_for_support(people)
    last_asked = dict(
        EarlyReview.objects.filter(young_person__in=people, met_by_plan__isnull=True)
        .values("young_person").annotate(last=Max("requested_on"))
        .values_list("young_person", "last")
    )
    added = awaiting = returned = without = 0

    for index, person in enumerate(required):
        pattern = _pattern(index)
        if person.pk in has_plans:
            continue
        rng = ctx.rng("plans", person.person_id)
        manager = ctx.team_members(person.team, Role.TEAM_MANAGER)[0]
        writer = _Writer(ctx, rng, person, author=_author_for(ctx, person, allocations),
                         manager=manager)
        first_possible = _first_possible(person, person.statutory_status.status,
                                         asked_on.get(person.pk))
        latest = _latest_held(rng, pattern, ctx.today)
        asked = last_asked.get(person.pk)
        if pattern in KEPT_UP and asked is not None and latest < asked <= ctx.today - DAYS_2:
            latest = min(asked + timedelta(days=rng.randint(1, 20)), ctx.today - DAYS_2)
        if pattern == "none" or first_possible > latest:
            if person.statutory_status.status == Status.ELIGIBLE and rng.random() < 0.6:
                # Assessed, and the first plan being written.
                writer.assess(before=ctx.today - timedelta(days=3))
                writer.write(ctx.today - timedelta(days=rng.randint(1, 3)))
            without += 1
            added += writer.added
            continue

        held_dates = [latest]
        for _ in range(rng.randint(0, 2)):
            earlier = held_dates[0] - timedelta(days=rng.randint(170, 182))
            if earlier < first_possible:
                break
            held_dates.insert(0, earlier)
        if pattern in ("awaiting", "returned"):
            # The review before this one is in force; the latest is being decided.
            review = between(rng, ctx.today - timedelta(days=20), ctx.today - timedelta(days=3))
            held_dates.append(review)

        writer.assess(before=held_dates[0])
        for number, held in enumerate(held_dates, start=1):
            plan = writer.write(held, sections=5 if number == 1 else rng.randint(1, 3))
            plan, sent = writer.submit(plan)
            if number < len(held_dates) or pattern not in ("awaiting", "returned"):
                writer.authorise(plan, sent)
            elif pattern == "awaiting":
                awaiting += 1
            else:
                plan_return(actor=manager, plan=plan, reasons=rng.choice(RETURN_REASONS),
                            now=_at(ctx, rng, min(sent + timedelta(days=2), ctx.today)),
                            notify=False)
                returned += 1
        if pattern == "overdue_with_draft":
            writer.write(ctx.today - timedelta(days=rng.randint(1, 5)))
        elif pattern == "up_to_date_early_review":
            early_review_request(
                actor=writer.author, young_person=person,
                requested_on=ctx.today - timedelta(days=rng.randint(3, 12)),
                reason=EarlyReviewReason.YOUNG_PERSON_ASKED,
                description="Wants to talk about moving out of the lodgings sooner.",
                today=ctx.today,
            )
        added += writer.added

    ctx.report.append(
        f"Pathway plans: {added} added ({awaiting} waiting for authorisation, {returned} "
        f"returned for changes); {without} young people needing a plan have none yet"
    )
