"""The nightly checks decide again only the young people the date may move
(`eligibility.selectors.statuses_the_date_may_move`). Over two years of nights on a made-up
caseload of every kind of care history, everyone whose status or reason reads differently from
one day to the next is among them: no status is left behind by a night that skipped someone."""

import random
from datetime import date, timedelta

import pytest

from careleavers.models import YoungPerson
from eligibility.models import CareFacts, CarePeriod, StatutoryStatus, SupportChoice
from eligibility.models import SupportChoiceKind as Kind
from eligibility.rules import CarePeriod as Period
from eligibility.rules import Facts, decide_status
from eligibility.rules import SupportChoice as Choice
from eligibility.selectors import statuses_the_date_may_move

pytestmark = pytest.mark.django_db

# Two years that take in a 29 February (2028) and a 1 March in a year without one (2029).
FIRST_NIGHT = date(2027, 6, 1)
NIGHTS = 760


def _day(rng, low: date, high: date) -> date:
    return low + timedelta(days=rng.randint(0, (high - low).days))


def _facts(rng) -> Facts:
    born = _day(rng, date(2001, 1, 1), date(2014, 12, 31))
    if rng.random() < 0.03:
        born = date(rng.choice([2004, 2008, 2012]), 2, 29)
    periods, start = [], born + timedelta(days=rng.randint(12 * 365, 17 * 365))
    for _ in range(rng.choice([0, 1, 1, 2, 3])):
        length = rng.choice([10, 20, 27, 28, 29, 60, 90, 91, 92, 200, 600])
        if rng.random() < 0.15:
            periods.append(Period(start=start, end=None, short_break=rng.random() < 0.3))
            break
        end = start + timedelta(days=length - 1)
        short_break = length <= 28 and rng.random() < 0.5
        periods.append(Period(start=start, end=end, short_break=short_break))
        start = end + timedelta(days=rng.choice([1, 2, 30, 200]))

    def sometimes(p, low, high):
        return _day(rng, low, high) if low <= high and rng.random() < p else None

    last_night = FIRST_NIGHT + timedelta(days=NIGHTS)
    # Asked for support, and sometimes said later they no longer want it, and asked again.
    choices, day = [], sometimes(0.3, born + timedelta(days=21 * 365), last_night)
    while day is not None and len(choices) < 3:
        choices.append(Choice(day, asked=len(choices) % 2 == 0))
        day = day + timedelta(days=rng.randint(0, 400)) if rng.random() < 0.4 else None
    return Facts(
        date_of_birth=born,
        care_periods=tuple(periods),
        detained_on_16th_birthday=rng.random() < 0.05,
        special_guardianship_order=rng.random() < 0.05,
        privately_fostered_after_16=rng.random() < 0.05,
        returned_home_on=sometimes(0.15, born + timedelta(days=16 * 365),
                                   last_night),
        in_education_or_training=rng.random() < 0.2,
        support_choices=tuple(choices),
    )


#: Dated events that move a status on a day nothing else does.
EVENTS = [
    # Left care eligible at 16, then went home: relevant until 6 months at home (CLR reg 3).
    Facts(date_of_birth=date(2011, 3, 10),
          care_periods=(Period(start=date(2024, 1, 1), end=date(2027, 5, 1)),),
          returned_home_on=date(2027, 7, 15)),
    # Former relevant at 21, asked for support, then says (on a later date) they no longer
    # want it.
    Facts(date_of_birth=date(2005, 1, 10),
          care_periods=(Period(start=date(2019, 1, 1), end=date(2023, 1, 1)),),
          support_choices=(Choice(date(2027, 5, 1), asked=True),
                           Choice(date(2028, 6, 1), asked=False))),
    # Asks for support on a date still to come.
    Facts(date_of_birth=date(2004, 9, 20),
          care_periods=(Period(start=date(2019, 1, 1), end=date(2022, 9, 19)),),
          support_choices=(Choice(date(2028, 11, 2), asked=True),)),
    # Said they no longer want support, then asks again a year later.
    Facts(date_of_birth=date(2005, 4, 2),
          care_periods=(Period(start=date(2019, 1, 1), end=date(2023, 4, 1)),),
          support_choices=(Choice(date(2026, 5, 1), asked=True),
                           Choice(date(2027, 8, 1), asked=False),
                           Choice(date(2028, 8, 9), asked=True))),
]


@pytest.fixture
def caseload(teams) -> dict[int, Facts]:
    rng = random.Random(903)
    facts = [_facts(rng) for _ in range(120)] + EVENTS
    people = YoungPerson.objects.bulk_create(
        YoungPerson(person_id=f"D{n:03d}", first_name="Test", last_name=f"D{n:03d}",
                    date_of_birth=f.date_of_birth, sex="F", ethnicity="WBRI",
                    team=teams["north"])
        for n, f in enumerate(facts)
    )
    CarePeriod.objects.bulk_create(
        CarePeriod(young_person=person, start_on=p.start, end_on=p.end, short_break=p.short_break)
        for person, f in zip(people, facts, strict=True) for p in f.care_periods
    )
    CareFacts.objects.bulk_create(
        CareFacts(young_person=person, **{
            name: getattr(f, name) for name in (
                "detained_on_16th_birthday", "special_guardianship_order",
                "privately_fostered_after_16", "returned_home_on", "in_education_or_training")
        })
        for person, f in zip(people, facts, strict=True)
    )
    SupportChoice.objects.bulk_create(
        SupportChoice(young_person=person, on=choice.on,
                      kind=Kind.ASKED if choice.asked else Kind.OPTED_OUT)
        for person, f in zip(people, facts, strict=True) for choice in f.support_choices
    )
    StatutoryStatus.objects.bulk_create(
        StatutoryStatus(young_person=person, status=decide_status(f, FIRST_NIGHT).status,
                        reason="", since=FIRST_NIGHT, checked_on=FIRST_NIGHT)
        for person, f in zip(people, facts, strict=True)
    )
    return {person.pk: f for person, f in zip(people, facts, strict=True)}


def _may_move(since: date, on: date) -> set[int]:
    return set(YoungPerson.objects.filter(statuses_the_date_may_move(since=since, on=on))
               .values_list("pk", flat=True))


def test_everyone_whose_status_or_reason_moves_overnight_is_decided_again(caseload):
    decided = {pk: decide_status(f, FIRST_NIGHT) for pk, f in caseload.items()}
    moved_nights, share = 0, []
    for n in range(1, NIGHTS + 1):
        on = FIRST_NIGHT + timedelta(days=n)
        now = {pk: decide_status(f, on) for pk, f in caseload.items()}
        moved = {pk for pk in caseload if now[pk] != decided[pk]}
        may_move = _may_move(on - timedelta(days=1), on)
        assert moved <= may_move, (on, [(caseload[pk], decided[pk], now[pk])
                                        for pk in moved - may_move])
        moved_nights += bool(moved)
        share.append(len(may_move) / len(caseload))
        decided = now
    # The nights are narrow: most of the caseload is not decided again on a usual night.
    assert moved_nights > NIGHTS // 4
    assert sum(share) / len(share) < 0.5, sum(share) / len(share)


def test_a_night_missed_is_caught_up_by_the_next(caseload):
    """A night the job did not run (the worker was down): the next decides everyone the days
    since moved."""
    for n in range(4, NIGHTS, 37):
        since, on = FIRST_NIGHT + timedelta(days=n - 4), FIRST_NIGHT + timedelta(days=n)
        moved = {pk for pk, f in caseload.items()
                 if decide_status(f, on) != decide_status(f, since)}
        assert moved <= _may_move(since, on), on


def test_a_year_or_more_since_the_last_night_decides_everyone(caseload):
    assert _may_move(FIRST_NIGHT, FIRST_NIGHT + timedelta(days=400)) == set(caseload)


def test_anyone_with_no_status_yet_is_decided(caseload):
    pk = next(iter(caseload))
    StatutoryStatus.objects.filter(young_person_id=pk).delete()
    assert pk in _may_move(FIRST_NIGHT, FIRST_NIGHT + timedelta(days=1))


def test_a_request_or_opt_out_dated_since_the_last_night_is_picked_up(caseload):
    """However it was recorded (an import, a page saved late), a choice dated since the last
    night is decided again; one dated before it was decided that night."""
    since, on = date(2028, 3, 1), date(2028, 3, 2)
    quiet = [pk for pk in caseload if pk not in _may_move(since, on)]
    asked_today, asked_before = quiet[0], quiet[1]
    SupportChoice.objects.create(young_person_id=asked_today, kind=Kind.ASKED, on=on)
    SupportChoice.objects.create(young_person_id=asked_before, kind=Kind.OPTED_OUT,
                                 on=since - timedelta(days=1))

    may_move = _may_move(since, on)

    assert asked_today in may_move
    assert asked_before not in may_move
