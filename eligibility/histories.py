"""Made-up care histories: the periods a young person was looked after and the other facts the
status rules read (DOMAIN.md §1), for the demo (eligibility/demo.py) and the benchmarks' made-up
service (benchmarks/dataset.py). Nothing here is a real person.

Each kind of history is drawn from the generator it is given, so the same generator gives the
same history. There are two families:

- the demo's, each named for the status it leads to, with dates far enough from the birthdays
  that the status holds on any day the demo is seeded, so the demo shows every status;
- the benchmarks', the shapes a council's care leavers have, drawn in the shares the benchmarks
  give them; their status is whatever `decide_status` makes of them.

A history is the care periods as (start, end or None, short break) and the facts as the
keyword arguments of `eligibility.rules.Facts`.
"""

import random
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

from careleavers.demo import between

from .rules import SupportChoice, birthday

DAY = timedelta(days=1)

Period = tuple[date, date | None, bool]
#: When the young person turns the given age.
Turns = Callable[[int], date]


def care_history(kind: str, rng: random.Random, *, dob: date,
                 today: date) -> tuple[list[Period], dict]:
    """Care periods and facts for one history of the named kind, as known on `today`."""
    try:
        history = KINDS[kind]
    except KeyError:
        raise ValueError(f"No care history called {kind!r}") from None
    return history(rng, partial(birthday, dob), today)


def _short_breaks(rng, first: date, last: date) -> list[Period]:
    """Short breaks of 2 to 14 days, a month or more apart, from about `first` until `last`."""
    periods = []
    day = between(rng, first, first + timedelta(days=60))
    while day + timedelta(days=14) < last:
        length = rng.randint(2, 14)
        periods.append((day, day + timedelta(days=length - 1), True))
        day += timedelta(days=length + rng.randint(30, 120))
    return periods


def _care_until_18(rng, turns: Turns, first_from: date, first_to: date) -> list[Period]:
    """Looked after from a day between the two until the 18th birthday, and sometimes for a
    while as a younger child too."""
    periods = []
    start = between(rng, first_from, first_to)
    if rng.random() < 0.3 and start - turns(8) > timedelta(days=400):
        early = between(rng, turns(8) - timedelta(days=700), start - timedelta(days=400))
        periods.append((early, early + timedelta(days=rng.randint(60, 300)), False))
    periods.append((start, turns(18) - DAY, False))
    return periods


# --- the demo's, one for each status -----------------------------------------------------------

def _eligible(rng, turns: Turns, today: date):
    periods = []
    start = between(rng, turns(13), today - timedelta(days=120))
    if rng.random() < 0.3 and start - turns(12) > timedelta(days=60):
        periods += _short_breaks(rng, turns(12) - timedelta(days=200),
                                 start - timedelta(days=30))
    periods.append((start, None, False))
    return periods, {}


def _relevant(rng, turns: Turns, today: date):
    return [(between(rng, turns(14) - timedelta(days=300), turns(16) - timedelta(days=100)),
             between(rng, turns(16) + timedelta(days=10), today - timedelta(days=14)),
             False)], {}


def _relevant_detained(rng, turns: Turns, today: date):
    return ([(between(rng, turns(14), turns(16) - timedelta(days=200)), turns(16) - DAY, False)],
            {"detained_on_16th_birthday": True})


def _qualifying_short_care(rng, turns: Turns, today: date):
    start = between(rng, turns(16) + timedelta(days=5),
                    min(today - timedelta(days=90), turns(18) - timedelta(days=80)))
    return [(start, start + timedelta(days=rng.randint(20, 75)), False)], {}


def _qualifying_in_education(rng, turns: Turns, today: date):
    periods, _ = _qualifying_short_care(rng, turns, today)
    return periods, {"in_education_or_training": True}


def _not_entitled_new_to_care(rng, turns: Turns, today: date):
    return [(between(rng, today - timedelta(days=80), today - timedelta(days=20)), None,
             False)], {}


def _qualifying_returned_home(rng, turns: Turns, today: date):
    end = turns(16) + timedelta(days=rng.randint(5, 20))
    return ([(between(rng, turns(14) - timedelta(days=200), turns(16) - timedelta(days=120)),
              end, False)],
            {"returned_home_on": end + DAY})


def _former_relevant(rng, turns: Turns, today: date):
    return _care_until_18(rng, turns, turns(10), turns(16) - timedelta(days=100)), {}


def _former_relevant_left_at_17(rng, turns: Turns, today: date):
    return [(between(rng, turns(12), turns(16) - timedelta(days=100)),
             between(rng, turns(16) + timedelta(days=30), turns(18) - timedelta(days=30)),
             False)], {}


def _qualifying_special_guardianship(rng, turns: Turns, today: date):
    start = between(rng, turns(8), turns(11))
    return ([(start, between(rng, start + timedelta(days=200), turns(13)), False)],
            {"special_guardianship_order": True})


def _qualifying_short_breaks(rng, turns: Turns, today: date):
    return _short_breaks(rng, turns(13), today - DAY), {}


def _qualifying_privately_fostered(rng, turns: Turns, today: date):
    return [], {"privately_fostered_after_16": True}


def _former_relevant_at_21(rng, turns: Turns, today: date):
    """Looked after until 18, from well before 16: former relevant after 21 if they ask."""
    return _care_until_18(rng, turns, turns(11), turns(16) - timedelta(days=100)), {}


def _in_education(rng, turns: Turns, today: date):
    periods, _ = _former_relevant_at_21(rng, turns, today)
    return periods, {"in_education_or_training": True}


def _returner(rng, turns: Turns, today: date):
    """Asked for support after 21; sometimes having said for a while that they no longer
    wanted it, and asked again."""
    periods, _ = _former_relevant_at_21(rng, turns, today)
    asked = between(rng, turns(21) + timedelta(days=30), today - timedelta(days=10))
    choices = [SupportChoice(asked, asked=True)]
    if rng.random() < 0.4 and asked - turns(21) > timedelta(days=120):
        first = between(rng, turns(21) + timedelta(days=10), asked - timedelta(days=100))
        stopped = between(rng, first + timedelta(days=30), asked - timedelta(days=30))
        choices[:0] = [SupportChoice(first, asked=True), SupportChoice(stopped, asked=False)]
    return periods, {"support_choices": tuple(choices)}


def _entitled_on_request_opted_out(rng, turns: Turns, today: date):
    periods, _ = _former_relevant_at_21(rng, turns, today)
    requested = between(rng, turns(21) + timedelta(days=10), today - timedelta(days=60))
    opted_out = between(rng, requested + timedelta(days=14), today - timedelta(days=10))
    return periods, {"support_choices": (SupportChoice(requested, asked=True),
                                         SupportChoice(opted_out, asked=False))}


# --- the benchmarks', as a council's care leavers are ------------------------------------------

def _looked_after_at_16(rng, turns: Turns, today: date):
    """Looked after for years and still at 16; those over 18 mostly until their birthday. At 21
    to 25 some are in education, asked for support or opted out, whatever that makes them."""
    under_18 = today < turns(18)
    start = between(rng, turns(6), turns(16) - timedelta(days=120))
    if under_18:
        # Someone who has only just turned 16 cannot have left care since.
        end = None if rng.random() < 0.55 or today - turns(16) < timedelta(days=3) else (
            between(rng, turns(16) + DAY, today - DAY))
    elif rng.random() < 0.75:
        end = turns(18) - DAY
    else:
        end = between(rng, turns(16) + DAY, turns(18) - timedelta(days=2))
    periods, facts = [(start, end, False)], {}
    if rng.random() < 0.04 and start - turns(5) > timedelta(days=400):
        brk = between(rng, turns(5), start - timedelta(days=30))
        periods.insert(0, (brk, brk + timedelta(days=rng.randint(2, 20)), True))
    if turns(21) <= today < turns(25):
        if rng.random() < 0.25:
            facts["in_education_or_training"] = True
        choices = []
        if rng.random() < 0.15:
            choices.append(SupportChoice(between(rng, turns(21), today - DAY), asked=True))
        if rng.random() < 0.03:
            choices.append(SupportChoice(between(rng, turns(21), today - DAY), asked=False))
        if choices:
            facts["support_choices"] = tuple(sorted(choices, key=lambda choice: choice.on))
    if end is not None and under_18 and rng.random() < 0.03:
        facts["returned_home_on"] = between(rng, end + DAY, today)
    return periods, facts


def _looked_after_for_weeks_after_16(rng, turns: Turns, today: date):
    """A few weeks in care some time from 16 to 21, over by now. Needs a 16th birthday more
    than a few weeks ago."""
    earliest = turns(16) + timedelta(days=10)
    latest = min(today - timedelta(days=20), turns(21) - timedelta(days=80))
    start = between(rng, earliest, max(latest, earliest))
    end = min(start + timedelta(days=rng.randint(14, 70)), today - DAY)
    return [(start, end, False)], {}


def _special_guardianship_after_care(rng, turns: Turns, today: date):
    start = between(rng, turns(4), turns(10))
    return ([(start, between(rng, start + timedelta(days=200), turns(14)), False)],
            {"special_guardianship_order": True})


def _privately_fostered_after_care(rng, turns: Turns, today: date):
    start = between(rng, turns(8), turns(12))
    return ([(start, between(rng, start + timedelta(days=100), turns(14)), False)],
            {"privately_fostered_after_16": True})


def _detained_on_16th_birthday(rng, turns: Turns, today: date):
    """In custody on their 16th birthday after 13 weeks looked after (CLR reg 3)."""
    start = turns(16) - timedelta(days=rng.randint(120, 600))
    end = turns(16) - timedelta(days=rng.randint(1, 20))
    return [(start, end, False)], {"detained_on_16th_birthday": True}


KINDS: dict[str, Callable[[random.Random, Turns, date], tuple[list[Period], dict]]] = {
    "eligible": _eligible,
    "relevant": _relevant,
    "relevant_detained": _relevant_detained,
    "qualifying_short_care": _qualifying_short_care,
    "qualifying_in_education": _qualifying_in_education,
    "not_entitled_new_to_care": _not_entitled_new_to_care,
    "qualifying_returned_home": _qualifying_returned_home,
    "former_relevant": _former_relevant,
    "former_relevant_left_at_17": _former_relevant_left_at_17,
    "qualifying_special_guardianship": _qualifying_special_guardianship,
    "qualifying_short_breaks": _qualifying_short_breaks,
    "qualifying_privately_fostered": _qualifying_privately_fostered,
    "in_education": _in_education,
    "returner": _returner,
    "entitled_on_request": _former_relevant_at_21,
    "entitled_on_request_opted_out": _entitled_on_request_opted_out,
    "turned_25": _former_relevant_at_21,
    "looked_after_at_16": _looked_after_at_16,
    "looked_after_for_weeks_after_16": _looked_after_for_weeks_after_16,
    "special_guardianship_after_care": _special_guardianship_after_care,
    "privately_fostered_after_care": _privately_fostered_after_care,
    "detained_on_16th_birthday": _detained_on_16th_birthday,
}
