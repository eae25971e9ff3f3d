"""Made-up demo data (INTERFACES.md §6). Never a real person's details.

`seed_demo` makes the teams and staff, then runs every package's demo steps in order: each
package's `demo.py` registers a step with `@demo_step(order)` that adds its own part of the
young people's histories (careleavers: who they are; eligibility: care history; advisers:
allocations and contacts; later packages: plans, accommodation, activity). Steps are found with
`autodiscover_modules("demo")`, so careleavers imports no other package.

Every random choice comes from a generator seeded with the seed and the young person's ID, so a
seed always gives the same people, and a step leaves alone anyone who already has its part:
running the seed again changes nothing.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils.module_loading import autodiscover_modules

from .models import Ethnicity, Role, Team, User, YoungPerson
from .services import changes_collected, young_person_create

DEMO_ID_PREFIX = "DEMO-"


@dataclass
class DemoContext:
    seed: int
    count: int
    today: date
    now: datetime
    teams: dict[str, Team]
    staff: dict[str, User]
    staff_teams: dict[str, set[str]]  # username -> team ids
    report: list[str] = field(default_factory=list)

    def rng(self, *parts) -> random.Random:
        """A generator for one purpose, e.g. rng("care", "DEMO-0001"): the same every run."""
        return random.Random(":".join(str(part) for part in (self.seed, *parts)))

    def young_people(self):
        """The demo young people, in ID order."""
        return (
            YoungPerson.objects.filter(person_id__startswith=DEMO_ID_PREFIX)
            .select_related("team")
            .order_by("person_id")
        )

    def team_members(self, team: Team, role: Role) -> list[User]:
        return sorted(
            (
                user for user in self.staff.values()
                if user.role == role and team.team_id in self.staff_teams[user.username]
            ),
            key=lambda u: u.username,
        )


_steps: list[tuple[int, Callable[[DemoContext], None]]] = []


def demo_step(order: int):
    def register(step):
        if all(existing is not step for _, existing in _steps):
            _steps.append((order, step))
        return step

    return register


def run_demo_steps(ctx: DemoContext) -> None:
    autodiscover_modules("demo")
    with changes_collected():
        for _, step in sorted(_steps, key=lambda s: (s[0], s[1].__module__)):
            step(ctx)


def between(rng: random.Random, first: date, last: date) -> date:
    """A day from `first` to `last`, both included."""
    if last < first:
        raise ValueError(f"No days between {first} and {last}")
    return first + timedelta(days=rng.randint(0, (last - first).days))


def years_before(day: date, years: int) -> date:
    """The same date `years` earlier (28 February for 29 February in a common year)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


# --- who they are -------------------------------------------------------------------------------

# Age groups the demo spreads young people across, in a repeating pattern so that every status
# appears in any 20 young people. Each gives the range for the birthday that starts the group,
# in days before today: wide enough apart from the next birthday for every history that fits.
AGE_PATTERN = [
    "16-17", "18-20", "21-24", "16-17", "18-20", "16-17", "21-24", "18-20", "16-17", "25",
    "18-20", "16-17", "21-24", "18-20", "16-17", "18-20", "21-24", "16-17", "18-20", "21-24",
]
AGE_GROUPS = {
    # group: (age at the birthday, latest and earliest days ago the birthday fell)
    "16-17": (16, 250, 600),
    "18-20": (18, 10, 1050),
    "21-24": (21, 150, 1400),
    "25": (25, 10, 300),
}

FIRST_NAMES = {
    "F": ["Amara", "Bethany", "Chloe", "Demi", "Ellie", "Fatima", "Grace", "Hana", "Imani",
          "Jade", "Kayla", "Leah", "Maisie", "Nadia", "Olivia", "Paige", "Rosie", "Sienna",
          "Tia", "Zara"],
    "M": ["Aaron", "Bilal", "Callum", "Dylan", "Ethan", "Finley", "Harvey", "Isaac", "Jayden",
          "Kai", "Liam", "Mason", "Nathan", "Owen", "Reece", "Samuel", "Tyler", "Alexander",
          "Yusuf", "Zane"],
}
NICKNAMES = {"Alexander": "Alex", "Samuel": "Sam", "Bethany": "Beth", "Nathan": "Nate",
             "Olivia": "Liv", "Callum": "Cal", "Isaac": "Zac", "Grace": "Gracie"}
LAST_NAMES = ["Ashworth", "Baxter", "Carver", "Dunmore", "Ellison", "Fairbairn", "Gallagher",
              "Hartley", "Iqbal", "Jennings", "Kowal", "Lomax", "Mensah", "Nwosu", "Okoro",
              "Pickering", "Quinlan", "Rahman", "Sheridan", "Thorne", "Umeh", "Varley", "Whitlock",
              "Yeardley", "Abara", "Brightwell", "Cosgrove", "Delaney", "Eastwood", "Fenwick"]
STREETS = ["Mill Lane", "Orchard Road", "Station Street", "Beech Close", "Canal Walk",
           "Victoria Terrace", "Meadow View", "Chapel Row"]
TOWNS = ["Northfield", "Southbrook", "Demo Town"]
ETHNICITIES = [
    (Ethnicity.WBRI, 50), (Ethnicity.WOTH, 5), (Ethnicity.MWBC, 7), (Ethnicity.MWBA, 3),
    (Ethnicity.MWAS, 3), (Ethnicity.MOTH, 4), (Ethnicity.AIND, 3), (Ethnicity.APKN, 5),
    (Ethnicity.ABAN, 2), (Ethnicity.BCRB, 5), (Ethnicity.BAFR, 6), (Ethnicity.OOTH, 3),
    (Ethnicity.WROM, 2), (Ethnicity.NOBT, 2),
]
# Young people who came to the country alone: ethnicity and first language.
UASC_BACKGROUNDS = [
    (Ethnicity.BAFR, "Tigrinya, English"), (Ethnicity.BAFR, "Amharic, English"),
    (Ethnicity.AOTH, "Pashto, English"), (Ethnicity.OOTH, "Kurdish Sorani, English"),
    (Ethnicity.OOTH, "Arabic, English"), (Ethnicity.WOTH, "Albanian, English"),
    (Ethnicity.AOTH, "Vietnamese, English"),
]
UPN_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def demo_upn(rng: random.Random) -> str:
    """A made-up unique pupil number with a correct check letter (the DfE's weights 2 to 13)."""
    body = "999" + "".join(str(rng.randint(0, 9)) for _ in range(9))
    check = sum(int(digit) * weight for digit, weight in zip(body, range(2, 14), strict=True))
    return UPN_CHECK_LETTERS[check % 23] + body


def demo_identity(ctx: DemoContext, number: int) -> dict:
    """Who the young person numbered `number` (from 1) is: made up from the lists above."""
    person_id = f"{DEMO_ID_PREFIX}{number:04d}"
    rng = ctx.rng("identity", person_id)
    group = AGE_PATTERN[(number - 1) % len(AGE_PATTERN)]
    age, latest, earliest = AGE_GROUPS[group]
    birthday = between(rng, ctx.today - timedelta(days=earliest),
                       ctx.today - timedelta(days=latest))
    sex = rng.choices(["F", "M", "U"], weights=[48, 49, 3])[0]
    first_name = rng.choice(FIRST_NAMES[sex] if sex != "U" else FIRST_NAMES["F"] + FIRST_NAMES["M"])
    last_name = rng.choice(LAST_NAMES)
    uasc = group != "25" and rng.random() < 0.1
    if uasc:
        ethnicity, languages = rng.choice(UASC_BACKGROUNDS)
    else:
        ethnicity = rng.choices([e for e, _ in ETHNICITIES], weights=[w for _, w in ETHNICITIES])[0]
        languages = "English"
    # The ninth young person's record is restricted, as if a relative worked in the service.
    restricted = number == 9
    team_id = "north" if restricted or rng.random() < 0.6 else "south"
    return {
        "person_id": person_id,
        "first_name": first_name,
        "last_name": last_name,
        "preferred_name": NICKNAMES.get(first_name, "") if rng.random() < 0.5 else "",
        "date_of_birth": years_before(birthday, age),
        "sex": sex,
        "ethnicity": ethnicity,
        "upn": demo_upn(rng) if rng.random() < 0.75 else "",
        "uasc": uasc,
        "disability": rng.random() < 0.1,
        "languages": languages,
        # Ofcom keeps 07700 900000 to 900999 for drama: these numbers belong to no one.
        "phone": f"07700 900{rng.randint(0, 999):03d}" if rng.random() < 0.8 else "",
        "email": (f"{first_name}.{last_name}{rng.randint(1, 99)}@example.com".lower()
                  if rng.random() < 0.6 else ""),
        "address": (f"{rng.randint(1, 120)} {rng.choice(STREETS)}, {rng.choice(TOWNS)}"
                    if rng.random() < 0.7 else ""),
        "team": ctx.teams[team_id],
        "restricted": restricted,
    }


@demo_step(order=10)
def add_young_people(ctx: DemoContext) -> None:
    existing = set(ctx.young_people().values_list("person_id", flat=True))
    added = 0
    for number in range(1, ctx.count + 1):
        identity = demo_identity(ctx, number)
        if identity["person_id"] in existing:
            continue
        team = identity["team"]
        manager = ctx.team_members(team, Role.TEAM_MANAGER)[0]
        restricted_to = (
            ctx.team_members(team, Role.PERSONAL_ADVISER)[:1] + [manager]
            if identity["restricted"] else []
        )
        young_person_create(actor=manager, today=ctx.today, restricted_to=restricted_to,
                            **identity)
        added += 1
    ctx.report.append(
        f"Young people: {ctx.count} ({added} added, {ctx.count - added} already there)"
    )
