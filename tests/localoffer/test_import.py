"""payments.csv in `import_records`: payments made before this system, recorded as agreed and
paid with history that says imported; held to what is left like any payment; all or nothing;
the same file twice changes nothing."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command

from careleavers.models import YoungPerson
from localoffer.models import OfferRequest, Payment, RequestState

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 3, 3, 15, 0, tzinfo=ZoneInfo("Europe/London"))

BASE = {
    "teams.csv": "team_id,name\nnorth,North team\n",
    "staff.csv": ("username,full_name,email,role,team_id\n"
                  "mgreen,Morgan Green,mgreen@council.example,team_manager,north\n"),
    "young_people.csv": (
        "person_id,first_name,last_name,date_of_birth,sex,ethnicity,team_id\n"
        "YP-1,Amara,Testperson,2005-09-01,F,BAFR,north\n"
    ),
    "care_periods.csv": "person_id,start_date,end_date\nYP-1,2019-05-01,2023-09-01\n",
}
PAYMENTS = """\
payment_id,person_id,entitlement,amount,paid_on,method,reference,agreed_by
FIN-2,YP-1,setting-up-home,"1,500.00",2025-11-20,supplier,INV-9,mgreen
FIN-1,YP-1,setting-up-home,750,2025-10-01,bank_transfer,,
"""


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def write(directory, **files):
    for name, text in {**BASE, **files}.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def run(directory) -> str:
    out = StringIO()
    call_command("import_records", str(directory), stdout=out, stderr=StringIO())
    return out.getvalue()


def errors_of(directory) -> list[str]:
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_records", str(directory), stdout=StringIO(), stderr=err)
    return err.getvalue().splitlines()


def test_payments_are_imported_as_agreed_and_paid_with_history_saying_so(tmp_path):
    out = run(write(tmp_path, **{"payments.csv": PAYMENTS}))

    assert "payments.csv: 2 rows (2 added, 0 updated, 0 unchanged)" in out
    payments = list(Payment.objects.order_by("paid_on"))
    assert [(p.imported_id, p.amount_pence, p.paid_on, p.method) for p in payments] == [
        ("FIN-1", 75_000, date(2025, 10, 1), "bank_transfer"),
        ("FIN-2", 150_000, date(2025, 11, 20), "supplier"),
    ]
    request = payments[1].request
    assert request.state == RequestState.AGREED and request.imported
    assert request.decided_by.username == "mgreen"
    for record in (request, payments[1]):
        row = record.history.get()
        assert row.history_change_reason == "Imported" and row.history_user is None


def test_the_same_file_twice_changes_nothing(tmp_path):
    write(tmp_path, **{"payments.csv": PAYMENTS})
    run(tmp_path)

    out = run(tmp_path)

    assert "payments.csv: 2 rows (0 added, 0 updated, 2 unchanged)" in out
    assert Payment.objects.count() == 2 and OfferRequest.objects.count() == 2


def test_payments_beyond_what_is_left_import_nothing_at_all(tmp_path):
    too_much = PAYMENTS + "FIN-3,YP-1,setting-up-home,800,2026-01-05,cash,,\n"

    errors = errors_of(write(tmp_path, **{"payments.csv": too_much}))

    assert errors == [
        "payments.csv:4: amount: Amount must be £750.00 or less: that is what is left of their "
        "setting-up-home allowance"]
    assert not Payment.objects.exists() and not OfferRequest.objects.exists()
    assert not YoungPerson.objects.exists()


def test_bad_values_are_each_reported_against_their_column(tmp_path):
    bad = ("payment_id,person_id,entitlement,amount,paid_on,method\n"
           "FIN-1,YP-9,bicycles,lots,2025-13-01,cheque\n")

    errors = errors_of(write(tmp_path, **{"payments.csv": bad}))

    assert "payments.csv:2: person_id: Unknown young person 'YP-9': not in young_people.csv " \
           "and not already here" in errors
    assert any(e.startswith("payments.csv:2: entitlement: 'bicycles' is not an entitlement")
               for e in errors)
    assert "payments.csv:2: amount: 'lots' must be an amount in pounds, like 250.00" in errors
    assert "payments.csv:2: paid_on: '2025-13-01' is not a real date as YYYY-MM-DD" in errors
    assert any(e.startswith("payments.csv:2: method: 'cheque' must be one of") for e in errors)
    assert not YoungPerson.objects.exists()
