"""A young person's statutory leaving-care status on a date (DOMAIN.md §1).

One pure function, `decide_status`, decides it from recorded facts. The app, the nightly job and
the `eligibility_check` command all call it, so a status means one thing everywhere. No database
access here: callers turn their records into `Facts`.

Sources: Children Act 1989 (CA) Sch 2 para 19B, ss.23A-24; Care Planning, Placement and Case
Review (England) Regulations 2010 (CPPCR) reg 40 and 48; Care Leavers (England) Regulations 2010
(CLR) reg 3.

How the law's words are read here:

- *Looked after on a day*: some care period covers the day (start and end inclusive, no end =
  still looked after). For the 13-week test and the statuses built on it (eligible, relevant,
  former relevant and its 21-25 forms) a pre-planned short break does not count (CPPCR reg 48),
  but only breaks of 4 weeks or less: a period flagged as a short break that lasts more than 28
  days counts as ordinary care. A short break with no end yet is measured up to the date being
  decided (the facts as known then), and every rule for that date, including the look-backs to the
  18th and 21st birthdays, reads the periods the same way.
- *Qualifying* counts short breaks as care: a child on a short break is looked after (CA s.22(1)),
  and reg 48 reaches only the 13-week test. So a young person whose only care after 16 was short
  breaks qualifies under CA s.24(1B) once the last one ends.
- *13 weeks looked after* (CA Sch 2 para 19B(2); CPPCR reg 40): at least 91 calendar days, counted
  inclusively, from the 14th birthday up to and including the day in question, across any number
  of periods; a day covered by two periods counts once.
- *Asking for support after 21* (CA s.23CZB): every request for support and every opt-out is
  kept with its date (`SupportChoice`); the latest made from the 21st birthday up to the date
  decides whether they are receiving support, so someone who opts out and later asks again is
  receiving support again from the day they ask.
- *Birthdays*: someone born on 29 February has their birthday on 1 March in other years.
- *Precedence* where several could apply: eligible > relevant > former relevant (and its 21-25
  forms) > qualifying > not entitled.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from operator import itemgetter

from django.db import models

from careleavers.dates import long_date

# 13 weeks (CA Sch 2 para 19B; CPPCR reg 40).
MIN_DAYS_LOOKED_AFTER = 91
# Pre-planned short breaks of 4 weeks or less, going home after each, do not count (CPPCR reg 40,
# 48).
SHORT_BREAK_MAX_DAYS = 28
# A relevant child who goes home and stays there 6 months stops being relevant (CLR reg 3).
RETURN_HOME_MONTHS = 6

_ACT = "Children Act 1989"


class Status(models.TextChoices):
    ELIGIBLE = "eligible", "Eligible"
    RELEVANT = "relevant", "Relevant"
    FORMER_RELEVANT = "former_relevant", "Former relevant"
    FORMER_RELEVANT_EDUCATION = (
        "former_relevant_education",
        "Former relevant in education or training",
    )
    RETURNER_21_25 = "returner_21_25", "Former relevant, 21 to 25, asked for support"
    ENTITLED_ON_REQUEST = "entitled_on_request", "Former relevant, 21 to 25, can ask for support"
    QUALIFYING = "qualifying", "Qualifying"
    NOT_ENTITLED = "not_entitled", "Not entitled"

    @property
    def requires_personal_adviser(self) -> bool:
        return self in PA_AND_PLAN_STATUSES

    @property
    def requires_pathway_plan(self) -> bool:
        return self in PA_AND_PLAN_STATUSES


# The statuses that bring a personal adviser and a pathway plan (CA s.23B, s.23C, s.23CA,
# s.23CZB; CPPCR reg 40). Qualifying young people get advice and assistance only (CA s.24A), and
# 21-25s who have not asked get neither until they do. The one place this is decided.
PA_AND_PLAN_STATUSES: frozenset[Status] = frozenset(
    {
        Status.ELIGIBLE,
        Status.RELEVANT,
        Status.FORMER_RELEVANT,
        Status.FORMER_RELEVANT_EDUCATION,
        Status.RETURNER_21_25,
    }
)


@dataclass(frozen=True)
class CarePeriod:
    start: date
    end: date | None = None  # last day looked after; None = still looked after
    short_break: bool = False


@dataclass(frozen=True)
class SupportChoice:
    """A young person aged 21 to 24 asking for advice and support (`asked`), or saying they no
    longer want it (not `asked`), on a day (CA s.23CZB)."""

    on: date
    asked: bool


def support_choices_from(requested_on: date | None,
                         opted_out_on: date | None) -> tuple[SupportChoice, ...]:
    """One request and one opt-out, each dated or not, as choices in the order they were made.
    On the same day the opt-out is taken as the later: where only the two dates are known (a
    scenario, an import), saying no the day they asked leaves them not receiving support."""
    choices = []
    if requested_on is not None:
        choices.append(SupportChoice(requested_on, asked=True))
    if opted_out_on is not None:
        choices.append(SupportChoice(opted_out_on, asked=False))
    return tuple(sorted(choices, key=lambda choice: choice.on))  # stable: same day keeps order


@dataclass(frozen=True)
class Facts:
    date_of_birth: date
    care_periods: tuple[CarePeriod, ...] = ()
    detained_on_16th_birthday: bool = False
    special_guardianship_order: bool = False
    privately_fostered_after_16: bool = False
    returned_home_on: date | None = None
    in_education_or_training: bool = False
    # Every request for support and opt-out, in the order they were made (by date; on one day,
    # in the order they were recorded).
    support_choices: tuple[SupportChoice, ...] = ()


@dataclass(frozen=True)
class Decision:
    status: Status
    reason: str  # plain words a PA would use, ending with the statutory basis in brackets
    personal_adviser_required: bool
    pathway_plan_required: bool

    @classmethod
    def of(cls, status: Status, reason: str) -> "Decision":
        return cls(
            status=status,
            reason=reason,
            personal_adviser_required=status.requires_personal_adviser,
            pathway_plan_required=status.requires_pathway_plan,
        )


def birthday(date_of_birth: date, years: int) -> date:
    """The date of the birthday `years` after birth; 29 February falls on 1 March in other years."""
    year = date_of_birth.year + years
    if date_of_birth.month == 2 and date_of_birth.day == 29 and not calendar.isleap(year):
        return date(year, 3, 1)
    return date_of_birth.replace(year=year)


def age_on(date_of_birth: date, on: date) -> int:
    """Age in whole years on `on`, with the 29 February rule of `birthday`."""
    years = on.year - date_of_birth.year
    if birthday(date_of_birth, years) > on:
        years -= 1
    return years


def born_aged(low: int, high: int, on: date) -> tuple[date, date]:
    """The first and last dates of birth of those aged `low` to `high` on `on`, by `age_on`: so
    an age band can be asked of the database as a range of dates of birth."""
    return _last_born_aged(high + 1, on) + timedelta(days=1), _last_born_aged(low, on)


def _last_born_aged(years: int, on: date) -> date:
    """The latest date of birth of someone at least `years` old on `on` (age falls as the date
    of birth moves later, so a step or two from the same day `years` back finds it)."""
    born = date(on.year - years, on.month, min(on.day, 28))
    while age_on(born + timedelta(days=1), on) >= years:
        born += timedelta(days=1)
    while age_on(born, on) < years:
        born -= timedelta(days=1)
    return born


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later, or the month's last day if it is shorter
    (31 August + 6 months = 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def decide_status(facts: Facts, on: date) -> Decision:
    """The young person's statutory status on `on`, with the reason in plain words.

    Rules in order of precedence (each cites its source in its own docstring below):
    eligible, relevant, former relevant (18-20), the 21-25 forms, qualifying, not entitled.
    """
    return _Decider(facts, known_on=on).decide(on)


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _is_short_break(period: CarePeriod, known_on: date) -> bool:
    """A pre-planned short break of 4 weeks or less, left out of the 13-week test and the
    statuses built on it (CPPCR reg 48), but still care for qualifying (CA s.22(1), s.24(1B))."""
    if not period.short_break:
        return False
    last = period.end if period.end is not None else known_on
    return (last - period.start).days + 1 <= SHORT_BREAK_MAX_DAYS


class _Decider:
    """Applies the rules to one set of facts, as known on `known_on`."""

    def __init__(self, facts: Facts, *, known_on: date):
        self.facts = facts
        dob = facts.date_of_birth
        self.b14, self.b16 = birthday(dob, 14), birthday(dob, 16)
        self.b18, self.b21, self.b25 = birthday(dob, 18), birthday(dob, 21), birthday(dob, 25)
        # (first day, last day or None while open), sorted by first day. `periods` leaves short
        # breaks out (CPPCR reg 48); `periods_with_short_breaks` is every day looked after.
        valid = [p for p in facts.care_periods if p.end is None or p.end >= p.start]
        by_start = itemgetter(0)  # by first day only: an open end (None) does not sort
        self.periods_with_short_breaks = tuple(
            sorted(((p.start, p.end) for p in valid), key=by_start)
        )
        self.periods = tuple(
            sorted(((p.start, p.end) for p in valid if not _is_short_break(p, known_on)),
                   key=by_start)
        )

    # --- the care history ---------------------------------------------------------------------

    def looked_after_on(self, d: date, *, short_breaks: bool = False) -> bool:
        periods = self.periods_with_short_breaks if short_breaks else self.periods
        return any(start <= d and (end is None or d <= end) for start, end in periods)

    def days_looked_after(self, *, since: date, up_to: date) -> int:
        """Calendar days looked after from `since` to `up_to`, both inclusive, overlaps once."""
        total, counted_to = 0, since - timedelta(days=1)
        for start, end in self.periods:  # sorted by start
            first = max(start, counted_to + timedelta(days=1))
            last = up_to if end is None else min(end, up_to)
            if first <= last:
                total += (last - first).days + 1
                counted_to = last
        return total

    def days_since_14(self, up_to: date) -> int:
        return self.days_looked_after(since=self.b14, up_to=up_to)

    def last_day_looked_after_before(self, d: date, *, short_breaks: bool = False) -> date | None:
        periods = self.periods_with_short_breaks if short_breaks else self.periods
        ends = [end for _, end in periods if end is not None and end < d]
        return max(ends) if ends else None

    # --- the rules -----------------------------------------------------------------------------

    def decide(self, on: date) -> Decision:
        age = age_on(self.facts.date_of_birth, on)
        if age < 16:
            return Decision.of(
                Status.NOT_ENTITLED,
                f"Under 16 (turns 16 on {long_date(self.b16)}): leaving-care duties start at 16 "
                f"({_ACT} Sch 2 para 19B).",
            )
        if age >= 25:
            return Decision.of(
                Status.NOT_ENTITLED,
                f"Turned 25 on {long_date(self.b25)}: leaving-care duties end at 25 "
                f"({_ACT} s.23CZB).",
            )
        return (
            self.eligible(on)
            or self.relevant(on)
            or self.former_relevant(on)
            or self.former_relevant_21_to_25(on)
            or self.qualifying(on)
            or self.not_entitled(on)
        )

    def is_eligible(self, d: date) -> bool:
        return (
            16 <= age_on(self.facts.date_of_birth, d) <= 17
            and self.looked_after_on(d)
            and self.days_since_14(d) >= MIN_DAYS_LOOKED_AFTER
            and self.days_looked_after(since=self.b16, up_to=d) > 0
        )

    def eligible(self, on: date) -> Decision | None:
        """Eligible child (CA Sch 2 para 19B; CPPCR reg 40): aged 16 or 17, looked after on the
        date, looked after for at least 13 weeks (91 days) since the 14th birthday, at least one of
        them on or after the 16th birthday."""
        if not self.is_eligible(on):
            return None
        age = age_on(self.facts.date_of_birth, on)
        return Decision.of(
            Status.ELIGIBLE,
            f"Still in care at {age} and in care for {_days(self.days_since_14(on))} since "
            f"turning 14, including after turning 16 ({_ACT} Sch 2 para 19B; CPPCR reg 40).",
        )

    def relevance_ended_by_return_home(self, on: date) -> date | None:
        """The day relevance ended, if the young person went home and has been there 6 months."""
        returned = self.facts.returned_home_on
        if returned is None:
            return None
        ends_on = add_months(returned, RETURN_HOME_MONTHS)
        return ends_on if on >= ends_on else None

    def relevant(self, on: date) -> Decision | None:
        """Relevant child (CA s.23A; CLR reg 3): aged 16 or 17, not looked after on the date, and
        either eligible on the last day looked after (the end of the latest period that ended
        before the date), or detained (custody or hospital) on the 16th birthday after at least
        91 days looked after between the 14th birthday and the day before the 16th (CLR reg 3).
        Stops once they have lived at home for 6 calendar months after a return home agreed as
        successful (CLR reg 3); they then fall through to the rules below."""
        age = age_on(self.facts.date_of_birth, on)
        if not 16 <= age <= 17 or self.looked_after_on(on):
            return None
        if self.relevance_ended_by_return_home(on):
            return None
        went_home = ""
        if self.facts.returned_home_on is not None:
            went_home = (
                f"; went home on {long_date(self.facts.returned_home_on)}, so stops being "
                f"relevant on "
                f"{long_date(add_months(self.facts.returned_home_on, RETURN_HOME_MONTHS))} "
                "if still at home then"
            )
        last = self.last_day_looked_after_before(on)
        if last is not None and self.is_eligible(last):
            return Decision.of(
                Status.RELEVANT,
                f"Left care on {long_date(last)}, aged {age_on(self.facts.date_of_birth, last)}, "
                f"after {_days(self.days_since_14(last))} in care since turning 14, so was "
                f"eligible when leaving{went_home} ({_ACT} s.23A; CLR reg 3).",
            )
        before_16 = self.b16 - timedelta(days=1)
        days_before_16 = self.days_since_14(before_16)
        if self.facts.detained_on_16th_birthday and days_before_16 >= MIN_DAYS_LOOKED_AFTER:
            return Decision.of(
                Status.RELEVANT,
                f"In custody or hospital on their 16th birthday ({long_date(self.b16)}) after "
                f"{_days(days_before_16)} in care since turning 14{went_home} "
                f"({_ACT} s.23A; CLR reg 3).",
            )
        return None

    def former_relevant(self, on: date) -> Decision | None:
        """Former relevant child (CA s.23C(1)): aged 18, 19 or 20, and eligible or relevant on the
        day before the 18th birthday (the status decided for that day)."""
        age = age_on(self.facts.date_of_birth, on)
        if not 18 <= age <= 20:
            return None
        day_before = self.b18 - timedelta(days=1)
        at_17 = self.decide(day_before).status
        if at_17 not in (Status.ELIGIBLE, Status.RELEVANT):
            return None
        return Decision.of(
            Status.FORMER_RELEVANT,
            f"Aged {age}, and was {at_17.label.lower()} on {long_date(day_before)}, the day before "
            f"turning 18 ({_ACT} s.23C).",
        )

    def was_former_relevant_at_21(self) -> bool:
        return self.decide(self.b21 - timedelta(days=1)).status == Status.FORMER_RELEVANT

    def support_choices_since_21(self, on: date) -> list[SupportChoice]:
        """The requests for support and opt-outs made from the 21st birthday up to and including
        `on`, in the order they were made. One made later is not known on `on`; one made before
        21 is not a request under s.23CZB, which is made after turning 21."""
        choices = sorted(self.facts.support_choices, key=lambda choice: choice.on)
        return [choice for choice in choices if self.b21 <= choice.on <= on]

    def former_relevant_21_to_25(self, on: date) -> Decision | None:
        """A young person aged 21 to 24 who was former relevant the day before the 21st birthday
        (CA s.23C(6)-(7), s.23CA, s.23CZB):
        - in, or wanting, education or training: the duties continue to 25 (CA s.23C(6)-(7),
          s.23CA);
        - otherwise, the latest request for support or opt-out made on or after the 21st
          birthday and on or before the date decides. Having asked for advice and support
          (CA s.23CZB(1)), they get a PA, and a plan after a needs assessment, until 25 or until
          they say they no longer want it (s.23CZB(9)); having said so, or never having asked,
          they are entitled to ask (again), with no PA or plan until they do. Asking again after
          opting out brings the support back from the day they ask. On one day, the choice
          made last counts."""
        age = age_on(self.facts.date_of_birth, on)
        if not 21 <= age <= 24 or not self.was_former_relevant_at_21():
            return None
        if self.facts.in_education_or_training:
            return Decision.of(
                Status.FORMER_RELEVANT_EDUCATION,
                f"Aged {age}, was former relevant at 21, and is in or wants education or "
                f"training ({_ACT} s.23C(6) and (7), s.23CA).",
            )
        choices = self.support_choices_since_21(on)
        latest = choices[-1] if choices else None
        if latest is not None and latest.asked:
            earlier_no = [choice for choice in choices[:-1] if not choice.asked]
            asked = (
                f"Asked for support again on {long_date(latest.on)}, having said on "
                f"{long_date(earlier_no[-1].on)} they no longer wanted it"
                if earlier_no else f"Asked for support on {long_date(latest.on)}"
            )
            return Decision.of(
                Status.RETURNER_21_25,
                f"{asked}; aged {age}, and was former relevant at 21 ({_ACT} s.23CZB).",
            )
        if latest is not None:
            return Decision.of(
                Status.ENTITLED_ON_REQUEST,
                f"Said they no longer want support on {long_date(latest.on)}; aged {age}, and "
                f"was former relevant at 21, so can ask again until turning 25 on "
                f"{long_date(self.b25)} ({_ACT} s.23CZB).",
            )
        return Decision.of(
            Status.ENTITLED_ON_REQUEST,
            f"Aged {age}, was former relevant at 21, and has not asked for support since turning "
            f"21; can ask for support until turning 25 on {long_date(self.b25)} "
            f"({_ACT} s.23CZB).",
        )

    def qualifying_grounds(self, on: date) -> list[str]:
        grounds = []
        # Short breaks are care here (CA s.22(1)); reg 48 reaches only the 13-week test.
        last = self.last_day_looked_after_before(on, short_breaks=True)
        in_care_now = self.looked_after_on(on, short_breaks=True)
        if not in_care_now and last is not None and last >= self.b16:
            last_counted = self.last_day_looked_after_before(on)
            only_short_breaks = last_counted is None or last_counted < self.b16
            kind = "on short breaks" if only_short_breaks else "in care"
            grounds.append(f"was {kind} after turning 16, last on {long_date(last)}")
        if self.facts.special_guardianship_order:
            grounds.append("is under a special guardianship order")
        if self.facts.privately_fostered_after_16:
            grounds.append("was privately fostered or accommodated after turning 16")
        return grounds

    def qualifying_age_limit(self) -> int:
        return 25 if self.facts.in_education_or_training else 21

    def qualifying(self, on: date) -> Decision | None:
        """Qualifying for advice and assistance (CA s.24): aged 16 or over and under 21 (under 25
        if in education or training, s.24B), none of the statuses above, and at least one of:
        looked after on some day on or after the 16th birthday but not looked after on the date
        (short breaks included: a child on a short break is looked after, CA s.22(1));
        under a special guardianship order; privately fostered or accommodated after 16."""
        age = age_on(self.facts.date_of_birth, on)
        if not 16 <= age < self.qualifying_age_limit():
            return None
        grounds = self.qualifying_grounds(on)
        if not grounds:
            return None
        lead = f"Aged {age}, in education or training," if age >= 21 else f"Aged {age}"
        why_not_more = self.why_not_eligible_or_relevant(on)
        return Decision.of(
            Status.QUALIFYING,
            f"{lead} and {' and '.join(grounds)}{why_not_more} ({_ACT} s.24).",
        )

    def why_not_eligible_or_relevant(self, on: date) -> str:
        """A short clause for the qualifying reason: why this is not a fuller status."""
        age = age_on(self.facts.date_of_birth, on)
        ended = self.relevance_ended_by_return_home(on)
        if 16 <= age <= 17 and ended:
            return f"; no longer relevant after 6 months at home, from {long_date(ended)}"
        if 16 <= age <= 17:
            last = self.last_day_looked_after_before(on)
            if last is not None and self.days_since_14(last) < MIN_DAYS_LOOKED_AFTER:
                return (
                    f"; in care for only {_days(self.days_since_14(last))} since turning 14, "
                    f"fewer than the {MIN_DAYS_LOOKED_AFTER} needed to be relevant"
                )
            return ""
        if 18 <= age <= 20:
            return "; was not eligible or relevant the day before turning 18"
        return "; was not former relevant at 21"

    def not_entitled(self, on: date) -> Decision:
        """None of the above, aged 16 to 24 (under 16 and 25 and over are decided first)."""
        age = age_on(self.facts.date_of_birth, on)
        days = self.days_since_14(on)
        in_care_now = self.looked_after_on(on)
        if 16 <= age <= 17 and in_care_now:
            return Decision.of(
                Status.NOT_ENTITLED,
                f"In care at {age}, but for only {_days(days)} since turning 14: eligible once "
                f"in care for {MIN_DAYS_LOOKED_AFTER} days ({_ACT} Sch 2 para 19B; CPPCR reg 40).",
            )
        if age >= 21 and not self.facts.in_education_or_training:
            return Decision.of(
                Status.NOT_ENTITLED,
                f"Aged {age} and was not former relevant at 21; qualifying support ends at 21 "
                f"unless in education or training ({_ACT} s.24).",
            )
        if in_care_now:
            # Only from 18, when the record still shows a period open.
            return Decision.of(
                Status.NOT_ENTITLED,
                f"Recorded as still in care at {age}, but was not eligible or relevant the day "
                f"before turning 18; no special guardianship order, not privately fostered after "
                f"16 ({_ACT} s.23C, s.24).",
            )
        if self.looked_after_on(on, short_breaks=True):
            return Decision.of(
                Status.NOT_ENTITLED,
                f"On a short break in care at {age}; short breaks do not count towards the "
                f"{MIN_DAYS_LOOKED_AFTER} days in care needed to be eligible (CPPCR reg 48), and "
                f"qualifying starts once the break ends ({_ACT} s.22(1), s.24).",
            )
        # Not in care now, and no qualifying ground: so never in care on or after the 16th birthday.
        if days == 0 and self.last_day_looked_after_before(on, short_breaks=True) is not None:
            history = "Only on short breaks in care, all before turning 16"
        elif days == 0:
            history = "Never in care after turning 14"
        else:
            history = f"In care for {_days(days)} since turning 14, all before turning 16"
        detained = ""
        if self.facts.detained_on_16th_birthday and age <= 17:
            detained = (
                f"; in custody or hospital on their 16th birthday, but that needs "
                f"{MIN_DAYS_LOOKED_AFTER} days in care before it (CLR reg 3)"
            )
        return Decision.of(
            Status.NOT_ENTITLED,
            f"{history}{detained}; not in care after turning 16, no special guardianship order, "
            f"not privately fostered after 16 ({_ACT} s.24).",
        )
