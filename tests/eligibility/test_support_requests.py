"""Recording that a young person aged 21 to 24 asked for support, or said they no longer want it
(CA s.23CZB): every one kept with its date and who recorded it, and their status, its history
and their standing moved by it in the same save."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from careleavers.concurrency import StaleEditError
from careleavers.dates import long_date
from careleavers.models import RecordView, YoungPerson
from eligibility.models import StatusChange, SupportChoice, SupportChoiceKind
from eligibility.rules import Status, birthday
from eligibility.selectors import statuses_on_days
from eligibility.services import care_period_add, support_choice_record
from standing.models import Standing
from tests.careleavers.records import add_young_person, allocate, date_post, years_ago
from tests.careleavers.test_import_records import CASELOAD
from tests.careleavers.test_import_records import TODAY as IMPORTED_ON
from tests.careleavers.test_import_records import run as run_import
from tests.careleavers.test_import_records import run_failing as run_import_failing
from tests.careleavers.test_import_records import write as write_files

pytestmark = pytest.mark.django_db

ASKED, OPTED_OUT = SupportChoiceKind.ASKED, SupportChoiceKind.OPTED_OUT
RETURNER_LABEL = Status.RETURNER_21_25.label


@pytest.fixture
def care_leaver(staff, teams):
    """Aged 22, looked after from 15 until the day before 18: former relevant at 21, and so
    entitled to ask for support until 25."""
    dob = years_ago(22, days=40)
    person = add_young_person(team=teams["north"], actor=staff["manager"], date_of_birth=dob,
                              first_name="Jordan", last_name="Reid")
    care_period_add(actor=staff["manager"], young_person=person, start_on=birthday(dob, 15),
                    end_on=birthday(dob, 18) - timedelta(days=1))
    allocate(person, staff["pa"])
    person.refresh_from_db()
    assert person.statutory_status.status == Status.ENTITLED_ON_REQUEST
    return person


def url(person) -> str:
    return reverse("support-choice-record", args=[person.pk])


def choice_post(kind=ASKED, on=None, *, notes="", latest_seen=0) -> dict:
    return {"kind": kind or "", **date_post("on", on), "notes": notes,
            "latest_seen": str(latest_seen)}


def status_of(person) -> str:
    person.refresh_from_db()
    return person.statutory_status.status


def days_ago(n: int):
    return timezone.localdate() - timedelta(days=n)


# --- recording through the page ------------------------------------------------------------------

def test_their_pa_records_a_request_and_status_history_and_standing_move_at_once(
    client, staff, care_leaver
):
    asked_on = days_ago(3)
    client.force_login(staff["pa"])

    response = client.post(url(care_leaver), choice_post(ASKED, asked_on,
                                                         notes="Rang about housing"),
                           follow=True)

    assert response.redirect_chain[-1][0] == reverse("care-history", args=[care_leaver.pk])
    choice = SupportChoice.objects.get(young_person=care_leaver)
    assert (choice.kind, choice.on, choice.recorded_by, choice.notes) == (
        ASKED, asked_on, staff["pa"], "Rang about housing")
    assert choice.history.get().history_user == staff["pa"]
    assert status_of(care_leaver) == Status.RETURNER_21_25
    change = StatusChange.objects.filter(young_person=care_leaver).first()
    assert (change.status, change.previous_status, change.recorded_by) == (
        Status.RETURNER_21_25, Status.ENTITLED_ON_REQUEST, staff["pa"])
    assert change.reason.startswith(f"Asked for support on {long_date(asked_on)}")
    assert Standing.objects.get(young_person=care_leaver).status == Status.RETURNER_21_25
    page = response.content.decode()
    assert escape(f"Their status is now {RETURNER_LABEL}") in page
    assert "Rang about housing" in page


def test_opting_out_then_asking_again_keeps_every_date_and_each_change_of_status(
    client, staff, care_leaver
):
    support_choice_record(actor=staff["manager"], young_person=care_leaver, kind=ASKED,
                          on=days_ago(200))
    support_choice_record(actor=staff["pa"], young_person=care_leaver, kind=OPTED_OUT,
                          on=days_ago(100))
    assert status_of(care_leaver) == Status.ENTITLED_ON_REQUEST
    client.force_login(staff["colleague"])

    client.post(url(care_leaver), choice_post(ASKED, days_ago(1), latest_seen=SupportChoice
                                              .objects.latest("pk").pk))

    assert status_of(care_leaver) == Status.RETURNER_21_25
    assert list(SupportChoice.objects.filter(young_person=care_leaver)
                .values_list("kind", "on", "recorded_by__username")) == [
        (ASKED, days_ago(200), "manager"), (OPTED_OUT, days_ago(100), "pa"),
        (ASKED, days_ago(1), "colleague")]
    reasons = [change.reason for change in StatusChange.objects.filter(young_person=care_leaver)
               .order_by("recorded_at", "pk")][-3:]
    assert reasons[0].startswith(f"Asked for support on {long_date(days_ago(200))}")
    assert reasons[1].startswith(
        f"Said they no longer want support on {long_date(days_ago(100))}")
    assert reasons[2].startswith(
        f"Asked for support again on {long_date(days_ago(1))}, having said on "
        f"{long_date(days_ago(100))} they no longer wanted it")


def test_the_care_history_lists_every_request_and_opt_out_with_who_recorded_it(
    client, staff, care_leaver
):
    support_choice_record(actor=staff["manager"], young_person=care_leaver, kind=ASKED,
                          on=days_ago(200))
    support_choice_record(actor=staff["pa"], young_person=care_leaver, kind=OPTED_OUT,
                          on=days_ago(100), notes="Moving away for work")
    client.force_login(staff["service"])

    page = client.get(reverse("care-history", args=[care_leaver.pk])).content.decode()

    assert long_date(days_ago(200)) in page and long_date(days_ago(100)) in page
    assert "They asked for support" in page
    assert "They said they no longer want support" in page
    assert "Moving away for work" in page
    assert escape(str(staff["manager"])) in page and escape(str(staff["pa"])) in page


def test_each_request_and_opt_out_is_in_the_chronology_with_who_recorded_it(
    client, staff, care_leaver
):
    support_choice_record(actor=staff["manager"], young_person=care_leaver, kind=ASKED,
                          on=days_ago(200))
    support_choice_record(actor=staff["pa"], young_person=care_leaver, kind=OPTED_OUT,
                          on=days_ago(100), notes="Moving away for work")
    client.force_login(staff["pa"])

    response = client.get(reverse("young-person-chronology", args=[care_leaver.pk]),
                          {"kind": "Support after 21"})

    entries = [(entry.at, entry.title, entry.by) for entry in response.context["pages"].rows]
    assert entries == [
        (days_ago(100), "They said they no longer want support", str(staff["pa"])),
        (days_ago(200), "They asked for support", str(staff["manager"])),
    ]
    assert "Moving away for work" in response.content.decode()


@pytest.mark.parametrize("count", [1, 12])
def test_the_care_history_reads_any_number_of_choices_in_the_same_queries(
    client, staff, care_leaver, django_assert_max_num_queries, count
):
    for n in range(count):
        support_choice_record(actor=staff["pa"], young_person=care_leaver,
                              kind=ASKED if n % 2 == 0 else OPTED_OUT, on=days_ago(300 - n))
    client.force_login(staff["pa"])

    # session and user, the young person, the view log, care facts, periods, status, the
    # nightly check's last run, status changes with who made them, support choices with who
    # recorded them, the user's teams and allocation (may they change it, may they record)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("care-history", args=[care_leaver.pk]))

    assert response.status_code == 200
    assert len(response.context["support_choices"]) == count


# --- refused, nothing saved ----------------------------------------------------------------------

def _nothing_saved(person, changes_before):
    assert not SupportChoice.objects.filter(young_person=person).exists()
    assert StatusChange.objects.filter(young_person=person).count() == changes_before
    assert status_of(person) == Status.ENTITLED_ON_REQUEST


@pytest.mark.parametrize(("kind", "on", "message"), [
    (ASKED, lambda person: timezone.localdate() + timedelta(days=1),
     "The date they asked for support must be today or in the past"),
    (ASKED, lambda person: birthday(person.date_of_birth, 21) - timedelta(days=1),
     "The date they asked for support must be on or after their 21st birthday"),
    (OPTED_OUT, lambda person: timezone.localdate() + timedelta(days=3),
     "The date they said they no longer want support must be today or in the past"),
    (OPTED_OUT, lambda person: birthday(person.date_of_birth, 16) - timedelta(days=1),
     "The date they said they no longer want support must be on or after their 16th birthday"),
])
def test_a_date_that_cannot_be_right_is_refused_next_to_the_field(
    client, staff, care_leaver, kind, on, message
):
    changes_before = StatusChange.objects.filter(young_person=care_leaver).count()
    client.force_login(staff["pa"])

    response = client.post(url(care_leaver), choice_post(kind, on(care_leaver)))

    assert response.status_code == 200
    [error] = response.context["form"].errors["on"]
    assert error.startswith(message)
    page = response.content.decode()
    assert 'class="govuk-error-summary"' in page
    assert 'id="on-error"' in page or "govuk-error-message" in page
    _nothing_saved(care_leaver, changes_before)


def test_a_date_half_typed_or_no_answer_gets_a_clear_message(client, staff, care_leaver):
    changes_before = StatusChange.objects.filter(young_person=care_leaver).count()
    client.force_login(staff["pa"])
    data = {**choice_post(kind=None, on=days_ago(3)), "on_1": ""}

    response = client.post(url(care_leaver), data)

    errors = response.context["form"].errors
    assert errors["kind"] == ["Select whether they asked for support or said they no longer "
                              "want it"]
    assert errors["on"] == ["The date must include a month"]
    _nothing_saved(care_leaver, changes_before)


def test_the_same_choice_on_the_same_day_is_not_recorded_twice(staff, care_leaver):
    support_choice_record(actor=staff["pa"], young_person=care_leaver, kind=ASKED,
                          on=days_ago(5))

    with pytest.raises(Exception, match="already recorded"):
        support_choice_record(actor=staff["pa"], young_person=care_leaver, kind=ASKED,
                              on=days_ago(5))

    assert SupportChoice.objects.filter(young_person=care_leaver).count() == 1


def test_a_choice_recorded_by_someone_else_meanwhile_refuses_the_save_until_seen(
    client, staff, care_leaver
):
    client.force_login(staff["pa"])
    opened = client.get(url(care_leaver))
    assert opened.context["form"].initial["latest_seen"] == 0
    support_choice_record(actor=staff["manager"], young_person=care_leaver, kind=ASKED,
                          on=days_ago(10))
    changes_before = StatusChange.objects.filter(young_person=care_leaver).count()

    response = client.post(url(care_leaver), choice_post(OPTED_OUT, days_ago(2)))

    assert response.status_code == 200
    page = response.content.decode()
    assert escape(f"{staff['manager']} recorded that they asked for support on "
                  f"{long_date(days_ago(10))}") in page
    assert SupportChoice.objects.filter(young_person=care_leaver).count() == 1
    assert StatusChange.objects.filter(young_person=care_leaver).count() == changes_before
    assert status_of(care_leaver) == Status.RETURNER_21_25
    # Saving again, having seen it, is deliberate and goes through.
    seen = response.context["form"].data["latest_seen"]
    client.post(url(care_leaver), choice_post(OPTED_OUT, days_ago(2), latest_seen=seen))
    assert status_of(care_leaver) == Status.ENTITLED_ON_REQUEST


def test_the_service_refuses_a_stale_save(staff, care_leaver):
    support_choice_record(actor=staff["manager"], young_person=care_leaver, kind=ASKED,
                          on=days_ago(10))

    with pytest.raises(StaleEditError):
        support_choice_record(actor=staff["pa"], young_person=care_leaver, kind=OPTED_OUT,
                              on=days_ago(2), latest_seen=0)

    assert SupportChoice.objects.filter(young_person=care_leaver).count() == 1


# --- who may record ------------------------------------------------------------------------------

@pytest.mark.parametrize("persona", ["pa", "colleague", "manager"])
def test_their_pa_a_colleague_in_the_team_and_the_team_manager_may_record(
    client, staff, care_leaver, persona
):
    client.force_login(staff[persona])

    history = client.get(reverse("care-history", args=[care_leaver.pk])).content.decode()
    form = client.get(url(care_leaver))
    saved = client.post(url(care_leaver), choice_post(ASKED, days_ago(1)))

    assert url(care_leaver) in history
    assert form.status_code == 200
    assert saved.status_code == 302
    assert SupportChoice.objects.get(young_person=care_leaver).recorded_by == staff[persona]
    view = RecordView.objects.filter(young_person=care_leaver, viewed_by=staff[persona],
                                     page="record a request for support or an opt-out")
    assert view.count() == 1


@pytest.mark.parametrize(("persona", "status_code"), [
    ("other_pa", 404), ("other_manager", 404), ("board", 404), ("admin", 404),
    ("duty", 403), ("service", 403),
])
def test_someone_else_cannot_record(client, staff, care_leaver, persona, status_code):
    client.force_login(staff[persona])

    assert client.get(url(care_leaver)).status_code == status_code
    assert client.post(url(care_leaver), choice_post(ASKED, days_ago(1))).status_code == (
        status_code)

    assert not SupportChoice.objects.filter(young_person=care_leaver).exists()
    assert status_of(care_leaver) == Status.ENTITLED_ON_REQUEST


@pytest.mark.parametrize("persona", ["duty", "service"])
def test_staff_who_only_read_see_no_link_to_record(client, staff, care_leaver, persona):
    client.force_login(staff[persona])

    page = client.get(reverse("care-history", args=[care_leaver.pk])).content.decode()

    assert url(care_leaver) not in page


def test_a_restricted_record_is_only_for_named_staff(client, staff, teams):
    person = add_young_person(team=teams["north"], actor=staff["manager"], restricted=True,
                              date_of_birth=years_ago(22), restricted_to=[staff["colleague"]])

    client.force_login(staff["pa"])
    assert client.get(url(person)).status_code == 404
    client.force_login(staff["colleague"])
    assert client.get(url(person)).status_code == 200


# --- facts.csv (INTERFACES.md §1): one request and one opt-out a row -----------------------------

def test_facts_csv_dates_are_one_request_and_one_opt_out_and_importing_again_adds_nothing(
    tmp_path
):
    # Cal (YP-3) was looked after until the day before 18, and turned 21 on 20 June 2025.
    files = {**CASELOAD, "facts.csv": (
        "person_id,requested_support_on,opted_out_on\n"
        "YP-3,2025-07-01,2025-09-01\n"
    )}
    with time_machine.travel(IMPORTED_ON, tick=False):
        run_import(write_files(tmp_path, files))
        cal = YoungPerson.objects.get(person_id="YP-3")
        assert list(SupportChoice.objects.filter(young_person=cal).values_list("kind", "on")) == [
            (ASKED, date(2025, 7, 1)), (OPTED_OUT, date(2025, 9, 1))]
        assert status_of(cal) == Status.ENTITLED_ON_REQUEST
        changes = StatusChange.objects.count()

        out, _ = run_import(tmp_path)

        assert "facts.csv: 1 row (0 added, 0 updated, 1 unchanged)" in out
        assert SupportChoice.objects.filter(young_person=cal).count() == 2
        assert StatusChange.objects.count() == changes

        # A later file: they asked again. The opt-out left blank stays recorded.
        (tmp_path / "facts.csv").write_text(
            "person_id,requested_support_on,opted_out_on\nYP-3,2026-01-10,\n", encoding="utf-8")
        out, _ = run_import(tmp_path)

        assert "facts.csv: 1 row (0 added, 1 updated, 0 unchanged)" in out
        assert SupportChoice.objects.filter(young_person=cal).count() == 3
        assert status_of(cal) == Status.RETURNER_21_25


def test_facts_csv_request_before_21_is_refused_and_nothing_imported(tmp_path):
    files = {**CASELOAD, "facts.csv": "person_id,requested_support_on\nYP-3,2025-06-19\n"}
    with time_machine.travel(IMPORTED_ON, tick=False):
        errors = run_import_failing(write_files(tmp_path, files))

    assert any(line.startswith("facts.csv:2: requested_support_on: The date they asked for "
                               "support must be on or after their 21st birthday")
               for line in errors), errors
    assert not YoungPerson.objects.exists()
    assert not SupportChoice.objects.exists()


def test_a_pa_in_their_team_records_a_request_for_someone_with_no_pa_now(client, staff, teams):
    """Someone entitled to ask has no Personal Adviser (none is required until they ask): the PA
    who takes their call records it, though they may not change the rest of their history."""
    dob = years_ago(23)
    person = add_young_person(team=teams["north"], actor=staff["manager"], date_of_birth=dob)
    care_period_add(actor=staff["manager"], young_person=person, start_on=birthday(dob, 15),
                    end_on=birthday(dob, 18) - timedelta(days=1))
    client.force_login(staff["pa"])

    assert client.get(reverse("care-facts-edit", args=[person.pk])).status_code == 403
    response = client.post(url(person), choice_post(ASKED, days_ago(0)))

    assert response.status_code == 302
    assert status_of(person) == Status.RETURNER_21_25


def test_a_past_day_before_their_status_history_is_decided_from_the_choices_made_by_then(
    staff, care_leaver, django_assert_max_num_queries
):
    support_choice_record(actor=staff["pa"], young_person=care_leaver, kind=ASKED,
                          on=days_ago(100))
    support_choice_record(actor=staff["pa"], young_person=care_leaver, kind=OPTED_OUT,
                          on=days_ago(50))
    StatusChange.objects.filter(young_person=care_leaver).delete()  # brought over, no history
    days = [days_ago(150), days_ago(75), days_ago(25)]

    # the young people, status history, care periods, other facts, support choices
    with django_assert_max_num_queries(5):
        found = statuses_on_days([(care_leaver.pk, day) for day in days])

    assert [found[care_leaver.pk, day] for day in days] == [
        Status.ENTITLED_ON_REQUEST, Status.RETURNER_21_25, Status.ENTITLED_ON_REQUEST]
