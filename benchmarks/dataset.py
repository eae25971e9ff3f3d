"""A made-up service at the scale DESIGN.md plans for, loaded into PostgreSQL with COPY.

Nothing here is a real person. The records follow the rules the services apply, so the pages and
jobs meet the shapes they meet in a council's database:

- each young person's care history (care periods and the other facts) is made up first, of a
  kind from `eligibility.histories` as the demo's are, and their status is then *decided* by
  `eligibility.rules.decide_status`, on today and on the days it could have moved (16th, 18th,
  21st and 25th birthdays, leaving care, asking for support), which gives the status history
  (`StatusChange`) and the status kept today (`StatutoryStatus`);
- Personal Advisers hold about 25 young people each, in their own team; some young people had an
  earlier adviser, a few have a colleague covering, and a few who need one have none;
- contacts are spread over the last three years, more often for those with a Personal Adviser,
  with mixed outcomes; most of those who need one were in touch within the last eight weeks;
- pathway plans are reviewed about every six months from when the status first needed one:
  most up to date, some overdue, some waiting for a manager, some being written;
- needs assessments before the first plan (and again after a request for support at 21 to 25);
- places lived and activities since leaving care, with suitability assessments, Staying Put,
  and alerts (already seen by a manager) for bed and breakfast, emergency accommodation, no fixed
  abode and custody;
- a year of monthly snapshots for the dashboard's trends.

Only the history rows a page reads are written: a young person's "record added" row and the
plans' submitted and authorised rows (the record page's chronology). Row ids are chosen here so
rows can point at each other without a round trip; the sequences are moved past them at the end.
"""

import json
import math
import random
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

from accommodation.models import AccommodationEpisode, PlacementAlert, SuitabilityAssessment
from accommodation.rules import NEEDS_MANAGER, NEVER_SUITABLE, SCHEDULE_2_FACTORS
from advisers.models import Allocation, Contact
from careleavers.models import Role, Team, User, YoungPerson
from dashboard.models import MonthlySnapshot
from dashboard.snapshots import TRENDS, month_start, previous_month
from eet.models import ActivityEpisode
from eligibility.histories import care_history
from eligibility.models import (
    CareFacts,
    CarePeriod,
    StatusChange,
    StatutoryStatus,
    SupportChoice,
    SupportChoiceKind,
)
from eligibility.rules import PA_AND_PLAN_STATUSES, Facts, Status, birthday, decide_status
from eligibility.rules import CarePeriod as PeriodFact
from pathways.models import (
    EarlyReview,
    NeedsAssessment,
    PathwayPlan,
    PlanAction,
    PlanSection,
    Section,
)
from standing.standings import standings_rebuild

TZ = ZoneInfo(settings.TIME_ZONE)

#: Caseload a Personal Adviser holds (DOMAIN.md: "PAs with ~25 each").
CASELOAD = 25
#: How far back contacts go.
CONTACT_YEARS = 3

#: Ages today, 16 to 25, weighted roughly as England's care leavers are (DESIGN.md: about 45,000
#: aged 17 to 21 and about 11,000 a year of age from 22 to 25); a few have just turned 25.
AGE_WEIGHTS = {16: 7, 17: 9, 18: 12, 19: 12, 20: 12, 21: 11, 22: 10, 23: 9, 24: 9, 25: 3}

FIRST_NAMES = {
    "F": ["Amara", "Bethany", "Chloe", "Demi", "Ellie", "Fatima", "Grace", "Hana", "Imani",
          "Jade", "Kayla", "Leah", "Maisie", "Nadia", "Olivia", "Paige", "Rosie", "Sienna",
          "Tia", "Zara", "Amelia", "Freya", "Isla", "Lily", "Mia", "Niamh", "Ruby", "Skye",
          "Aisha", "Holly", "Jasmine", "Keira", "Megan", "Phoebe", "Summer", "Erin"],
    "M": ["Aaron", "Bilal", "Callum", "Dylan", "Ethan", "Finley", "Harvey", "Isaac", "Jayden",
          "Kai", "Liam", "Mason", "Nathan", "Owen", "Reece", "Samuel", "Tyler", "Alexander",
          "Yusuf", "Zane", "Connor", "Jack", "Kieran", "Lewis", "Mohammed", "Noah", "Oliver",
          "Riley", "Ryan", "Tomasz", "Jordan", "Declan", "Ibrahim", "Leon", "Marcus", "Jamal"],
}
#: Common surnames first: searching for "Smith" finds about one young person in a hundred, as it
#: would in England.
COMMON_SURNAMES = [
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
    "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards",
    "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood",
    "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King",
    "Baker", "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis",
    "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook", "Carter",
    "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox", "Richards",
    "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh", "Begum", "Wilkinson",
    "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali", "Hunt", "Hussain",
    "Campbell", "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight", "Lloyd",
    "Butler", "Russell", "Barker", "Fisher", "Stevens", "Jenkins", "Murray", "Dixon", "Harvey",
]
#: Made into a long tail of rarer surnames.
SURNAME_STARTS = ["Ash", "Brad", "Carl", "Dun", "Elling", "Fair", "Gold", "Hart", "Ing", "Jen",
                  "Kings", "Lang", "Mar", "Nor", "Oak", "Pen", "Rad", "Sand", "Thorn", "Under",
                  "Wain", "Whit", "Brook", "Cald", "Dal", "East", "Fen", "Gal", "Hol", "Lin"]
SURNAME_ENDS = ["worth", "ley", "ton", "more", "son", "bairn", "smith", "field", "ham", "ford",
                "well", "by", "wick", "stone", "croft", "shaw", "low", "ridge", "dale", "hurst"]
ETHNICITIES = {"WBRI": 50, "WOTH": 5, "MWBC": 7, "MWBA": 3, "MWAS": 3, "MOTH": 4, "AIND": 3,
               "APKN": 5, "ABAN": 2, "AOTH": 2, "BCRB": 5, "BAFR": 6, "BOTH": 1, "OOTH": 3,
               "WROM": 1, "NOBT": 2}
STAFF_FIRST = ["Priya", "Tom", "Grace", "Liam", "Amira", "Dan", "Ellie", "Kwame", "Sophie",
               "Raj", "Hannah", "Joe", "Nadia", "Chris", "Fiona", "Gareth", "Helen", "Imran"]
STAFF_LAST = ["Shah", "Evans", "Okoye", "Byrne", "Haddad", "Kowalczyk", "Morgan", "Mensah",
              "Turner", "Patel", "Lee", "Barker", "Ahmed", "Doyle", "Fraser", "Hughes", "Quinn"]

NOTE_SENTENCES = [
    "Met at the flat; it was tidy and the heating is working again.",
    "Talked about college and the bus pass, which runs out next month.",
    "They said things are going well with their girlfriend's family.",
    "Worried about money: universal credit was cut after a missed appointment.",
    "Went through the pathway plan actions together.",
    "Did not answer; left a voicemail and sent a text.",
    "Helped fill in the housing register form.",
    "Said they did not want to talk today and would ring back.",
    "Took them to the GP about the pain in their knee.",
    "Discussed the setting-up-home allowance and what is left of it.",
    "Landlord has not fixed the window; I will chase it this week.",
    "They have started at the warehouse, four shifts a week.",
    "Talked about seeing their younger brother at the weekend.",
    "Checked in after the incident at the supported accommodation.",
    "They want to look at apprenticeships in September.",
]

CONTACT_TYPES = {"home_visit": 30, "accommodation_visit": 10, "office": 10, "phone": 25,
                 "video": 5, "message": 15, "email": 3, "other": 2}
CONTACT_OUTCOMES = {"seen": 55, "spoke": 25, "attempted": 15, "refused": 5}
FACE_TO_FACE = {"home_visit", "accommodation_visit", "office"}

FIRST_PLACES = {"Z": 18, "D": 30, "E": 12, "U": 8, "B": 10, "C": 4, "K": 4, "T": 4, "Y": 3,
                "W": 1, "V": 2, "S": 1, "X": 2, "R": 1}
LATER_PLACES = {"U": 32, "D": 14, "K": 8, "B": 10, "T": 5, "E": 5, "Z": 2, "W": 2, "V": 2,
                "S": 2, "X": 3, "R": 3, "Y": 8, "G": 1, "C": 1}
COUNCIL_PROVIDED = {"D", "E", "T", "W", "V", "C"}
ACTIVITIES = {"F1": 8, "P1": 2, "F2": 20, "P2": 5, "F4": 5, "P4": 1, "F5": 15, "P5": 8,
              "G4": 8, "G5": 20, "G6": 8}
AT_SCHOOL_AGE = {"F2": 70, "P2": 5, "F4": 5, "F5": 5, "G5": 10, "G4": 3, "G6": 2}


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max((last - first).days, 0)))


def _episodes(rng: random.Random, span_days: int, *, every_days: int) -> int:
    """How many places (or activities) in `span_days`, changing about every `every_days`."""
    return 1 + min(int(span_days / every_days * rng.uniform(0, 2)), 6)


def _person_id(pk: int) -> str:
    return f"CL{pk:07d}"


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


# --- COPY -----------------------------------------------------------------------------------------

_MISSING = object()


def _default(field_):
    if field_.has_default():
        return field_.get_default()
    if field_.null:
        return None
    if isinstance(field_, models.CharField | models.TextField):
        return ""
    return _MISSING


def copy_rows(model, rows) -> int:
    """Write dicts of {attname: value} to the model's table with COPY; fields left out take
    their model default (blank text, None where allowed). Returns how many rows were written."""
    fields = model._meta.concrete_fields
    names = [f.attname for f in fields]
    defaults = [_default(f) for f in fields]
    required = {name for name, default in zip(names, defaults, strict=True)
                if default is _MISSING}
    as_json = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
    quote = connection.ops.quote_name
    sql = (f"COPY {quote(model._meta.db_table)} "
           f"({', '.join(quote(f.column) for f in fields)}) FROM STDIN")
    written = 0
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            missing = required - row.keys()
            if missing:
                raise ValueError(f"{model.__name__} row without {sorted(missing)}")
            values = [row.get(name, default) for name, default in zip(names, defaults,
                                                                       strict=True)]
            for i in as_json:
                values[i] = json.dumps(values[i])
            copy.write_row(values)
            written += 1
    return written


class Loader:
    """Rows buffered by table and written with COPY in batches, so memory stays flat however many
    there are. Each batch writes the tables in the order given (parents before the rows that
    point at them), each COPY committing on its own."""

    BATCH = 50_000

    def __init__(self, order):
        self.buffers = {model: [] for model in order}
        self.counts = Counter()
        self.buffered = 0

    def add(self, model, row: dict) -> None:
        self.buffers[model].append(row)
        self.buffered += 1
        if self.buffered >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        for model, rows in self.buffers.items():
            if rows:
                self.counts[model] += copy_rows(model, rows)
                rows.clear()
        self.buffered = 0


def _history(row: dict, *, at: datetime, kind: str, by: int | None, history_id: int):
    """A simple-history row for `row` (a dict of the tracked model's fields)."""
    return {**row, "history_id": history_id, "history_date": at, "history_type": kind,
            "history_user_id": by, "history_change_reason": None}


# --- who they are and their status ---------------------------------------------------------------

@dataclass(slots=True)
class Person:
    pk: int
    team: int
    dob: date
    sex: str
    periods: list  # [(start, end or None, short_break)]
    facts: dict
    joined: date  # when the leaving-care service started working with them
    left_care: date | None  # the first day after their last care period ended after 16
    status: str = ""
    reason: str = ""
    changes: list = field(default_factory=list)  # [(effective_on, status, previous, reason)]
    pa: int | None = None
    pa_since: date | None = None
    restricted: bool = False
    contacts: int = 0
    plans: int = 0


#: The care histories (eligibility.histories) of the made-up service's young people, each with
#: its share of them as a running total: a draw below a total gets that kind.
HISTORY_SHARES = [
    (0.85, "looked_after_at_16"),
    (0.93, "looked_after_for_weeks_after_16"),
    (0.96, "special_guardianship_after_care"),
    (0.99, "privately_fostered_after_care"),
    (1.0, "detained_on_16th_birthday"),
]
#: Histories that were over before 16: the order or the private fostering brings them to the
#: service, not leaving care.
OVER_BEFORE_16 = {"special_guardianship_after_care", "privately_fostered_after_care"}


def _care_history(rng: random.Random, dob: date, age: int, today: date):
    """Care periods and facts for one young person, and when the service met them."""
    turned_16 = birthday(dob, 16)
    # Only someone who turned 16 a while ago can have been in care for a few weeks since.
    draw = rng.random() if (today - turned_16).days > 60 else 0.0
    kind = ("looked_after_at_16" if age >= 25 else
            next(kind for total, kind in HISTORY_SHARES if draw < total))
    periods, facts = care_history(kind, rng, dob=dob, today=today)
    if kind in OVER_BEFORE_16:
        joined = min(_between(rng, turned_16, turned_16 + timedelta(days=300)), today)
        return periods, facts, joined, None
    # The service meets them at 16, or when they come into care after it.
    start, end = periods[-1][:2]
    left = end + timedelta(days=1) if end is not None else None
    return periods, facts, max(start, turned_16), left


def _decide(person: Person, today: date) -> None:
    """Status now and its history, by the one rule the service uses."""
    facts = Facts(
        date_of_birth=person.dob,
        care_periods=tuple(PeriodFact(s, e, b) for s, e, b in person.periods),
        **person.facts,
    )
    checkpoints = {person.joined, today}
    for years in (18, 21, 25):
        checkpoints.add(birthday(person.dob, years))
    choices = [choice.on for choice in person.facts.get("support_choices", ())]
    for day in (person.left_care, person.facts.get("returned_home_on"), *choices):
        if day is not None:
            checkpoints.add(day)
    previous = ""
    for day in sorted(d for d in checkpoints if person.joined <= d <= today):
        decision = decide_status(facts, day)
        if decision.status != previous:
            person.changes.append((day, str(decision.status), previous, decision.reason))
            previous = str(decision.status)
        person.status, person.reason = str(decision.status), decision.reason


def _requiring_spans(person: Person) -> list[tuple[date, date | None]]:
    """When their status needed a Personal Adviser and a plan: (from, to or None if it still
    does)."""
    spans, start = [], None
    for day, status, _, _ in person.changes:
        if status in PA_AND_PLAN_STATUSES and start is None:
            start = day
        elif status not in PA_AND_PLAN_STATUSES and start is not None:
            spans.append((start, day - timedelta(days=1)))
            start = None
    if start is not None:
        spans.append((start, None))
    return spans


def _surnames(rng: random.Random) -> tuple[list[str], list[float]]:
    tail = [a + b.lower() if a[-1] == b[0] else a + b for a in SURNAME_STARTS
            for b in SURNAME_ENDS]
    names = COMMON_SURNAMES + tail
    # Zipf-like for the common names (Smith about 1.2% of everyone), flat for the long tail.
    weights = [4.0 / (rank + 1) ** 0.75 for rank in range(len(COMMON_SURNAMES))]
    weights += [70.0 / len(tail)] * len(tail)
    total = sum(weights)
    return names, [w / total * 100 for w in weights]


# --- the load ------------------------------------------------------------------------------------

@dataclass
class Dataset:
    """What was loaded, and the people and records the benchmarks open."""

    today: date
    counts: dict
    statuses: dict
    team_id: str  # the largest team
    team_pk: int
    team_name: str
    team_manager: str
    personal_adviser: str  # the Personal Adviser holding the most young people
    caseload: int
    duty_manager: str
    service_manager: str
    record_pk: int  # a young person with one of the longest records
    record_person_id: str
    record_contacts: int
    surname: str  # the commonest surname
    surname_count: int


class Ids:
    """The next id for each kind of row."""

    def __init__(self):
        self._next = defaultdict(int)

    def __call__(self, name: str) -> int:
        self._next[name] += 1
        return self._next[name]


#: The tables written in batches after the young people, parents before the rows that point at
#: them.
BATCHED = [
    Allocation, Contact, NeedsAssessment, PathwayPlan, PathwayPlan.history.model, PlanSection,
    PlanAction, EarlyReview, AccommodationEpisode, SuitabilityAssessment, PlacementAlert,
    ActivityEpisode, MonthlySnapshot,
]


@dataclass
class _Build:
    """What every part of one build shares. Every random choice comes from the one generator,
    in the order the parts run, so the same seed gives the same service."""

    rng: random.Random
    ids: Ids
    today: date
    now: datetime
    load: Loader
    log: Callable[[str], None]
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class Staff:
    """The staff loaded, by user id."""

    usernames: dict[int, str] = field(default_factory=dict)
    pas_by_team: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    managers_by_team: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    duty: list[int] = field(default_factory=list)
    service: list[int] = field(default_factory=list)


def build(*, young_people: int, contacts: int, teams: int = 40, seed: int = 2026,
          today: date | None = None, log=print) -> Dataset:
    """Load the made-up service into the (empty, migrated) database: about `young_people` young
    people and `contacts` contacts, in `teams` teams. The same seed gives the same service."""
    run = _Build(rng=random.Random(seed), ids=Ids(), today=today or timezone.localdate(),
                 now=timezone.now(), load=Loader(BATCHED), log=log)
    team_rows = _teams(run, teams)
    people, identities, surnames_given = _young_people(run, young_people, teams)
    staff = _staff(run, people, teams)
    _young_person_records(run, people, identities, staff)
    del identities  # a good part of the memory at full scale, and not needed again
    _care_histories(run, people, staff)
    _allocations(run, people, staff)
    _contacts(run, people, staff, contacts)
    _pathway_plans(run, people, staff)
    _places_and_activities(run, people, staff)
    _monthly_snapshots(run, teams, young_people)
    _standings(run)
    for model in (Allocation, Contact, NeedsAssessment, PathwayPlan, PlanSection, EarlyReview,
                  AccommodationEpisode, SuitabilityAssessment, PlacementAlert, ActivityEpisode):
        run.counts[model._meta.verbose_name_plural] = run.load.counts[model]
    _after_load()
    return _what_benchmarks_open(run, people, staff, team_rows, surnames_given)


def _teams(run: _Build, teams: int) -> list[dict]:
    team_rows = [{"id": n, "team_id": f"team-{n:02d}", "name": f"Leaving care team {n:02d}"}
                 for n in range(1, teams + 1)]
    run.counts["teams"] = copy_rows(Team, team_rows)
    return team_rows


def _young_people(run: _Build, count: int,
                  teams: int) -> tuple[list[Person], list[dict], list[str]]:
    """The young people and their care histories, with the status each has, and the rows of
    their records (written once there is staff to have added them), and their surnames."""
    ages, age_weights = list(AGE_WEIGHTS), list(AGE_WEIGHTS.values())
    surnames, surname_weights = _surnames(run.rng)
    people: list[Person] = []
    identities: list[dict] = []
    surnames_given: list[str] = []
    for pk in range(1, count + 1):
        person = _person(run, pk, teams, ages, age_weights)
        people.append(person)
        identity = _identity(run, person, surnames, surname_weights)
        surnames_given.append(identity["last_name"])
        identities.append(identity)
    statuses = Counter(p.status for p in people)
    run.log(f"  decided {len(people)} statuses: {dict(statuses)}")
    return people, identities, surnames_given


def _person(run: _Build, pk: int, teams: int, ages: list[int], age_weights: list[int]) -> Person:
    rng, today = run.rng, run.today
    age = rng.choices(ages, weights=age_weights)[0]
    base = today - timedelta(days=rng.randint(1, 364))
    dob = base.replace(year=base.year - age, day=min(base.day, 28) if base.month == 2
                       else base.day)
    periods, facts, joined, left = _care_history(rng, dob, age, today)
    sex = rng.choices("FMU", weights=[48, 49, 3])[0]
    person = Person(pk=pk, team=rng.randint(1, teams), dob=dob, sex=sex, periods=periods,
                    facts=facts, joined=joined, left_care=left)
    _decide(person, today)
    return person


def _identity(run: _Build, person: Person, surnames: list[str],
              surname_weights: list[float]) -> dict:
    """The row of the young person's record: who they are."""
    rng, pk, sex = run.rng, person.pk, person.sex
    first = rng.choice(FIRST_NAMES[sex] if sex != "U" else FIRST_NAMES["F"] + FIRST_NAMES["M"])
    last = rng.choices(surnames, weights=surname_weights)[0]
    uasc = rng.random() < 0.08
    person.restricted = rng.random() < 0.003
    return {
        "id": pk, "person_id": _person_id(pk), "first_name": first, "last_name": last,
        "preferred_name": first[:3] if rng.random() < 0.05 else "",
        "date_of_birth": person.dob, "sex": sex,
        "ethnicity": "BAFR" if uasc and rng.random() < 0.5 else _pick(rng, ETHNICITIES),
        "upn": f"A{rng.randint(10**11, 10**12 - 1)}" if rng.random() < 0.7 else "",
        "uasc": uasc, "disability": rng.random() < 0.1,
        "languages": "English", "phone": f"07700 900{rng.randint(0, 999):03d}",
        "email": f"{first}.{last}{pk}@example.com".lower() if rng.random() < 0.6 else "",
        "address": f"{rng.randint(1, 200)} Mill Lane, Demo Town" if rng.random() < 0.8
        else "",
        "team_id": person.team, "restricted": person.restricted, "version": 1,
        "created_at": _at(person.joined, 10),
    }


def _staff(run: _Build, people: list[Person], teams: int) -> Staff:
    """Personal Advisers for about 25 each in their team, two team managers a team, and the
    managers and others who see every team."""
    needing = Counter(p.team for p in people if p.status in PA_AND_PLAN_STATUSES)
    staff = Staff()
    rows, memberships = [], []

    def add(username, role, team=None, capacity=None) -> int:
        pk = run.ids("user")
        staff.usernames[pk] = username
        rows.append({
            "id": pk, "password": "!", "username": username, "role": role,
            "full_name": f"{run.rng.choice(STAFF_FIRST)} {run.rng.choice(STAFF_LAST)}",
            "email": f"{username}@council.example", "caseload_capacity": capacity,
            "is_superuser": role == Role.ADMINISTRATOR, "is_staff": role == Role.ADMINISTRATOR,
        })
        if team is not None:
            memberships.append({"id": run.ids("membership"), "user_id": pk, "team_id": team})
        return pk

    for team in range(1, teams + 1):
        for n in range(max(1, math.ceil(needing[team] / CASELOAD))):
            staff.pas_by_team[team].append(
                add(f"pa-{team:02d}-{n + 1:03d}", Role.PERSONAL_ADVISER, team, CASELOAD))
        for n in range(2):
            staff.managers_by_team[team].append(
                add(f"tm-{team:02d}-{n + 1}", Role.TEAM_MANAGER, team))
    staff.duty = [add(f"duty-{n}", Role.DUTY_MANAGER) for n in range(1, 5)]
    staff.service = [add(f"service-{n}", Role.SERVICE_MANAGER) for n in range(1, 3)]
    for n in range(1, 4):
        add(f"board-{n}", Role.BOARD_MEMBER)
    add("admin", Role.ADMINISTRATOR)
    run.counts["staff"] = copy_rows(User, rows)
    copy_rows(User.teams.through, memberships)
    return staff


def _young_person_records(run: _Build, people: list[Person], identities: list[dict],
                          staff: Staff) -> None:
    """The records, each added by the team's manager, and who may open the restricted ones."""
    run.counts["young_people"] = copy_rows(YoungPerson, identities)
    restricted = []
    first_history = []
    for row, person in zip(identities, people, strict=True):
        by = staff.managers_by_team[person.team][0]
        first_history.append(_history(row, at=row["created_at"], kind="+", by=by,
                                      history_id=run.ids("yp-history")))
        if row["restricted"]:
            for user in (staff.pas_by_team[person.team][0], by):
                restricted.append({"id": run.ids("restricted"), "youngperson_id": person.pk,
                                   "user_id": user})
    copy_rows(YoungPerson.history.model, first_history)
    copy_rows(YoungPerson.restricted_to.through, restricted)


def _care_histories(run: _Build, people: list[Person], staff: Staff) -> None:
    """Care periods and facts, the status kept today and the status history."""
    ids = run.ids
    run.counts["care_periods"] = copy_rows(CarePeriod, (
        {"id": ids("period"), "young_person_id": p.pk, "start_on": s, "end_on": e,
         "short_break": b}
        for p in people for s, e, b in p.periods
    ))
    copy_rows(CareFacts, (
        {"young_person_id": p.pk,
         **{name: value for name, value in p.facts.items() if name != "support_choices"}}
        for p in people
    ))
    copy_rows(SupportChoice, (
        {"id": ids("support-choice"), "young_person_id": p.pk, "on": choice.on,
         "kind": SupportChoiceKind.ASKED if choice.asked else SupportChoiceKind.OPTED_OUT,
         "recorded_at": _at(choice.on, 2, 5), "recorded_by_id": staff.pas_by_team[p.team][0]}
        for p in people for choice in p.facts.get("support_choices", ())
    ))
    copy_rows(StatutoryStatus, (
        {"young_person_id": p.pk, "status": p.status, "reason": p.reason,
         "since": p.changes[-1][0], "checked_on": run.today - timedelta(days=1)}
        for p in people
    ))
    run.counts["status_changes"] = copy_rows(StatusChange, (
        {"id": ids("change"), "young_person_id": p.pk, "status": status,
         "previous_status": previous, "reason": reason, "effective_on": day,
         "recorded_at": _at(day, 2, 5),
         "recorded_by_id": staff.pas_by_team[p.team][0] if not previous else None}
        for p in people for day, status, previous, reason in p.changes
    ))
    run.log("  loaded young people, care histories and statuses")


def _allocations(run: _Build, people: list[Person], staff: Staff) -> None:
    """Personal Advisers in turn through each team's, for most of those who need one; the
    allocations that ended for those who no longer do."""
    turn: dict[int, int] = defaultdict(int)
    for p in people:
        pas = staff.pas_by_team[p.team]
        spans = _requiring_spans(p)
        if p.status in PA_AND_PLAN_STATUSES and run.rng.random() < 0.95:
            p.pa = pas[turn[p.team] % len(pas)]
            turn[p.team] += 1
            _adviser_allocated(run, p, pas, needed_since=spans[-1][0])
        else:
            _allocations_ended(run, p, pas, spans)


def _adviser_allocated(run: _Build, p: Person, pas: list[int], *, needed_since: date) -> None:
    """The Personal Adviser's allocation, and sometimes an earlier adviser's or a colleague
    covering."""
    rng, today, ids = run.rng, run.today, run.ids
    earliest = max(needed_since, today - timedelta(days=1000))
    p.pa_since = _between(rng, earliest, today - timedelta(days=1))
    if rng.random() < 0.3 and (p.pa_since - needed_since).days > 30 and len(pas) > 1:
        before = rng.choice([pa for pa in pas if pa != p.pa])
        run.load.add(Allocation, {
            "id": ids("allocation"), "young_person_id": p.pk, "adviser_id": before,
            "kind": "personal_adviser", "start_on": needed_since,
            "end_on": p.pa_since - timedelta(days=1), "reason": "Allocated",
            "end_reason": "Adviser changed teams",
        })
    run.load.add(Allocation, {
        "id": ids("allocation"), "young_person_id": p.pk, "adviser_id": p.pa,
        "kind": "personal_adviser", "start_on": p.pa_since, "reason": "Allocated",
    })
    if rng.random() < 0.02 and len(pas) > 1:
        run.load.add(Allocation, {
            "id": ids("allocation"), "young_person_id": p.pk,
            "adviser_id": rng.choice([pa for pa in pas if pa != p.pa]),
            "kind": "cover", "start_on": today - timedelta(days=rng.randint(0, 10)),
            "end_on": today + timedelta(days=rng.randint(3, 21)),
            "reason": "Annual leave",
        })


def _allocations_ended(run: _Build, p: Person, pas: list[int],
                       spans: list[tuple[date, date | None]]) -> None:
    for start, end in spans:
        if end is not None:
            run.load.add(Allocation, {
                "id": run.ids("allocation"), "young_person_id": p.pk,
                "adviser_id": run.rng.choice(pas), "kind": "personal_adviser",
                "start_on": start, "end_on": end, "reason": "Allocated",
                "end_reason": "No longer needs a Personal Adviser",
            })


def _contacts(run: _Build, people: list[Person], staff: Staff, contacts: int) -> None:
    """Contacts spread over the last three years in proportion to how often each young person
    is seen, scaled to the number asked for."""
    rates = _contact_rates(people, run.today)
    scale = contacts / max(sum(weight for _, _, weight in rates), 1)
    notes = [" ".join(run.rng.sample(NOTE_SENTENCES, k)) for k in (1, 1, 2, 2, 3, 4, 6, 8)
             for _ in range(6)]
    for p, (start, end, weight) in zip(people, rates, strict=True):
        _contacts_with(run, p, staff.pas_by_team[p.team], start, end, weight * scale, notes)
    run.load.flush()
    run.log(f"  loaded {run.load.counts[Contact]:,} contacts")


def _contact_rates(people: list[Person], today: date) -> list[tuple[date, date, float]]:
    """For each young person, the days they could have been in touch in the last three years
    and how many contacts they would have at the rate their status is seen."""
    window_start = today - timedelta(days=365 * CONTACT_YEARS)
    rates = []
    for p in people:
        start = max(window_start, p.joined)
        end = min(today - timedelta(days=1), birthday(p.dob, 25))
        days = max((end - start).days, 0)
        if p.status in PA_AND_PLAN_STATUSES:
            rate = 1 / 28
        elif p.status == Status.ENTITLED_ON_REQUEST:
            rate = 1 / 120
        elif p.status == Status.QUALIFYING:
            rate = 1 / 150
        else:
            rate = 1 / 365
        rates.append((start, end, days * rate))
    return rates


def _contacts_with(run: _Build, p: Person, team_pas: list[int], start: date, end: date,
                   expected: float, notes: list[str]) -> None:
    """About `expected` contacts from `start` to `end`; most of those who need a Personal
    Adviser were in touch lately."""
    rng, today = run.rng, run.today
    n = int(expected) + (rng.random() < expected - int(expected))
    if n == 0 or end < start:
        return
    types, type_weights = list(CONTACT_TYPES), list(CONTACT_TYPES.values())
    outcomes, outcome_weights = list(CONTACT_OUTCOMES), list(CONTACT_OUTCOMES.values())
    span = (end - start).days
    days = sorted(start + timedelta(days=rng.randint(0, span)) for _ in range(n))
    recent = p.status in PA_AND_PLAN_STATUSES and rng.random() < 0.85
    if recent:
        days[-1] = max(days[-1], today - timedelta(days=rng.randint(1, 50)))
    p.contacts = n
    for i, day in enumerate(days):
        kind = rng.choices(types, weights=type_weights)[0]
        outcome = ("seen" if kind in FACE_TO_FACE else "spoke") if (
            recent and i == n - 1) else rng.choices(outcomes, weights=outcome_weights)[0]
        at = _at(day, rng.randint(8, 19), rng.choice((0, 15, 30, 45)))
        run.load.add(Contact, {
            "id": run.ids("contact"), "young_person_id": p.pk, "contact_at": at,
            "contact_type": kind, "outcome": outcome,
            "seen_alone": (rng.random() < 0.8) if (
                kind in FACE_TO_FACE and outcome == "seen") else None,
            "made_by_id": p.pa or rng.choice(team_pas),
            "notes": rng.choice(notes), "version": 1,
            "recorded_at": min(at + timedelta(hours=rng.randint(0, 30)), run.now),
        })


@dataclass
class _Plans:
    """A young person's pathway plans so far."""

    number: int = 0
    previous: int | None = None  # the last authorised, the next one's base
    latest: dict | None = None


def _pathway_plans(run: _Build, people: list[Person], staff: Staff) -> None:
    """Needs assessments, pathway plans and early reviews for everyone whose status needed a
    plan at some time."""
    for p in people:
        spans = _requiring_spans(p)
        if spans:
            _plans_for(run, p, spans, staff)
    run.load.flush()
    run.log(f"  loaded {run.load.counts[PathwayPlan]:,} pathway plans")


def _plans_for(run: _Build, p: Person, spans: list[tuple[date, date | None]],
               staff: Staff) -> None:
    manager = staff.managers_by_team[p.team][0]
    author = p.pa or staff.pas_by_team[p.team][0]
    plans = _Plans()
    for span_start, span_end in spans:
        _plans_in_span(run, p, plans, span_start, span_end, author=author, manager=manager)
    p.plans = plans.number
    if plans.latest is not None:
        _plan_sections(run, plans.latest["id"])


def _plans_in_span(run: _Build, p: Person, plans: _Plans, span_start: date,
                   span_end: date | None, *, author: int, manager: int) -> None:
    """The plans of one time the status needed a plan: reviewed about every six months, with
    a needs assessment before the first, and, while it still does, sometimes one being worked
    on and an early review."""
    ongoing = span_end is None
    reviews = _review_days(run.rng, span_start, span_end, run.today)
    assessment = _needs_assessment(run, p, span_start, author, reviewed=bool(reviews))
    open_plan = _plan_being_worked_on(run, reviewed=bool(reviews)) if ongoing else None
    for i, held in enumerate(reviews):
        plan = _reviewed_plan(run, p, plans, held, assessment if i == 0 else None,
                              author=author, manager=manager)
        if plan["decided_at"] is None:
            open_plan = None  # this one is the plan being worked on
    if open_plan is not None:
        _open_plan(run, p, plans, *open_plan, author=author, manager=manager)
    if ongoing and reviews:
        _early_review(run, p, last_review=reviews[-1], met_by=plans.previous)


def _review_days(rng: random.Random, span_start: date, span_end: date | None,
                 today: date) -> list[date]:
    """The days plans were reviewed: most up to date, some overdue, a few never."""
    ongoing = span_end is None
    pattern = rng.random() if ongoing else 1.0
    if pattern < 0.03:
        return []
    if not ongoing:
        # Decided long enough ago that only the current plan can be open.
        last = span_end - timedelta(days=rng.randint(40, 170))
    elif pattern < 0.12:
        last = today - timedelta(days=rng.randint(190, 420))  # overdue
    else:
        last = today - timedelta(days=rng.randint(0, 178))
    reviews, day = [], last
    while day >= span_start + timedelta(days=45):
        reviews.append(day)
        day -= timedelta(days=rng.randint(160, 182))
    reviews.reverse()
    return reviews


def _needs_assessment(run: _Build, p: Person, span_start: date, author: int, *,
                      reviewed: bool) -> int | None:
    rng = run.rng
    assessed_on = span_start + timedelta(days=rng.randint(10, 40))
    if not (assessed_on < run.today and (reviewed or rng.random() < 0.5)):
        return None
    assessment = run.ids("assessment")
    run.load.add(NeedsAssessment, {
        "id": assessment, "young_person_id": p.pk,
        "started_on": assessed_on - timedelta(days=rng.randint(3, 20)),
        "completed_on": assessed_on, "completed_by_id": author,
        "areas": {key: "Talked through; see the plan." for key in
                  ("accommodation", "education", "health", "money")},
        "young_persons_views": "Wants their own place near college.",
    })
    return assessment


def _plan_being_worked_on(run: _Build, *, reviewed: bool) -> tuple[str, date | None] | None:
    """The state and review day of a plan not yet authorised, if there is one."""
    rng, today = run.rng, run.today
    roll = rng.random()
    if roll < 0.06 or (not reviewed and roll < 0.4):
        return "submitted", today - timedelta(days=rng.randint(2, 40))
    if roll < 0.09:
        return (rng.choice(("draft", "returned")),
                today - timedelta(days=rng.randint(1, 60)) if rng.random() < 0.6 else None)
    return None


def _reviewed_plan(run: _Build, p: Person, plans: _Plans, held: date, assessment: int | None,
                   *, author: int, manager: int) -> dict:
    """The plan of the review `held`: authorised, or still with the manager if it was only
    just submitted."""
    rng, now = run.rng, run.now
    plans.number += 1
    pk = run.ids("plan")
    submitted = min(_at(held + timedelta(days=rng.randint(1, 14)), 15), now)
    decided = submitted + timedelta(days=rng.randint(1, 21), hours=1)
    state = "authorised"
    if decided > now:
        state, decided = "submitted", None
    row = {
        "id": pk, "young_person_id": p.pk, "number": plans.number,
        "based_on_id": plans.previous, "needs_assessment_id": assessment, "state": state,
        "author_id": author, "started_on": held - timedelta(days=rng.randint(5, 20)),
        "review_held_on": held,
        "next_review_requested_on": (held + timedelta(days=90)
                                     if rng.random() < 0.05 else None),
        "aspirations": "To finish college and have my own flat.",
        "trusted_people": "My sister and my old foster carer.",
        "own_words": "I want people to stop moving me about.",
        "received_copy": state == "authorised", "submitted_at": submitted,
        "decided_at": decided, "decided_by_id": manager if decided else None,
        "return_reasons": "", "version": 3 if decided else 2,
    }
    run.load.add(PathwayPlan, row)
    _plan_changed(run, {**row, "state": "submitted", "decided_at": None,
                        "decided_by_id": None}, at=submitted, by=author)
    if decided:
        _plan_changed(run, row, at=decided, by=manager)
        plans.previous = pk
    plans.latest = row
    return row


def _open_plan(run: _Build, p: Person, plans: _Plans, state: str, held: date | None, *,
               author: int, manager: int) -> None:
    """A plan being written, returned by the manager, or waiting for them."""
    now = run.now
    plans.number += 1
    submitted = (min(_at(held + timedelta(days=run.rng.randint(1, 3)), 15), now)
                 if state == "submitted" else
                 now - timedelta(days=5) if state == "returned" else None)
    row = {
        "id": run.ids("plan"), "young_person_id": p.pk, "number": plans.number,
        "based_on_id": plans.previous, "state": state, "author_id": author,
        "started_on": (held or run.today) - timedelta(days=run.rng.randint(5, 20)),
        "review_held_on": held, "submitted_at": submitted,
        "aspirations": "To get a job in a garage.", "version": 1,
        "return_reasons": ("Section 5 needs the suitability assessment."
                           if state == "returned" else ""),
        "decided_at": now - timedelta(days=2) if state == "returned" else None,
        "decided_by_id": manager if state == "returned" else None,
    }
    run.load.add(PathwayPlan, row)
    if submitted:
        _plan_changed(run, row, at=submitted, by=author)
    plans.latest = row


def _plan_changed(run: _Build, row: dict, *, at: datetime, by: int) -> None:
    run.load.add(PathwayPlan.history.model, _history(row, at=at, kind="~", by=by,
                                                     history_id=run.ids("plan-history")))


def _early_review(run: _Build, p: Person, *, last_review: date, met_by: int | None) -> None:
    """Sometimes an early review: asked for lately, or met by the last plan after a move."""
    rng, today = run.rng, run.today
    roll = rng.random()
    if roll < 0.04:
        asked = today - timedelta(days=rng.randint(0, 45))
        run.load.add(EarlyReview, {"id": run.ids("early"), "young_person_id": p.pk,
                                   "requested_on": asked, "reason": "young_person_asked",
                                   "due_on": asked + timedelta(days=28)})
    elif roll < 0.10 and met_by is not None:
        asked = last_review - timedelta(days=rng.randint(5, 25))
        run.load.add(EarlyReview, {"id": run.ids("early"), "young_person_id": p.pk,
                                   "requested_on": asked, "reason": "accommodation_move",
                                   "due_on": asked + timedelta(days=28),
                                   "met_by_plan_id": met_by})


def _plan_sections(run: _Build, plan_id: int) -> None:
    """Every section of the latest plan, with actions for education and accommodation."""
    for key in Section.values:
        section = run.ids("section")
        run.load.add(PlanSection, {"id": section, "plan_id": plan_id, "key": key,
                                   "plan_text": "Keep going with what was agreed last time; "
                                                "the Personal Adviser checks in every month.",
                                   "young_persons_words": "It's fine, I just want it sorted."})
        if key in ("education", "accommodation"):
            run.load.add(PlanAction, {"id": run.ids("action"), "section_id": section,
                                      "who": "Personal Adviser", "what": "Ring about it",
                                      "due_on": run.today + timedelta(
                                          days=run.rng.randint(-20, 40)),
                                      "done": run.rng.random() < 0.3})


def _places_and_activities(run: _Build, people: list[Person], staff: Staff) -> None:
    """Where they lived since leaving care, and what they did, one young person at a time."""
    for p in people:
        manager = staff.managers_by_team[p.team][0]
        recorder = p.pa or staff.pas_by_team[p.team][0]
        _places_lived(run, p, recorder=recorder, manager=manager)
        _activities(run, p, recorder=recorder)
    run.load.flush()
    run.log("  loaded places lived and activities")


def _places_lived(run: _Build, p: Person, *, recorder: int, manager: int) -> None:
    """Places since leaving care, with suitability assessments and, for the kinds a manager
    must know of, an alert a manager has seen. A few who left care have none recorded."""
    rng, today = run.rng, run.today
    if p.left_care is None or p.left_care >= today or rng.random() >= 0.97:
        return
    span = (today - p.left_care).days
    k = _episodes(rng, span, every_days=550)
    starts = sorted({p.left_care, *(p.left_care + timedelta(days=rng.randint(1, span))
                                    for _ in range(k - 1))})
    for i, start in enumerate(starts):
        last = i == len(starts) - 1
        end = (starts[i + 1] - timedelta(days=1) if not last
               else (None if rng.random() < 0.99 else
                     _between(rng, start, today - timedelta(days=1))))
        type_code = _pick(rng, FIRST_PLACES if i == 0 else LATER_PLACES)
        episode = run.ids("episode")
        run.load.add(AccommodationEpisode, {
            "id": episode, "young_person_id": p.pk, "start_on": start, "end_on": end,
            "type_code": type_code, "address": "Flat 2, 14 Station Street, Demo Town",
            "postcode": "DT1 2AB", "provider": "Demo Housing Association",
            "council_provided": type_code in COUNCIL_PROVIDED,
            "staying_put_carer": "Mr and Mrs Khan" if type_code == "Z" else "",
            "staying_put_agreed_on": start if type_code == "Z" else None,
            "recorded_by_id": recorder, "recorded_at": _at(start, 16), "version": 1,
        })
        _suitability_assessments(run, episode, type_code, start, end or today,
                                 recorder=recorder)
        if type_code in NEEDS_MANAGER:
            _placement_alert(run, episode, start, manager=manager)


def _suitability_assessments(run: _Build, episode: int, type_code: str, start: date,
                             until: date, *, recorder: int) -> None:
    """Soon after moving in and a year on, if they stayed; some brought over from the old
    system with the Schedule 2 factors unrecorded."""
    rng = run.rng
    for n in range(2 if (until - start).days > 400 else 1):
        assessed = start + timedelta(days=rng.randint(3, 28) + 365 * n)
        if assessed > until or rng.random() > 0.95:
            continue
        if type_code in NEVER_SUITABLE:
            suitable = False
        elif type_code in ("W", "V"):
            suitable = rng.random() < 0.15
        else:
            suitable = rng.random() < 0.92
        imported = rng.random() < 0.2
        factors = {name: (None if imported else suitable or name != "repair")
                   for name in SCHEDULE_2_FACTORS}
        run.load.add(SuitabilityAssessment, {
            "id": run.ids("suitability"), "episode_id": episode, "assessed_on": assessed,
            "assessed_by_id": None if imported else recorder, **factors,
            "outcome": "suitable" if suitable else "unsuitable",
            "reason": "Meets their needs." if suitable else "Needs repairs.",
            "imported": imported, "recorded_at": _at(assessed, 17),
        })


def _placement_alert(run: _Build, episode: int, start: date, *, manager: int) -> None:
    raised = _at(start, 16, 5)
    seen = raised + timedelta(days=run.rng.randint(1, 5))
    run.load.add(PlacementAlert, {
        "id": run.ids("alert"), "episode_id": episode, "raised_at": raised,
        "notified_at": raised + timedelta(minutes=5),
        "acknowledged_by_id": manager if seen < run.now else None,
        "acknowledged_at": seen if seen < run.now else None,
    })


def _activities(run: _Build, p: Person, *, recorder: int) -> None:
    """Education, training or employment from 16 (the last five years at most) for most of
    those entitled to leaving-care support."""
    rng, today = run.rng, run.today
    if p.status in ("not_entitled", "qualifying") or rng.random() >= 0.92:
        return
    first = max(birthday(p.dob, 16), today - timedelta(days=365 * 5))
    span = (today - first).days
    k = _episodes(rng, span, every_days=500)
    starts = sorted({first, *(first + timedelta(days=rng.randint(1, span))
                              for _ in range(k - 1))})
    for i, start in enumerate(starts):
        last = i == len(starts) - 1
        end = None if last else starts[i + 1] - timedelta(days=1)
        young = start < birthday(p.dob, 18)
        code = _pick(rng, AT_SCHOOL_AGE if young else ACTIVITIES)
        run.load.add(ActivityEpisode, {
            "id": run.ids("activity"), "young_person_id": p.pk, "start_on": start,
            "end_on": end, "activity_code": code,
            "hours_per_week": (rng.randint(16, 37) if code[0] == "F" else
                               rng.randint(4, 15) if code[0] == "P" else None),
            "provider_or_employer": "Demo Town College" if code[0] != "G" else "",
            "course_or_job": "Level 2 construction" if code[0] != "G" else "",
            "neet_reason": "Looking for work" if code[0] == "G" else "",
            "recorded_by_id": recorder, "recorded_at": _at(start, 12), "version": 1,
        })


def _monthly_snapshots(run: _Build, teams: int, young_people: int) -> None:
    """A year of monthly snapshots, so the dashboard draws its trends as it would in a service
    that has run for a year. Only the trends read them; their numbers are made up."""
    month = month_start(run.today)
    for _ in range(12):
        month = previous_month(month)
        for team in (None, *range(1, teams + 1)):
            figures: dict = {}
            for key, _label in TRENDS:
                *groups, last = key.split(".")
                place = figures
                for group in groups:
                    place = place.setdefault(group, {})
                place[last] = run.rng.randint(0, young_people // (10 if team is None else 400)
                                              + 1)
            run.load.add(MonthlySnapshot, {"id": run.ids("snapshot"), "month": month,
                                           "team_id": team, "figures": figures,
                                           "taken_at": _at(month, 3)})
    run.load.flush()


def _what_benchmarks_open(run: _Build, people: list[Person], staff: Staff,
                          team_rows: list[dict], surnames_given: list[str]) -> Dataset:
    """The biggest team, the fullest caseload, a long record, the commonest surname."""
    team_pk = Counter(p.team for p in people).most_common(1)[0][0]
    held = Counter(p.pa for p in people if p.pa is not None)
    pa, caseload = held.most_common(1)[0]
    record = max((p for p in people
                  if p.status in PA_AND_PLAN_STATUSES and p.plans and not p.restricted),
                 key=lambda p: (p.contacts, p.plans))
    surname, surname_count = Counter(surnames_given).most_common(1)[0]
    return Dataset(
        today=run.today, counts=run.counts, statuses=dict(Counter(p.status for p in people)),
        team_id=team_rows[team_pk - 1]["team_id"], team_pk=team_pk,
        team_name=team_rows[team_pk - 1]["name"],
        team_manager=staff.usernames[staff.managers_by_team[team_pk][0]],
        personal_adviser=staff.usernames[pa], caseload=caseload,
        duty_manager=staff.usernames[staff.duty[0]],
        service_manager=staff.usernames[staff.service[0]],
        record_pk=record.pk, record_person_id=_person_id(record.pk),
        record_contacts=record.contacts,
        surname=surname, surname_count=surname_count,
    )


def _standings(run: _Build) -> None:
    """Each young person's standing, derived from the records as the nightly checks derive it."""
    run.counts["standings"] = standings_rebuild(on=run.today).written


def _after_load() -> None:
    """Move every sequence past the ids given here, then VACUUM ANALYZE, as autovacuum would
    have done long before in a service that grew to this size."""
    loaded = apps.get_models(include_auto_created=True)
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), loaded):
            cursor.execute(statement)
        cursor.execute("VACUUM ANALYZE")
