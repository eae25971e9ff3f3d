"""Demo needs assessments and pathway plans, through the services: for the young people whose
status needs a plan, a history of six-monthly reviews written by their PA and authorised by a
manager. Most are up to date, some due soon, some overdue, some have none yet, a few are waiting
for authorisation and one has been returned for changes. The words are made up, written the way
young people talk about their own plans.

Each version is started a few days before its review meeting, sent after it and decided after
that, and it says what the young person's records say on the day of the review: where they
live (`ctx.places`: custody, Staying Put with their former foster carers, supported lodgings,
their own tenancy...), what they do (`ctx.activities`: college, an apprenticeship, a job, or why
not), their age, and their background and languages for who they are."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Max, Q
from django.utils import timezone

from careleavers.demo import (
    Background,
    DemoContext,
    Spell,
    background_of,
    between,
    demo_step,
    other_language,
)
from careleavers.models import Role
from eligibility.models import CarePeriod
from eligibility.rules import Status, age_on, birthday
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


# --- what the plan says, from the records ---------------------------------------------------

#: Places the council provides, where a placement can break down (DfE ACCOM letters).
SUPPORTED = {"C", "D", "E", "T", "V", "W"}


@dataclass(frozen=True)
class Life:
    """A young person's life on one day, as their records have it."""

    young_person: object
    age: int
    place: Spell | None
    activity: Spell | None
    background: Background | None

    @property
    def lives(self) -> str:
        """The DfE letter for where they live, or "" if not recorded."""
        return self.place.code if self.place else ""

    @property
    def does(self) -> str:
        """college, university, apprenticeship, work, custody, or the NEET code (G4 to G6)."""
        if self.lives == "X":
            return "custody"
        if self.activity is None:
            return ""
        code = self.activity.code
        return code if code.startswith("G") else {
            "1": "university", "2": "college", "4": "apprenticeship", "5": "work"}[code[1]]

    @property
    def alone(self) -> bool:
        return self.young_person.uasc

    @property
    def carer(self) -> str:
        return self.place.detail if self.place and self.place.detail else "their foster carers"

    @property
    def where_they_live(self) -> str:
        return self.place.where if self.place and self.place.where else "where they live"

    @property
    def course(self) -> str:
        return self.activity.detail if self.activity else ""

    @property
    def provider(self) -> str:
        return self.activity.where if self.activity and self.activity.where else "their course"


def life_on(ctx: DemoContext, young_person, day: date) -> Life:
    return Life(young_person, age_on(young_person.date_of_birth, day),
                ctx.place_on(young_person, day), ctx.activity_on(young_person, day),
                background_of(young_person))


def _contact(life: Life):
    if life.does == "custody":
        return [("PA to visit in custody every month and write in between; phone calls booked "
                 "through the prison.", "Keep coming. It helps to see someone from outside.")]
    if life.alone:
        return [("PA to visit every four weeks and text in between; an interpreter at reviews "
                 "if they want one.",
                 "Texting in English is fine. For the big meetings I want an interpreter.")]
    return [("PA to visit every four weeks, and text in between. Meet at the café if they "
             "prefer.", "Texting is easier than phone calls. I don't mind you coming round."),
            ("Weekly check-in by message; face to face once a month at the youth hub.",
             "I want to see the same person, not someone new every time.")]


def _education(life: Life):
    does = life.does
    if does == "custody":
        return [("English and maths with the education team in custody. PA to find out which "
                 "courses can carry on after release.", "I want to finish my maths in here.")]
    if does == "college" and "ESOL" in life.course:
        return [(f"Keep going to English classes (ESOL) at {life.provider}; PA to look at a "
                 "vocational course for next year.", "My English is getting better every week.")]
    if does == "college":
        return [(f"Keep going to {life.provider} for the {life.course}. PA to check in with the "
                 "college's lead for care leavers each term.",
                 "I'm doing alright at college but some of it is hard.")]
    if does == "university":
        return [(f"Keep going with the {life.course} at {life.provider}. Higher Education "
                 "Bursary paid in three parts; PA to help with student finance.",
                 "Uni is hard work but I love it.")]
    if does == "apprenticeship":
        return [(f"Finish the training that goes with the apprenticeship at {life.provider}.",
                 "I'd rather learn on the job than sit in a classroom.")]
    if does == "work":
        return [("Look at a part-time course to go with the job, if they want to.",
                 "I'm happy working for now. Maybe a course later.")]
    if does == "G4":
        return [("No course for now while they get well; PA to look at part-time options when "
                 "they feel ready.", "I want to go back to studying when I'm better.")]
    if does == "G6":
        return [("Look at a course with a crèche once the baby is older.",
                 "I want to go back to studying when things settle down.")]
    return [("Apply for the Level 2 plumbing course starting in September. PA to help with the "
             "form.", "I want to do something with my hands. School wasn't for me."),
            ("Look at courses at the open day in the spring; PA to go with them.",
             "I don't know what I want to do yet.")]


def _employment(life: Life):
    does = life.does
    if does == "custody":
        return [("Work in the prison kitchen; PA to ask about employers who take on people "
                 "after custody.", "I want a job when I get out so I don't end up back here.")]
    if does == "work":
        return [(f"Keep going at {life.provider} ({life.course}); PA to help with a bank account "
                 "for wages.", "I like my boss there. The money helps.")]
    if does == "apprenticeship":
        return [(f"Stay on the apprenticeship ({life.course}) at {life.provider}; PA to help with "
                 "travel costs until the first pay.",
                 "It's hard getting up that early but I like it.")]
    if does in ("college", "university"):
        return [("Look for a Saturday job that fits around the course.",
                 "A bit of money of my own would help.")]
    if does == "G4":
        return [("Not looking for work until they are well; PA to check what the Jobcentre "
                 "needs from the doctor.", "I can't think about work at the moment.")]
    if does == "G6":
        return [("Family first for now; PA to look at work that fits around childcare when they "
                 "want to.", "I want to work when the baby's older.")]
    return [("Register with the Youth Employment Hub; PA to book the first appointment.",
             "I want a job, any job really, to start with.")]


ACCOMMODATION = {
    "C": ("Stay at {where} until ready to move on; PA and social worker to plan the move "
          "together.", "It's alright here. I want to know where I'm going next."),
    "D": ("Stay at {where} and build up the skills for a flat of their own. Suitable: staff on "
          "site.", "I like having staff around but I want my own place next year."),
    "E": ("Stay at the supported lodgings until ready for a flat. Suitable: a settled home with "
          "support.", "My host is kind. I want my own place next year."),
    "K": ("Ordinary lodgings with no support: PA to visit more often and look at supported "
          "options if it goes wrong.", "It's cheap and it'll do for now."),
    "T": ("Stay at {where} while working towards a flat of their own.",
          "It's OK here. I want my own front door."),
    "U": ("Own tenancy: setting-up-home allowance for furniture; council tax exemption in place.",
          "It's mine. I'm still getting used to paying the bills."),
    "B": ("Living with family; PA to check it stays safe and to help if it breaks down.",
          "It's good being back with my family, most of the time."),
    "V": ("Emergency accommodation only: PA to find supported accommodation this week; "
          "manager told.", "I can't cook here and I don't feel safe."),
    "W": ("Bed and breakfast is not suitable: PA to find supported accommodation this week; "
          "manager told.", "I can't cook here and I don't feel safe."),
    "X": ("In custody at {where}. PA to make a housing referral before release so they have "
          "somewhere to go.", "I need somewhere to live when I get out, not a hostel."),
    "Z": ("Staying Put with their former foster carers, {carer}, until they are 21.",
          "I'm glad I can stay. It feels like home."),
    "Y": ("Staying with a friend for now; PA to help find somewhere settled.",
          "I can't stay on my mate's sofa for ever."),
    "": ("Talk through where they want to live next and what help they need.",
         "I want somewhere I feel safe."),
}


def _accommodation(life: Life):
    plan_text, words = ACCOMMODATION.get(life.lives, ACCOMMODATION[""])
    return [(plan_text.format(where=life.where_they_live, carer=life.carer), words)]


def _contingency(life: Life):
    if life.lives == "X":
        return [("If release comes before housing is agreed, PA to go with them to the "
                 "council's housing team on the day.", "Don't let me walk out with nowhere to go.")]
    if life.lives == "Z":
        return [("If Staying Put ends early, PA to look at supported lodgings with them straight "
                 "away.", "I'd talk to my carers first.")]
    if life.lives in SUPPORTED:
        return [("If the placement breaks down, call the out-of-hours team; emergency bed at the "
                 "supported lodgings.", "If it goes wrong I'd ring my PA first." if life.alone
                 else "If it goes wrong I'd go to my aunt's first.")]
    if life.lives == "B":
        return [("If things break down at home, PA to find an emergency place the same day.",
                 "Sometimes we argue. I'd need somewhere to go.")]
    return [("If rent falls behind, PA to arrange a meeting with housing straight away.",
             "Tell me early, don't let it pile up like last time.")]


def _relationships(life: Life):
    if life.lives == "Z":
        return [(f"Keep living with {life.carer}, their former foster carers, who are happy to "
                 "be called any time.", "They're like family to me.")]
    if life.does == "G6":
        return [("Support from the health visitor and the family centre with the baby.",
                 "I want to be a good parent.")]
    if life.alone:
        people = life.background.people if life.background else ""
        return [("Red Cross family tracing for their mother and sisters; PA to follow it up.",
                 "I don't know where my family is. I want to find them."),
                (f"Meets friends from the {people or 'local'} community every week.",
                 "My friends here are my family now.")]
    return [("Contact with younger brother every other weekend, arranged by his social worker.",
             "Seeing my brother is the most important thing for me."),
            ("Rebuilding contact with mum, at their pace; PA to help if they want.",
             "Me and mum are talking again. Slowly.")]


def _skills(life: Life):
    if life.lives == "X":
        return [("Budgeting course in custody; PA to help open a bank account before release.",
                 "I've never had a bank account.")]
    if life.lives in SUPPORTED:
        return [("Cooking sessions at the hub on Tuesdays; budgeting workshop in the spring.",
                 "I can cook pasta and that's about it.")]
    return [("Practise paying bills online with PA; set up direct debits.",
             "I get worried about letters from the council.")]


def _money(life: Life):
    if life.lives == "X":
        return [("Discharge grant on release; PA to help claim Universal Credit from the day "
                 "they come out.", "I'll have nothing when I get out.")]
    if life.age < 18:
        return [("Weekly allowance from the council; PA to help open a bank account and save a "
                 "little.", "I want to save up for driving lessons.")]
    if life.does == "university":
        return [("Higher Education Bursary and student finance; the council pays for somewhere "
                 "to live in the holidays.", "I never know how much I'll have left by the end "
                 "of term.")]
    if life.lives == "U":
        return [("Setting-up-home allowance: list of what to buy first agreed; council tax "
                 "exemption applied.", "I need a bed, a kettle and a washing machine most.")]
    return [("Apply for Universal Credit; PA to go to the first Jobcentre appointment.",
             "I never know how much I'll have left at the end of the month.")]


def _health(life: Life):
    if life.lives == "X":
        return [("Healthcare in custody; PA to make sure they are registered with a GP for "
                 "release.", "I want to see a proper doctor when I'm out.")]
    if life.does == "G4":
        return [("Keep seeing the mental health team; GP to review medication.",
                 "Talking to someone helps when my head is all over the place.")]
    if life.alone:
        return [("GP and dentist registered. Counselling offered for what happened on the "
                 "journey here.", "I don't sleep much. I'd like help with that.")]
    return [("Register with a GP near where they live. Keep seeing the counsellor fortnightly.",
             "Talking to someone helps when my head is all over the place."),
            ("Dentist appointment booked. Sleep has been bad: GP to review.",
             "I don't sleep much. I'd like help with that.")]


def _identity(life: Life):
    background = life.background
    people = background.people if background else ""
    language = other_language(life.young_person.languages)
    if life.alone and people and language:
        return [(f"Support to keep speaking {language}; PA to find the {people} community group "
                 "and a place of worship in Demo Town. Interpreter at reviews if they want one.",
                 f"My language and being {people} matter to me."),
                ("Asylum claim: PA to go to Home Office appointments with them and keep in touch "
                 f"with their solicitor. Support to keep speaking {language}.",
                 "I want to know I can stay.")]
    if people and language:
        return [(f"Keep up {language} with family; PA to find a {people} youth group if they "
                 "want one.", f"Being {people} is part of who I am.")]
    if people:
        return [(f"Life story work with PA, including their {people} family history.",
                 f"I want to know more about my {people} side.")]
    return [("Life story work with PA, at their pace.",
             "I want to know more about my family and where I come from.")]


SECTION_TEXT = {
    Section.CONTACT: _contact,
    Section.EDUCATION: _education,
    Section.EMPLOYMENT: _employment,
    Section.CONTINGENCY: _contingency,
    Section.ACCOMMODATION: _accommodation,
    Section.RELATIONSHIPS: _relationships,
    Section.SKILLS: _skills,
    Section.MONEY: _money,
    Section.HEALTH: _health,
    Section.IDENTITY: _identity,
}
#: Filled in every young person's first plan; the rest a few at a time.
FIRST_SECTIONS = [Section.CONTACT, Section.EDUCATION, Section.EMPLOYMENT, Section.ACCOMMODATION,
                  Section.IDENTITY]

ASPIRATIONS = [
    "Get my own flat and a cat.", "Pass my driving test and go on a road trip with my mates.",
    "Be a chef one day, maybe have my own café.", "Go to university and study nursing.",
    "Save up and go to the seaside for a week.", "Get a dog and a job I actually like.",
    "Be a mechanic and fix up my own car.",
]
TRUSTED = {
    "family": ["My aunt Sue, and my PA.", "My best mate Kez and her mum.",
               "My big sister. I'd ring her first."],
    "alone": ["My PA, and my friends from the community group.", "My solicitor and my PA."],
}
OWN_WORDS = [
    "I'm doing better than last year. I just want people to stop changing.",
    "I know what I want now. I need help with the forms, that's all.",
    "Some weeks are hard but I'm getting there.",
    "I want to be treated like an adult and make my own decisions.",
]
#: (who, what, section, whose life it fits)
ACTIONS = [
    ("PA", "Help fill in the course application", Section.EDUCATION,
     lambda life: life.does in ("G5", "")),
    ("Young person", "Book a GP appointment", Section.HEALTH, lambda life: life.lives != "X"),
    ("PA", "Chase the housing officer about the move-on flat", Section.ACCOMMODATION,
     lambda life: life.lives in SUPPORTED),
    ("PA", "Make the housing referral for release", Section.ACCOMMODATION,
     lambda life: life.lives == "X"),
    ("Young person", "Go to the budgeting workshop", Section.SKILLS,
     lambda life: life.lives != "X"),
    ("PA", "Apply for the setting-up-home allowance", Section.MONEY,
     lambda life: life.lives in ("U", "K")),
    ("Young person", "Take ID to the Jobcentre appointment", Section.EMPLOYMENT,
     lambda life: life.age >= 18 and life.does in ("G4", "G5", "G6")),
    ("PA", "Ask the university when the bursary is paid", Section.MONEY,
     lambda life: life.does == "university"),
    ("PA", "Ask the education team what courses carry on after release", Section.EDUCATION,
     lambda life: life.lives == "X"),
]
RETURN_REASONS = [
    "Please add what they said in their own words about where they live, and give the "
    "housing action a date.",
]
#: Why a young person asked for their plan to be reviewed early, by where they live.
EARLY_REVIEW = {
    "U": "Wants to talk about money: the rent is getting hard to manage.",
    "K": "Wants to talk about money: the rent is getting hard to manage.",
    "Z": "Wants to talk about what happens when Staying Put ends.",
    "X": "Wants to talk about plans for release.",
}
EARLY_REVIEW_OTHERWISE = "Wants to talk about moving on from where they live sooner."


def _aspiration(rng, life: Life, current: str) -> str:
    """Their aspiration, kept from the last plan unless they have done it already."""
    done = {"Get my own flat and a cat.": life.lives == "U",
            "Go to university and study nursing.": life.does == "university"}
    if current and not done.get(current):
        return current
    return rng.choice([a for a in ASPIRATIONS if not done.get(a)])


def _trusted(rng, life: Life, current: str) -> str:
    if life.lives == "Z":
        return f"{life.carer}, my foster carers."
    return current or rng.choice(TRUSTED["alone" if life.alone else "family"])


# --- writing the plans --------------------------------------------------------------------------

def _at(ctx: DemoContext, rng, day: date) -> datetime:
    at = timezone.make_aware(datetime.combine(day, time(rng.randint(9, 16), rng.choice([0, 30]))))
    return min(at, ctx.now)


def _first_possible(young_person, status: str, asked_on: date | None,
                    came_into_care: date | None) -> date:
    """The earliest a review could have been held: a while after turning 16, after coming into
    care for someone looked after now, or after asking for support again at 21 to 25."""
    first = birthday(young_person.date_of_birth, 16) + timedelta(days=60)
    if status == Status.ELIGIBLE and came_into_care is not None:
        first = max(first, came_into_care + timedelta(days=30))
    if status == Status.RETURNER_21_25 and asked_on is not None:
        first = max(first, asked_on + timedelta(days=30))
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


class _Writer:
    """Writes one young person's plans, each version as the PA and a manager would: started,
    reviewed, sent and decided in that order, each version after the last was decided."""

    def __init__(self, ctx: DemoContext, rng, young_person, *, author, manager):
        self.ctx, self.rng, self.young_person = ctx, rng, young_person
        self.author, self.manager = author, manager
        self.added = 0

    def sections(self, life: Life, keys) -> dict:
        """What each section says for their life. The same life gives the same words, so a
        review changes only the sections whose part of their life has changed."""
        chosen = {}
        for key in keys:
            options = SECTION_TEXT[key](life)
            pick = self.ctx.rng("plan-text", self.young_person.person_id, key)
            plan_text, words = options[pick.randrange(len(options))]
            chosen[key] = {"plan_text": plan_text, "young_persons_words": words}
        return chosen

    def assess(self, *, earliest: date, before: date) -> None:
        """A needs assessment started no earlier than `earliest` and completed before
        `before`."""
        started = max(before - timedelta(days=self.rng.randint(40, 80)), earliest)
        completed = max(before - timedelta(days=self.rng.randint(1, 20)), started)
        assessment = needs_assessment_start(actor=self.author, young_person=self.young_person,
                                            today=started)
        life = life_on(self.ctx, self.young_person, completed)
        keys = self.rng.sample(list(SECTION_TEXT), 4)
        areas = {key: values["plan_text"] for key, values in self.sections(life, keys).items()}
        needs_assessment_complete(
            actor=self.author, assessment=assessment, version=assessment.version,
            completed_on=completed, today=self.ctx.today,
            areas=areas, young_persons_views=self.rng.choice(OWN_WORDS),
        )

    def write(self, held: date) -> PathwayPlan:
        """A new version reviewed on `held`, started up to a week before: carried actions
        mostly done (all that no longer fit their life), the sections brought up to date with
        their life on the day, a new action or two."""
        rng, ctx = self.rng, self.ctx
        started = held - timedelta(days=rng.randint(0, 7))
        plan = plan_start(actor=self.author, young_person=self.young_person, today=started)
        life = life_on(ctx, self.young_person, held)
        fits = {what for _, what, _, fit in ACTIONS if fit(life)}
        filled = []
        for section in plan.sections.all():
            if section.is_filled:
                filled.append(section.key)
            for action in section.actions.all():
                if rng.random() < 0.8 or action.what not in fits:
                    plan_action_update(actor=self.author, action=action, done=True)
        keys = set(filled) | set(FIRST_SECTIONS)
        others = [key for key in SECTION_TEXT if key not in keys]
        keys |= set(rng.sample(others, min(len(others), rng.randint(0, 2))))
        plan = plan_update(
            actor=self.author, plan=plan, version=plan.version, today=ctx.today,
            review_held_on=held,
            aspirations=_aspiration(rng, life, plan.aspirations),
            trusted_people=_trusted(rng, life, plan.trusted_people),
            own_words=rng.choice(OWN_WORDS),
            received_copy=rng.random() < 0.85,
            sections=self.sections(life, [key for key in SECTION_TEXT if key in keys]),
        )
        actions = [(who, what, section) for who, what, section, fit in ACTIONS if fit(life)]
        for who, what, section in rng.sample(actions, min(len(actions), rng.randint(1, 2))):
            plan_action_add(actor=self.author, plan=plan, section=section, who=who, what=what,
                            due_on=held + timedelta(days=rng.randint(14, 120)))
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
#: A needs assessment may start a little before the 16th birthday.
ASSESSED_FROM_BEFORE_16 = timedelta(days=60)


# After accommodation (order 50) and activities (52): its moves ask for early reviews, which
# the plans here meet where the young person's plan is kept up to date, as a PA would, and the
# plans say where they live and what they do.
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
    in_care_since = dict(
        CarePeriod.objects.filter(young_person__in=people, end_on__isnull=True,
                                  short_break=False)
        .values("young_person").annotate(since=Max("start_on"))
        .values_list("young_person", "since")
    )
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
        status = person.statutory_status.status
        first_possible = _first_possible(person, status, asked_on.get(person.pk),
                                         in_care_since.get(person.pk))
        # Assessed once they are known: from before 16, once in care, or once they asked.
        earliest = max(birthday(person.date_of_birth, 16) - ASSESSED_FROM_BEFORE_16,
                       in_care_since.get(person.pk) or date.min,
                       asked_on.get(person.pk) if status == Status.RETURNER_21_25
                       and person.pk in asked_on else date.min)
        latest = _latest_held(rng, pattern, ctx.today)
        asked = last_asked.get(person.pk)
        if pattern in KEPT_UP and asked is not None and latest < asked <= ctx.today - DAYS_2:
            latest = min(asked + timedelta(days=rng.randint(1, 20)), ctx.today - DAYS_2)
        if pattern == "none" or first_possible > latest:
            if status == Status.ELIGIBLE and rng.random() < 0.6 and \
                    earliest < ctx.today - timedelta(days=12):
                # Assessed, and the first plan being written.
                writer.assess(earliest=earliest, before=ctx.today - timedelta(days=10))
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

        # Completed before the first version was started (up to a week before its review).
        writer.assess(earliest=earliest, before=held_dates[0] - timedelta(days=8))
        for number, held in enumerate(held_dates, start=1):
            plan = writer.write(held)
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
            place = ctx.place_on(person, ctx.today)
            early_review_request(
                actor=writer.author, young_person=person,
                requested_on=ctx.today - timedelta(days=rng.randint(3, 12)),
                reason=EarlyReviewReason.YOUNG_PERSON_ASKED,
                description=EARLY_REVIEW.get(place.code if place else "", EARLY_REVIEW_OTHERWISE),
                today=ctx.today,
            )
        added += writer.added

    ctx.report.append(
        f"Pathway plans: {added} added ({awaiting} waiting for authorisation, {returned} "
        f"returned for changes); {without} young people needing a plan have none yet"
    )
