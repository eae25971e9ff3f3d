"""Where a young person lives, in the DfE's terms (DOMAIN.md §2, §3 item 5, §4). Pure code: no
database access, so the record page, the DfE view and the imports all read the same rules.

Sources: SSDA903 care leaver table (OC3), ACCOM codes; Care Leavers (England) Regulations 2010
(CLR) reg 8(2) (visits where the council provides the accommodation) and Schedule 2 (what
"suitable" means); Children Act 1989 guidance vol. 3, Planning transition to adulthood for care
leavers (bed and breakfast is not suitable accommodation).
"""

from datetime import date, timedelta

from django.db import models

from eligibility.rules import add_months


class AccommodationType(models.TextChoices):
    """The DfE's ACCOM letters, with the words a young person would use."""

    B = "B", "With parents or relatives"
    C = "C", "Community home or other residential care"
    D = "D", "Semi-independent or supported accommodation"
    E = "E", "Supported lodgings"
    G = "G", "Gone abroad"
    H = "H", "Deported"
    K = "K", "Ordinary lodgings, without formal support"
    R = "R", "Residence not known"
    S = "S", "No fixed abode or homeless"
    T = "T", "Foyer"
    U = "U", "Independent living, for example their own tenancy"
    V = "V", "Emergency accommodation"
    W = "W", "Bed and breakfast"
    X = "X", "In custody"
    Y = "Y", "Other accommodation"
    Z = "Z", "With former foster carers (Staying Put)"


#: Moves a team manager must know about the same week: bed and breakfast, emergency
#: accommodation, no fixed abode and custody (DOMAIN.md §2).
NEEDS_MANAGER = frozenset({
    AccommodationType.W, AccommodationType.V, AccommodationType.S, AccommodationType.X,
})

#: The DfE accepts only "not suitable" for these: its OC3 codes have no S1 or X1.
NEVER_SUITABLE = frozenset({AccommodationType.S, AccommodationType.X})

STAYING_PUT = AccommodationType.Z

#: Places a young person may be Staying Close in. Staying Close (the DfE's programme for young
#: people leaving residential children's homes) is a place of their own, or supported
#: accommodation, near the children's home they left, with support from that home. So it is
#: semi-independent or supported accommodation, supported lodgings, ordinary lodgings, a foyer or
#: independent living. Not the children's home itself (they have not left it), not with former
#: foster carers (that is Staying Put) or family, and not custody, emergency accommodation, bed
#: and breakfast, no fixed abode, abroad or an address not known: none of those is a home near
#: the children's home. The DfE has no code for Staying Close: the place keeps the letter of what
#: it is, so the 903 return is the same whether or not it is Staying Close.
STAYING_CLOSE_TYPES = frozenset({
    AccommodationType.D, AccommodationType.E, AccommodationType.K, AccommodationType.T,
    AccommodationType.U,
})

#: Moves of where they live: young people with this many moves or more in the last
#: `MOVES_WITHIN_MONTHS` months are counted (placement stability; the corporate parenting
#: audit of young people with three or more moves).
MOVED_OFTEN = 3
MOVES_WITHIN_MONTHS = 12
#: "Residence not known" records that nobody knows where they live, not that they moved: its
#: start is not counted as a move (the next place known is).
NOT_A_MOVE = frozenset({AccommodationType.R})


class Suitability(models.TextChoices):
    SUITABLE = "suitable", "Suitable"
    UNSUITABLE = "unsuitable", "Not suitable"


#: The factors of CLR Schedule 2 a suitability assessment covers, in order, with the question
#: each asks. The young person's own views are asked separately, in their words.
SCHEDULE_2_FACTORS = {
    "facilities": "Are the facilities suitable (for example, somewhere to cook, wash and study)?",
    "repair": "Is it in a reasonable state of repair?",
    "safety": "Is it safe, for them and for anyone living with them?",
    "location": "Is it in a suitable place (near their college or work, family and friends)?",
    "support": "Is the support that comes with it right for them?",
    "tenancy": "Are the terms of the tenancy or agreement suitable?",
    "affordability": "Can they afford it, with the financial support they get?",
}

#: The same factors as a noun phrase, for messages and summaries.
FACTOR_NAMES = {
    "facilities": "the facilities",
    "repair": "the state of repair",
    "safety": "safety",
    "location": "the location",
    "support": "the support",
    "tenancy": "the tenancy",
    "affordability": "affordability",
}

#: The council must visit within 7 days of first providing accommodation (CLR reg 8(2)(a)).
FIRST_VISIT_DAYS = 7
#: ... and then at intervals of not more than two months (CLR reg 8(2)(c)).
VISIT_INTERVAL_MONTHS = 2


def accom_code(type_code: str, suitable: bool) -> str:
    """The DfE ACCOM value: the letter, then 1 if suitable or 2 if not. No fixed abode and custody
    are always 2 (the DfE has no S1 or X1)."""
    type_code = AccommodationType(type_code)
    if type_code in NEVER_SUITABLE:
        suitable = False
    return f"{type_code.value}{1 if suitable else 2}"


def moves_counted_after(on: date) -> date:
    """Moves are counted from the day after this one up to and including `on`: the 12 months up
    to the date (29 February goes back to 28 February)."""
    return add_months(on, -MOVES_WITHIN_MONTHS)


def first_visit_due(start_on: date) -> date:
    """The last day for the first visit after the council starts providing accommodation."""
    return start_on + timedelta(days=FIRST_VISIT_DAYS)


def next_visit_due(*, start_on: date, last_visit_on: date | None) -> date:
    """When the next visit where they live is due, for council-provided accommodation: 7 days
    from the start if nobody has visited since, else two months from the last visit."""
    if last_visit_on is None or last_visit_on < start_on:
        return first_visit_due(start_on)
    return add_months(last_visit_on, VISIT_INTERVAL_MONTHS)


#: How a move into each type reads in the chronology and messages.
MOVED_TO = {
    AccommodationType.B: "Moved in with parents or relatives",
    AccommodationType.C: "Moved to a community home or residential care",
    AccommodationType.D: "Moved to semi-independent or supported accommodation",
    AccommodationType.E: "Moved to supported lodgings",
    AccommodationType.G: "Went abroad",
    AccommodationType.H: "Was deported",
    AccommodationType.K: "Moved to ordinary lodgings",
    AccommodationType.R: "Where they live is not known",
    AccommodationType.S: "Had no fixed abode (homeless)",
    AccommodationType.T: "Moved to a foyer",
    AccommodationType.U: "Moved to live independently",
    AccommodationType.V: "Moved to emergency accommodation",
    AccommodationType.W: "Moved to bed and breakfast",
    AccommodationType.X: "Went into custody",
    AccommodationType.Y: "Moved to other accommodation",
    AccommodationType.Z: "Started Staying Put with former foster carers",
}
