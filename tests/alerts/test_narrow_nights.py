"""A night checks only the young people the days since the last run may move
(`alerts.services.daily_checks_run`). Night after night on the demo service, what is kept (each
status and its reason, each standing, the open alerts) must be exactly what checking everyone
from their records gives; and everyone is checked at least once a week."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from accommodation.models import AccommodationEpisode
from advisers.models import Allocation, AllocationKind
from alerts.alerts import CONDITIONS
from alerts.models import Alert, AlertKind, DailyCheckRun
from alerts.services import daily_checks_run
from careleavers.models import YoungPerson
from careleavers.services import young_people_changed
from eet.models import ActivityEpisode
from eligibility.rules import decide_status
from eligibility.services import FACT_PREFETCHES, facts_for
from immigration.models import ImmigrationRecord
from immigration.selectors import leave_on
from standing.models import Standing
from standing.standings import COLUMNS, standings_derive
from tests.advisers.people import today

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", "--young-people", "60", stdout=StringIO())


def _ending_soon(model, days: int, *, besides=(), **kind) -> int:
    """End the current episode of someone not `besides` `days` from now (an end set ahead, as
    an import or a colleague's planned cover may be): their standing must move on the day
    after it."""
    episode = (model.objects.filter(end_on__isnull=True, start_on__lte=today(), **kind)
               .exclude(young_person__in=besides).order_by("young_person_id").first())
    model.objects.filter(pk=episode.pk).update(end_on=today() + timedelta(days=days))
    young_people_changed([episode.young_person_id])
    return episode.young_person_id


def _coming_within_warning(settings) -> dict:
    """Move the demo's expected release from custody and one end of leave to remain to a few
    nights beyond their warnings (as a correction typed in would): each alert must be raised by
    the narrow night the date brings it within its warning. {kind: (young person, night)}."""
    custody = AccommodationEpisode.objects.covering(today()).in_custody().get()
    AccommodationEpisode.objects.filter(pk=custody.pk).update(
        expected_release_on=today() + timedelta(days=settings.RELEASE_FROM_CUSTODY_SOON_DAYS + 4))
    pk, leave = sorted(leave_on(YoungPerson.objects.all(), on=today()).items())[0]
    ImmigrationRecord.objects.filter(pk=leave.pk).update(
        leave_expires_on=today() + timedelta(days=settings.LEAVE_ENDS_SOON_DAYS + 6))
    young_people_changed([custody.young_person_id, pk])
    return {AlertKind.RELEASE_SOON: (custody.young_person_id, today() + timedelta(days=4)),
            AlertKind.LEAVE_ENDS_SOON: (pk, today() + timedelta(days=6))}


def kept(on) -> dict:
    people = YoungPerson.objects.select_related("statutory_status").order_by("pk")
    return {
        "statuses": {p.pk: (p.statutory_status.status, p.statutory_status.reason) for p in people},
        "standings": {s.pk: tuple(getattr(s, c) for c in COLUMNS)
                      for s in Standing.objects.all()},
        "alerts": set(Alert.objects.open().filter(raised_on__lte=on)
                      .values_list("kind", "young_person_id", "detail")),
    }


def from_records(on) -> dict:
    """What checking everyone from their records gives on `on`, written nowhere."""
    people = YoungPerson.objects.prefetch_related(*FACT_PREFETCHES).select_related("care_facts")
    everyone = YoungPerson.objects.all()
    return {
        "statuses": {p.pk: (str(d.status), d.reason) for p in people.order_by("pk")
                     for d in [decide_status(facts_for(p), on)]},
        "standings": {pk: tuple(getattr(s, c) for c in COLUMNS)
                      for pk, s in standings_derive(everyone, on=on).items()},
        "alerts": {(kind, pk, detail[:300]) for kind, condition in CONDITIONS.items()
                   for pk, detail in condition(everyone, on).items()},
    }


def test_night_after_night_the_narrow_checks_keep_what_checking_everyone_gives(demo, settings):
    coming = _coming_within_warning(settings)
    # Nobody whose warning is coming has a record dated ahead: only their standing finds them.
    besides = [pk for pk, _ in coming.values()]
    moved_ahead = [_ending_soon(Allocation, 3, besides=besides,
                                kind=AllocationKind.PERSONAL_ADVISER)]
    moved_ahead.append(_ending_soon(AccommodationEpisode, 5, besides=besides + moved_ahead))
    moved_ahead.append(_ending_soon(ActivityEpisode, 8, besides=besides + moved_ahead))
    nights = [today() + timedelta(days=n) for n in range(1, 25)]
    # A night missed (the worker was down) and a long gap: the next run catches up.
    nights += [nights[-1] + timedelta(days=2), nights[-1] + timedelta(days=12)]
    runs = []
    for on in nights:
        checks = daily_checks_run(on=on)
        runs.append(checks)
        assert kept(on) == from_records(on), on

    narrow = [checks for checks in runs if not checks.everyone]
    assert runs[0].everyone and narrow
    # Narrow nights decide a part of the caseload, not all of it.
    assert max(checks.statuses_decided for checks in narrow) < YoungPerson.objects.count()
    # Everyone is checked at least weekly: no narrow night a week or more after the last run
    # that checked everyone.
    full = [checks.on for checks in runs if checks.everyone]
    assert len(full) >= 3
    for checks in narrow:
        assert checks.on - max(on for on in full if on < checks.on) < timedelta(days=7)
    assert runs[-1].everyone  # 12 days since the last run
    # The records dated ahead moved those standings on the night after their end.
    for pk in moved_ahead:
        assert Standing.objects.get(pk=pk).derived_on > today() + timedelta(days=3)
    assert DailyCheckRun.objects.finished().count() == len(nights)
    # The release and the leave came within their warnings on narrow nights, and were raised.
    for kind, (pk, night) in coming.items():
        assert not next(checks for checks in runs if checks.on == night).everyone
        assert Alert.objects.filter(kind=kind, young_person=pk, raised_on=night).exists(), kind


def test_running_a_narrow_night_twice_changes_nothing(demo):
    daily_checks_run(on=today() + timedelta(days=1))
    first = daily_checks_run(on=today() + timedelta(days=2))
    before = kept(today() + timedelta(days=2))

    again = daily_checks_run(on=today() + timedelta(days=2))

    assert not first.everyone and not again.everyone
    assert (again.statuses_changed, again.standings_moved, again.alerts_raised,
            again.alerts_resolved) == (0, {}, [], [])
    assert kept(today() + timedelta(days=2)) == before


def test_verify_checks_everyone(demo):
    daily_checks_run(on=today() + timedelta(days=1))
    out = StringIO()
    call_command("run_daily_checks", "--on", (today() + timedelta(days=2)).isoformat(),
                 "--verify", stdout=out)
    narrow = StringIO()
    call_command("run_daily_checks", "--on", (today() + timedelta(days=3)).isoformat(),
                 stdout=narrow)

    assert f"Checked everyone from their records: {YoungPerson.objects.count()}" in out.getvalue()
    since = (today() + timedelta(days=2)).isoformat()
    assert f"Checked those the days since {since} may move" in narrow.getvalue()


def test_a_status_the_night_passed_over_still_says_it_was_checked_that_night(demo, client):
    from careleavers.models import Role, User

    daily_checks_run(on=today() + timedelta(days=1))
    checks = daily_checks_run(on=today() + timedelta(days=2))
    decided = set(YoungPerson.objects.filter(
        statutory_status__checked_on=today() + timedelta(days=2)).values_list("pk", flat=True))
    passed_over = YoungPerson.objects.exclude(pk__in=decided).first()
    assert not checks.everyone and passed_over is not None
    client.force_login(User.objects.filter(role=Role.SERVICE_MANAGER).first())

    page = client.get(f"/young-people/{passed_over.pk}/care-history/").content.decode()

    checked = (today() + timedelta(days=2))
    assert f"{checked.day} {checked:%B %Y}" in page.split("Last checked")[1][:200]


def _caseload(teams, how_many: int, *, first: int) -> None:
    """Young people aged 19 whose birthdays are not in the nights below."""
    from datetime import date

    from eligibility.models import StatutoryStatus
    from standing.standings import standings_refresh

    born = date(today().year - 19, today().month, 1) - timedelta(days=40)
    people = YoungPerson.objects.bulk_create(
        YoungPerson(person_id=f"Q{first + n:05d}", first_name="Test", last_name="Many",
                    date_of_birth=born, sex="F", ethnicity="WBRI", team=teams["north"])
        for n in range(how_many)
    )
    StatutoryStatus.objects.bulk_create(
        StatutoryStatus(young_person=p, status="not_entitled", reason="", since=today(),
                        checked_on=today()) for p in people
    )
    standings_refresh(young_person_ids=[p.pk for p in people], on=today())


def test_a_narrow_night_runs_the_same_queries_for_10_or_1000_young_people(
    teams, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _caseload(teams, 10, first=0)
    daily_checks_run(on=today() + timedelta(days=1))
    with CaptureQueriesContext(connection) as with_ten:
        assert not daily_checks_run(on=today() + timedelta(days=2)).everyone
    _caseload(teams, 990, first=10)
    with django_assert_max_num_queries(len(with_ten)):
        checks = daily_checks_run(on=today() + timedelta(days=3))

    assert not checks.everyone and checks.statuses_decided == 0
