"""The DfE's SSDA903 return for care leavers: the Header and care leaver (OC3) tables for one
collection year, checked against the DfE's validation rules before they leave the service
(DOMAIN.md §4; INTERFACES.md §4).

A statutory return made for the DfE: it covers the whole service, every young person, restricted
records included, because the DfE counts every care leaver the council has. Only service managers
make it (dashboard.access.may_see_reports). The data quality page asks the same cohort through
`birthday_gaps`, narrowed to the young people a manager may see.

Who is in it (SSDA903 guidance, care leavers): a young person whose 17th, 18th, 19th, 20th or 21st
birthday falls in the collection year (1 April to 31 March) and who was a care leaver on that
birthday: relevant, former relevant (18 to 20, or 21 to 25 in education, asking for support, or
able to ask). Eligible young people are still looked after: the DfE counts them in the episodes
tables, not here. The same goes, at the 17th and 18th birthdays, for anyone looked after on the
birthday or later in the year, including those whose care ended on the 18th birthday (the
episode's end date, DEC, is the day after the last day looked after): DfE rules 1007 and 1016
refuse care leaver information for them, and they are counted at 19.

Their status on the birthday is `eligibility.selectors.statuses_on_days`, as the figures take it:
the status the service recorded as in force that day, or for a caseload brought over from another
system after the birthday, the status decided again from their care history.

The circumstances (IN_TOUCH, ACTIV, ACCOM) are the DfE view of `returns.dfe`, one definition.
Header rows are the same young people (see `header_row`); a young woman looked after at some time
in the year is asked whether she is a mother, from her children on her record (`health`). The
DfE's rules for the two tables are in `returns_903_rules`.
"""

import io
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from careleavers.dates import format_dfe_date
from careleavers.models import Sex, YoungPerson
from careleavers.spreadsheets import csv_writer
from eligibility.models import CarePeriod
from eligibility.rules import Status, add_months, birthday
from eligibility.selectors import statuses_on_days
from health.rules import mother_903
from health.selectors import first_children_born

from . import returns_903_rules as rules
from .dfe import InTouch, dfe_views
from .models import Episode903

#: The birthdays the DfE asks about.
OC3_AGES = (17, 18, 19, 20, 21)

#: Birthdays at which someone looked after on the birthday, or later in the year, is counted in
#: the episodes tables instead (DfE rules 1007 and 1016).
LOOKED_AFTER_AGES = (17, 18)

#: A care leaver in the DfE's sense on the birthday (relevant or former relevant, CA s.23A,
#: s.23C, s.23CA, s.23CZB).
CARE_LEAVER_STATUSES = frozenset({
    Status.RELEVANT, Status.FORMER_RELEVANT, Status.FORMER_RELEVANT_EDUCATION,
    Status.RETURNER_21_25, Status.ENTITLED_ON_REQUEST,
})

HEADER_COLUMNS = ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB")
OC3_COLUMNS = ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM")
EPISODES_COLUMNS = ("CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC",
                    "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN")

FIRST_YEAR = rules.FIRST_YEAR
Failure = rules.Failure


def collection_year(year: int) -> tuple[date, date]:
    """The first and last days of the collection year ending 31 March `year`."""
    return date(year - 1, 4, 1), date(year, 3, 31)


def collection_year_of(day: date) -> int:
    """The collection year `day` falls in, named by the year it ends in."""
    return day.year + 1 if day.month >= 4 else day.year


def latest_ended_year(today: date) -> int:
    """The last collection year that has ended by `today`: the one the DfE is collecting."""
    return collection_year_of(today) - 1


@dataclass
class CohortMember:
    young_person: YoungPerson
    birthday_on: date
    age: int
    status: str
    in_touch: str = ""
    activ: str | None = None
    accom: str | None = None
    accom_assessed: bool = False
    #: The last day looked after of each care period in the collection year (None: still looked
    #: after); empty for a care leaver who was not looked after in the year.
    care_in_year: list = field(default_factory=list)

    @property
    def nth(self) -> str:
        """Which birthday: 17th to 21st."""
        return rules.ordinal(self.age)


def oc3_cohort(year: int, *, people=None, until: date | None = None) -> list[CohortMember]:
    """The care leavers the DfE asks about for collection year `year`, with their DfE view
    around the birthday, ordered by birthday. `people` narrows the young people (a queryset;
    the whole service if None); `until` counts only birthdays up to that day. Eight queries
    however many: the young people, their status history, their care periods, and the five of
    `dfe_views`."""
    first, last = collection_year(year)
    if until is not None:
        last = min(last, until)
    if last < first:
        return []
    candidates = (people if people is not None else YoungPerson.objects.all()).filter(
        # A day's slack for 29 February birthdays, kept on 1 March; the loop below is exact.
        date_of_birth__gte=add_months(first, -12 * max(OC3_AGES)) - timedelta(days=1),
        date_of_birth__lte=add_months(last, -12 * min(OC3_AGES)),
    )
    found = []
    for person in candidates.select_related("statutory_status", "team").order_by():
        for age in OC3_AGES:
            day = birthday(person.date_of_birth, age)
            if first <= day <= last:
                found.append((person, day, age))
    pks = [person.pk for person, _, _ in found]
    statuses = statuses_on_days((person.pk, day) for person, day, _ in found)
    in_care = _care_ending_on_or_after(pks, first - timedelta(days=1), collection_year(year)[1])
    members = []
    for person, day, age in found:
        status = statuses.get((person.pk, day))
        if status not in CARE_LEAVER_STATUSES:
            continue
        if age in LOOKED_AFTER_AGES and any(
            ended is None or ended >= day - timedelta(days=1) for ended in in_care[person.pk]
        ):
            continue
        members.append(CohortMember(young_person=person, birthday_on=day, age=age,
                                    status=status, care_in_year=list(in_care[person.pk])))
    members.sort(key=lambda m: (m.birthday_on, m.young_person.person_id))
    for member, view in zip(members, dfe_views((m.young_person, m.birthday_on) for m in members),
                            strict=True):
        member.in_touch, member.activ, member.accom = view.in_touch, view.activ, view.accom
        member.accom_assessed = view.accom_assessed
    return members


def _care_ending_on_or_after(pks: list[int], day: date, year_end: date) -> dict[int, list]:
    """{pk: last days looked after (None if still looked after)} of the care periods that
    started by the end of the year and ended on or after `day`; short breaks do not count."""
    ended = defaultdict(list)
    if not pks:
        return ended
    for pk, end_on in CarePeriod.objects.filter(
        Q(end_on__isnull=True) | Q(end_on__gte=day), young_person_id__in=pks,
        short_break=False, start_on__lte=year_end,
    ).values_list("young_person_id", "end_on"):
        ended[pk].append(end_on)
    return ended


def header_row(person, year: int, *, care_in_year=(),
               first_child_born: date | None = None) -> dict[str, str]:
    """The DfE Header row.

    SEX is 1 male, 2 female until 2023-24, and M, F or U from 2024-25; before then "not known"
    has no code and is left blank, which the DfE refuses. UPN is the one held, or blank: the
    DfE's UN codes each state a reason the council would have to know, and rule 168 allows a
    blank (its rule 442 asks for a UPN only of children looked after in the year). MOTHER and
    MC_DOB are asked only of girls looked after at some time in the year (`care_in_year`, the
    last days looked after of their care periods in it): 1 and her first child's date of birth
    if that child was born by the day she stopped being looked after, otherwise 0 (DfE rules
    165, 607 and 625). For a care leaver who was not looked after in the year both are left
    blank, as the DfE's 165 and 628 ask (`health.rules.mother_903`)."""
    _, last = collection_year(year)
    ended = list(care_in_year)
    mother, child_born = mother_903(
        female=person.sex == Sex.FEMALE, in_year=bool(ended),
        looked_after_until=None if None in ended else max(ended, default=None),
        first_child_born=first_child_born, year_end=last,
    )
    return {
        "CHILD": person.person_id,
        "SEX": rules.sex_codes(year).get(person.sex, ""),
        "DOB": format_dfe_date(person.date_of_birth),
        "ETHNIC": person.ethnicity,
        "UPN": person.upn.strip().upper(),
        "MOTHER": mother,
        "MC_DOB": format_dfe_date(child_born) if child_born else "",
    }


def oc3_row(member: CohortMember) -> dict[str, str]:
    return {
        "CHILD": member.young_person.person_id,
        "DOB": format_dfe_date(member.young_person.date_of_birth),
        "IN_TOUCH": member.in_touch,
        "ACTIV": member.activ or "",
        "ACCOM": member.accom or "",
    }


@dataclass
class Return903:
    year: int
    members: list[CohortMember]
    header: list[dict[str, str]]
    oc3: list[dict[str, str]]
    failures: dict[str, list[Failure]] = field(default_factory=dict)  # by CHILD

    @property
    def first_day(self) -> date:
        return collection_year(self.year)[0]

    @property
    def last_day(self) -> date:
        return collection_year(self.year)[1]

    @property
    def failing(self) -> list[tuple[CohortMember, list[Failure]]]:
        """Each young person who would fail, with why, in birthday order."""
        return [(m, self.failures[m.young_person.person_id]) for m in self.members
                if m.young_person.person_id in self.failures]

    def header_csv(self) -> str:
        return to_csv(HEADER_COLUMNS, self.header)

    def oc3_csv(self) -> str:
        return to_csv(OC3_COLUMNS, self.oc3)

    def as_zip(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("header.csv", self.header_csv())
            archive.writestr("oc3.csv", self.oc3_csv())
        return buffer.getvalue()


def to_csv(columns, rows) -> str:
    """Plain CSV as DfE COLLECT takes it: a header row, comma-separated, quoted only where a
    value needs it, CRLF line ends."""
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([row[column] for column in columns] for row in rows)
    return out.getvalue()


def return_903(year: int, *, today: date | None = None,
               on_step: Callable[[int, str], None] | None = None) -> Return903:
    """The Header and OC3 tables for collection year `year` (ending 31 March `year`), for the
    whole service, with every failure of the DfE's rules for these tables. For a year not yet
    ended, the birthdays up to `today` (by default the real today). `on_step(percent, words)` is
    told as each part is worked out, for a progress bar."""
    step = on_step or (lambda percent, words: None)
    step(5, "Finding the care leavers")
    members = oc3_cohort(year, until=today or timezone.localdate())
    first_born = first_children_born({m.young_person.pk for m in members if m.care_in_year})
    result = Return903(
        year=year, members=members,
        header=[header_row(m.young_person, year, care_in_year=m.care_in_year,
                           first_child_born=first_born.get(m.young_person.pk))
                for m in members],
        oc3=[oc3_row(m) for m in members],
    )
    step(70, "Checking the DfE's rules")
    result.failures = rules.failures_for(result)
    return result


def episode_rows(result: Return903) -> list[dict[str, str]]:
    """The episodes table for the return: for each young person in the Header looked after at
    some time in the year (their care periods in it, short breaks left out as the Header's
    MOTHER leaves them out), the episodes of each period that were open in the year.

    A period brought over from the council's own return (`import_903`) is given back as the
    episodes it was made of, with their codes (`Episode903`), while they still make it up
    exactly. Any other period is one episode: it started a period of care (RNE S), from the day
    it started (DECOM) to the day after its last day (DEC), and the codes the service does not
    hold are left blank (README names those the DfE's rules ask for). An episode that ceased
    after the year ended is given as it stood on 31 March: DEC and REC blank."""
    first, last = result.first_day, result.last_day
    pks = {m.young_person.pk: m.young_person.person_id for m in result.members if m.care_in_year}
    if not pks:
        return []
    periods = CarePeriod.objects.filter(
        Q(end_on__isnull=True) | Q(end_on__gte=first - timedelta(days=1)),
        young_person_id__in=pks, short_break=False, start_on__lte=last,
    ).order_by("young_person_id", "start_on")
    kept = defaultdict(list)
    for episode in Episode903.objects.filter(young_person_id__in=pks).order_by("started_on"):
        kept[episode.young_person_id].append(episode)
    rows = []
    for period in periods:
        ceased = period.end_on + timedelta(days=1) if period.end_on else None
        episodes = _episodes_of(period.start_on, ceased, kept[period.young_person_id])
        for episode in episodes or [Episode903(started_on=period.start_on, ceased_on=ceased,
                                               rne="S")]:
            if episode.ceased_on is not None and episode.ceased_on < first:
                continue
            if episode.started_on > last:
                continue
            after_the_year = episode.ceased_on is not None and episode.ceased_on > last
            rows.append({
                "CHILD": pks[period.young_person_id],
                "DECOM": format_dfe_date(episode.started_on),
                "RNE": episode.rne, "LS": episode.legal_status, "CIN": episode.cin,
                "PLACE": episode.place, "PLACE_PROVIDER": episode.place_provider,
                "DEC": "" if after_the_year else format_dfe_date(episode.ceased_on),
                "REC": "" if after_the_year else episode.rec,
                "REASON_PLACE_CHANGE": episode.reason_place_change,
                "HOME_POST": episode.home_post, "PL_POST": episode.pl_post, "URN": episode.urn,
            })
    return rows


def _episodes_of(start_on: date, ceased: date | None, episodes: list) -> list:
    """The kept episodes that make up the period from `start_on` to `ceased` exactly, one
    following on from the other with no gap; none if they do not."""
    chain = []
    for episode in episodes:
        if episode.started_on == (chain[-1].ceased_on if chain else start_on):
            chain.append(episode)
            if episode.ceased_on == ceased:
                return chain
            if episode.ceased_on is None:
                break
    return []


def episodes_csv(result: Return903) -> str:
    return to_csv(EPISODES_COLUMNS, episode_rows(result))


def birthday_gaps(*, people, today: date) -> list[CohortMember]:
    """Young people in this collection year's cohort so far (birthdays up to `today`) who were in
    touch around the birthday but have no accommodation or no activity recorded for it: the
    return would go with a blank the DfE refuses."""
    return [
        member for member in oc3_cohort(collection_year_of(today), people=people, until=today)
        if member.in_touch == InTouch.YES and (member.activ is None or member.accom is None)
    ]
