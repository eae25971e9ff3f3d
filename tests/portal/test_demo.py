"""The demo has a young person invited to their own pages by the demo PA, so anyone trying the
demo can sign in as them; it says who, and running it again invites nobody twice."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from portal.models import Access, SignInCode

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", "--young-people", "30", "--seed", "3", stdout=out)
    return out.getvalue()


def test_the_demo_pas_young_person_can_sign_in_to_their_own_pages():
    said = seed()

    access = Access.objects.select_related("young_person", "invited_by").get()
    person = access.young_person
    assert access.invited_by.username == "pa"
    assert person.allocations.filter(adviser__username="pa", end_on__isnull=True).exists()
    assert person.pathway_plans.filter(state="authorised").exists()
    assert access.email.endswith("@example.com") and f"({access.email}) is invited" in said
    assert person.email in ("", access.email)

    client = Client()
    client.post(reverse("portal-sign-in"), {"email": access.email})
    assert SignInCode.objects.filter(access=access).count() == 1


def test_seeding_again_invites_nobody_twice():
    seed()
    seed()

    assert Access.objects.count() == 1
