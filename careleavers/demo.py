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


@dataclass(frozen=True)
class Spell:
    """A stretch of a young person's life that one step records and later steps write about, so
    plans and contact notes say what the records say: where they lived (`code` the DfE ACCOM
    letter, `detail` the Staying Put carer, `where` the provider) or what they did (`code` the
    ACTIV code, `detail` the course or job, or the reason they are not in education, employment
    or training, `where` the provider or employer)."""

    start_on: date
    end_on: date | None
    code: str
    detail: str = ""
    where: str = ""
    council_provided: bool = False

    def covers(self, day: date) -> bool:
        return self.start_on <= day and (self.end_on is None or day <= self.end_on)


def spell_on(spells: list[Spell], day: date) -> Spell | None:
    """The spell covering `day`, if any."""
    return next((spell for spell in spells if spell.covers(day)), None)


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
    #: Young person pk -> where they have lived (accommodation's step) and what they have done
    #: (eet's step), oldest first: read by the steps after them without reading their tables.
    places: dict[int, list[Spell]] = field(default_factory=dict)
    activities: dict[int, list[Spell]] = field(default_factory=dict)

    def place_on(self, young_person, day: date) -> Spell | None:
        return spell_on(self.places.get(young_person.pk, []), day)

    def activity_on(self, young_person, day: date) -> Spell | None:
        return spell_on(self.activities.get(young_person.pk, []), day)

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

@dataclass(frozen=True)
class Background:
    """Where a young person's family comes from, as the demo makes them up: the DfE ethnicity
    code recorded for them, the languages they may speak (first language first, one option
    each), names their family might give them, and how they would name their heritage
    ("Eritrean"), if not simply British. Unaccompanied young people (`uasc`) came to the
    country alone, so their first language is not English."""

    key: str
    ethnicity: str
    languages: tuple[str, ...]
    female: tuple[str, ...]
    male: tuple[str, ...]
    family: tuple[str, ...]
    people: str = ""
    uasc: bool = False

    @property
    def first_names(self) -> tuple[str, ...]:
        return self.female + self.male


_BRITISH_F = ("Amelia", "Bethany", "Chloe", "Demi", "Ellie", "Eve", "Grace", "Holly", "Jade",
              "Kayla", "Leah", "Lily", "Maisie", "Megan", "Olivia", "Paige", "Rosie", "Sienna",
              "Tia", "Poppy")
_BRITISH_M = ("Aaron", "Alfie", "Callum", "Charlie", "Connor", "Dylan", "Ethan", "Finley",
              "Harvey", "Jack", "Jayden", "Kai", "Liam", "Lewis", "Mason", "Nathan", "Owen",
              "Reece", "Samuel", "Tyler", "Alexander")
_BRITISH_FAMILY = ("Ashworth", "Baxter", "Carver", "Dunmore", "Ellison", "Fairbairn", "Hartley",
                   "Jennings", "Lomax", "Pickering", "Sheridan", "Thorne", "Varley", "Whitlock",
                   "Yeardley", "Brightwell", "Cosgrove", "Eastwood", "Fenwick", "Holroyd",
                   "Marsden", "Ramsden", "Sutcliffe", "Crowther", "Barraclough")
E = Ethnicity

#: Backgrounds of young people born or brought up here, with how often the demo gives each.
BACKGROUNDS: list[tuple[Background, int]] = [
    (Background("british", E.WBRI, ("English",), _BRITISH_F, _BRITISH_M, _BRITISH_FAMILY), 50),
    (Background("irish", E.WIRI, ("English",), ("Aoife", "Ciara", "Niamh", "Orla", "Siobhan"),
                ("Cian", "Conor", "Darragh", "Ronan", "Padraig"),
                ("Quinlan", "Delaney", "Gallagher", "Doherty", "Kavanagh", "Donnelly"),
                people="Irish"), 2),
    (Background("polish", E.WOTH, ("English, Polish", "Polish, English"),
                ("Zofia", "Julia", "Natalia", "Wiktoria", "Oliwia"),
                ("Jakub", "Kacper", "Mateusz", "Szymon", "Filip"),
                ("Kowalczyk", "Nowak", "Wojcik", "Mazur", "Zielinski", "Krawczyk"),
                people="Polish"), 3),
    (Background("romanian", E.WOTH, ("English, Romanian",),
                ("Andreea", "Ioana", "Bianca", "Alexandra"),
                ("Andrei", "Ionut", "Mihai", "Stefan", "Darius"),
                ("Popescu", "Ionescu", "Dumitru", "Munteanu"), people="Romanian"), 2),
    (Background("roma", E.WROM, ("English, Romani", "English"),
                ("Denisa", "Sabina", "Mirela", "Kristina"), ("Marius", "Denis", "Roman", "Patrik"),
                ("Lakatos", "Balog", "Horvath", "Kovac"), people="Roma"), 2),
    (Background("mixed_caribbean", E.MWBC, ("English",), _BRITISH_F + ("Tiana", "Jada"),
                _BRITISH_M + ("Jerome", "Marcus", "Tyrese"),
                _BRITISH_FAMILY + ("Campbell", "Francis", "Thompson", "Bailey"),
                people="Caribbean"), 7),
    (Background("mixed_african", E.MWBA, ("English",), _BRITISH_F + ("Ama", "Abena"),
                _BRITISH_M + ("Kwame", "Kofi"),
                _BRITISH_FAMILY + ("Mensah", "Owusu", "Boateng", "Asante"),
                people="Ghanaian"), 3),
    (Background("mixed_asian", E.MWAS, ("English",), _BRITISH_F + ("Zara", "Aliyah"),
                _BRITISH_M + ("Zain", "Adam"), _BRITISH_FAMILY + ("Khan", "Hussain", "Akhtar"),
                people="Pakistani"), 3),
    (Background("mixed_other", E.MOTH, ("English",), _BRITISH_F, _BRITISH_M, _BRITISH_FAMILY),
     4),
    (Background("punjabi", E.AIND, ("English, Punjabi", "English"),
                ("Simran", "Navneet", "Harleen", "Jasmine"),
                ("Jaskaran", "Gurpreet", "Harvinder", "Arjun"),
                ("Gill", "Sandhu", "Dhillon", "Bains"), people="Punjabi"), 2),
    (Background("gujarati", E.AIND, ("English, Gujarati", "English"),
                ("Priya", "Anjali", "Nisha", "Riya"), ("Rohan", "Vikram", "Dev", "Kiran"),
                ("Patel", "Mistry", "Chauhan", "Parmar"), people="Gujarati"), 2),
    (Background("pakistani", E.APKN, ("English, Urdu", "English, Punjabi", "English"),
                ("Aisha", "Hira", "Zainab", "Maryam", "Iqra", "Sana"),
                ("Bilal", "Hamza", "Usman", "Zain", "Yusuf", "Imran"),
                ("Hussain", "Iqbal", "Khan", "Mahmood", "Akhtar"), people="Pakistani"), 5),
    (Background("bangladeshi", E.ABAN, ("English, Bengali", "English, Sylheti"),
                ("Fatima", "Nusrat", "Tahmina", "Sumaiya"), ("Rahim", "Shahid", "Tanvir", "Ayaan"),
                ("Rahman", "Miah", "Uddin", "Choudhury", "Islam"), people="Bangladeshi"), 2),
    (Background("caribbean", E.BCRB, ("English",), ("Tiana", "Shanice", "Jada", "Keisha"),
                ("Jerome", "Marcus", "Tyrese", "Jermaine", "Dwayne"),
                ("Campbell", "Francis", "Thompson", "Bailey", "Clarke", "Grant", "Reid"),
                people="Caribbean"), 5),
    (Background("nigerian", E.BAFR, ("English",), ("Chioma", "Adaeze", "Temi", "Ngozi"),
                ("Emeka", "Tobi", "Chinedu", "Femi", "Tunde"),
                ("Nwosu", "Okoro", "Umeh", "Abara", "Eze", "Ogunleye"), people="Nigerian"), 4),
    (Background("ghanaian", E.BAFR, ("English, Twi", "English"),
                ("Ama", "Akosua", "Abena", "Efua"), ("Kwame", "Kofi", "Kwabena", "Yaw"),
                ("Mensah", "Owusu", "Boateng", "Asante", "Appiah"), people="Ghanaian"), 2),
    (Background("yemeni", E.OOTH, ("English, Arabic",), ("Layla", "Noor", "Yasmin", "Mariam"),
                ("Omar", "Karim", "Sami", "Adam"), ("Saleh", "Haddad", "Nasser", "Al-Amri"),
                people="Yemeni"), 3),
    (Background("not_obtained", E.NOBT, ("English",), _BRITISH_F, _BRITISH_M, _BRITISH_FAMILY),
     2),
]
#: Young people who came to the country alone, in equal shares.
UASC_BACKGROUNDS: list[Background] = [
    Background("eritrean", E.BAFR, ("Tigrinya, English",), ("Selam", "Luwam", "Saba", "Yohana"),
               ("Dawit", "Yonas", "Filmon", "Robel", "Semere", "Habtom", "Merhawi"),
               ("Tesfay", "Haile", "Berhane", "Kidane", "Tekle", "Mehari", "Abraha"),
               people="Eritrean", uasc=True),
    Background("ethiopian", E.BAFR, ("Amharic, English",), ("Meron", "Hana", "Tsion"),
               ("Abel", "Yared", "Biniam", "Natnael", "Kaleb"),
               ("Tadesse", "Bekele", "Alemu", "Girma", "Kebede"), people="Ethiopian", uasc=True),
    Background("afghan", E.AOTH, ("Pashto, English", "Dari, English"), ("Mariam", "Zarghona"),
               ("Ahmad", "Wahid", "Farid", "Hamid", "Sohail", "Naqib"),
               ("Ahmadzai", "Noori", "Safi", "Hakimi", "Popal", "Shinwari"), people="Afghan",
               uasc=True),
    Background("kurdish", E.OOTH, ("Kurdish Sorani, English",), ("Shilan", "Rozhin", "Lana"),
               ("Karwan", "Rebwar", "Aram", "Hemin", "Shvan", "Zana"),
               ("Rashid", "Karim", "Aziz", "Hama", "Qadir"), people="Kurdish", uasc=True),
    Background("sudanese", E.OOTH, ("Arabic, English",), ("Amal", "Rania", "Hiba"),
               ("Mohamed", "Abdelrahman", "Yousif", "Mustafa", "Osman"),
               ("Hassan", "Abdalla", "Adam", "Elamin", "Osman"), people="Sudanese", uasc=True),
    Background("albanian", E.WOTH, ("Albanian, English",), ("Elira", "Besa", "Jonida"),
               ("Arben", "Erion", "Klevis", "Ardit", "Endrit", "Kristi"),
               ("Hoxha", "Gashi", "Berisha", "Krasniqi", "Shehu"), people="Albanian", uasc=True),
    Background("vietnamese", E.AOTH, ("Vietnamese, English",), ("Linh", "Thao", "Mai"),
               ("Minh", "Duc", "Huy", "Tuan", "Khoa"), ("Nguyen", "Tran", "Pham", "Le", "Hoang"),
               people="Vietnamese", uasc=True),
]
NICKNAMES = {"Alexander": "Alex", "Samuel": "Sam", "Bethany": "Beth", "Nathan": "Nate",
             "Olivia": "Liv", "Callum": "Cal", "Grace": "Gracie", "Abdelrahman": "Abdel",
             "Mohamed": "Mo", "Jaskaran": "Jas", "Kwabena": "Kobby", "Wiktoria": "Wiki"}
STREETS = ["Mill Lane", "Orchard Road", "Station Street", "Beech Close", "Canal Walk",
           "Victoria Terrace", "Meadow View", "Chapel Row"]
TOWNS = ["Northfield", "Southbrook", "Demo Town"]


def background_of(young_person) -> Background | None:
    """The demo background a young person's record was made from: their ethnicity and languages
    as recorded (and whether they came alone), so what the demo writes about them follows the
    record, whoever changed it since."""
    candidates = UASC_BACKGROUNDS if young_person.uasc else [b for b, _ in BACKGROUNDS]
    return next((b for b in candidates if b.ethnicity == young_person.ethnicity
                 and young_person.languages in b.languages), None)


def other_language(languages: str) -> str:
    """Their first language other than English, if they speak one: 'Tigrinya, English' ->
    'Tigrinya'."""
    return next((lang.strip() for lang in languages.split(",")
                 if lang.strip() and lang.strip() != "English"), "")


UPN_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def demo_upn(rng: random.Random) -> str:
    """A made-up unique pupil number with a correct check letter (the DfE's weights 2 to 13)."""
    body = "999" + "".join(str(rng.randint(0, 9)) for _ in range(9))
    check = sum(int(digit) * weight for digit, weight in zip(body, range(2, 14), strict=True))
    return UPN_CHECK_LETTERS[check % 23] + body


def demo_identity(ctx: DemoContext, number: int) -> dict:
    """Who the young person numbered `number` (from 1) is: made up from the lists above, their
    names from their family's background."""
    person_id = f"{DEMO_ID_PREFIX}{number:04d}"
    rng = ctx.rng("identity", person_id)
    group = AGE_PATTERN[(number - 1) % len(AGE_PATTERN)]
    age, latest, earliest = AGE_GROUPS[group]
    birthday = between(rng, ctx.today - timedelta(days=earliest),
                       ctx.today - timedelta(days=latest))
    uasc = group != "25" and rng.random() < 0.1
    if uasc:
        background = rng.choice(UASC_BACKGROUNDS)
        # Most young people who come to the country alone are boys.
        sex = rng.choices(["F", "M"], weights=[8, 92])[0]
    else:
        background = rng.choices([b for b, _ in BACKGROUNDS],
                                 weights=[w for _, w in BACKGROUNDS])[0]
        sex = rng.choices(["F", "M", "U"], weights=[48, 49, 3])[0]
    names = {"F": background.female, "M": background.male}.get(sex, background.first_names)
    first_name = rng.choice(names)
    last_name = rng.choice(background.family)
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
        "ethnicity": background.ethnicity,
        # Those who came at 14 or older mostly had no school here long enough for a UPN.
        "upn": demo_upn(rng) if rng.random() < (0.3 if uasc else 0.75) else "",
        "uasc": uasc,
        "disability": rng.random() < 0.1,
        "languages": rng.choice(background.languages),
        # Ofcom keeps 07700 900000 to 900999 for drama: these numbers belong to no one.
        "phone": f"07700 900{rng.randint(0, 999):03d}" if rng.random() < 0.8 else "",
        "email": (f"{first_name}.{last_name}{rng.randint(1, 99)}@example.com".lower()
                  .replace("-", "") if rng.random() < 0.6 else ""),
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
