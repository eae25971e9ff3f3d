"""The demo tells one story about each young person: what a council sees in their plans, contact
notes, places and activities agrees with the rest of their record. Seeded with two seeds; each
is loaded once for the module and every test reads it in its own rolled-back transaction."""

import re
from collections import defaultdict
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from accommodation.models import AccommodationEpisode
from advisers.models import Contact, ContactOutcome, ContactType
from alerts.alerts import alerts_for, alerts_sync
from alerts.models import Alert
from careleavers.demo import BACKGROUNDS, UASC_BACKGROUNDS
from careleavers.models import Ethnicity, User, YoungPerson
from eet.models import ActivityEpisode
from eligibility.models import CareFacts, CarePeriod, StatutoryStatus
from eligibility.rules import Status, age_on, birthday
from eligibility.selectors import last_asked_for_support
from pathways.models import NeedsAssessment, PathwayPlan, Section
from standing.standings import standings_rebuild

E = Ethnicity
STAYING_PUT = re.compile(r"staying put|foster carer", re.IGNORECASE)
CUSTODY = re.compile(r"custody|prison", re.IGNORECASE)
#: Languages the demo may write about, and the words for where a family comes from with the
#: DfE ethnicity codes someone of that background may be recorded with.
LANGUAGES = ["Tigrinya", "Amharic", "Pashto", "Dari", "Kurdish", "Arabic", "Albanian",
             "Vietnamese", "Urdu", "Punjabi", "Gujarati", "Bengali", "Sylheti", "Polish",
             "Romanian", "Romani", "Twi"]
CULTURES = {
    "Eritrean": {E.BAFR, E.BOTH, E.OOTH}, "Ethiopian": {E.BAFR, E.BOTH, E.OOTH},
    "Sudanese": {E.BAFR, E.BOTH, E.OOTH}, "Afghan": {E.AOTH, E.OOTH},
    "Kurdish": {E.OOTH, E.WOTH}, "Albanian": {E.WOTH}, "Vietnamese": {E.AOTH, E.OOTH},
    "Pakistani": {E.APKN, E.MWAS}, "Bangladeshi": {E.ABAN, E.MWAS},
    "Punjabi": {E.AIND, E.APKN, E.MWAS}, "Gujarati": {E.AIND, E.MWAS},
    "Polish": {E.WOTH}, "Romanian": {E.WOTH}, "Roma": {E.WROM},
    "Nigerian": {E.BAFR, E.MWBA}, "Ghanaian": {E.BAFR, E.MWBA},
    "Caribbean": {E.BCRB, E.MWBC}, "Irish": {E.WIRI, E.WIRT}, "Yemeni": {E.OOTH},
}
#: Words only about someone who came to the country alone.
CAME_ALONE = ["asylum", "Home Office", "interpreter", "Red Cross", "journey here", "solicitor"]
#: What a plan or a note may talk about only while the young person does it (ACTIV codes).
ABOUT_WHAT_THEY_DO = {
    "college": {"F2", "P2"}, "university": {"F1", "P1"}, "Uni ": {"F1", "P1"},
    "apprenticeship": {"F4", "P4"}, "baby": {"G6"},
}


@pytest.fixture(scope="module", params=[1, 2], ids=["seed1", "seed2"])
def demo(request, django_db_setup, django_db_blocker):
    """60 young people from the seed, rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--young-people", "60", "--seed", str(request.param),
                     stdout=StringIO())
        yield request.param
        transaction.set_rollback(True)


@pytest.fixture
def records(demo, db):
    return Records()


def today() -> date:
    return timezone.localdate()


def local(moment) -> date:
    return timezone.localdate(moment)


def mentions(text: str, word: str) -> bool:
    return re.search(rf"\b{re.escape(word.strip())}\b", text, re.IGNORECASE) is not None


class Records:
    """The demo's records, read once for a test: each young person's places and activities
    in order, to ask what they were on a day."""

    def __init__(self):
        self.people = {p.pk: p for p in YoungPerson.objects.select_related("statutory_status")}
        self.places = defaultdict(list)
        for episode in AccommodationEpisode.objects.order_by("start_on"):
            self.places[episode.young_person_id].append(episode)
        self.activities = defaultdict(list)
        for activity in ActivityEpisode.objects.order_by("start_on"):
            self.activities[activity.young_person_id].append(activity)

    @staticmethod
    def _on(episodes, day):
        return next((e for e in episodes
                     if e.start_on <= day and (e.end_on is None or day <= e.end_on)), None)

    def place_on(self, pk, day):
        return self._on(self.places[pk], day)

    def lives_on(self, pk, day) -> str:
        place = self.place_on(pk, day)
        return place.type_code if place else ""

    def does_on(self, pk, day) -> str:
        activity = self._on(self.activities[pk], day)
        return activity.activity_code if activity else ""


def plans():
    return PathwayPlan.objects.select_related("based_on", "young_person").prefetch_related(
        "sections")


def section_text(plan, key=None) -> str:
    return " ".join(f"{s.plan_text} {s.young_persons_words}" for s in plan.sections.all()
                    if key is None or s.key == key)


# --- dates in order -----------------------------------------------------------------------------

def test_every_plan_is_started_then_reviewed_then_sent_then_decided(records):
    checked = 0
    for plan in plans():
        where = f"{plan.young_person.person_id} plan {plan.number}"
        assert plan.review_held_on is None or plan.started_on <= plan.review_held_on, where
        if plan.submitted_at is not None:
            assert plan.started_on <= local(plan.submitted_at), where
            assert plan.review_held_on <= local(plan.submitted_at), where
            checked += 1
        if plan.decided_at is not None:
            assert plan.submitted_at is not None and plan.submitted_at < plan.decided_at, where
            assert plan.decided_at <= timezone.now(), where
        if plan.based_on is not None:
            # A review starts from the plan in force, once it was authorised.
            assert local(plan.based_on.decided_at) <= plan.started_on, where
        if plan.needs_assessment is not None and plan.based_on is None:
            assert plan.needs_assessment.completed_on <= plan.started_on, where
    assert checked > 20
    for assessment in NeedsAssessment.objects.filter(completed_on__isnull=False):
        assert assessment.started_on <= assessment.completed_on <= today()


def test_returners_are_assessed_and_planned_for_after_they_asked(records):
    returners = [p for p in records.people.values()
                 if p.statutory_status.status == Status.RETURNER_21_25]
    assert returners
    last_asked = last_asked_for_support(returners)
    for person in returners:
        asked = last_asked[person.pk]
        for assessment in person.needs_assessments.all():
            assert assessment.started_on >= asked, person.person_id
        for plan in person.pathway_plans.all():
            assert plan.started_on >= asked, person.person_id
        for allocation in person.allocations.all():
            assert allocation.start_on >= asked, person.person_id


# --- places and activities ----------------------------------------------------------------------

def test_nobody_lives_in_two_places_or_does_two_things_at_once(records):
    for episodes in [*records.places.values(), *records.activities.values()]:
        for before, after in zip(episodes, episodes[1:], strict=False):
            assert before.end_on is not None and before.end_on < after.start_on, (
                before.young_person.person_id)


def test_what_they_do_fits_their_age_and_where_they_are(records):
    for pk, activities in records.activities.items():
        person = records.people[pk]
        for activity in activities:
            age = age_on(person.date_of_birth, activity.start_on)
            assert age >= 16, person.person_id
            if activity.activity_code in ("F1", "P1"):
                assert age >= 18, f"{person.person_id} at university at {age}"
            if "A level" in activity.course_or_job:
                assert age <= 18, person.person_id
            if "ESOL" in activity.course_or_job:
                assert not person.languages.startswith("English"), person.person_id
            # In custody, not at college or work.
            if records.lives_on(pk, activity.start_on) == "X":
                assert activity.activity_code.startswith("G"), person.person_id


def test_staying_put_is_after_18_with_the_carers_they_were_looked_after_by(records):
    staying = AccommodationEpisode.objects.filter(type_code="Z").select_related("young_person")
    assert staying.exists()
    for episode in staying:
        person = episode.young_person
        assert 18 <= age_on(person.date_of_birth, episode.start_on) <= 20
        assert episode.staying_put_carer
        eve = birthday(person.date_of_birth, 18) - timedelta(days=1)
        assert CarePeriod.objects.filter(young_person=person, start_on__lte=eve).exclude(
            end_on__lt=eve).exists(), person.person_id


def test_staying_close_is_after_leaving_care_from_the_childrens_home_that_supports_them(records):
    close = AccommodationEpisode.objects.filter(staying_close=True).select_related(
        "young_person")
    assert close.exists()
    for episode in close:
        person = episode.young_person
        places = records.places[person.pk]
        before = places[places.index(episode) - 1]
        assert (before.type_code, before.provider) == ("C", episode.staying_close_home)
        assert age_on(person.date_of_birth, episode.start_on) >= 18, person.person_id
        assert not CarePeriod.objects.filter(young_person=person, start_on__lte=episode.start_on)\
            .exclude(end_on__lt=episode.start_on).exists(), person.person_id


def test_someone_who_came_alone_has_a_history_they_could_have(records):
    alone = [p for p in records.people.values() if p.uasc]
    assert alone
    for person in alone:
        periods = CarePeriod.objects.filter(young_person=person)
        assert not periods.filter(short_break=True).exists(), person.person_id
        assert not periods.filter(start_on__lt=birthday(person.date_of_birth, 14)).exists()
        facts = CareFacts.objects.filter(young_person=person).first()
        assert facts is None or not (facts.special_guardianship_order or facts.returned_home_on
                                     or facts.privately_fostered_after_16)
        assert not AccommodationEpisode.objects.filter(young_person=person,
                                                       type_code="B").exists()


# --- who they are -------------------------------------------------------------------------------

def test_names_languages_and_ethnicity_come_from_one_background(records):
    for person in records.people.values():
        backgrounds = UASC_BACKGROUNDS if person.uasc else [b for b, _ in BACKGROUNDS]
        assert any(
            b.ethnicity == person.ethnicity and person.languages in b.languages
            and person.first_name in b.first_names and person.last_name in b.family
            for b in backgrounds
        ), (person.person_id, person.full_name, person.ethnicity, person.languages)
        if "Tigrinya" in person.languages:
            assert person.uasc and person.ethnicity in CULTURES["Eritrean"]


def test_a_plan_about_who_they_are_speaks_their_language_and_culture(records):
    named_their_language = 0
    for plan in plans():
        person = plan.young_person
        text = f"{section_text(plan)} {plan.trusted_people}"
        for language in LANGUAGES:
            if mentions(text, language):
                assert language in person.languages, (person.person_id, language)
        for culture, codes in CULTURES.items():
            if mentions(text, culture):
                assert person.ethnicity in codes, (person.person_id, culture, person.ethnicity)
        for words in CAME_ALONE:
            if mentions(text, words):
                assert person.uasc, (person.person_id, words)
        if person.uasc:
            first = person.languages.split(",")[0]
            assert mentions(section_text(plan, Section.IDENTITY), first), person.person_id
            named_their_language += 1
    assert named_their_language


# --- plans say what the records say ---------------------------------------------------------------

def test_a_plan_says_where_they_lived_on_the_day_it_was_reviewed(records):
    staying_put = 0
    for plan in plans():
        pk, held = plan.young_person_id, plan.review_held_on
        lives = records.lives_on(pk, held)
        where = f"{plan.young_person.person_id} plan {plan.number} ({lives})"
        accommodation = section_text(plan, Section.ACCOMMODATION)
        if STAYING_PUT.search(section_text(plan)):
            assert lives == "Z", where
            staying_put += 1
        if CUSTODY.search(section_text(plan)):
            assert lives == "X", where
        if lives == "X":
            assert CUSTODY.search(accommodation), where
        if lives == "Z":
            assert STAYING_PUT.search(accommodation), where
    assert staying_put


def test_nobody_in_custody_has_a_plan_that_says_they_are_staying_put(records):
    latest = {}
    for plan in plans().order_by("number"):
        latest[plan.young_person_id] = plan
    for pk, plan in latest.items():
        lives = records.lives_on(pk, today())
        if lives == "X":
            assert not STAYING_PUT.search(section_text(plan)), plan.young_person.person_id
        if STAYING_PUT.search(section_text(plan)):
            assert lives == "Z", plan.young_person.person_id


def test_a_plan_talks_about_college_work_or_a_baby_only_when_they_have_one(records):
    for plan in plans():
        does = records.does_on(plan.young_person_id, plan.review_held_on)
        text = section_text(plan)
        for word, codes in ABOUT_WHAT_THEY_DO.items():
            if mentions(text, word):
                assert does in codes, (plan.young_person.person_id, plan.number, word, does)


# --- contacts -----------------------------------------------------------------------------------

def test_each_contact_fits_where_they_were_and_what_they_did_that_day(records):
    custody_visits = 0
    for contact in Contact.objects.select_related("young_person"):
        pk, day = contact.young_person_id, local(contact.contact_at)
        person = contact.young_person
        place = records.place_on(pk, day)
        lives = place.type_code if place else ""
        where = f"{person.person_id} {day} {contact.contact_type} ({lives})"
        assert birthday(person.date_of_birth, 16) <= day < today() + timedelta(days=1), where
        if contact.contact_type == ContactType.CUSTODY_VISIT:
            assert lives == "X", where
            custody_visits += 1
        if lives == "X":
            assert contact.contact_type in (ContactType.CUSTODY_VISIT, ContactType.PHONE), where
        if contact.contact_type == ContactType.ACCOMMODATION_VISIT:
            assert place is not None and place.council_provided, where
        notes = f"{contact.notes} {contact.location}"
        if CUSTODY.search(notes):
            assert lives == "X", where
        if mentions(notes, "Staying Put"):
            assert lives == "Z", where
        if mentions(notes, "bed and breakfast"):
            assert lives == "W", where
        does = records.does_on(pk, day)
        for word, codes in ABOUT_WHAT_THEY_DO.items():
            if mentions(notes, word):
                assert does in codes, (where, word, does)
        for words in CAME_ALONE:
            if mentions(notes, words):
                assert person.uasc, (where, words)
    assert custody_visits


def test_searching_the_notes_finds_who_is_in_custody_or_at_college(records):
    in_custody = {pk for pk in records.people if records.lives_on(pk, today()) == "X"}
    found = set(YoungPerson.objects.search("custody").filter(found_by_words=True)
                .values_list("pk", flat=True))
    assert in_custody and in_custody <= found
    ever_in_custody = {e.young_person_id for e in
                       AccommodationEpisode.objects.filter(type_code="X")}
    assert found <= ever_in_custody

    at_college = set()
    for pk in records.people:
        code = records.does_on(pk, today())
        if code not in ("F2", "P2"):
            continue
        since = next(a.start_on for a in reversed(records.activities[pk])
                     if a.activity_code == code)
        reached = Contact.objects.filter(
            young_person=pk, outcome__in=[ContactOutcome.SEEN, ContactOutcome.SPOKE],
        ).order_by("contact_at").last()
        if reached is not None and local(reached.contact_at) >= since:
            at_college.add(pk)
    found = set(YoungPerson.objects.search("college").filter(found_by_words=True)
                .values_list("pk", flat=True))
    assert at_college and at_college <= found
    ever_at_college = {a.young_person_id for a in
                       ActivityEpisode.objects.filter(activity_code__in=["F2", "P2"])}
    assert found <= ever_at_college


# --- what it settles ----------------------------------------------------------------------------

def test_every_standing_and_alert_is_what_a_rebuild_from_the_records_gives(records):
    assert standings_rebuild(on=today()).written == 0

    changes = alerts_sync(on=today())

    assert (changes.raised, changes.resolved, changes.standings_moved) == ([], [], {})
    assert Alert.objects.open().count() > 5
    pa = User.objects.get(username="pa")
    manager = User.objects.get(username="manager")
    assert alerts_for(pa, today=today()).exists()
    assert alerts_for(manager, today=today()).exists()
    assert set(StatutoryStatus.objects.values_list("status", flat=True)) == set(Status.values)


# --- on the pure rule ---------------------------------------------------------------------------

@pytest.mark.parametrize("on", [date(2026, 3, 3), date(2028, 2, 29), date(2025, 6, 30)])
@pytest.mark.parametrize("seed_value", [1, 2, 3])
def test_a_history_for_someone_who_came_alone_keeps_the_status_it_is_meant_to(on, seed_value):
    """Each history the demo gives, as it gives it to someone who came to the country alone:
    the status is the one the history was meant to give, so the demo never comes out short."""
    from careleavers.demo import AGE_PATTERN, DemoContext, demo_identity
    from careleavers.models import Team
    from eligibility.demo import HISTORIES, UASC_INSTEAD, age_group, arrived_alone
    from eligibility.histories import care_history
    from eligibility.rules import CarePeriod as Period
    from eligibility.rules import Facts, decide_status

    teams = {"north": Team(team_id="north"), "south": Team(team_id="south")}
    ctx = DemoContext(seed=seed_value, count=0, today=on, now=None, teams=teams, staff={},
                      staff_teams={})
    for number in range(1, 2 * len(AGE_PATTERN) + 1):
        dob = demo_identity(ctx, number)["date_of_birth"]
        for kind in HISTORIES[age_group(age_on(dob, on))]:
            def status(periods, facts, dob=dob):
                return decide_status(Facts(date_of_birth=dob, care_periods=tuple(
                    Period(*p) for p in periods), **facts), on).status

            periods, facts = care_history(kind, ctx.rng("care", number, kind), dob=dob, today=on)
            rng = ctx.rng("care", number, kind, "alone")
            alone, alone_facts = care_history(UASC_INSTEAD.get(kind, kind), rng, dob=dob,
                                              today=on)
            alone = arrived_alone(rng, alone, dob=dob)

            assert status(alone, alone_facts) == status(periods, facts), (number, kind, alone)
            assert all(start >= birthday(dob, 14) and not short_break
                       for start, _, short_break in alone), (number, kind, alone)
