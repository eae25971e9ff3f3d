"""Young people, entitlements, requests and payments for the local offer's tests. The
entitlements are the defaults the migration gives every council."""

from datetime import timedelta
from importlib import import_module

from django.apps import apps
from django.utils import timezone

from eligibility.rules import Status
from localoffer.models import Entitlement
from localoffer.services import payment_record, request_agree, request_ask
from tests.advisers.people import allocate, young_person
from tests.careleavers.records import years_ago


def today():
    return timezone.localdate()


def default_entitlements() -> None:
    """The entitlements the migration gives every council, again: a test that commits its data
    (a browser test) empties every table when it ends, the migration's rows with the rest."""
    migration = import_module("localoffer.migrations.0002_default_entitlements")
    migration.add_default_entitlements(apps, None)


def entitlement(key: str) -> Entitlement:
    return Entitlement.objects.get(key=key)


def care_leaver(team, adviser=None, *, age: int = 19, status=Status.FORMER_RELEVANT, **fields):
    """A young person of `age` with `status`, held by `adviser` if given."""
    person = young_person(team, status=status, date_of_birth=years_ago(age, days=30), **fields)
    if adviser is not None:
        allocate(person, adviser)
    return person


def asked(person, by, key="setting-up-home", pence=120_000, reason="A bed and a cooker"):
    return request_ask(actor=by, young_person=person, entitlement=entitlement(key),
                       amount_pence=pence, reason=reason)


def agreed(person, by, manager, key="setting-up-home", pence=120_000):
    request = asked(person, by, key, pence)
    return request_agree(actor=manager, request=request)


def paid(request, by, pence=None, *, days_ago=1, method="bank_transfer", reference="FIN-1"):
    return payment_record(actor=by, request=request, paid_on=today() - timedelta(days=days_ago),
                          amount_pence=pence or request.amount_pence, method=method,
                          reference=reference)
