"""The DfE's validation rules for the SSDA903 Header and care leaver (OC3) tables, checked on the
rows as they will be written to the files, so a service manager sees who would fail, and why,
before the return goes.

Source: the DfE's published rules for the SSDA903 collection, as implemented by the public
validator data-to-insight/csc-validator-be-903 (`lac_validator/rules/lac20xx_yy`), for the rules
that read the Header and OC3 tables alone or together. Each rule keeps the DfE's code and message;
a collection year is named by the year it ends in (the validator's lac2024_25 is 2025). Dates are
read as the validator reads them: dd/mm/yyyy with a four-digit year, and "n years after" a
29 February birth falls on 28 February. The suite runs that validator, at the version in
tests/returns/dfe_validator_requirements.txt, on the export and on each rule's cases, and
expects it to fail the same young people on the same rules.

Left out, because they cannot be checked from these two tables:
- rules that also need the episodes, UASC, adoption or OC2 tables (442, 165, 607, 625, 628,
  1000-1016 and others): the council's children's social care system sends those tables, and
  most care leavers in this return were not looked after during the year; for those who were,
  MOTHER and MC_DOB are written as 165, 607, 625 and 628 ask (`returns_903.header_row`);
- rules that compare with last year's submitted files (202-208, 624, 626, 348): the service does
  not keep what was sent, and both years would come from the same record here;
- 105 and 231 (the UASC status), which the DfE checks only in XML uploads.
The validator's 347 (no foyer under 18) compares ACCOM with "T", a code that never occurs; it is
checked here as the DfE means it, for T1 and T2.
"""

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from careleavers.dates import long_date, parse_dfe_date

FIRST_YEAR = 2016
#: 2024-25 onwards the DfE codes SEX as M, F or U (before: 1 male, 2 female).
SEX_AS_LETTERS_FROM = 2025
#: Rule 351 refuses a child over 25 at the start of the year, not over 21, in the DfE's rules from
#: 2022-23 (the earliest year the validator holds; its earlier releases read 21).
OVER_25_FROM = 2023

ETHNIC_CODES = frozenset({
    "WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN",
    "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
})
UPN_UNKNOWN = frozenset({"UN1", "UN2", "UN3", "UN4", "UN5"})
UPN_PATTERN = r"(^((?![IOS])[A-Z]){1}(\d{12}|\d{11}[A-Z]{1})$)|^(UN[1-5])$"
IN_TOUCH_CODES = frozenset({"YES", "NO", "DIED", "REFU", "NREQ", "RHOM"})
ACTIV_CODES = frozenset({"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6", "0"})
ACCOM_CODES = frozenset({
    "B1", "B2", "C1", "C2", "D1", "D2", "E1", "E2", "G1", "G2", "H1", "H2", "K1", "K2", "R1",
    "R2", "S2", "T1", "T2", "U1", "U2", "V1", "V2", "W1", "W2", "X2", "Y1", "Y2", "Z1", "Z2", "0",
})


def sex_codes(year: int) -> dict[str, str]:
    """Our M, F, U to the DfE's SEX for the year. Before 2024-25 there is no code for not known."""
    if year >= SEX_AS_LETTERS_FROM:
        return {"M": "M", "F": "F", "U": "U"}
    return {"M": "1", "F": "2"}


@dataclass(frozen=True)
class Tables:
    """The two files as the DfE reads them: every value a string, blank as ""."""

    year: int
    header: list[dict[str, str]]
    oc3: list[dict[str, str]]

    @property
    def start(self) -> date:
        return date(self.year - 1, 4, 1)

    @property
    def end(self) -> date:
        return date(self.year, 3, 31)

    @property
    def male(self) -> str:
        return sex_codes(self.year)["M"]

    @property
    def female(self) -> str:
        return sex_codes(self.year)["F"]


def plus_years(day: date, years: int) -> date:
    """`years` after `day`; 29 February gives 28 February in other years (as the DfE's checks)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Child:
    """One young person in the return, for explaining a failure in plain words."""

    age: int
    birthday_on: date
    header: dict[str, str]
    oc3: dict[str, str]
    tables: Tables

    @property
    def nth(self) -> str:
        return ordinal(self.age)

    @property
    def birthday(self) -> str:
        return long_date(self.birthday_on)


def ordinal(number: int) -> str:
    """17th, 18th, 19th, 20th, 21st."""
    suffix = "th" if number % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(
        number % 10, "th")
    return f"{number}{suffix}"


Explain = Callable[[Child], list[tuple[str, str]]]


@dataclass(frozen=True)
class Rule:
    code: str
    message: str  # the DfE's words
    check: Callable[[Tables], set[str]]  # the CHILD ids that fail
    explain: Explain  # [(reason, what to fix)] in plain words, for one child who fails
    from_year: int = FIRST_YEAR
    until_year: int | None = None

    def applies_to(self, year: int) -> bool:
        return self.from_year <= year and (self.until_year is None or year <= self.until_year)


RULES: list[Rule] = []


def rule(code: str, message: str, *, explain: Explain, from_year: int = FIRST_YEAR,
         until_year: int | None = None):
    def register(check):
        RULES.append(Rule(code, message, check, explain, from_year, until_year))
        return check
    return register


def _one(reason: str, fix: str) -> Explain:
    return lambda c: [(reason.format(c=c), fix.format(c=c))]


# What to fix for the common gaps, shared by the rules that notice them.
_FIX_SEX = "Record their sex on their record, under Change details."
_FIX_DOB = "Check their date of birth on their record."
_FIX_ETHNIC = "Record their ethnicity on their record, under Change details."
_FIX_UPN = ("Correct the unique pupil number (UPN) on their record: 13 characters from their "
            "school records, or leave it blank if it is not known.")


def _activity_gap(c: Child) -> tuple[str, str]:
    return (
        f"In touch around their {c.nth} birthday ({c.birthday}) but no education, training or "
        "work recorded for that day",
        f"Record what they were doing on {c.birthday} under Education, work and training, "
        "including the reason if they were in none.",
    )


def _accommodation_gap(c: Child) -> tuple[str, str]:
    return (
        f"In touch around their {c.nth} birthday ({c.birthday}) but no accommodation recorded "
        "for that day",
        f"Record where they were living on {c.birthday} under Where they live.",
    )


def _blank_items(c: Child) -> list[tuple[str, str]]:
    found = []
    if not c.oc3.get("IN_TOUCH"):
        found.append((f"Whether they were in touch around their {c.nth} birthday is blank",
                      "Record the contacts with them around that birthday."))
    if not c.oc3.get("ACTIV"):
        found.append(_activity_gap(c))
    if not c.oc3.get("ACCOM"):
        found.append(_accommodation_gap(c))
    return found


# Header ---------------------------------------------------------------------------------------


def _sex_invalid(c: Child) -> list[tuple[str, str]]:
    if not c.header["SEX"]:
        return [("Their sex is recorded as not known, which the DfE does not accept this year",
                 _FIX_SEX)]
    return [(f"Their sex is coded {c.header['SEX']}, which the DfE does not accept", _FIX_SEX)]


@rule("101", "Gender code is not valid.", until_year=SEX_AS_LETTERS_FROM - 1,
      explain=_sex_invalid)
def sex_valid_as_numbers(t: Tables) -> set[str]:
    return {r["CHILD"] for r in t.header if r["SEX"] not in {"1", "2"}}


@rule("101", "The child or young person’s reported sex is not valid.",
      from_year=SEX_AS_LETTERS_FROM, explain=_sex_invalid)
def sex_valid_as_letters(t: Tables) -> set[str]:
    return {r["CHILD"] for r in t.header if r["SEX"] not in {"M", "F", "U"}}


@rule("232", "Sex of the child/young person has been reported as unknown.",
      from_year=SEX_AS_LETTERS_FROM,
      explain=_one("Their sex is recorded as not known: the DfE will query it", _FIX_SEX))
def sex_not_unknown(t: Tables) -> set[str]:
    return {r["CHILD"] for r in t.header if r["SEX"].upper() == "U"}


@rule("102", "Date of birth is not a valid date.",
      explain=_one("Their date of birth is missing or not a real date", _FIX_DOB))
def dob_valid(t: Tables) -> set[str]:
    return {r["CHILD"] for r in t.header if parse_dfe_date(r["DOB"]) is None}


@rule("103", "The ethnicity code is either not valid or has not been entered.",
      explain=_one("Their ethnicity is missing or not one of the DfE's codes", _FIX_ETHNIC))
def ethnic_valid(t: Tables) -> set[str]:
    return {r["CHILD"] for r in t.header if r["ETHNIC"] not in ETHNIC_CODES}


@rule("168", "Unique Pupil Number (UPN) is not valid. If unknown, default codes should be UN1, "
      "UN2, UN3, UN4 or UN5.",
      explain=_one("Their unique pupil number (UPN), {c.header[UPN]}, is not in the DfE's format "
                   "(a letter other than I, O or S, then 12 digits, or 11 digits and a letter)",
                   _FIX_UPN))
def upn_valid(t: Tables) -> set[str]:
    return {r["CHILD"] for r in t.header if r["UPN"] and not re.match(UPN_PATTERN, r["UPN"])}


@rule("209", "Child looked after is of school age and should not have an unknown Unique Pupil "
      "Number (UPN) code of UN1.",
      explain=_one("Their UPN is given as UN1 (under school age), but they are of school age",
                   _FIX_UPN))
def upn_not_un1_at_school_age(t: Tables) -> set[str]:
    reference = date(t.start.year - 1, 8, 31)
    return {
        r["CHILD"] for r in t.header
        if r["UPN"] == "UN1" and (born := parse_dfe_date(r["DOB"]))
        and plus_years(born, 4) <= reference
    }


@rule("444", "Duplicate UPN has been reported", from_year=2026,
      explain=_one("Another young person in the return has the same unique pupil number (UPN), "
                   "{c.header[UPN]}",
                   "Check the UPN on both records: one of them is wrong, or the two records are "
                   "the same person."))
def upn_not_duplicated(t: Tables) -> set[str]:
    counts = Counter(r["UPN"] for r in t.header if r["UPN"] and r["UPN"] not in UPN_UNKNOWN)
    return {r["CHILD"] for r in t.header if counts[r["UPN"]] > 1}


@rule("301", "Date of birth falls after the year ended.",
      explain=_one("Their date of birth is after the end of the collection year", _FIX_DOB))
def dob_not_after_year(t: Tables) -> set[str]:
    return {r["CHILD"] for r in t.header if (born := parse_dfe_date(r["DOB"])) and born > t.end}


@rule("351", "Child was over 21 at the start of the current collection year.",
      until_year=OVER_25_FROM - 1,
      explain=_one("They were over 21 at the start of the collection year", _FIX_DOB))
def not_over_21(t: Tables) -> set[str]:
    return {r["CHILD"] for r in t.header
            if (born := parse_dfe_date(r["DOB"])) and t.start > plus_years(born, 21)}


@rule("351", "Child was over 25 at the start of the current collection year.",
      from_year=OVER_25_FROM,
      explain=_one("They were over 25 at the start of the collection year", _FIX_DOB))
def not_over_25(t: Tables) -> set[str]:
    return {r["CHILD"] for r in t.header
            if (born := parse_dfe_date(r["DOB"])) and t.start > plus_years(born, 25)}


_FIX_MOTHER = ("Check her children on her record, under Health and family: whether she has any, "
               "and the date of birth of her first child.")


@rule("171", "Date of birth of mother's child is not a valid date.",
      explain=_one("The date of birth of their child is not a real date", _FIX_MOTHER))
def mc_dob_valid(t: Tables) -> set[str]:
    return {r["CHILD"] for r in t.header if r["MC_DOB"] and parse_dfe_date(r["MC_DOB"]) is None}


@rule("174", "Mother's child date of birth is recorded but gender shows that the child is a male.",
      explain=_one("A child's date of birth is given for a young man", _FIX_MOTHER))
def mc_dob_not_for_males(t: Tables) -> set[str]:
    return {r["CHILD"] for r in t.header if r["SEX"] == t.male and r["MC_DOB"]}


@rule("611", "Date of birth field is blank, but child is a mother.",
      explain=_one("Recorded as a mother, but her child's date of birth is blank", _FIX_MOTHER))
def mother_has_child_dob(t: Tables) -> set[str]:
    return {r["CHILD"] for r in t.header if r["MOTHER"] == "1" and not r["MC_DOB"]}


@rule("612", "Date of birth field has been completed but mother field indicates child is not a "
      "mother.",
      explain=_one("A child's date of birth is given, but she is not recorded as a mother",
                   _FIX_MOTHER))
def child_dob_only_for_mothers(t: Tables) -> set[str]:
    return {r["CHILD"] for r in t.header
            if r["MOTHER"] in ("0", "") and r["SEX"] == t.female and r["MC_DOB"]}


@rule("620", "Child has been recorded as a mother, but date of birth shows that the mother is "
      "under 11 years of age.",
      explain=_one("Recorded as a mother, but under 11 at the start of the year", _FIX_MOTHER))
def mother_not_under_11(t: Tables) -> set[str]:
    return {r["CHILD"] for r in t.header
            if r["MOTHER"] == "1" and (born := parse_dfe_date(r["DOB"]))
            and plus_years(born, 11) > t.start}


@rule("621", "Mother’s field has been completed but date of birth shows that the mother is "
      "younger than her child.",
      explain=_one("Her child's date of birth is on or before her own", _FIX_MOTHER))
def mother_older_than_child(t: Tables) -> set[str]:
    failing = set()
    for r in t.header:
        child_born = parse_dfe_date(r["MC_DOB"])
        if child_born is None:
            continue
        born = parse_dfe_date(r["DOB"])
        if born is None or not child_born > born:
            failing.add(r["CHILD"])
    return failing


@rule("INT32", "Internal Check: Child should only exist once in Header.",
      explain=_one("They appear more than once in the Header table",
                   "Two records share this council ID: merge them or correct one."))
def header_child_once(t: Tables) -> set[str]:
    counts = Counter(r["CHILD"] for r in t.header)
    return {child for child, n in counts.items() if n > 1}


# OC3 ------------------------------------------------------------------------------------------


def _code_invalid(column: str, gap) -> Explain:
    def explain(c: Child) -> list[tuple[str, str]]:
        if not c.oc3[column]:
            return [gap(c)]
        return [(f"{column} is {c.oc3[column]}, not one of the DfE's codes",
                 "Check what is recorded for that birthday.")]
    return explain


@rule("131", "Data entry for being in touch after leaving care is invalid.",
      explain=_code_invalid("IN_TOUCH", lambda c: _blank_items(c)[0]))
def in_touch_valid(t: Tables) -> set[str]:
    return {r["CHILD"] for r in t.oc3 if r["IN_TOUCH"] not in IN_TOUCH_CODES}


@rule("132", "Data entry for activity after leaving care is invalid.",
      explain=_code_invalid("ACTIV", _activity_gap))
def activ_valid(t: Tables) -> set[str]:
    return {r["CHILD"] for r in t.oc3 if r["ACTIV"] not in ACTIV_CODES}


@rule("133", "Data entry for accommodation after leaving care is invalid. If reporting on a "
      "childs accommodation after leaving care the data entry must be valid",
      explain=_code_invalid("ACCOM", _accommodation_gap))
def accom_valid(t: Tables) -> set[str]:
    return {r["CHILD"] for r in t.oc3 if r["ACCOM"] not in ACCOM_CODES}


@rule("153", "All data items relating to a child's activity or accommodation after leaving care "
      "must be coded or left blank.", explain=_blank_items)
def all_or_none_coded(t: Tables) -> set[str]:
    return {r["CHILD"] for r in t.oc3
            if len({bool(r[k]) for k in ("IN_TOUCH", "ACTIV", "ACCOM")}) > 1}


@rule("344", "The record shows the young person has died or returned home to live with parent(s) "
      "or someone with parental responsibility for a continuous period of 6 months or more, but "
      "activity and/or accommodation on leaving care have been completed.",
      explain=_one("Shown as {c.oc3[IN_TOUCH]}, but an activity or accommodation is given",
                   "Check the contacts and care facts around that birthday."))
def died_or_home_have_no_circumstances(t: Tables) -> set[str]:
    return {r["CHILD"] for r in t.oc3
            if r["IN_TOUCH"] in ("DIED", "RHOM") and (r["ACTIV"], r["ACCOM"]) != ("0", "0")}


@rule("345", "The data collection record shows the local authority is in touch with this young "
      "person, but activity and/or accommodation data items are zero.",
      explain=_one("In touch, but activity or accommodation is given as 0 (not in touch)",
                   "Check the activity and accommodation recorded for that birthday."))
def in_touch_have_circumstances(t: Tables) -> set[str]:
    return {r["CHILD"] for r in t.oc3
            if r["IN_TOUCH"] == "YES" and "0" in (r["ACTIV"], r["ACCOM"])}


@rule("391", "Young person was not 17, 18, 19, 20 or 21 during the current collection year. ",
      explain=_one("They were not yet 17 by the end of the collection year", _FIX_DOB))
def at_least_17_by_year_end(t: Tables) -> set[str]:
    return {r["CHILD"] for r in t.oc3
            if (born := parse_dfe_date(r["DOB"])) and plus_years(born, 17) > t.end
            and any(r[k] for k in ("IN_TOUCH", "ACTIV", "ACCOM"))}


@rule("347", "Care leavers aged under 18 years, can not be accommodated in a Foyer.",
      from_year=2024,
      explain=lambda c: [(
          f"Living in a foyer on their {c.nth} birthday ({c.birthday}), but they were under 18 "
          f"on {long_date(c.tables.start)}; the DfE does not accept a foyer for under-18s",
          f"Check where they were living on {c.birthday} under Where they live.",
      )])
def no_foyer_under_18(t: Tables) -> set[str]:
    return {r["CHILD"] for r in t.oc3
            if r["ACCOM"] in ("T1", "T2") and (born := parse_dfe_date(r["DOB"]))
            and plus_years(born, 18) > t.start}


@rule("INT34", "Internal Check: Child should only exist once in OC3.",
      explain=_one("They appear more than once in the care leaver table",
                   "Two records share this council ID: merge them or correct one."))
def oc3_child_once(t: Tables) -> set[str]:
    counts = Counter(r["CHILD"] for r in t.oc3)
    return {child for child, n in counts.items() if n > 1}


# Header and OC3 together ----------------------------------------------------------------------


@rule("INT06", "Internal Check: Child in OC3 does not exist in Header.",
      explain=_one("They are in the care leaver table but not in the Header table",
                   "Export the return again."))
def oc3_child_in_header(t: Tables) -> set[str]:
    in_header = {r["CHILD"] for r in t.header}
    return {r["CHILD"] for r in t.oc3 if r["CHILD"] not in in_header}


@rule("INT15", "Internal Check: DOB in OC3 is different to DOB in Header.",
      explain=_one("Their date of birth differs between the two tables",
                   "Export the return again."))
def same_dob_in_both(t: Tables) -> set[str]:
    born = {r["CHILD"]: parse_dfe_date(r["DOB"]) for r in t.header}
    return {r["CHILD"] for r in t.oc3
            if (day := parse_dfe_date(r["DOB"]))
            and born.get(r["CHILD"]) and born[r["CHILD"]] != day}


@rule("3001", "Where care leavers information is being returned for a young person around their "
      "17th birthday, the accommodation cannot be with their former foster carer(s).",
      explain=lambda c: [(
          f"Recorded as Staying Put with former foster carers on their {c.nth} birthday "
          f"({c.birthday}); Staying Put starts at 18",
          f"Check where they were living on {c.birthday}: at 17 they were still in foster care "
          "or living somewhere else.",
      )])
def no_staying_put_at_17(t: Tables) -> set[str]:
    born = {r["CHILD"]: parse_dfe_date(r["DOB"]) for r in t.header}
    return {
        r["CHILD"] for r in t.oc3
        if r["ACCOM"].upper() in ("Z1", "Z2") and (dob := born.get(r["CHILD"]))
        and t.start <= plus_years(dob, 17) <= t.end
    }


# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Failure:
    code: str  # the DfE's rule code, or codes when several notice the same gap
    reason: str  # in plain words, about this young person
    fix: str  # what to put right in the record


def rules_for(year: int) -> list[Rule]:
    return [r for r in RULES if r.applies_to(year)]


def failing_children(tables: Tables) -> dict[str, list[Rule]]:
    """{CHILD: the rules they fail}, in the order of the rules."""
    found: dict[str, list[Rule]] = {}
    for each in rules_for(tables.year):
        for child in each.check(tables):
            found.setdefault(child, []).append(each)
    return found


def failures_for(result) -> dict[str, list[Failure]]:
    """{CHILD: [Failure]} for a `returns_903.Return903`. Rules that notice the same gap (an
    activity left blank fails 132 and 153) share one line naming both codes."""
    tables = Tables(result.year, result.header, result.oc3)
    header = {r["CHILD"]: r for r in result.header}
    oc3 = {r["CHILD"]: r for r in result.oc3}
    members = {m.young_person.person_id: m for m in result.members}
    failures = {}
    for child_id, broken in failing_children(tables).items():
        member = members[child_id]
        child = Child(age=member.age, birthday_on=member.birthday_on,
                      header=header.get(child_id, {}), oc3=oc3.get(child_id, {}), tables=tables)
        merged: dict[tuple[str, str], list[str]] = {}
        for each in broken:
            for reason, fix in each.explain(child):
                codes = merged.setdefault((reason, fix), [])
                if each.code not in codes:
                    codes.append(each.code)
        failures[child_id] = [Failure(", ".join(codes), reason, fix)
                              for (reason, fix), codes in merged.items()]
    return failures
