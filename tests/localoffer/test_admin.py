"""The local offer is a council setting: an administrator changes an entitlement's amount, who
can have it and the limit over which a manager agrees, in pounds; retires one rather than
deleting it; and every change is kept with who made it. Nobody else opens the admin."""

import pytest
from django.urls import reverse

from eligibility.rules import Status
from localoffer.models import Entitlement
from tests.localoffer.offer import entitlement

pytestmark = pytest.mark.django_db


def _form(offer, **changes) -> dict:
    values = {
        "key": offer.key, "name": offer.name, "description": offer.description,
        "amount_pence": "3500", "paid": offer.paid, "statuses": list(offer.statuses),
        "youngest_age": offer.youngest_age, "oldest_age": offer.oldest_age,
        "manager_over_pence": "0", "order": offer.order, "active": "on",
    }
    values.update(changes)
    return values


def test_an_administrator_changes_an_entitlement_in_pounds_and_it_is_kept_in_history(
        client, staff):
    offer = entitlement("setting-up-home")
    client.force_login(staff["admin"])
    url = reverse("admin:localoffer_entitlement_change", args=[offer.pk])

    assert client.get(url).status_code == 200
    response = client.post(url, _form(offer, amount_pence="3,500",
                                      statuses=[Status.FORMER_RELEVANT]))

    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.amount_pence == 350_000 and offer.statuses == [Status.FORMER_RELEVANT]
    assert offer.history.latest().history_user == staff["admin"]


def test_an_entitlement_is_retired_not_deleted(client, staff):
    offer = entitlement("leisure-pass")
    client.force_login(staff["admin"])

    deleted = client.post(reverse("admin:localoffer_entitlement_delete", args=[offer.pk]),
                          {"post": "yes"})
    client.post(reverse("admin:localoffer_entitlement_change", args=[offer.pk]),
                {**_form(offer, amount_pence=""), "active": ""})

    assert deleted.status_code == 403
    offer.refresh_from_db()
    assert not offer.active and offer.amount_pence is None


def test_ages_the_wrong_way_round_are_refused(client, staff):
    offer = entitlement("driving-lessons")
    client.force_login(staff["admin"])

    response = client.post(reverse("admin:localoffer_entitlement_change", args=[offer.pk]),
                           _form(offer, youngest_age=22, oldest_age=18))

    assert "The oldest age must be the same as or more than the youngest" in \
        response.content.decode()
    assert Entitlement.objects.get(pk=offer.pk).oldest_age == 24


@pytest.mark.parametrize("persona", ["pa", "manager", "service", "board"])
def test_nobody_but_an_administrator_opens_the_local_offer_in_the_admin(client, staff, persona):
    client.force_login(staff[persona])

    response = client.get(reverse("admin:localoffer_entitlement_changelist"))

    assert response.status_code in (302, 403)
    assert "Setting-up-home allowance" not in response.content.decode()
