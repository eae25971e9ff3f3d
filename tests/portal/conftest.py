"""Young people with their own access, and a browser session signed in as one of them.

A test signs a young person in the way the sign-in page does once the code is right: the session
holds the id of their access (`portal.access.SESSION_KEY`)."""

import pytest
from django.test import Client

from portal.access import SESSION_KEY
from portal.services import access_invite
from tests.careleavers.records import add_young_person, allocate, years_ago


def invite(young_person, actor, email=None):
    """Invite `young_person`, as `actor` (their PA) would."""
    return access_invite(actor=actor, young_person=young_person,
                         email=email or f"{young_person.person_id.lower()}@example.com")


def signed_in_client(access) -> Client:
    """A browser signed in as the young person of `access`."""
    client = Client()
    session = client.session
    session[SESSION_KEY] = access.pk
    session.save()
    return client


@pytest.fixture
def young_person(staff, teams):
    """A care leaver in the north team, with `staff["pa"]` as their PA."""
    person = add_young_person(team=teams["north"], actor=staff["manager"], first_name="Sam",
                              date_of_birth=years_ago(19), email="sam@example.com")
    allocate(person, staff["pa"])
    return person


@pytest.fixture
def another_young_person(staff, teams):
    """Someone else: in the south team, with their own access."""
    person = add_young_person(team=teams["south"], actor=staff["other_manager"],
                              first_name="Riley", date_of_birth=years_ago(20))
    allocate(person, staff["other_pa"])
    return person


@pytest.fixture
def access(young_person, staff):
    return invite(young_person, staff["pa"])


@pytest.fixture
def another_access(another_young_person, staff):
    return invite(another_young_person, staff["other_pa"])


@pytest.fixture
def young_person_client(access):
    """A browser signed in as `young_person`."""
    return signed_in_client(access)
